/**
 * The Sent walk (lib/ingest/catch-up.ts) against a fake Gmail tab that redraws a moment after each hash change:
 * where it ends (Older disabled, an empty page, a page Gmail does not change to, the limit, Stop, a layout Tend
 * does not recognise), that every row is ingested once, and that the tab goes back where the user was. Then a
 * full disk mid-walk (told to the banners, never swallowed) and the one rule for a saved walk with none behind it.
 */

import {
  CATCH_UP_INTERRUPTED,
  CATCH_UP_KEY,
  type CatchUpDeps,
  type CatchUpProgress,
  runCatchUp,
  saveCatchUp,
  sentPageHash,
  settleCatchUp,
  settledCatchUp,
} from '@/lib/ingest/catch-up';
import type { GmailRowRaw } from '@/lib/ingest/raw';
import { type SaveTeller, StoreWriteError } from '@/lib/store/quota';
import { freshDb } from '../store/helpers';

const row = (n: number): GmailRowRaw => ({
  subject: `Subject ${n}`,
  people: [{ email: `p${n % 7}@example.com`, name: `P${n % 7}` }],
  dateTitle: 'Sun, Nov 1, 2026, 4:01\u202fPM',
  unread: false,
  legacyThreadId: `19c0ffee${n.toString(16).padStart(8, '0')}`,
});

interface FakeTab {
  pages: GmailRowRaw[][];
  /** How many asks a redraw takes after the hash changed. */
  lag?: number;
  olderState?: (page: number) => 'enabled' | 'disabled' | 'absent';
  recognised?: (page: number) => boolean;
  /** Pages past the end show the last page's rows again (a Gmail that ignores the hash). */
  sticky?: boolean;
  start?: string;
}

