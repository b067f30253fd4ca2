/**
 * "Catch up from Gmail": the Sent view's pages, walked in the user's own Gmail tab as a user pressing Older
 * would (`#sent`, `#sent/p2`, `#sent/p3` …), each page read by the same capture as any other page. No request
 * of Tend's own: the content script only sets `location.hash` when told, and reports what the page shows.
 *
 * The walk ends at the last page (Older disabled, a page with no rows, or a page Gmail does not change to),
 * at the user's limit, or on Stop; when Gmail's page stops being recognised it stops and says so. Then the tab
 * goes back to where the user was. Progress (page, messages, people) is saved after every page for Options.
 * A write the store refuses (a full disk) ends the walk, and is told to the save-failure banners as the catch-up's
 * own failure (SaveKind 'catch-up'): only a later catch-up's save clears it, never a page captured meanwhile.
 *
 * Whether a walk runs lives only in the background's memory; Options reads the progress saved in the store. So a
 * saved `running` with no walk behind it (the background stopped mid-walk, or the walk's last save was refused) is
 * stale, and settledCatchUp alone decides what it becomes.
 *
 * Runtime-free: the background passes the tab messaging, the ingest, the clock, a sleep and the store.
 */
import { z } from 'zod';
import type { TendDB } from '../store/db';
import {
  classifyWriteError,
  FAILURE_TEXT,
  type SaveTeller,
  StoreWriteError,
  saveOrSay,
  type WriteFailure,
  writeTransaction,
} from '../store/quota';
import { GmailCapture } from './raw';

export const CATCH_UP_KEY = 'catchUp';
export const CATCH_UP_DEFAULT_LIMIT = 2_000;
/** How often the page is asked whether it has drawn the requested page, and for how long at most. */
export const CATCH_UP_POLL_MS = 250;
export const CATCH_UP_PAGE_WAIT_MS = 15_000;
/** An empty list is believed once it has stayed empty this long (Gmail may take seconds to draw a page). */
export const CATCH_UP_EMPTY_SETTLE_MS = 5_000;

