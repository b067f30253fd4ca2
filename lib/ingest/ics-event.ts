/**
 * One VEVENT read once, every value it needs decoded up front (ical.js decodes lazily, so a bad value would
 * otherwise throw halfway through an expansion). A VEVENT that cannot be read is skipped, with the reason.
 */
import ICAL from 'ical.js';
import { normalizeEmail } from '../core/email';
import { MAX_YEAR, MIN_YEAR } from '../core/limits';
import { hash } from './gmail-normalize';
import { intervalOk } from './ics-zones';

/** A series that starts before this year is not a real one (a birthday series starts at the birth year). */
const MIN_SERIES_YEAR = 1900;
const EVENT_FREQS = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
/**
 * A DURATION longer than the store's whole range: never a real event, and ical.js adds a duration to a time
 * day by day (P9999999999D takes it 20 s), so such an event is skipped before its end is computed.
 */
const MAX_DURATION_SECONDS = (MAX_YEAR - MIN_YEAR + 1) * 366 * 86_400;
/** The properties whose TZID must be a zone Tend can convert. */
export const ZONED_PROPERTIES = ['dtstart', 'dtend', 'due', 'recurrence-id', 'exdate', 'rdate'] as const;

export interface VEvent {
  comp: ICAL.Component;
  /** The UID, or one made from the event's text when it has none (stable across imports of the same file). */
  uid: string;
  hasUid: boolean;
  sequence: number;
  start: ICAL.Time;
  end: ICAL.Time;
  duration: ICAL.Duration;
  recurrenceId: ICAL.Time | null;
  rules: ICAL.Recur[];
  rdates: ICAL.Time[];
  exdates: ICAL.Time[];
  cancelled: boolean;
  busy: boolean;
}

function times(comp: ICAL.Component, name: string): ICAL.Time[] {
  const out: ICAL.Time[] = [];
  for (const p of comp.getAllProperties(name)) {
    for (const v of p.getValues()) {
      const t: unknown = v instanceof ICAL.Period ? v.start : v;
      if (!(t instanceof ICAL.Time)) throw new Error(`an unreadable ${name.toUpperCase()}`);
      out.push(t);
    }
  }
  return out;
}

/** The guests' addresses, normalised (read only for events that are kept). */
export function attendeesOf(comp: ICAL.Component): string[] {
  const out = new Set<string>();
  for (const p of comp.getAllProperties('attendee')) {
    const v = p.getFirstValue();
    const e = normalizeEmail(typeof v === 'string' ? v : '');
    if (e) out.add(e);
  }
  return [...out];
}

function durationTooLong(comp: ICAL.Component): boolean {
  const prop = comp.getFirstProperty('duration');
  if (!prop) return false;
  const d = prop.getFirstValue();
  if (!(d instanceof ICAL.Duration)) return true;
  const seconds = d.toSeconds();
  return !Number.isFinite(seconds) || Math.abs(seconds) > MAX_DURATION_SECONDS;
}

function rulesOf(comp: ICAL.Component): ICAL.Recur[] | string {
  const rules: ICAL.Recur[] = [];
  for (const p of comp.getAllProperties('rrule')) {
    const r = p.getFirstValue();
    if (!(r instanceof ICAL.Recur)) return 'an unreadable RRULE';
    if (!EVENT_FREQS.has(r.freq)) return 'an RRULE without a valid FREQ';
    if (!intervalOk(r)) return 'an RRULE with an invalid INTERVAL';
    if (!rules.some((o) => o.toString() === r.toString())) rules.push(r); // the same rule twice is one rule
  }
  return rules;
}

/** Reads a VEVENT, or says why it cannot be used. Never throws. */
export function readVEvent(comp: ICAL.Component, text: string): VEvent | string {
  try {
    const ev = new ICAL.Event(comp, { strictExceptions: true, exceptions: [] });
    const start = comp.getFirstPropertyValue('dtstart');
    if (!(start instanceof ICAL.Time)) return 'no DTSTART';
    if (durationTooLong(comp)) return 'a DURATION longer than any real event';
    const rules = rulesOf(comp);
    if (typeof rules === 'string') return rules;
    const rdates = times(comp, 'rdate');
    const recurrenceId = comp.getFirstPropertyValue('recurrence-id');
    if (recurrenceId !== null && !(recurrenceId instanceof ICAL.Time)) return 'an unreadable RECURRENCE-ID';
    if ((rules.length > 0 || rdates.length > 0) && start.year < MIN_SERIES_YEAR) return 'a series before 1900';
    const uid = comp.getFirstPropertyValue('uid');
    const hasUid = typeof uid === 'string' && uid.trim() !== '';
    const sequence = Number(comp.getFirstPropertyValue('sequence') ?? 0);
    return {
      comp,
      uid: hasUid ? uid : `nouid-${hash(text)}`,
      hasUid,
      sequence: Number.isFinite(sequence) ? sequence : 0,
      start,
      end: ev.endDate,
      duration: ev.duration,
      recurrenceId,
      rules,
      rdates,
      exdates: times(comp, 'exdate'),
      cancelled: String(comp.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED',
      busy: String(comp.getFirstPropertyValue('transp') ?? '').toUpperCase() !== 'TRANSPARENT',
    };
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The TZIDs the event's times name. */
export function tzidsOf(comp: ICAL.Component): string[] {
  const out: string[] = [];
  for (const name of ZONED_PROPERTIES) {
    for (const p of comp.getAllProperties(name)) {
      const z = p.getParameter('tzid');
      if (typeof z === 'string' && z !== '') out.push(z);
    }
  }
  return out;
}
