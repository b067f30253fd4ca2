/**
 * The time zones of one .ics parse. Every TZID an event names is converted by Tend, never by ical.js's own zone
 * code (which drops an observance's DTSTART when it also has RDATEs, and reads times before the first observance
 * as UTC+0):
 * - a VTIMEZONE in the file: its observances (DTSTART, RDATE and a bounded run of the RRULE) become a list of
 *   offset changes; before the first, the first one's TZOFFSETFROM holds;
 * - otherwise an IANA name ("Europe/Berlin", as Google writes), a Windows name ("W. Europe Standard Time", as
 *   Outlook writes; CLDR's windowsZones table, lib/ingest/windows-zones.ts) or an IANA name behind a vendor prefix
 *   ("/mozilla.org/20050126_1/Europe/Berlin"): converted with Intl;
 * - otherwise the zone is unusable and the events that name it are skipped.
 * The zones are registered with ical.js's TimezoneService for the parse (so UNTIL, EXDATE and RECURRENCE-ID
 * compare as instants) and removed afterwards.
 */

import ICAL from 'ical.js';
import { isTimeZone, wallToInstant, zoneOffsetMinutes } from '../time/zoned-time';
import { type Budget, inSeries, seriesStop } from './ics-budget';
import { WINDOWS_ZONES } from './windows-zones';

/** A time-zone observance may change the offset at most this often a year. */
const MAX_ZONE_CHANGES_PER_YEAR = 2;
const MAX_ZONE_RDATES = 1_000;
const ZONE_FREQS = new Set(['YEARLY', 'MONTHLY']);
const MINUTE = 60_000;
const DAY = 86_400_000;

/** An ical.js zone whose offset at each instant (minutes east of UTC) comes from `offsetAt`. */
class OffsetZone extends ICAL.Timezone {
  private readonly offsetAt: (at: number) => number;
  constructor(tzid: string, offsetAt: (at: number) => number) {
    super({ tzid });
    this.offsetAt = offsetAt;
  }
  /** ical.js asks: the offset (seconds) of a wall-clock time in this zone. */
  override utcOffset(tt: ICAL.Time): number {
    const year = Math.max(1000, tt.year);
    const w = { year, month: tt.month, day: tt.day, hour: tt.hour, minute: tt.minute, second: tt.second };
    const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    return (asUtc - wallToInstant(w, this.offsetAt)) / 1000;
  }
}

/** The IANA zone a TZID means when the file does not define it, or null. */
export function ianaZoneFor(tzid: string): string | null {
  const name = tzid.trim();
  if (name === '') return null;
  if (isTimeZone(name)) return name;
  const windows = Object.hasOwn(WINDOWS_ZONES, name) ? WINDOWS_ZONES[name] : undefined;
  if (windows && isTimeZone(windows)) return windows;
  const parts = name.split('/');
  for (let i = 1; i < parts.length - 1; i++) {
    const tail = parts.slice(i).join('/');
    if (/^[A-Za-z]+\/[A-Za-z_+-]/.test(tail) && isTimeZone(tail)) return tail;
  }
  return null;
}

interface Change {
  at: number;
  /** minutes east of UTC before and after */
  from: number;
  to: number;
}

function offsetMinutes(comp: ICAL.Component, name: string): number | null {
  const v = comp.getFirstPropertyValue(name);
  if (!(v instanceof ICAL.UtcOffset)) return null;
  const m = v.toSeconds() / 60;
  return Number.isFinite(m) && Math.abs(m) <= 24 * 60 ? m : null;
}

/** The instant an observance onset (local time in the offset before it) happens. */
function onsetAt(t: ICAL.Time, start: ICAL.Time, from: number): number {
  if (t.zone === ICAL.Timezone.utcTimezone) return t.toUnixTime() * 1000;
  const h = t.isDate ? start : t;
  return Date.UTC(t.year, t.month - 1, t.day, h.hour, h.minute, h.second) - from * MINUTE;
}

/**
 * The offset changes of one VTIMEZONE up to `untilYear`, or why it cannot be used: an observance without a
 * readable DTSTART or offsets, too many RDATEs, or a rule that is not yearly or monthly (or has a list of
 * hours, minutes or seconds; Lotus Notes writes single ones), or that changes the offset more often than a real
 * zone would. The rule runs under the step budget.
 */
export function zoneChanges(vtz: ICAL.Component, untilYear: number, budget: Budget): Change[] | string {
  const changes: Change[] = [];
  for (const obs of vtz.getAllSubcomponents()) {
    if (obs.name !== 'standard' && obs.name !== 'daylight') continue;
    let start: unknown;
    let from: number | null;
    let to: number | null;
    let rdates: unknown[];
    try {
      start = obs.getFirstPropertyValue('dtstart');
      from = offsetMinutes(obs, 'tzoffsetfrom');
      to = offsetMinutes(obs, 'tzoffsetto');
      rdates = obs.getAllProperties('rdate').flatMap((p) => p.getValues());
    } catch {
      return 'an observance with an unreadable value';
    }
    if (!(start instanceof ICAL.Time)) return 'an observance without a readable DTSTART';
    if (from === null || to === null) return 'an observance without readable offsets';
    if (rdates.length > MAX_ZONE_RDATES) return 'too many RDATEs';
    const add = (t: ICAL.Time) => changes.push({ at: onsetAt(t, start, from), from, to });
    add(start);
    for (const r of rdates) {
      const t = r instanceof ICAL.Period ? r.start : r;
      if (!(t instanceof ICAL.Time)) return 'an unreadable RDATE';
      add(t);
    }
    const problem = runZoneRule(obs, start, from, untilYear, budget, add);
    if (problem) return problem;
  }
  if (changes.length === 0) return 'no observance';
  return changes.sort((a, b) => a.at - b.at);
}

