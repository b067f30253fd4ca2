/**
 * Wall-clock time in an IANA zone, for the engine (key dates, snooze, quiet hours, digest time).
 *
 * Small and fast on purpose: offsets come from `Intl.DateTimeFormat` and are cached per quarter hour, so the
 * engine can ask for thousands of local dates without building a `TZDate` for each. DST rules: a wall time
 * that does not exist (spring forward) moves forward by the gap; one that happens twice (fall back) is the
 * first of the two.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface WallTime {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** The zone to use: the given one when valid, otherwise the runtime's own, otherwise UTC. */
export function resolveTimeZone(timeZone?: string | null): string {
  if (timeZone && formatterFor(timeZone)) return timeZone;
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  formatters.set(timeZone, f);
  return f;
}

/** Offset of the zone from UTC at an instant, in minutes (New York in winter: -300). */
export function zoneOffsetMinutes(at: number, timeZone: string): number {
  const bucket = Math.floor(at / (15 * MINUTE));
  const cacheKey = `${timeZone}|${bucket}`;
  const hit = offsets.get(cacheKey);
  if (hit !== undefined) return hit;
  const f = formatterFor(timeZone) ?? formatterFor('UTC');
  const probe = bucket * 15 * MINUTE;
  let y = 1970;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of (f as Intl.DateTimeFormat).formatToParts(probe)) {
    const v = Number(p.value);
    if (p.type === 'year') y = v;
    else if (p.type === 'month') mo = v;
    else if (p.type === 'day') d = v;
    else if (p.type === 'hour') h = v;
    else if (p.type === 'minute') mi = v;
    else if (p.type === 'second') s = v;
  }
  const off = Math.round((Date.UTC(y, mo - 1, d, h, mi, s) - probe) / MINUTE);
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(cacheKey, off);
  return off;
}

/** The wall-clock reading of an instant in a zone. */
export function wallTime(at: number, timeZone: string): WallTime {
  const shifted = new Date(at + zoneOffsetMinutes(at, timeZone) * MINUTE);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

/**
 * The instant a wall-clock time happens in a zone. Out-of-range parts roll over (day 32 is the 1st of the
 * next month), which makes "the same time N days later" simply `day + N`.
 */
export function zonedInstant(
  w: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number; ms?: number },
  timeZone: string,
): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour ?? 0, w.minute ?? 0, w.second ?? 0, w.ms ?? 0);
  // Offsets a day either side: a zone changes offset at most once in between.
  const before = zoneOffsetMinutes(asUtc - DAY, timeZone);
  const after = zoneOffsetMinutes(asUtc + DAY, timeZone);
  const tBefore = asUtc - before * MINUTE;
  if (before === after) return tBefore;
  const tAfter = asUtc - after * MINUTE;
  const okBefore = zoneOffsetMinutes(tBefore, timeZone) === before;
  const okAfter = zoneOffsetMinutes(tAfter, timeZone) === after;
  if (okBefore && okAfter) return Math.min(tBefore, tAfter); // happens twice: the first
  if (okBefore) return tBefore;
  if (okAfter) return tAfter;
  return Math.max(tBefore, tAfter); // does not exist: forward by the gap
}

/** Midnight (start of the local day) of the day that contains `at`, plus `addDays` days. */
export function startOfZonedDay(at: number, timeZone: string, addDays = 0): number {
  const w = wallTime(at, timeZone);
  return zonedInstant({ year: w.year, month: w.month, day: w.day + addDays }, timeZone);
}

/** The local calendar day as `yyyy-mm-dd`. */
export function localDateKey(at: number, timeZone: string): string {
  const w = wallTime(at, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** A civil date as a day number (days since 1970-01-01), for calendar arithmetic without zones. */
export function civilDayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY);
}

/** Whole local calendar days from `from` to `to` (0 = same local day, 1 = `to` is tomorrow). */
export function calendarDaysBetween(from: number, to: number, timeZone: string): number {
  const a = wallTime(from, timeZone);
  const b = wallTime(to, timeZone);
  return civilDayNumber(b.year, b.month, b.day) - civilDayNumber(a.year, a.month, a.day);
}

/** "HH:MM" to minutes after midnight; null when malformed. */
export function parseTimeOfDay(s: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h > 23 || mi > 59) return null;
  return h * 60 + mi;
}

export function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
