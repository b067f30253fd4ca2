/**
 * ICS import: an `.ics` file exported from any calendar, read with ical.js, recurring events expanded over
 * [from, to], time zones right:
 * - a TZID with its VTIMEZONE in the file: ical.js converts with the file's own rules;
 * - a TZID without VTIMEZONE that is an IANA name ("Europe/Berlin", as Google writes): converted with Intl;
 * - UTC ("Z"): as is; floating times and all-day dates: the runtime's local time (what the user would see).
 * Attendees' `mailto:` addresses are normalised; transparent events are free (busy: false); cancelled events
 * and cancelled occurrences are skipped. Bad files (not ICS, truncated, too large, too many events) give
 * ok:false with clear errors. Never throws.
 *
 * Expansion is bounded, whatever the file says:
 * - a VTIMEZONE rule that is not a yearly or monthly one (FREQ=SECONDLY...), or that yields more changes than
 *   a real zone could, is not used: its TZID falls back to the IANA zone of that name, and events in a zone
 *   that has neither are skipped;
 * - event rules that cannot be read, with no valid INTERVAL, or series that start before 1900 are skipped;
 * - events before 1970 or after 2200, or lasting longer than that range, are dropped (they are never real;
 *   converting them would expand a zone's rules for millennia, and ical.js adds a duration day by day);
 * - every recurrence step ical.js takes is counted: a series stops once past the window, after
 *   MAX_ITERATIONS_PER_SERIES occurrences or MAX_SERIES_STEPS steps (then it is skipped), and a file that needs
 *   more than MAX_FILE_STEPS in all, or is still expanding after MAX_EXPANSION_MS, is refused with a clear error.
 */

import { TZDateMini } from '@date-fns/tz';
import ICAL from 'ical.js';
import { normalizeEmail } from '../core/email';
import { MAX_MILLIS, MAX_YEAR, MIN_YEAR } from '../core/limits';
import type { CalendarEvent } from '../core/model';

export interface ParseIcsOptions {
  now: Date;
  from: Date;
  to: Date;
  /** Stop (with an error) beyond this many events in the window. Default 20,000. */
  maxEvents?: number;
}

export type ParseIcsResult = { ok: true; events: CalendarEvent[]; skipped: number } | { ok: false; errors: string[] };

export const ICS_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_EVENTS = 20_000;
/** A series that yields more occurrences than this before leaving the window is cut. */
const MAX_ITERATIONS_PER_SERIES = 50_000;
/**
 * Recurrence steps (ical.js rule checks, a few microseconds each) one series, and one whole file, may take.
 * A weekly series over ten years takes about a thousand; a rule that can never match (FREQ=DAILY;BYMONTH=2;
 * BYMONTHDAY=30) would step forever inside a single ical.js call.
 */
const MAX_SERIES_STEPS = 40_000;
const MAX_FILE_STEPS = 400_000;
/** And in time: a file whose rules are still expanding this long after the parse began is refused. */
const MAX_EXPANSION_MS = 10_000;
/** A series that starts before this year is not a real one (a birthday series starts at the birth year). */
const MIN_SERIES_YEAR = 1900;
/** A time-zone observance may change the offset at most this often a year. */
const MAX_ZONE_CHANGES_PER_YEAR = 2;
const MAX_ZONE_RDATES = 1_000;
const MAX_ID = 400;
/** The store's date range (lib/core/model.ts Millis): 1970 to 2200. */
/** ical.js expands a zone's rules five years past the latest year asked for. */
const ZONE_YEARS_END = MAX_YEAR + 6;
const ZONE_FREQS = new Set(['YEARLY', 'MONTHLY']);
const EVENT_FREQS = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

/** Why a rule iterator was stopped: the file's budget, the series' budget, or it went past `untilYear`. */
class StepLimit extends Error {
  constructor(readonly scope: 'file' | 'series' | 'window') {
    super(`recurrence stopped (${scope})`);
  }
}

/** The budget the patched iterator checks against (parseIcs is synchronous: one parse at a time). */
const steps = {
  file: 0,
  series: 0,
  seriesLimit: Number.POSITIVE_INFINITY,
  /** The rules of the running series: their iterators stop past `untilYear` (a zone's, created meanwhile, do not). */
  rules: new Set<unknown>(),
  untilYear: Number.POSITIVE_INFINITY,
  deadline: Number.POSITIVE_INFINITY,
};

