/**
 * Sets of calendar days kept as sorted, disjoint, inclusive ranges of day numbers (days since 1970-01-01 of a
 * civil date, lib/time's `civilDayNumber`): "the days Tend has seen the calendar for" in a few pairs of numbers,
 * whatever the zone. Pure; the wording of a range ("Dec 7–13") is Intl's, in the reader's locale.
 */
import { civilDayNumber, localDayNumber } from './zoned-time';

/** [first, last] day numbers, inclusive. */
export type DayRange = readonly [from: number, to: number];

const DAY = 86_400_000;

/** `yyyy-mm-dd` as a day number, or null when it is not a real date. */
export function dayNumberOfKey(key: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = civilDayNumber(y, mo, d);
  const back = new Date(n * DAY);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? n : null;
}

/** A day number's civil date (month 1-12) and ISO weekday (1 = Monday). */
export function civilDate(day: number): { year: number; month: number; day: number; isoDay: number } {
  const d = new Date(day * DAY);
  const wd = d.getUTCDay();
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), isoDay: wd === 0 ? 7 : wd };
}

/** The union of ranges, sorted and merged (touching ranges join: [1,3] and [4,5] are [1,5]). Bad pairs are dropped. */
export function mergeDayRanges(ranges: readonly DayRange[]): DayRange[] {
  const ok = ranges
    .filter(([a, b]) => Number.isInteger(a) && Number.isInteger(b) && a <= b)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of ok) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * The local days (in `timeZone`) a span of time touches, [day of start, day of the last instant before end],
 * less the days `window` holds only in part (its first and last day); null when none is left.
 */
export function daysWithin(
  span: { start: number; end: number },
  window: { from: number; to: number },
  timeZone: string,
): DayRange | null {
  if (!(span.end > span.start)) return null;
  const from = Math.max(localDayNumber(span.start, timeZone), localDayNumber(window.from, timeZone) + 1);
  const to = Math.min(localDayNumber(span.end - 1, timeZone), localDayNumber(window.to, timeZone) - 1);
  return from <= to ? [from, to] : null;
}

/** Whether `day` lies in one of the (merged, sorted) ranges: a binary search. */
export function inDayRanges(ranges: readonly DayRange[], day: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid]![1] < day) lo = mid + 1;
    else hi = mid;
  }
  const r = ranges[lo];
  return r !== undefined && r[0] <= day;
}

/** The Monday-based week a day number falls in (day 0, 1 Jan 1970, was a Thursday). */
export function isoWeekOf(day: number): number {
  return Math.floor((day + 3) / 7);
}

const rangeFormats = new Map<string, Intl.DateTimeFormat>();

/** "Dec 7 – 13", "Dec 28 – Jan 3", "Dec 7" in the locale (the runtime's when absent), from Intl's range wording. */
export function dayRangeWords([from, to]: DayRange, locale?: string): string {
  const key = locale ?? '';
  let f = rangeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    rangeFormats.set(key, f);
  }
  return from === to ? f.format(from * DAY) : f.formatRange(from * DAY, to * DAY);
}