function runZoneRule(
  obs: ICAL.Component,
  start: ICAL.Time,
  from: number,
  untilYear: number,
  budget: Budget,
  add: (t: ICAL.Time) => void,
): string | null {
  let rule: unknown;
  try {
    rule = obs.getFirstProperty('rrule')?.getFirstValue() ?? null;
  } catch {
    return 'an unreadable RRULE';
  }
  if (rule === null) return null;
  if (!(rule instanceof ICAL.Recur)) return 'an unreadable RRULE';
  if (!ZONE_FREQS.has(rule.freq)) return `an RRULE with FREQ=${String(rule.freq).slice(0, 20)}`;
  if (!intervalOk(rule)) return 'an RRULE with an invalid INTERVAL';
  for (const part of ['BYSECOND', 'BYMINUTE', 'BYHOUR'] as const) {
    if ((rule.parts[part]?.length ?? 0) > 1) return `an RRULE with several ${part}`;
  }
  const r = rule.clone();
  if (r.until && r.until.zone === ICAL.Timezone.utcTimezone) {
    // UNTIL is an instant; the onsets are local times in the offset before them.
    const until = r.until.clone();
    until.adjust(0, 0, from, 0);
    until.zone = ICAL.Timezone.localTimezone;
    r.until = until;
  }
  const limit = Math.max(1, untilYear - Math.max(start.year, 1)) * MAX_ZONE_CHANGES_PER_YEAR + 10;
  return inSeries(budget, [r], untilYear, () => {
    let n = 0;
    try {
      const it = r.iterator(start.clone());
      for (let t = it.next(); t; t = it.next()) {
        if (t.year > untilYear) break;
        if (++n > limit) return 'an RRULE that changes the offset too often';
        add(t);
      }
    } catch (e) {
      if (seriesStop(e) !== 'window') return 'an RRULE that cannot be expanded';
    }
    return null;
  });
}

export function intervalOk(r: ICAL.Recur): boolean {
  return Number.isInteger(r.interval) && r.interval >= 1 && r.interval <= 1000;
}

/**
 * The offset at an instant from a sorted list of changes. Before the first change (generators write only the
 * recent rules: "DTSTART:20181028T030000" for a 2016 event), the same day of the first year the rules cover:
 * the yearly pattern read backwards; within that first year, before the first change, its TZOFFSETFROM.
 */
function offsetFromChanges(changes: Change[]): (at: number) => number {
  const first = changes[0] as Change;
  const last = changes[changes.length - 1] as Change;
  return (at) => {
    if (at < first.at) {
      const d = new Date(at);
      const years = Math.ceil((first.at - at) / (366 * DAY));
      d.setUTCFullYear(d.getUTCFullYear() + years);
      if (d.getTime() < first.at) d.setUTCFullYear(d.getUTCFullYear() + 1);
      const shifted = d.getTime();
      if (!(shifted >= first.at && shifted < first.at + 366 * DAY && shifted <= last.at + 366 * DAY)) return first.from;
      at = shifted;
    }
    let lo = 0;
    let hi = changes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((changes[mid] as Change).at <= at) lo = mid;
      else hi = mid - 1;
    }
    return (changes[lo] as Change).to;
  };
}

/** The zones of one parse: registered with ical.js while it runs, removed by `release`. */
export class ParseZones {
  private readonly registered: string[] = [];
  private readonly known = new Set<string>();
  private readonly unusable = new Set<string>();
  constructor(
    private readonly budget: Budget,
    /** Zone rules are expanded up to this year. */
    private readonly untilYear: number,
  ) {}

  /** A VTIMEZONE of the file (the first of each TZID counts); one that cannot be used falls back to its name. */
  addFileZone(vtz: ICAL.Component): void {
    let tzid: unknown;
    try {
      tzid = vtz.getFirstPropertyValue('tzid');
    } catch {
      return;
    }
    if (typeof tzid !== 'string' || tzid === '' || this.known.has(tzid) || this.unusable.has(tzid)) return;
    const changes = zoneChanges(vtz, this.untilYear, this.budget);
    if (typeof changes === 'string') this.byName(tzid);
    else this.register(tzid, new OffsetZone(tzid, offsetFromChanges(changes)));
  }

  /** A VTIMEZONE block that could not even be parsed: its name is all there is. */
  addUnreadableZone(text: string): void {
    const tzid = /^TZID[^:]*:(.*)$/im.exec(text)?.[1]?.trim();
    if (tzid && !this.known.has(tzid)) this.byName(tzid);
  }

  /** Whether times in `tzid` can be converted (registering it from its name if the file did not define it). */
  usable(tzid: string): boolean {
    if (this.known.has(tzid)) return true;
    if (this.unusable.has(tzid)) return false;
    return this.byName(tzid);
  }

  release(): void {
    for (const tzid of this.registered) ICAL.TimezoneService.remove(tzid);
    this.registered.length = 0;
  }

  private byName(tzid: string): boolean {
    if (ICAL.TimezoneService.has(tzid)) {
      this.known.add(tzid); // UTC, GMT, Z
      return true;
    }
    const iana = ianaZoneFor(tzid);
    if (!iana) {
      this.unusable.add(tzid);
      return false;
    }
    this.register(tzid, new OffsetZone(tzid, (at) => zoneOffsetMinutes(at, iana)));
    return true;
  }

  private register(tzid: string, zone: ICAL.Timezone): void {
    this.known.add(tzid);
    if (ICAL.TimezoneService.has(tzid)) return;
    ICAL.TimezoneService.register(zone, tzid);
    this.registered.push(tzid);
  }
}
