import { CalendarQueue } from '@/lib/capture/calendar-queue';
import type { CalendarPage } from '../../../lib/capture/calendar-extract';
import type { CalendarCapture } from '../../../lib/ingest/raw';

const page = (labels: string[], guests: string[] = []): CalendarPage => ({
  view: 'week',
  chips: labels.map((l, i) => ({ eventIdRaw: `id${i}`, label: l, allDay: false })),
  ...(guests.length
    ? { dialog: { eventIdRaw: 'id0', title: 'T', guests: guests.map((email) => ({ email, name: '' })) } }
    : {}),
  health: { recognised: true, hasContent: labels.length > 0 },
});
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('CalendarQueue', () => {
  it('sends only what is new and forgets a batch once acknowledged', async () => {
    const sent: CalendarCapture[] = [];
    let n = 0;
    const q = new CalendarQueue({
      send: async (c) => (sent.push(c), { ok: true }),
      newId: () => `b${n++}`,
      schedule: () => {},
    });
    q.offer(page(['a', 'b']), { account: 'me@x.com', lang: 'en' });
    await flush();
    q.offer(page(['a', 'b']), { account: 'me@x.com', lang: 'en' });
    q.offer(page(['a', 'b', 'c']), { account: 'me@x.com', lang: 'en' });
    await flush();
    expect(sent.map((c) => c.chips.map((x) => x.label))).toEqual([['a', 'b'], ['c']]);
    expect(q.pendingCount).toBe(0);
  });

  it('re-sends the same batch until the background acknowledges it', async () => {
    const sent: string[] = [];
    const timers: (() => void)[] = [];
    let ok = false;
    const q = new CalendarQueue({
      send: async (c) => {
        sent.push(c.batchId);
        if (!ok) throw new Error('service worker restarting');
        return { ok: true };
      },
      newId: () => 'b1',
      schedule: (fn) => timers.push(fn),
    });
    q.offer(page(['a'], ['x@y.com']), { account: '', lang: 'en' });
    await flush();
    expect(q.pendingCount).toBe(1);
    ok = true;
    timers.shift()!();
    await flush();
    expect(sent).toEqual(['b1', 'b1']);
    expect(q.pendingCount).toBe(0);
  });
});
