/**
 * Whether Tend still recognises Gmail and Calendar. A layout change must show as "not recognised since …",
 * never as silent empty data: every capture reports what its parser thought of the page.
 */

import { MAX_MILLIS } from '../core/limits';
import type { HealthState } from '../core/model';
import type { TendDB } from './db';

export type HealthSource = HealthState['source'];

const key = (source: HealthSource) => `health:${source}`;

export interface PageVerdict {
  recognised: boolean;
  hasContent: boolean;
  problem?: string;
  /** Records found on the page. */
  records: number;
  /** Dates that could not be read (records held back). */
  unreadableDates: number;
  /** The language the page's dates were read in, when known. */
  lang?: string;
}

/** The next health state after one page's verdict. Pure. */
export function nextHealth(
  prev: HealthState | undefined,
  source: HealthSource,
  v: PageVerdict,
  now: number,
): HealthState {
  const datesBroken = v.unreadableDates > 0 && v.records === 0;
  const failing = (!v.recognised && v.hasContent) || datesBroken;
  if (failing) {
    return {
      source,
      lastOkAt: prev?.lastOkAt,
      failingSince: prev?.failingSince ?? now,
      problem: datesBroken
        ? `${v.unreadableDates} date${v.unreadableDates === 1 ? '' : 's'} could not be read`
        : (v.problem ?? 'the page was not recognised'),
      unreadableDates: (prev?.unreadableDates ?? 0) + v.unreadableDates,
      ...(datesBroken && v.lang ? { lang: v.lang } : {}),
    };
  }
  // A page with nothing to read (settings, an empty label, still loading) proves nothing either way: a failure
  // stays (with its first "since") until a page that shows mail is read again.
  if (!v.recognised || !v.hasContent) return prev ?? { source, unreadableDates: 0 };
  return { source, lastOkAt: now, unreadableDates: (prev?.unreadableDates ?? 0) + v.unreadableDates };
}

export async function getHealth(db: TendDB, source: HealthSource): Promise<HealthState | undefined> {
  const rec = await db.kv.get(key(source));
  return asHealthState(rec?.value);
}

const isMillis = (v: unknown) =>
  v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_MILLIS);

/**
 * A stored health record, checked by hand to the shape of the model's `HealthState` (a test holds the two
 * together), so the popup's banner does not load zod. Anything else reads as "no record".
 */
export function asHealthState(v: unknown): HealthState | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  if (r.source !== 'gmail' && r.source !== 'calendar') return undefined;
  if (!isMillis(r.lastOkAt) || !isMillis(r.failingSince)) return undefined;
  if (r.problem !== undefined && (typeof r.problem !== 'string' || r.problem.length > 500)) return undefined;
  const unreadable = r.unreadableDates ?? 0;
  if (!Number.isSafeInteger(unreadable) || (unreadable as number) < 0) return undefined;
  if (r.lang !== undefined && (typeof r.lang !== 'string' || r.lang.length > 40)) return undefined;
  return {
    source: r.source,
    ...(r.lastOkAt !== undefined ? { lastOkAt: r.lastOkAt as number } : {}),
    ...(r.failingSince !== undefined ? { failingSince: r.failingSince as number } : {}),
    ...(r.problem !== undefined ? { problem: r.problem as string } : {}),
    unreadableDates: unreadable as number,
    ...(r.lang !== undefined ? { lang: r.lang as string } : {}),
  };
}

/** Must run inside a transaction over `kv` (or opens its own). */
export async function recordHealth(
  db: TendDB,
  source: HealthSource,
  v: PageVerdict,
  now: number,
): Promise<HealthState> {
  const next = nextHealth(await getHealth(db, source), source, v, now);
  await db.kv.put({ key: key(source), value: next });
  return next;
}

export async function allHealth(db: TendDB): Promise<HealthState[]> {
  const out: HealthState[] = [];
  for (const s of ['gmail', 'calendar'] as const) {
    const h = await getHealth(db, s);
    if (h) out.push(h);
  }
  return out;
}
