/**
 * Small pure view helpers: names, initials and times in words. No DOM, no database.
 *
 * Every day these show or read is a day of `timeZone`: the zone Tend counts days in everywhere (the user's
 * setting, else the browser's; see `zoneOf` in components/runtime.ts), which the pages pass down from the
 * settings. Left out, it is the browser's, as for a setting left empty.
 */

import { relativeWords } from '@/lib/time/relative';
import { daysInMonth, localDateKey, resolveTimeZone, wallTime } from '@/lib/time/zoned-time';

/** What to call a person: their name, else their address. */
export function displayName(c: { name?: string; email: string }): string {
  const n = (c.name ?? '').trim();
  return n || c.email;
}

/** Up to two initials from a name ("Ada Lovelace" -> "AL") or an address ("ada.l@x.org" -> "AL"). */
export function initials(nameOrEmail: string): string {
  let s = nameOrEmail.trim();
  if (!s) return '?';
  if (s.includes('@') && !s.includes(' ')) s = s.split('@')[0] ?? s;
  const words = s
    .split(/[\s._\-+]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...(words[0] as string)][0] ?? '';
  const last = words.length > 1 ? ([...(words[words.length - 1] as string)][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable hue (0..359) for an avatar, from the address. */
export function avatarHue(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return h % 360;
}

/** "last contact 3 days ago", or "no contact yet". */
export function lastContactWords(lastAt: number | undefined, now: number, timeZone?: string): string {
  return lastAt === undefined ? 'no contact yet' : `last contact ${relativeWords(lastAt, now, timeZone)}`;
}

/** "Tue 12 Mar, 12:30–13:00" in the given zone. */
export function slotWords(start: number, end: number, timeZone: string, locale?: string): string {
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(
    start,
  );
  const t = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone });
  return `${day}, ${t.format(start)}–${t.format(end)}`;
}

/**
 * A short date in `timeZone`: "12 Mar 2025"; without the year when it is the year of `now` there ("12 Mar").
 */
export function shortDate(at: number, locale?: string, now?: number, timeZone?: string): string {
  const tz = resolveTimeZone(timeZone);
  const sameYear = now !== undefined && wallTime(now, tz).year === wallTime(at, tz).year;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: tz,
  }).format(at);
}

/** A day as a date input writes it ("2025-03-14"): the day `at` falls on in `timeZone`. */
export function dateInputValue(at: number, timeZone?: string): string {
  return localDateKey(at, resolveTimeZone(timeZone));
}

/**
 * The day a date input holds ("2025-03-14") as year, month (1-12) and day; null when it is not a day of the
 * calendar (no date, "2025-02-30"). Which instant it starts at depends on the zone: see `zonedInstant`.
 */
export function dateInputDay(value: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // (Years below 100 are not taken: Date reads them as 19xx.)
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** `tend-backup-YYYY-MM-DD.json` for the date of `now` in `timeZone`. */
export function backupFileName(now: number, timeZone?: string): string {
  return `tend-backup-${dateInputValue(now, timeZone)}.json`;
}

/** Lines of a textarea as a clean list (trimmed, no blanks, no duplicates). */
export function lines(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
}