function harness(tab: FakeTab, opts: { stopAfterPages?: number } = {}) {
  let hash = tab.start ?? '#inbox';
  let shown = hash;
  let pending = 0;
  let clock = 0;
  const hashes: string[] = [];
  const ingested: string[] = [];
  const saved: CatchUpProgress[] = [];
  const pageOf = (h: string) => (h === '#sent' ? 1 : Number(/^#sent\/p(\d+)$/.exec(h)?.[1] ?? 0));
  const rowsOf = (h: string) => {
    const p = pageOf(h);
    if (p === 0) return [];
    return tab.pages[p - 1] ?? (tab.sticky ? (tab.pages[tab.pages.length - 1] ?? []) : []);
  };
  const deps: CatchUpDeps = {
    ask: async (h) => {
      if (h !== undefined && h !== hash) {
        hash = h;
        hashes.push(h);
        pending = tab.lag ?? 2;
      }
      if (pending > 0) pending--;
      else shown = hash;
      const p = pageOf(shown);
      return [
        hash,
        {
          account: 'me@example.com',
          accountIndex: 0,
          view: p ? 'sent' : 'inbox',
          rows: rowsOf(shown),
          health: { recognised: tab.recognised?.(p) ?? true, hasContent: true },
        },
        { enabled: 'false', disabled: 'true', absent: null }[
          tab.olderState?.(p) ?? (p >= tab.pages.length ? 'disabled' : 'enabled')
        ],
      ];
    },
    ingest: async (capture) => {
      for (const r of capture.rows) ingested.push(r.legacyThreadId ?? '');
      return { contacts: capture.rows.flatMap((r) => r.people.map((x) => x.email)) };
    },
    save: async (p) => {
      saved.push(p);
    },
    sleep: async (ms) => {
      clock += ms;
    },
    now: () => clock,
    stopRequested: () =>
      opts.stopAfterPages !== undefined && saved.filter((s) => s.page > 0).length >= opts.stopAfterPages,
    newId: () => `b${saved.length}`,
  };
  return {
    deps,
    hashes,
    ingested,
    saved,
    get hash() {
      return hash;
    },
  };
}

const pages = (...sizes: number[]) => {
  let n = 0;
  return sizes.map((s) => Array.from({ length: s }, () => row(++n)));
};

describe('runCatchUp', () => {
  it('walks #sent, #sent/p2, #sent/p3 to the page whose Older is disabled, then puts the tab back', async () => {
    const h = harness({ pages: pages(3, 3, 2), start: '#label/Clients' });
    const end = await runCatchUp(h.deps, 2000);
    expect(end).toMatchObject({ state: 'done', page: 3, messages: 8, people: 7 });
    expect(end.message).toBe('Reached the last page of Sent (page 3).');
    expect(h.hashes).toEqual(['#sent', '#sent/p2', '#sent/p3', '#label/Clients']);
    expect(h.hash).toBe('#label/Clients');
    expect(new Set(h.ingested).size).toBe(8);
    expect(h.ingested.length).toBe(8);
    // Progress after every page, for Options.
    expect(h.saved.map((s) => [s.state, s.page, s.messages])).toEqual([
      ['running', 0, 0],
      ['running', 1, 3],
      ['running', 2, 6],
      ['running', 3, 8],
      ['done', 3, 8],
    ]);
  });

  it('ends at an empty page when there is no Older button', async () => {
    const h = harness({ pages: pages(2, 2), olderState: () => 'absent' });
    const end = await runCatchUp(h.deps);
    expect(end).toMatchObject({
      state: 'done',
      page: 2,
      messages: 4,
      message: 'Reached the end of Sent after page 2.',
    });
    expect(h.hashes).toEqual(['#sent', '#sent/p2', '#sent/p3', '#inbox']);
  });

  it('ends when Gmail keeps showing the same rows for the next page', async () => {
    const h = harness({ pages: pages(2, 2), olderState: () => 'absent', sticky: true });
    const end = await runCatchUp(h.deps);
    expect(end).toMatchObject({ state: 'done', page: 2, messages: 4 });
    expect(end.message).toMatch(/no page 3/);
    expect(h.ingested.length).toBe(4);
  });

  it('stops at the limit, mid-page, with exactly that many messages read', async () => {
    const h = harness({ pages: pages(50, 50, 50) });
    const end = await runCatchUp(h.deps, 70);
    expect(end).toMatchObject({ state: 'done', page: 2, messages: 70 });
    expect(end.message).toBe('Stopped at your limit of 70 messages.');
    expect(h.ingested.length).toBe(70);
    expect(h.hash).toBe('#inbox');
  });

  it('Stop ends the walk after the page being read, and the tab goes back', async () => {
    const h = harness({ pages: pages(5, 5, 5, 5) }, { stopAfterPages: 2 });
    const end = await runCatchUp(h.deps);
    expect(end).toMatchObject({ state: 'stopped', page: 2, messages: 10 });
    expect(h.hash).toBe('#inbox');
  });

  it('a page Tend does not recognise stops the walk and says so (nothing of it is read)', async () => {
    const h = harness({ pages: pages(3, 3, 3), recognised: (p) => p !== 2 });
    const end = await runCatchUp(h.deps);
    expect(end.state).toBe('failed');
    expect(end.message).toMatch(/Sent page 2 was not recognised/);
    expect(h.ingested.length).toBe(3);
    expect(h.hash).toBe('#inbox');
  });

  it('a tab that goes away mid-walk is a failure in words, never a throw', async () => {
    const h = harness({ pages: pages(3, 3) });
    const ask = h.deps.ask;
    let calls = 0;
    h.deps.ask = async (hash) => {
      if (++calls > 6) throw new Error('Could not establish connection. Receiving end does not exist.');
      return ask(hash);
    };
    const end = await runCatchUp(h.deps);
    expect(end.state).toBe('failed');
    expect(end.message).toMatch(/Receiving end does not exist/);
  });

  it('an answer that is not a page report is refused', async () => {
    const h = harness({ pages: pages(1) });
    h.deps.ask = async () => ({ hash: 5, scan: 'rows' });
    expect(await runCatchUp(h.deps)).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/does not understand/),
    });
  });

  it('page hashes', () => {
    expect([1, 2, 10].map(sentPageHash)).toEqual(['#sent', '#sent/p2', '#sent/p10']);
  });
});

/** A save-failure teller that records what the banners would be told. */
function teller() {
  const told: string[] = [];
  const saves: SaveTeller = {
    failed: (f) => told.push(`failed ${f.kind} ${f.reason}: ${f.notSaved}`),
    saved: (kind) => told.push(`saved ${kind}`),
  };
  return { told, saves, failures: () => told.filter((t) => t.startsWith('failed')) };
}

const ROOM = { usage: 1_000_000, quota: 100_000_000 };
const FULL = { usage: 1_000_000, quota: 1_500_000 };
const savedWalk = async (db: ReturnType<typeof freshDb>) => (await db.kv.get(CATCH_UP_KEY))?.value;

