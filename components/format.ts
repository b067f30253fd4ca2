/**
 * Small pure view helpers: names, initials and times in words. No DOM, no database.
 */

import { relativeWords } from '@/lib/time/relative';

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
export function lastContactWords(lastAt: number | undefined, now: number): string {
  return lastAt === undefined ? 'no contact yet' : `last contact ${relativeWords(lastAt, now)}`;
}

/** "Tue 12 Mar, 12:30–13:00" in the given zone. */
export function slotWords(start: number, end: number, timeZone: string, locale?: string): string {
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(
    start,
  );
  const t = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone });
  return `${day}, ${t.format(start)}–${t.format(end)}`;
}

/** A short date: "12 Mar 2025"; without the year when it is the year of `now` ("12 Mar"). */
export function shortDate(at: number, locale?: string, now?: number): string {
  const sameYear = now !== undefined && new Date(now).getFullYear() === new Date(at).getFullYear();
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(at);
}

/** A day as a date input writes it ("2025-03-14"), in the browser's zone. */
export function dateInputValue(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `tend-backup-YYYY-MM-DD.json` for the local date of `now`. */
export function backupFileName(now: number): string {
  return `tend-backup-${dateInputValue(now)}.json`;
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
