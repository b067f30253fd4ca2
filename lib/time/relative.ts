/**
 * Time in words, one wording for every surface (popup, sidebar, digest, nudge reasons): "today", "yesterday",
 * "5 days ago", "7 weeks ago", "3 months ago", "1 year ago", "in 2 weeks". Days are whole calendar days in the
 * user's zone; spans round down (2 months and 25 days is "2 months"), so a longer time never reads shorter.
 */
import { localDayNumber, resolveTimeZone } from './zoned-time';

export type SpanUnit = 'day' | 'week' | 'month' | 'year';

/** A number of days as the unit people count it in: days under two weeks, weeks under nine, then months, years. */
export function spanOf(days: number): { value: number; unit: SpanUnit } {
  const d = Math.abs(Math.trunc(days));
  if (d < 14) return { value: d, unit: 'day' };
  if (d < 63) return { value: Math.floor(d / 7), unit: 'week' };
  if (d < 365) return { value: Math.max(2, Math.floor(d / 30.44)), unit: 'month' };
  return { value: Math.max(1, Math.floor(d / 365)), unit: 'year' };
}

const spanFormats = new Map<SpanUnit, Intl.NumberFormat>();

/** A number of days in round words: "3 days", "2 weeks", "5 months", "2 years". */
export function spanWords(days: number): string {
  const { value, unit } = spanOf(days);
  let f = spanFormats.get(unit);
  if (!f) {
    f = new Intl.NumberFormat('en', { style: 'unit', unit, unitDisplay: 'long' });
    spanFormats.set(unit, f);
  }
  return f.format(value);
}

const byDay = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const counted = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/**
 * `at` relative to `now` in calendar days of `timeZone` (the runtime's when absent): "today", "yesterday",
 * "tomorrow", "5 days ago", "in 3 days", "7 weeks ago", "in 2 months", "1 year ago".
 */
export function relativeWords(at: number, now: number, timeZone?: string): string {
  const tz = resolveTimeZone(timeZone);
  const days = localDayNumber(at, tz) - localDayNumber(now, tz);
  const { value, unit } = spanOf(days);
  const signed = days < 0 ? -value : value;
  return unit === 'day' ? byDay.format(signed, 'day') : counted.format(signed, unit);
}
