/** The one delivery and debounce both content scripts use (lib/capture/delivery.ts). */
import { Delivery, debounce } from '@/lib/capture/delivery';

function fakeTimers() {
  let now = 0;
  const queue: { at: number; fn: () => void }[] = [];
  return {
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        queue.push({ at: now + ms, fn });
      },
      now: () => now,
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        queue.sort((a, b) => a.at - b.at);
        const next = queue[0];
        if (!next || next.at > end) break;
        queue.shift();
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
}

describe('debounce', () => {
  it('runs once after the burst settles', () => {
    const t = fakeTimers();
    const run = vi.fn();
    const poke = debounce(run, t.timers, { delayMs: 400, maxWaitMs: 2000 });
    for (let i = 0; i < 5; i++) {
      poke();
      t.advance(100);
    }
    expect(run).not.toHaveBeenCalled();
    t.advance(400);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('never waits longer than the maximum during a steady stream of changes', () => {
    const t = fakeTimers();
    const run = vi.fn();
    const poke = debounce(run, t.timers, { delayMs: 400, maxWaitMs: 2000 });
    for (let i = 0; i < 30; i++) {
      poke();
      t.advance(100);
    }
    // 3 s of pokes every 100 ms: at most one run per 2 s window, and at least one.
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(run.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('a longer delay asked for once (waiting for the account) is honoured', () => {
    const t = fakeTimers();
    const run = vi.fn();
    const poke = debounce(run, t.timers, { delayMs: 400, maxWaitMs: 2000 });
    poke(1000);
    t.advance(900);
    expect(run).not.toHaveBeenCalled();
    t.advance(200);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('Delivery', () => {
  it('keeps a batch until it is acknowledged, retrying with a growing delay', async () => {
    const t = fakeTimers();
    const replies: unknown[] = [{ ok: false, error: 'disk full' }, undefined, { ok: true }];
    const send = vi.fn(async () => replies.shift());
    const d = new Delivery<string>({ send, schedule: t.timers.setTimeout }, 10);
    d.enqueue('b1', 'capture', ['p1']);
    await Promise.resolve();
    await Promise.resolve();
    expect(d.pendingCount).toBe(1);
    t.advance(1000);
    await new Promise((r) => setTimeout(r, 0));
    expect(send).toHaveBeenCalledTimes(2);
    t.advance(2000);
    await new Promise((r) => setTimeout(r, 0));
    expect(send).toHaveBeenCalledTimes(3);
    expect(d.pendingCount).toBe(0);
    expect(d.knownPrints()('p1')).toBe(true);
  });

  it('forgets the oldest acknowledged fingerprints past its bound, the newest stay known', async () => {
    const d = new Delivery<string>({ send: async () => ({ ok: true }), schedule: () => {} }, 3);
    for (let i = 0; i < 5; i++) {
      d.enqueue(`b${i}`, 'c', [`p${i}`]);
      await new Promise((r) => setTimeout(r, 0));
    }
    const known = d.knownPrints();
    expect(['p0', 'p1', 'p2', 'p3', 'p4'].map(known)).toEqual([false, false, true, true, true]);
  });

  it('sends nothing once stopped', () => {
    const send = vi.fn(async () => ({ ok: true }));
    const d = new Delivery<string>({ send, schedule: () => {} }, 3);
    d.stop();
    d.enqueue('b', 'c', ['p']);
    d.flush();
    expect(send).not.toHaveBeenCalled();
  });
});
