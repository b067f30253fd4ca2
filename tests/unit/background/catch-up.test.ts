/**
 * The background's catch-up (entrypoints/background/catch-up.ts): whether a walk runs is known only there, so a
 * walk saved as running with none behind it is settled at the background's start and on Stop, and Stop answers it.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCatchUp } from '@/entrypoints/background/catch-up';
import { CATCH_UP_INTERRUPTED, CATCH_UP_KEY, type CatchUpProgress, saveCatchUp } from '@/lib/ingest/catch-up';
import type { SaveTeller } from '@/lib/store/quota';
import { freshDb } from '../store/helpers';

const ROOM = { usage: 1_000_000, quota: 100_000_000 };
const FULL = { usage: 1_000_000, quota: 1_500_000 };
const stale: CatchUpProgress = { state: 'running', page: 4, messages: 200, people: 30, limit: 2000, startedAt: 1 };

function setup(disk: { usage: number; quota: number } = ROOM) {
  const db = freshDb();
  const room = { disk };
  db.estimateRoom = async () => room.disk;
  const told: string[] = [];
  const saves: SaveTeller = {
    failed: (f) => told.push(`failed ${f.kind} ${f.reason}: ${f.notSaved}`),
    saved: () => {},
  };
  let walked = () => {};
  const walkEnded = () => new Promise<void>((r) => (walked = r));
  const catchUp = createCatchUp(db, () => walked(), saves);
  const saved = async () => (await db.kv.get(CATCH_UP_KEY))?.value;
  return { db, room, told, catchUp, saved, walkEnded };
}

/** A Gmail tab whose content script answers `answer` (a pending promise: a page that never answers). */
function gmailTab(answer: () => Promise<unknown>) {
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, active: true } as never]);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(answer as never);
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('at the background start', () => {
  it('rewrites a walk saved as running as stopped, in the words Options shows', async () => {
    const { db, catchUp, saved } = setup();
    await saveCatchUp(db, stale);
    const settled = await catchUp.settle();
    expect(settled).toMatchObject({ ...stale, state: 'stopped', message: CATCH_UP_INTERRUPTED });
    expect(await saved()).toEqual(settled);
  });

  it('leaves a walk that ended as it is', async () => {
    const { db, catchUp, saved } = setup();
    const done: CatchUpProgress = { ...stale, state: 'done', endedAt: 2, message: 'Reached the last page of Sent.' };
    await saveCatchUp(db, done);
    expect(await catchUp.settle()).toBeNull();
    expect(await saved()).toEqual(done);
  });
});

describe('status (asked by Options when the store says a walk runs)', () => {
  it('with no walk running, settles the stale walk and answers it; a settle the full disk refused is still answered', async () => {
    const { db, room, catchUp, saved } = setup();
    await saveCatchUp(db, stale);
    room.disk = FULL;
    const r = await catchUp.status();
    expect(r).toMatchObject({
      ok: true,
      running: false,
      progress: { state: 'stopped', message: CATCH_UP_INTERRUPTED },
    });
    // Not saved: the store still says running, and only this answer tells Options otherwise.
    expect(await saved()).toMatchObject({ state: 'running' });
    room.disk = ROOM;
    expect(await catchUp.status()).toMatchObject({ ok: true, running: false, progress: { state: 'stopped' } });
    expect(await saved()).toMatchObject({ state: 'stopped' });
    expect(await catchUp.status()).toEqual({ ok: true, running: false });
  });

  it('while a walk runs, says so and stops nothing', async () => {
    gmailTab(() => new Promise(() => {}));
    const { catchUp } = setup();
    expect(await catchUp.start(2000)).toEqual({ ok: true, tabId: 7 });
    expect(await catchUp.status()).toEqual({ ok: true, running: true });
    expect(await catchUp.start(2000)).toMatchObject({ ok: false, error: 'Tend is already catching up from Gmail' });
  });
});

describe('Stop', () => {
  it('with no walk running and nothing saved, answers that nothing runs', async () => {
    const { catchUp, saved } = setup();
    expect(await catchUp.stop()).toEqual({ ok: true, running: false });
    expect(await saved()).toBeUndefined();
  });

  it('with no walk running, settles a walk saved as running and answers what it says now', async () => {
    const { db, catchUp, saved } = setup();
    await saveCatchUp(db, stale);
    const r = await catchUp.stop();
    expect(r).toMatchObject({
      ok: true,
      running: false,
      progress: { state: 'stopped', page: 4, message: CATCH_UP_INTERRUPTED },
    });
    expect(await saved()).toEqual((r as { progress?: unknown }).progress);
  });

  it('while a walk runs, asks it to stop and says it runs', async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((r) => (answer = r));
    gmailTab(async () => {
      await answered;
      return { not: 'a page' };
    });
    const { catchUp, saved, walkEnded } = setup();
    const ended = walkEnded();
    expect(await catchUp.start(2000)).toEqual({ ok: true, tabId: 7 });
    expect(await catchUp.start(2000)).toMatchObject({ ok: false, error: 'Tend is already catching up from Gmail' });
    expect(await catchUp.stop()).toEqual({ ok: true, running: true });
    // The tab answers something else than a page: the walk ends, and its end is what is saved.
    answer();
    await ended;
    expect(await saved()).toMatchObject({ state: 'failed', message: expect.stringMatching(/does not understand/) });
    expect(await catchUp.stop()).toEqual({ ok: true, running: false });
  });

  it('after a walk the full disk ended, answers the end it could not save, and saves it once there is room', async () => {
    gmailTab(async () => ['#inbox', {}, null]);
    const { db, room, told, catchUp, saved, walkEnded } = setup();
    await saveCatchUp(db, stale);
    room.disk = FULL;
    const ended = walkEnded();
    expect(await catchUp.start(2000)).toMatchObject({ ok: true });
    await ended;
    const notSaved = 'catching up from Gmail, from page 1 of Sent on (start it again in Options)';
    // Told to the banners (its first save, then its end), never swallowed.
    expect(told).toEqual([`failed catch-up disk-full: ${notSaved}`, `failed catch-up disk-full: ${notSaved}`]);
    expect(await saved()).toEqual(stale);

    const r = await catchUp.stop();
    expect(r).toMatchObject({
      ok: true,
      running: false,
      progress: {
        state: 'failed',
        page: 0,
        message:
          'Tend could not save: the disk is full, so the walk stopped before reading Sent. Start again once there is room: pages already read count once.',
      },
    });
    expect(await saved()).toEqual(stale);

    room.disk = ROOM;
    expect(await catchUp.stop()).toEqual(r);
    expect(await saved()).toEqual((r as { progress?: unknown }).progress);
  });
});