describe('a full disk during the walk', () => {
  it('tells the refused page and the refused end to the banners, answers why, and Stop or the next start settles the saved walk', async () => {
    const db = freshDb();
    let disk = ROOM;
    db.estimateRoom = async () => disk;
    const { saves, failures, told } = teller();
    const h = harness({ pages: pages(3, 3, 3) });
    const ingest = h.deps.ingest;
    h.deps.saves = saves;
    h.deps.save = (p) => saveCatchUp(db, p);
    h.deps.ingest = async (capture) => {
      if (h.ingested.length < 3) return ingest(capture);
      // Page 2: the disk fills, the capture is refused, and every write after it too (the end's save included).
      disk = FULL;
      throw new StoreWriteError('disk-full', 'a Gmail capture');
    };

    const end = await runCatchUp(h.deps);
    expect(end).toMatchObject({ state: 'failed', page: 1, messages: 3 });
    expect(end.message).toBe(
      'Tend could not save: the disk is full, so the walk stopped after page 1 of Sent. Start again once there is room: pages already read count once.',
    );
    expect(h.hash).toBe('#inbox');
    // Told, not swallowed: the refused page, then the refused end (saying the same, so the banner keeps it).
    const notSaved = 'catching up from Gmail, from page 2 of Sent on (start it again in Options)';
    expect(failures()).toEqual([`failed catch-up disk-full: ${notSaved}`, `failed catch-up disk-full: ${notSaved}`]);
    // What Options reads still says running: the walk alone cannot fix it.
    expect(await savedWalk(db)).toMatchObject({ state: 'running', page: 1 });

    // Stop, no walk running, the disk still full: answered with the walk's end, told again, nothing written.
    expect(await settleCatchUp(db, { walking: () => false, ended: end, now: 9, saves })).toEqual(end);
    expect(failures()).toHaveLength(3);
    expect(await savedWalk(db)).toMatchObject({ state: 'running' });

    // Room again: Stop saves the walk's own end, and the banner still names the pages not saved (only a walk
    // that saves pages again clears it).
    disk = ROOM;
    expect(await settleCatchUp(db, { walking: () => false, ended: end, now: 9, saves })).toEqual(end);
    expect(await savedWalk(db)).toEqual(end);
    expect(told.slice(told.indexOf(failures()[0] as string))).not.toContain('saved catch-up');
    const again = harness({ pages: pages(3) });
    again.deps.saves = saves;
    again.deps.save = (p) => saveCatchUp(db, p);
    await runCatchUp(again.deps);
    expect(told.at(-1)).toBe('saved catch-up');
  });

  it('after a restart (the walk is no longer known), the saved walk becomes stopped in words at start-up', async () => {
    const db = freshDb();
    db.estimateRoom = async () => ROOM;
    const h = harness({ pages: pages(3, 3, 3) });
    // The background stops after page 1 (the browser closes): nothing after that reaches the store.
    h.deps.save = (p) => (p.state === 'running' && p.page <= 1 ? saveCatchUp(db, p) : Promise.resolve());
    await runCatchUp(h.deps);
    expect(await savedWalk(db)).toMatchObject({ state: 'running', page: 1 });

    const settled = await settleCatchUp(db, { walking: () => false, now: 1_000 });
    expect(settled).toMatchObject({ state: 'stopped', page: 1, messages: 3, endedAt: 1_000 });
    expect(settled?.message).toBe(CATCH_UP_INTERRUPTED);
    expect(await savedWalk(db)).toEqual(settled);
  });

  it('the start-up clean-up refused for room is told, and still answers what the walk says', async () => {
    const db = freshDb();
    const stale: CatchUpProgress = { state: 'running', page: 4, messages: 200, people: 30, limit: 2000, startedAt: 1 };
    await saveCatchUp(db, stale);
    db.estimateRoom = async () => FULL;
    const { saves, failures } = teller();
    expect(await settleCatchUp(db, { walking: () => false, now: 5, saves })).toMatchObject({
      state: 'stopped',
      page: 4,
      message: CATCH_UP_INTERRUPTED,
    });
    expect(failures()).toEqual([
      'failed catch-up disk-full: the end of catching up from Gmail (Options shows where it stopped)',
    ]);
    expect(await savedWalk(db)).toEqual(stale);
  });

  it('a walk that starts while the clean-up writes is never called stopped', async () => {
    const db = freshDb();
    const walk: CatchUpProgress = { state: 'running', page: 0, messages: 0, people: 0, limit: 2000, startedAt: 1 };
    await saveCatchUp(db, walk);
    let asked = 0;
    // Not walking when first read; walking when asked again inside the write.
    expect(await settleCatchUp(db, { walking: () => ++asked > 1, now: 5 })).toBeNull();
    expect(await savedWalk(db)).toEqual(walk);
  });
});

describe('settledCatchUp', () => {
  const running: CatchUpProgress = { state: 'running', page: 2, messages: 100, people: 9, limit: 2000, startedAt: 1 };
  const ended: CatchUpProgress = { ...running, page: 3, state: 'failed', endedAt: 4, message: 'Tend could not save' };
  it.each([
    [
      'a saved walk with none running: stopped, in words',
      running,
      false,
      undefined,
      { ...running, state: 'stopped', endedAt: 7, message: CATCH_UP_INTERRUPTED },
    ],
    ['a saved walk this background ended: how it ended', running, false, ended, ended],
    ['a walk running here: true as it is', running, true, undefined, null],
    ['a finished walk: true as it is', { ...running, state: 'done' }, false, undefined, null],
    ['nothing saved', undefined, false, undefined, null],
    ['something that is no walk', { state: 'running', page: 'two' }, false, undefined, null],
  ] as const)('%s', (_, saved, walking, last, expected) => {
    expect(settledCatchUp(saved, walking, last, 7)).toEqual(expected);
  });
});
