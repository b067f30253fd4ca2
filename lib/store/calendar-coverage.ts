/**
 * The days Tend has seen the calendar for: one small kv record of day ranges per account (lib/time/day-ranges),
 * written by the Calendar capture (the dates a day, week, month, custom-days or schedule view showed) and by an
 * `.ics` import (the days the file covers, key `ICS_SOURCE`). Free slots are claimed only on these days.
 *
 * Compact on purpose (storage-costs.md: one record, read once by a slot list): a few ranges per account, merged
 * as they arrive; beyond `MAX_RANGES` per account the ranges that end earliest go (by date, not by the clock, so
 * a clock set back or forward loses nothing recent).
 * Not in the backup: a restored store asks to see the weeks again rather than trusting a copy of old knowledge.
 */
import { type DayRange, inDayRanges, mergeDayRanges } from '../time/day-ranges';
import type { TendDB } from './db';

export const COVERAGE_KEY = 'calendar-coverage';
/** The source name of days covered by an imported `.ics` file (accounts are addresses, so it cannot clash). */
export const ICS_SOURCE = 'ics-file';
/** The source name of a Calendar page whose signed-in address could not be read. */
export const UNKNOWN_ACCOUNT = '';

const MAX_RANGES = 64;
const MAX_SOURCES = 20;

export interface CalendarCoverage {
  /** Day ranges per account address (or ICS_SOURCE, or UNKNOWN_ACCOUNT), merged and sorted. */
  bySource: Record<string, DayRange[]>;
  /** The account whose Calendar Tend saw last: where "Open Calendar" goes. */
  lastAccount?: string;
}

const EMPTY: CalendarCoverage = { bySource: {} };

function isRange(x: unknown): x is DayRange {
  return Array.isArray(x) && x.length === 2 && Number.isInteger(x[0]) && Number.isInteger(x[1]) && x[0] <= x[1];
}

/** The stored record, or an empty one; anything malformed in it is left out rather than trusted. */
export async function readCoverage(db: TendDB): Promise<CalendarCoverage> {
  const value = (await db.kv.get(COVERAGE_KEY))?.value;
  if (!value || typeof value !== 'object') return EMPTY;
  const v = value as { bySource?: unknown; lastAccount?: unknown };
  const bySource: Record<string, DayRange[]> = {};
  if (v.bySource && typeof v.bySource === 'object')
    for (const [source, ranges] of Object.entries(v.bySource as Record<string, unknown>))
      if (Array.isArray(ranges)) bySource[source] = mergeDayRanges(ranges.filter(isRange));
  return typeof v.lastAccount === 'string' ? { bySource, lastAccount: v.lastAccount } : { bySource };
}

/** Every day seen, whatever the source: the union of all ranges. */
export function seenDays(c: CalendarCoverage): DayRange[] {
  return mergeDayRanges(Object.values(c.bySource).flat());
}

/** Whether a day number is covered by any source. */
export function coversDay(c: CalendarCoverage, day: number): boolean {
  return inDayRanges(seenDays(c), day);
}

/**
 * Adds the days a source has shown (inside a caller's transaction over `db.kv`, or alone). An account source
 * also becomes the one "Open Calendar" links to.
 */
export async function addCoverage(db: TendDB, source: string, ranges: readonly DayRange[]): Promise<CalendarCoverage> {
  const before = await readCoverage(db);
  const fresh = mergeDayRanges(ranges);
  if (fresh.length === 0) return before;
  const merged = mergeDayRanges([...(before.bySource[source] ?? []), ...fresh]).slice(-MAX_RANGES);
  const bySource = { ...before.bySource, [source]: merged };
  // A bounded number of sources: the ones that saw the least recent days go first.
  const sources = Object.keys(bySource);
  if (sources.length > MAX_SOURCES) {
    const newest = (s: string) => bySource[s]?.at(-1)?.[1] ?? -Infinity;
    for (const s of sources.sort((a, b) => newest(a) - newest(b)).slice(0, sources.length - MAX_SOURCES))
      delete bySource[s];
  }
  const next: CalendarCoverage = { bySource };
  const lastAccount = source === ICS_SOURCE || source === UNKNOWN_ACCOUNT ? before.lastAccount : source;
  if (lastAccount !== undefined) next.lastAccount = lastAccount;
  await db.kv.put({ key: COVERAGE_KEY, value: next });
  return next;
}