/**
 * Runs `fn` for one series (or one zone's rules) with a fresh per-series budget; iterators of `rules` stop
 * (StepLimit 'window') once their cursor is past `untilYear`.
 */
function inSeries<T>(rules: readonly unknown[], untilYear: number, fn: () => T): T {
  steps.series = 0;
  steps.seriesLimit = MAX_SERIES_STEPS;
  steps.rules = new Set(rules);
  steps.untilYear = untilYear;
  try {
    return fn();
  } finally {
    steps.seriesLimit = Number.POSITIVE_INFINITY;
    steps.rules = new Set();
    steps.untilYear = Number.POSITIVE_INFINITY;
  }
}

/**
 * Counts every step of every ical.js recurrence iterator while `fn` runs: each pass through
 * RecurIterator.next's inner loop calls `check_contracting_rules` once, so counting those calls bounds
 * loops that would never end. The patch is removed in `finally`, so it cannot leak into other work.
 */
function withStepGuard<T>(fn: () => T): T {
  const proto = ICAL.RecurIterator.prototype as unknown as {
    check_contracting_rules: (this: { last?: IcalTime; rule?: unknown }) => boolean;
  };
  const original = proto.check_contracting_rules;
  steps.file = 0;
  steps.deadline = performance.now() + MAX_EXPANSION_MS;
  proto.check_contracting_rules = function (this: { last?: IcalTime; rule?: unknown }) {
    if (++steps.file > MAX_FILE_STEPS) throw new StepLimit('file');
    if ((steps.file & 1023) === 0 && performance.now() > steps.deadline) throw new StepLimit('file');
    if (++steps.series > steps.seriesLimit) throw new StepLimit('series');
    if ((this.last?.year ?? 0) > steps.untilYear && steps.rules.has(this.rule)) throw new StepLimit('window');
    return original.call(this);
  };
  try {
    return fn();
  } finally {
    proto.check_contracting_rules = original;
  }
}

/** The end of a series: past the window or its own budget. A file over its budget is rethrown. */
function seriesStop(e: unknown): 'window' | 'series' | 'error' {
  if (e instanceof StepLimit) {
    if (e.scope === 'file') throw e;
    return e.scope;
  }
  return 'error';
}

/**
 * A DURATION longer than the store's whole range: never a real event, and ical.js adds a duration to a time
 * day by day (P9999999999D takes it 20 s), so such an event is skipped before its end is computed.
 */
const MAX_DURATION_SECONDS = (MAX_YEAR - MIN_YEAR + 1) * 366 * 86_400;
function durationTooLong(comp: ICAL.Component): boolean {
  const prop = comp.getFirstProperty('duration');
  if (!prop) return false;
  try {
    const d = prop.getFirstValue();
    if (!(d instanceof ICAL.Duration)) return true;
    const seconds = d.toSeconds();
    return !Number.isFinite(seconds) || Math.abs(seconds) > MAX_DURATION_SECONDS;
  } catch {
    return true;
  }
}

/** The RRULE of a component, or null (none). `false` when it is there but unreadable. */
function rruleOf(comp: ICAL.Component): ICAL.Recur | null | false {
  const prop = comp.getFirstProperty('rrule');
  if (!prop) return null;
  try {
    const v = prop.getFirstValue();
    return v instanceof ICAL.Recur ? v : false;
  } catch {
    return false;
  }
}

function intervalOk(r: ICAL.Recur): boolean {
  return Number.isInteger(r.interval) && r.interval >= 1 && r.interval <= 1000;
}

/**
 * Whether a VTIMEZONE can be used safely: every observance has a start, and its rule (if any) is yearly or
 * monthly, with a valid INTERVAL, and yields no more changes until 2200 than a real zone would. The rule is
 * run once here, under the step budget, so ical.js's own expansion of it later is known to be bounded.
 */
