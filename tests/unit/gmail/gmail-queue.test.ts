// @vitest-environment happy-dom
import { CaptureQueue } from '@/lib/capture/gmail-queue';
import { type GmailScan, scanGmailPage } from '../../../lib/capture/gmail-extract';
import type { GmailCapture } from '../../../lib/ingest/raw';
import { fixtureDoc } from './fixtures';

const scanOf = (file: string, hash = 'inbox') =>
  scanGmailPage(fixtureDoc(file), `https://mail.google.com/mail/u/0/#${hash}`);

function harness(answer: (c: GmailCapture) => Promise<unknown> = async () => ({ ok: true })) {
  const sent: GmailCapture[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  let n = 0;
  const queue = new CaptureQueue({
    send: (c) => {
      sent.push(c);
      return answer(c);
    },
    newId: () => `batch-${++n}`,
    schedule: (fn, ms) => timers.push({ fn, ms }),
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { queue, sent, timers, settle };
}

describe('CaptureQueue', () => {
  it('sends what is new once, and nothing when nothing changed', async () => {
    const h = harness();
    h.queue.offer(scanOf('inbox.html'));
    await h.settle();
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.rows).toHaveLength(7);
    expect(h.sent[0]?.batchId).toBe('batch-1');
    h.queue.offer(scanOf('inbox.html'));
    await h.settle();
    expect(h.sent).toHaveLength(1);
    expect(h.queue.pendingCount).toBe(0);
  });

  it('sends only the rows that changed', async () => {
    const h = harness();
    h.queue.offer(scanOf('inbox.html'));
    await h.settle();
    const next = scanOf('inbox.html');
    const first = next.rows[0];
    if (first) first.dateTitle = 'Wed, Nov 26, 2025, 8:00 AM';
    h.queue.offer(next);
    await h.settle();
    expect(h.sent).toHaveLength(2);
    expect(h.sent[1]?.rows.map((r) => r.subject)).toEqual(['Lunch next week?']);
  });

  it('keeps a batch the background could not save (a full disk) and sends it again, same id, until there is room', async () => {
    let room = false;
    const h = harness(async () =>
      room
        ? { ok: true }
        : {
            ok: false,
            reason: 'disk-full',
            error: 'Tend could not save: the disk is full (not saved: a Gmail capture)',
          },
    );
    h.queue.offer(scanOf('inbox.html'));
    await h.settle();
    expect(h.queue.pendingCount).toBe(1);
    // Retries back off (1 s, 2 s, 4 s ...) while the disk stays full; the batch is never dropped.
    for (const wait of [1_000, 2_000, 4_000]) {
      expect(h.timers.at(-1)?.ms).toBe(wait);
      h.timers.at(-1)?.fn();
      await h.settle();
      expect(h.queue.pendingCount).toBe(1);
    }
    room = true;
    h.timers.at(-1)?.fn();
    await h.settle();
    expect(h.queue.pendingCount).toBe(0);
    expect(new Set(h.sent.map((c) => c.batchId))).toEqual(new Set(['batch-1']));
    expect(h.sent).toHaveLength(5);
  });

  it('keeps a batch until it is acknowledged and re-sends it with the same id', async () => {
    let up = false;
    const h = harness(async () => {
      if (!up) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ok: true };
    });
    h.queue.offer(scanOf('inbox.html'));
    await h.settle();
    expect(h.sent).toHaveLength(1);
    expect(h.queue.pendingCount).toBe(1);
    expect(h.timers).toHaveLength(1);

    // The next scan sees nothing new but re-sends what is waiting; the rows are not duplicated into a new batch.
    h.queue.offer(scanOf('inbox.html'));
    await h.settle();
    expect(h.sent.map((c) => c.batchId)).toEqual(['batch-1', 'batch-1']);

    up = true;
    h.timers[0]?.fn();
    await h.settle();
    expect(h.sent.map((c) => c.batchId)).toEqual(['batch-1', 'batch-1', 'batch-1']);
    expect(h.queue.pendingCount).toBe(0);
  });

  it('treats an answer other than { ok: true } as not stored, and backs off', async () => {
    const h = harness(async () => ({ ok: false, error: 'busy' }));
    h.queue.offer(scanOf('inbox.html'));
    await h.settle();
    h.timers.shift()?.fn();
    await h.settle();
    h.timers.shift()?.fn();
    await h.settle();
    expect(h.queue.pendingCount).toBe(1);
    expect(h.sent).toHaveLength(3);
    expect(h.timers[0]?.ms).toBe(4000);
  });

  it('sends an opened thread again when a message appears or expands', async () => {
    const h = harness();
    const full = scanOf('thread-long.html', 'inbox/19ab3c4d5e6f9026');
    const partial: GmailScan = {
      ...full,
      thread: full.thread && { ...full.thread, messages: full.thread.messages.slice(0, 12) },
    };
    h.queue.offer(partial);
    await h.settle();
    h.queue.offer(partial);
    await h.settle();
    h.queue.offer(full);
    await h.settle();
    expect(h.sent.map((c) => c.thread?.messages.length)).toEqual([12, 13]);
  });

  it('reports a page it does not recognise, once, and then its recovery', async () => {
    const h = harness();
    h.queue.offer(scanOf('unknown-layout.html'));
    h.queue.offer(scanOf('unknown-layout.html'));
    await h.settle();
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.health.recognised).toBe(false);
    h.queue.offer(scanOf('empty-inbox.html'));
    await h.settle();
    expect(h.sent).toHaveLength(2);
    expect(h.sent[1]?.health).toEqual({ recognised: true, hasContent: false });
    h.queue.offer(scanOf('loading.html'));
    await h.settle();
    expect(h.sent).toHaveLength(2);
  });

  it('stops when the extension context goes away', async () => {
    const h = harness(async () => {
      throw new Error('Extension context invalidated.');
    });
    h.queue.offer(scanOf('inbox.html'));
    await h.settle();
    h.queue.stop();
    h.timers[0]?.fn();
    h.queue.offer(scanOf('sent.html', 'sent'));
    await h.settle();
    expect(h.sent).toHaveLength(1);
  });

  it('says where the tab went even when nothing there is new (the sidebar follows)', async () => {
    const h = harness();
    const list = scanOf('inbox.html');
    const opened = scanOf('thread-long.html', 'inbox/19ab3c4d5e6f9026');
    h.queue.offer(list, '/mail/u/0/#inbox');
    h.queue.offer(opened, '/mail/u/0/#inbox/19ab3c4d5e6f9026');
    await h.settle();
    expect(h.sent.map((c) => [c.rows.length, c.thread?.messages.length])).toEqual([
      [7, undefined],
      [0, 13],
    ]);
    // Back to the inbox it has already sent: a light batch with no thread.
    h.queue.offer(list, '/mail/u/0/#inbox');
    await h.settle();
    expect(h.sent[2]).toMatchObject({ rows: [], view: 'inbox' });
    expect(h.sent[2]?.thread).toBeUndefined();
    // The same place again: nothing.
    h.queue.offer(list, '/mail/u/0/#inbox');
    await h.settle();
    expect(h.sent).toHaveLength(3);
    // Into the thread seen before: it is named again.
    h.queue.offer(opened, '/mail/u/0/#inbox/19ab3c4d5e6f9026');
    await h.settle();
    expect(h.sent).toHaveLength(4);
    expect(h.sent[3]?.rows).toEqual([]);
    expect(h.sent[3]?.thread?.legacyThreadId).toBe('19ab3c4d5e6f9026');
    // The hash moved before the page did (Gmail renders after): the move is sent once the thread is gone.
    h.queue.offer(opened, '/mail/u/0/#sent');
    h.queue.offer(list, '/mail/u/0/#sent');
    await h.settle();
    expect(h.sent).toHaveLength(6);
    expect(h.sent[5]?.thread).toBeUndefined();
  });
});
