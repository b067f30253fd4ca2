/**
 * Wall-clock time in an IANA zone, for the engine (key dates, snooze, quiet hours, digest time).
 *
 * Small and fast on purpose: offsets come from `Intl.DateTimeFormat` and are cached per quarter hour, so the
 * engine can ask for thousands of local dates without building a `TZDate` for each. DST rules: a wall time
 * that does not exist (spring forward) moves forward by the gap; one that happens twice (fall back) is the
 * first of the two.
 */
import { tzOffset } from '@date-fns/tz';
import { getDaysInMonth } from 'date-fns';

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

const validZones = new Map<string, boolean>();

/** Is this a time zone the runtime knows (an IANA name such as "Europe/Berlin", or "UTC")? Cached per name. */
export function isTimeZone(timeZone: string): boolean {
  let ok = validZones.get(timeZone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      ok = timeZone.length > 0;
    } catch {
      ok = false;
    }
    if (validZones.size > 1_000) validZones.clear();
    validZones.set(timeZone, ok);
  }
  return ok;
}

/**
 * The runtime's own zone (the browser's), else UTC. Asking Intl builds a formatter (tens of µs) and the engine asks
 * per thread and per nudge, so the answer is kept for a minute: a zone the user changes is seen within it.
 */
let runtimeZoneCache: { zone: string; at: number } | undefined;
export function runtimeZone(): string {
  const now = Date.now();
  if (runtimeZoneCache && now - runtimeZoneCache.at < 60_000 && now >= runtimeZoneCache.at)
    return runtimeZoneCache.zone;
  let zone = 'UTC';
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    // UTC
  }
  runtimeZoneCache = { zone, at: now };
  return zone;
}

/** The zone to use: the given one when valid (the user's setting), otherwise the runtime's own, otherwise UTC. */
export function resolveTimeZone(timeZone?: string | null): string {
  return timeZone && isTimeZone(timeZone) ? timeZone : runtimeZone();
}

/** The offset read from the zone's rules (@date-fns/tz; Intl underneath, slow: tens of µs). */
function readOffset(at: number, timeZone: string): number {
  const o = tzOffset(timeZone, new Date(at));
  return Number.isFinite(o) ? o : 0;
}

/** Per UTC day: the offset at its start and end, and when it changes in between (zones change at most once a day). */
interface DayOffsets {
  start: number;
  end: number;
  changeAt: number;
}
const dayOffsets = new Map<string, Map<number, DayOffsets>>();

/** Offset of the zone from UTC at an instant, in minutes (New York in winter: -300). Cached per day. */
let lastZone = '';
let lastZoneDays: Map<number, DayOffsets> | undefined;

export function zoneOffsetMinutes(at: number, timeZone: string): number {
  let perZone = timeZone === lastZone ? lastZoneDays : dayOffsets.get(timeZone);
  if (!perZone) {
    perZone = new Map();
    dayOffsets.set(timeZone, perZone);
  }
  lastZone = timeZone;
  lastZoneDays = perZone;
  const dayNo = Math.floor(at / DAY);
  let d = perZone.get(dayNo);
  if (!d) {
    const from = dayNo * DAY;
    const start = readOffset(from, timeZone);
    const end = readOffset(from + DAY - 1000, timeZone);
    // A zone changes offset at most once a day: when the ends differ, find the first second of the new one.
    let changeAt = from + DAY;
    if (start !== end) {
      let lo = from;
      let hi = from + DAY - 1000;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (readOffset(mid, timeZone) === start) lo = mid;
        else hi = mid;
      }
      changeAt = hi;
    }
    d = { start, end, changeAt };
    if (perZone.size > 20_000) perZone.clear(); // a cache, not a record: clearing only costs re-reading
    perZone.set(dayNo, d);
  }
  return at < d.changeAt ? d.start : d.end;
}

/** The wall-clock reading of an instant in a zone. */
export function wallTime(at: number, timeZone: string): WallTime {
  const local = at + zoneOffsetMinutes(at, timeZone) * MINUTE;
  const days = Math.floor(local / DAY);
  const ms = local - days * DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(ms / 3_600_000),
    minute: Math.floor((ms % 3_600_000) / MINUTE),
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

/** Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm; no Date objects). */
function civilFromDays(z0: number): { year: number; month: number; day: number } {
  const z = z0 + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * The instant a wall-clock time happens in a zone. Out-of-range parts roll over (day 32 is the 1st of the
 * next month), which makes "the same time N days later" simply `day + N`.
 */
export function zonedInstant(w: WallClock, timeZone: string): number {
  return wallToInstant(w, (at) => zoneOffsetMinutes(at, timeZone));
}

/** A wall-clock reading; out-of-range parts roll over. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  ms?: number;
}

/**
 * The instant of a wall-clock time in any zone given as its offset (minutes east of UTC) at each instant: an
 * IANA zone (zonedInstant) or a calendar file's own VTIMEZONE. Same DST rules as zonedInstant.
 */
export function wallToInstant(w: WallClock, offsetAt: (at: number) => number): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour ?? 0, w.minute ?? 0, w.second ?? 0, w.ms ?? 0);
  // Offsets a day either side: a zone changes offset at most once in between.
  const before = offsetAt(asUtc - DAY);
  const after = offsetAt(asUtc + DAY);
  const tBefore = asUtc - before * MINUTE;
  if (before === after) return tBefore;
  const tAfter = asUtc - after * MINUTE;
  const okBefore = offsetAt(tBefore) === before;
  const okAfter = offsetAt(tAfter) === after;
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

/** How many days a month has (month 1-12; February counts leap years). */
export function daysInMonth(year: number, month: number): number {
  return getDaysInMonth(new Date(year, month - 1, 1));
}

/** Whole local calendar days from `from` to `to` (0 = same local day, 1 = `to` is tomorrow). */
export function calendarDaysBetween(from: number, to: number, timeZone: string): number {
  return localDayNumber(to, timeZone) - localDayNumber(from, timeZone);
}

/** The local calendar day of an instant as a day number (days since 1970-01-01), without building a date. */
export function localDayNumber(at: number, timeZone: string): number {
  return Math.floor((at + zoneOffsetMinutes(at, timeZone) * MINUTE) / DAY);
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

interface WeekInfo {
  firstDay?: number;
}

/**
 * The day a week starts on for a locale (0 = Sunday .. 6 = Saturday), from the browser's CLDR data
 * (`Intl.Locale` week info: `getWeekInfo()`, or the older `weekInfo` getter); Monday (ISO) where neither exists.
 */
export function weekStartDay(locale?: string): number {
  try {
    const l = new Intl.Locale(locale || Intl.DateTimeFormat().resolvedOptions().locale) as Intl.Locale & {
      getWeekInfo?: () => WeekInfo;
      weekInfo?: WeekInfo;
    };
    const first = (l.getWeekInfo ? l.getWeekInfo() : l.weekInfo)?.firstDay;
    return typeof first === 'number' && first >= 1 && first <= 7 ? first % 7 : 1;
  } catch {
    return 1;
  }
}

/** Midnight that starts the local week containing `at` (weeks starting on `weekStartsOn`, 0 = Sunday). */
export function startOfZonedWeek(at: number, timeZone: string, weekStartsOn: number): number {
  const back = (wallTime(at, timeZone).weekday - weekStartsOn + 7) % 7;
  return startOfZonedDay(at, timeZone, -back);
}