function zoneProblem(vtz: ICAL.Component, untilYear: number): string | null {
  for (const obs of vtz.getAllSubcomponents()) {
    if (obs.name !== 'standard' && obs.name !== 'daylight') continue;
    let start: IcalTime | undefined;
    try {
      const v = obs.getFirstPropertyValue('dtstart');
      start = v instanceof ICAL.Time ? v : undefined;
    } catch {
      start = undefined;
    }
    if (!start) return 'an observance without a readable DTSTART';
    if (obs.getAllProperties('rdate').length > MAX_ZONE_RDATES) return 'too many RDATEs';
    const rule = rruleOf(obs);
    if (rule === null) continue;
    if (rule === false) return 'an unreadable RRULE';
    if (!ZONE_FREQS.has(rule.freq)) return `an RRULE with FREQ=${String(rule.freq).slice(0, 20)}`;
    if (!intervalOk(rule)) return 'an RRULE with an invalid INTERVAL';
    for (const part of ['BYSECOND', 'BYMINUTE', 'BYHOUR'] as const) {
      if (rule.parts[part]) return `an RRULE with ${part}`;
    }
    // Run the rule once, bounded, up to the years ical.js will expand it to for this window: too many
    // changes, or a rule that does not finish within its budget, is not a real zone.
    const limit = Math.max(1, untilYear - Math.max(start.year, 1)) * MAX_ZONE_CHANGES_PER_YEAR + 10;
    const problem = inSeries([rule], untilYear, () => {
      let n = 0;
      try {
        const it = rule.iterator(start.clone());
        for (let t = it.next(); t; t = it.next()) {
          if (t.year > untilYear) break;
          if (++n > limit) return 'an RRULE that changes the offset too often';
        }
      } catch (e) {
        if (seriesStop(e) !== 'window') return 'an RRULE that cannot be expanded';
      }
      return null;
    });
    if (problem) return problem;
  }
  return null;
}

type IcalTime = ICAL.Time;

const zoneOk = new Map<string, boolean>();
function isIanaZone(tz: string): boolean {
  let ok = zoneOk.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    zoneOk.set(tz, ok);
  }
  return ok;
}

/** Epoch ms of an ical.js time; `tzid` is the TZID parameter the property carried. */
/**
 * The file's own zones that passed zoneProblem and were expanded up front (set for the duration of a parse).
 * ical.js converts a time with its zone only for these; any other zone it might attach is not trusted.
 */
let checkedZones = new Set<string>();

function toEpoch(t: IcalTime, tzid: string | undefined): number {
  // Outside 1970-2200 nothing is real: do not even convert (that would expand the zone's rules that far).
  if (!(t.year >= MIN_YEAR - 1 && t.year <= MAX_YEAR)) return Number.NaN;
  if (t.isDate) return new Date(t.year, t.month - 1, t.day).getTime();
  const zone = t.zone?.tzid;
  if (zone === 'UTC' || (zone !== undefined && checkedZones.has(zone))) return t.toUnixTime() * 1000;
  if (tzid && isIanaZone(tzid))
    return new TZDateMini(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, 0, tzid).getTime();
  return new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second).getTime();
}

function tzidOf(comp: ICAL.Component, name: string): string | undefined {
  const p = comp.getFirstProperty(name);
  const v = p?.getParameter('tzid');
  return typeof v === 'string' ? v : undefined;
}

function attendeesOf(comp: ICAL.Component): string[] {
  const out = new Set<string>();
  for (const p of comp.getAllProperties('attendee')) {
    const v = p.getFirstValue();
    const e = normalizeEmail(typeof v === 'string' ? v : '');
    if (e) out.add(e);
  }
  return [...out];
}

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) : s;
}

