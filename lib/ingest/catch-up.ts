/**
 * "Catch up from Gmail": the Sent view's pages, walked in the user's own Gmail tab as a user pressing Older
 * would (`#sent`, `#sent/p2`, `#sent/p3` …), each page read by the same capture as any other page. No request
 * of Tend's own: the content script only sets `location.hash` when told, and reports what the page shows.
 *
 * The walk ends at the last page (Older disabled, a page with no rows, or a page Gmail does not change to),
 * at the user's limit, or on Stop; when Gmail's page stops being recognised it stops and says so. Then the tab
 * goes back to where the user was. Progress (page, messages, people) is saved after every page for Options.
 *
 * Runtime-free: the background passes the tab messaging, the ingest, the clock and a sleep.
 */
import { z } from 'zod';
import { GmailCapture } from './raw';

export const CATCH_UP_KEY = 'catchUp';
export const CATCH_UP_DEFAULT_LIMIT = 2_000;
/** How often the page is asked whether it has drawn the requested page, and for how long at most. */
export const CATCH_UP_POLL_MS = 250;
export const CATCH_UP_PAGE_WAIT_MS = 15_000;
/** An empty list is believed once it has stayed empty this long (Gmail may take seconds to draw a page). */
export const CATCH_UP_EMPTY_SETTLE_MS = 5_000;

export interface CatchUpProgress {
  state: 'running' | 'done' | 'stopped' | 'failed';
  page: number;
  messages: number;
  people: number;
  limit: number;
  startedAt: number;
  endedAt?: number;
  /** In words: why it ended ("Reached the last page of Sent."), or what went wrong. */
  message?: string;
}

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

/** Walks Sent page by page; never throws (a failure is a `failed` progress that says why). */
export async function runCatchUp(deps: CatchUpDeps, limit = CATCH_UP_DEFAULT_LIMIT): Promise<CatchUpProgress> {
  const progress: CatchUpProgress = { state: 'running', page: 0, messages: 0, people: 0, limit, startedAt: deps.now() };
  const people = new Set<string>();
  const finish = async (state: CatchUpProgress['state'], message: string) => {
    progress.state = state;
    progress.message = message;
    progress.endedAt = deps.now();
    await deps.save({ ...progress });
    return { ...progress };
  };
  let home: string | undefined;
  try {
    await deps.save({ ...progress });
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
      const { contacts } = await deps.ingest({ ...r.scan, rows, batchId: deps.newId() });
      for (const c of contacts) people.add(c);
      progress.page = n;
      progress.messages += rows.length;
      progress.people = people.size;
      await deps.save({ ...progress });
      previous = signature(r);
      if (progress.messages >= limit)
        return await finish('done', `Stopped at your limit of ${limit.toLocaleString('en-US')} messages.`);
      if (r.older === 'disabled') return await finish('done', `Reached the last page of Sent (page ${n}).`);
    }
  } catch (e) {
    return await finish('failed', `The walk stopped: ${e instanceof Error ? e.message : String(e)}.`).catch(() => ({
      ...progress,
      state: 'failed' as const,
    }));
  } finally {
    // Back where the user was (best effort: the tab may be gone).
    if (home !== undefined) await deps.ask(home).catch(() => undefined);
  }
}
