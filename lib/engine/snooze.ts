/** When a snooze ends: 8:00 in the user's zone on the day the option names. Pure. */
import { resolveTimeZone, wallTime, zonedInstant } from '../time/zoned-time';

export type SnoozeFor = 'tomorrow' | 'next-week' | 'week';

/** The hour of the day every snooze ends at, in the user's zone: a named one here, a chosen day in the views. */
export const SNOOZE_HOUR = 8;

/** `tomorrow`, `week` (seven days on) or `next-week` (next Monday; a Monday snoozes to the following one). */
export function snoozeUntil(option: SnoozeFor | Date, now: number, timeZone?: string): number {
  if (option instanceof Date) return option.getTime();
  const tz = resolveTimeZone(timeZone);
  const w = wallTime(now, tz);
  let add: number;
  if (option === 'tomorrow') add = 1;
  else if (option === 'week') add = 7;
  else add = (8 - w.weekday) % 7 || 7;
  return zonedInstant({ year: w.year, month: w.month, day: w.day + add, hour: SNOOZE_HOUR }, tz);
}