/** The walk as saved for Options (and as Stop answers it when no walk runs). */
export const CatchUpProgress = z.object({
  state: z.enum(['running', 'done', 'stopped', 'failed']),
  page: z.number(),
  messages: z.number(),
  people: z.number(),
  limit: z.number(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  /** In words: why it ended ("Reached the last page of Sent."), or what went wrong. */
  message: z.string().optional(),
});
export type CatchUpProgress = z.output<typeof CatchUpProgress>;

/** What a saved `running` says once no walk is behind it and this background does not know how it ended. */
export const CATCH_UP_INTERRUPTED =
  'Stopped: Tend was closed while it was reading (the browser closed, or Tend was updated or restarted). Start again to go on: pages already read count once.';

/**
 * What the Gmail content script answers, `[hash, scan, aria-disabled of Older]` (an array: every byte of the
 * content script counts), validated (it comes from a page) into a report.
 */
export const CatchUpPageReport = z
  .tuple([z.string().max(2000), GmailCapture.omit({ batchId: true }), z.string().max(20).nullable()])
  .transform(([hash, scan, older]) => ({
    hash,
    scan,
    older: older === null ? ('absent' as const) : older === 'true' ? ('disabled' as const) : ('enabled' as const),
  }));
export type CatchUpPageReport = z.output<typeof CatchUpPageReport>;

export interface CatchUpDeps {
  /** Tells the tab to go to `hash` (when given) and answers what it shows now. Throws when the tab is gone. */
  ask: (hash?: string) => Promise<unknown>;
  /** Records one page's rows; answers the people (contacts) the rows were touches with. */
  ingest: (capture: GmailCapture) => Promise<{ contacts: readonly string[] }>;
  save: (progress: CatchUpProgress) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** True once the user pressed Stop. */
  stopRequested: () => boolean;
  newId: () => string;
  /** Where a refused write is told (the save-failure banners), and cleared once one succeeds. */
  saves?: SaveTeller;
}

/** The hash of page `n` of Sent (`#sent`, `#sent/p2` …). */
export const sentPageHash = (n: number) => (n <= 1 ? '#sent' : `#sent/p${n}`);

const signature = (r: CatchUpPageReport) =>
  r.scan.rows.map((row) => row.legacyThreadId ?? row.threadId ?? `${row.subject}|${row.dateTitle}`).join(',');

async function report(deps: CatchUpDeps, hash?: string): Promise<CatchUpPageReport> {
  const raw = await deps.ask(hash);
  const parsed = CatchUpPageReport.safeParse(raw);
  if (!parsed.success) throw new Error('the Gmail tab answered something Tend does not understand');
  return parsed.data;
}

/**
 * Waits until the tab shows `hash` with rows other than the previous page's (Gmail draws a page some time after
 * the hash changes). An empty page counts once it has stayed empty a moment; a page Gmail does not recognise
 * counts only when it stays so to the end of the wait (a page mid-redraw is not a layout change). Null when the
 * tab never showed the page.
 */
async function pageShown(deps: CatchUpDeps, hash: string, previous: string): Promise<CatchUpPageReport | null> {
  let r = await report(deps, hash);
  const start = deps.now();
  for (;;) {
    const drawn = r.hash === hash && r.scan.view === 'sent';
    const sig = signature(r);
    const waited = deps.now() - start;
    if (drawn && r.scan.health.recognised) {
      if (sig !== '' && sig !== previous) return r;
      if (sig === '' && waited >= CATCH_UP_EMPTY_SETTLE_MS) return r;
    }
    if (waited >= CATCH_UP_PAGE_WAIT_MS || deps.stopRequested()) return drawn && !r.scan.health.recognised ? r : null;
    await deps.sleep(CATCH_UP_POLL_MS);
    r = await report(deps);
  }
}

/**
 * A teller that tells refused writes and clears nothing: for the writes that only say how a walk stands (its end,
 * a stale walk settled), whose success does not bring back the Sent pages an earlier refusal left unsaved. Only
 * a walk's own pages and progress, saved again, clear a catch-up's failure.
 */
function toldOnly(saves: SaveTeller | undefined): SaveTeller | undefined {
  return saves && { failed: (f) => saves.failed(f), saved: () => undefined };
}

/** What the banners name when the walk could not save from page `page` on. */
const notSavedFrom = (page: number) =>
  `catching up from Gmail, from page ${page} of Sent on (start it again in Options)`;
/** What the banners name when only the walk's end could not be saved. */
const END_NOT_SAVED = 'the end of catching up from Gmail (Options shows where it stopped)';

/** Why the walk ended on a refused write, in words: "Tend could not save: the disk is full, so …". */
function notSavedWords(reason: WriteFailure, page: number): string {
  const where = page === 0 ? 'before reading Sent' : `after page ${page} of Sent`;
  const again = reason === 'disk-full' ? 'Start again once there is room' : 'Start again to go on';
  return `${FAILURE_TEXT[reason]}, so the walk stopped ${where}. ${again}: pages already read count once.`;
}

/**
 * One write of the walk, as every write the user waits for (saveOrSay): a refused one is told to the banners as
 * `notSaved` and thrown as a StoreWriteError naming it, so that the walk ends there.
 */
async function written<T>(
  deps: CatchUpDeps,
  write: () => Promise<T>,
  notSaved: string,
  { clears = true }: { clears?: boolean } = {},
): Promise<T> {
  const r = await saveOrSay('catch-up', write, clears ? deps.saves : toldOnly(deps.saves), deps.now, notSaved);
  if (!r.ok) throw new StoreWriteError(r.reason, notSaved);
  return r.value;
}

/**
 * Walks Sent page by page; never throws (a failure is a `failed` progress that says why). The end it answers is
 * the truth even when its save was refused (then told to the banners): the background keeps it for Stop.
 */
export async function runCatchUp(deps: CatchUpDeps, limit = CATCH_UP_DEFAULT_LIMIT): Promise<CatchUpProgress> {
  const progress: CatchUpProgress = { state: 'running', page: 0, messages: 0, people: 0, limit, startedAt: deps.now() };
  const people = new Set<string>();
  const finish = async (state: CatchUpProgress['state'], message: string, notSaved = END_NOT_SAVED) => {
    progress.state = state;
    progress.message = message;
    progress.endedAt = deps.now();
    const end = { ...progress };
    try {
      await written(deps, () => deps.save(end), notSaved, { clears: false });
    } catch (e) {
      // A refused save was told by written(); anything else that kept the end from the store is told here.
      if (!(e instanceof StoreWriteError))
        deps.saves?.failed({ kind: 'catch-up', reason: classifyWriteError(e), notSaved, at: deps.now() });
    }
    return end;
  };
  let home: string | undefined;
  try {
    await written(deps, () => deps.save({ ...progress }), notSavedFrom(1));
    home = (await report(deps)).hash;
    let previous = '';
    for (let n = 1; ; n++) {
      if (deps.stopRequested()) return await finish('stopped', `Stopped on page ${progress.page}.`);
      const hash = sentPageHash(n);
      const r = await pageShown(deps, hash, previous);
      if (!r) {
        return await finish(
          n === 1 ? 'failed' : 'done',
          n === 1 ? 'Gmail did not show the Sent page.' : `Gmail showed no page ${n}: that was the last one.`,
        );
      }
      if (!r.scan.health.recognised) {
        return await finish(
          'failed',
          `Gmail's Sent page ${n} was not recognised${r.scan.health.problem ? ` (${r.scan.health.problem})` : ''}: stopped, so nothing is read wrongly.`,
        );
      }
      if (r.scan.rows.length === 0) {
        return await finish('done', n === 1 ? 'Sent is empty.' : `Reached the end of Sent after page ${n - 1}.`);
      }
      const room = limit - progress.messages;
      const rows = r.scan.rows.slice(0, room);
      const { contacts } = await written(
        deps,
        () => deps.ingest({ ...r.scan, rows, batchId: deps.newId() }),
        notSavedFrom(n),
      );
      for (const c of contacts) people.add(c);
      progress.page = n;
      progress.messages += rows.length;
      progress.people = people.size;
      await written(deps, () => deps.save({ ...progress }), notSavedFrom(n + 1));
      previous = signature(r);
      if (progress.messages >= limit)
        return await finish('done', `Stopped at your limit of ${limit.toLocaleString('en-US')} messages.`);
      if (r.older === 'disabled') return await finish('done', `Reached the last page of Sent (page ${n}).`);
    }
  } catch (e) {
    if (e instanceof StoreWriteError) return await finish('failed', notSavedWords(e.reason, progress.page), e.notSaved);
    return await finish('failed', `The walk stopped: ${e instanceof Error ? e.message : String(e)}.`);
  } finally {
    // Back where the user was (best effort: the tab may be gone).
    if (home !== undefined) await deps.ask(home).catch(() => undefined);
  }
}

/**
 * What the saved progress must say now, the one rule for a stale walk: with no walk running in this background
 * (`walking` false), a saved `running` is no walk at all. It becomes how this background's last walk ended
 * (`ended`: its own last save was refused), else `stopped`, in words the user reads (CATCH_UP_INTERRUPTED): the
 * background that ran it stopped mid-walk (browser closed, Tend updated or reloaded, a crash). Null: the saved
 * progress is true as it is.
 */
export function settledCatchUp(
  saved: unknown,
  walking: boolean,
  ended: CatchUpProgress | undefined,
  now: number,
): CatchUpProgress | null {
  if (walking) return null;
  const p = CatchUpProgress.safeParse(saved);
  if (!p.success || p.data.state !== 'running') return null;
  return ended ?? { ...p.data, state: 'stopped', endedAt: now, message: CATCH_UP_INTERRUPTED };
}

/** Saves the walk's progress where Options reads it (one small write; a refusal throws StoreWriteError). */
export function saveCatchUp(db: TendDB, progress: CatchUpProgress): Promise<void> {
  return writeTransaction(db, [db.kv], 'the progress of catching up from Gmail', async () => {
    await db.kv.put({ key: CATCH_UP_KEY, value: progress });
  });
}

export interface SettleContext {
  /** Whether a walk runs in this background now (asked again inside the write, so a walk just started stays). */
  walking: () => boolean;
  /** How this background's last walk ended, if it ran one. */
  ended?: CatchUpProgress | undefined;
  now: number;
  saves?: SaveTeller | undefined;
}

/**
 * Rewrites a stale saved walk (settledCatchUp): at the background's start, and, with no walk running, when Options
 * asks whether one runs or the user presses Stop. The rule is asked again inside the write's transaction, so a walk
 * that started meanwhile is never called stopped. A refused write is told to the banners; a saved one clears
 * nothing there (they keep naming what the walk could not save). Answers what the progress says now when it was
 * stale (also when that could not be saved: the answer goes to Options, which shows it), else null.
 */
export async function settleCatchUp(db: TendDB, ctx: SettleContext): Promise<CatchUpProgress | null> {
  const saved = async () => (await db.kv.get(CATCH_UP_KEY))?.value;
  const settled = settledCatchUp(await saved(), ctx.walking(), ctx.ended, ctx.now);
  if (!settled) return null;
  const r = await saveOrSay(
    'catch-up',
    () =>
      writeTransaction(db, [db.kv], 'the end of catching up from Gmail', async () => {
        const still = settledCatchUp(await saved(), ctx.walking(), ctx.ended, ctx.now);
        if (still) await db.kv.put({ key: CATCH_UP_KEY, value: still });
        return still;
      }),
    // Told, never cleared: a success here brings back none of the pages the walk could not save.
    toldOnly(ctx.saves),
    () => ctx.now,
    END_NOT_SAVED,
  );
  return r.ok ? r.value : settled;
}