function stamp(t: number): string {
  return new Date(t)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Reads an .ics text into the events that touch [from, to]. */
export function parseIcs(text: string, opts: ParseIcsOptions): ParseIcsResult {
  try {
    return withStepGuard(() => parseIcsUnsafe(text, opts));
  } catch (e) {
    if (e instanceof StepLimit)
      return {
        ok: false,
        errors: [
          'The file has more repeating events (or time-zone rules) than Tend can expand; export a shorter range.',
        ],
      };
    return {
      ok: false,
      errors: [`The file could not be read: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500)],
    };
  }
}

function parseIcsUnsafe(text: string, opts: ParseIcsOptions): ParseIcsResult {
  if (typeof text !== 'string') return { ok: false, errors: ['No file content.'] };
  if (text.length > ICS_MAX_BYTES)
    return {
      ok: false,
      errors: [`The file is too large (over ${ICS_MAX_BYTES / 1024 / 1024} MB); export a shorter range.`],
    };
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!/^BEGIN:VCALENDAR/i.test(body))
    return { ok: false, errors: ['This is not an iCalendar (.ics) file: it does not start with BEGIN:VCALENDAR.'] };
  if (!/END:VCALENDAR\s*$/i.test(body))
    return { ok: false, errors: ['The file is cut short: END:VCALENDAR is missing.'] };
  const from = opts.from.getTime();
  const to = opts.to.getTime();
  if (!(to > from)) return { ok: false, errors: ['The import window is empty.'] };
  const maxEvents = opts.maxEvents ?? DEFAULT_MAX_EVENTS;

  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(body));
  } catch (e) {
    return {
      ok: false,
      errors: [`The file is not valid iCalendar: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500)],
    };
  }
  const calendars = root.name === 'vcalendar' ? [root] : root.getAllSubcomponents('vcalendar');
  if (calendars.length === 0) return { ok: false, errors: ['No VCALENDAR in the file.'] };

  // The file's own time zones: each is checked (zoneProblem); one that fails is taken out of the file (ical.js
  // would otherwise expand it for every time that names it). Checked zones are also registered for the
  // duration of the parse (and removed afterwards).
  const registered: string[] = [];
  /** Zones whose VTIMEZONE could not be used and that are not IANA names either: their events are skipped. */
  const unusableZones = new Set<string>();
  const events: CalendarEvent[] = [];
  let skipped = 0;
  const errors: string[] = [];
  checkedZones = new Set();
  // ical.js expands a zone's rules to five years past the latest year converted (at least this year's).
  const zoneUntil = Math.min(
    ZONE_YEARS_END,
    Math.max(new Date(to).getUTCFullYear(), opts.now.getUTCFullYear(), new Date().getUTCFullYear()) + 6,
  );
  try {
    for (const cal of calendars) {
      const seen = new Set<string>();
      for (const vtz of cal.getAllSubcomponents('vtimezone')) {
        let tzid: unknown;
        try {
          tzid = vtz.getFirstPropertyValue('tzid');
        } catch {
          tzid = undefined;
        }
        if (typeof tzid !== 'string' || tzid === '' || seen.has(tzid) || zoneProblem(vtz, zoneUntil) !== null) {
          cal.removeSubcomponent(vtz);
          if (typeof tzid === 'string' && !seen.has(tzid) && !isIanaZone(tzid)) unusableZones.add(tzid);
          continue;
        }
        seen.add(tzid);
        checkedZones.add(tzid);
        if (!ICAL.TimezoneService.has(tzid)) {
          ICAL.TimezoneService.register(vtz);
          registered.push(tzid);
        }
      }
    }
    const unusable = (comp: ICAL.Component) =>
      unusableZones.size > 0 &&
      ['dtstart', 'dtend', 'recurrence-id'].some((p) => {
        const z = tzidOf(comp, p);
        return z !== undefined && unusableZones.has(z);
      });
    for (const cal of calendars) {
      const vevents = cal.getAllSubcomponents('vevent');
      // exceptions (RECURRENCE-ID) belong to their series
      const masters = new Map<string, ICAL.Event>();
      const exceptions: ICAL.Event[] = [];
      const singles: ICAL.Event[] = [];
      for (const comp of vevents) {
        let ev: ICAL.Event;
        try {
          ev = new ICAL.Event(comp);
        } catch {
          skipped++;
          continue;
        }
        if (!ev.startDate || unusable(comp) || durationTooLong(comp)) {
          skipped++;
          continue;
        }
        if (ev.isRecurrenceException()) exceptions.push(ev);
        else if (ev.isRecurring()) {
          const rule = rruleOf(comp);
          const tooOld = ev.startDate.year < MIN_SERIES_YEAR;
          if (tooOld || (rule !== null && (rule === false || !EVENT_FREQS.has(rule.freq) || !intervalOk(rule)))) {
            skipped++;
            continue;
          }
          masters.set(ev.uid, ev);
        } else singles.push(ev);
      }
      for (const ex of exceptions) {
        const master = masters.get(ex.uid);
        if (master) master.relateException(ex);
        else singles.push(ex);
      }

      const emit = (
        comp: ICAL.Component,
        uid: string,
        instance: string | undefined,
        start: number,
        end: number,
        allDay: boolean,
      ): boolean => {
        if (!(Number.isFinite(start) && Number.isFinite(end) && start >= 0 && end <= MAX_MILLIS)) {
          // Before 1970 or after 2200 (or unreadable): never a real event.
          skipped++;
          return true;
        }
        if (!(end > from && start < to)) return true;
        const status = String(comp.getFirstPropertyValue('status') ?? '').toUpperCase();
        if (status === 'CANCELLED') {
          skipped++;
          return true;
        }
        if (events.length >= maxEvents) {
          errors.push(`The file has more than ${maxEvents} events in the chosen window; import a shorter range.`);
          return false;
        }
        const transp = String(comp.getFirstPropertyValue('transp') ?? '').toUpperCase();
        const summary = comp.getFirstPropertyValue('summary');
        const base = clip(uid || `event-${events.length}`, MAX_ID - 20);
        events.push({
          id: instance ? `${base}_${instance}` : base,
          start,
          end: Math.max(end, start),
          title: clip(typeof summary === 'string' ? summary : '', 500),
          allDay,
          attendees: attendeesOf(comp).slice(0, 500),
          source: 'ics',
          busy: transp !== 'TRANSPARENT',
        });
        return true;
      };

      for (const ev of singles) {
        const comp = ev.component;
        const tzStart = tzidOf(comp, 'dtstart');
        const tzEnd = tzidOf(comp, 'dtend') ?? tzStart;
        const start = toEpoch(ev.startDate, tzStart);
        const end = ev.endDate ? toEpoch(ev.endDate, tzEnd) : start;
        const instance = ev.isRecurrenceException()
          ? stamp(toEpoch(ev.recurrenceId, tzidOf(comp, 'recurrence-id') ?? tzStart))
          : undefined;
        if (!Number.isFinite(start) || !Number.isFinite(end)) {
          skipped++;
          continue;
        }
        if (!emit(comp, ev.uid, instance, start, end, ev.startDate.isDate)) return { ok: false, errors };
      }

      const untilYear = Math.min(MAX_YEAR, new Date(to).getUTCFullYear() + 1);
      for (const master of masters.values()) {
        const comp = master.component;
        const tzStart = tzidOf(comp, 'dtstart');
        const tzEnd = tzidOf(comp, 'dtend') ?? tzStart;
        const allDay = master.startDate.isDate;
        // One series, bounded: at most MAX_ITERATIONS_PER_SERIES occurrences and MAX_SERIES_STEPS rule steps,
        // and it ends once the rule's cursor is past the window's year.
        const rules = comp.getAllProperties('rrule').map((p) => p.getFirstValue());
        const outcome = inSeries(rules, untilYear, (): 'done' | 'skipped' | 'full' => {
          try {
            const iterator = master.iterator();
            let n = 0;
            for (let next = iterator.next(); next; next = iterator.next()) {
              if (++n > MAX_ITERATIONS_PER_SERIES) return 'skipped';
              if (next.year > MAX_YEAR) break;
              if (next.year < MIN_YEAR) continue;
              const occStart = toEpoch(next, tzStart);
              if (occStart >= to) break;
              let details: ReturnType<ICAL.Event['getOccurrenceDetails']>;
              try {
                details = master.getOccurrenceDetails(next);
              } catch {
                skipped++;
                continue;
              }
              const item = details.item;
              const itemComp = item.component;
              const isException = item !== master;
              const s = toEpoch(details.startDate, isException ? (tzidOf(itemComp, 'dtstart') ?? tzStart) : tzStart);
              const e = toEpoch(details.endDate, isException ? (tzidOf(itemComp, 'dtend') ?? tzEnd) : tzEnd);
              if (!emit(itemComp, master.uid, stamp(occStart), s, e, allDay)) return 'full';
            }
            return 'done';
          } catch (e) {
            return seriesStop(e) === 'window' ? 'done' : 'skipped';
          }
        });
        if (outcome === 'full') return { ok: false, errors };
        if (outcome === 'skipped') skipped++;
      }
    }
  } finally {
    for (const tzid of registered) ICAL.TimezoneService.remove(tzid);
    checkedZones = new Set();
  }
  events.sort((a, b) => a.start - b.start);
  return { ok: true, events, skipped };
}
