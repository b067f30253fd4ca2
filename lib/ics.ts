/**
 * ICS import: an `.ics` file exported from any calendar, read with ical.js, recurring events expanded over
 * [from, to], time zones right:
 * - a TZID with its VTIMEZONE in the file: ical.js converts with the file's own rules;
 * - a TZID without VTIMEZONE that is an IANA name ("Europe/Berlin", as Google writes): converted with Intl;
 * - UTC ("Z"): as is; floating times and all-day dates: the runtime's local time (what the user would see).
 * Attendees' `mailto:` addresses are normalised; transparent events are free (busy: false); cancelled events
 * and cancelled occurrences are skipped. Bad files (not ICS, truncated, too large, too many events) give
 * ok:false with clear errors. Never throws.
 */
import { TZDateMini } from '@date-fns/tz';
import ICAL from 'ical.js';
import { normalizeEmail } from './email';
import type { CalendarEvent } from './model';

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
/** A series that yields more occurrences than this before leaving the window is cut (a minutely rule). */
const MAX_ITERATIONS_PER_SERIES = 50_000;
const MAX_ID = 400;

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
function toEpoch(t: IcalTime, tzid: string | undefined): number {
  if (t.isDate) return new Date(t.year, t.month - 1, t.day).getTime();
  const zone = t.zone?.tzid;
  if (zone === 'UTC' || (zone && zone !== 'floating')) return t.toUnixTime() * 1000;
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
    return parseIcsUnsafe(text, opts);
  } catch (e) {
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

  // Register the file's own time zones for the duration of the parse (and remove them afterwards).
  const registered: string[] = [];
  const events: CalendarEvent[] = [];
  let skipped = 0;
  const errors: string[] = [];
  try {
    for (const cal of calendars) {
      for (const vtz of cal.getAllSubcomponents('vtimezone')) {
        const tzid = vtz.getFirstPropertyValue('tzid');
        if (typeof tzid === 'string' && !ICAL.TimezoneService.has(tzid)) {
          ICAL.TimezoneService.register(vtz);
          registered.push(tzid);
        }
      }
    }
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
        if (!ev.startDate) {
          skipped++;
          continue;
        }
        if (ev.isRecurrenceException()) exceptions.push(ev);
        else if (ev.isRecurring()) masters.set(ev.uid, ev);
        else singles.push(ev);
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

      for (const master of masters.values()) {
        const comp = master.component;
        const tzStart = tzidOf(comp, 'dtstart');
        const tzEnd = tzidOf(comp, 'dtend') ?? tzStart;
        const allDay = master.startDate.isDate;
        const iterator = master.iterator();
        let n = 0;
        for (let next = iterator.next(); next; next = iterator.next()) {
          if (++n > MAX_ITERATIONS_PER_SERIES) {
            skipped++;
            break;
          }
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
          if (!emit(itemComp, master.uid, stamp(occStart), s, e, allDay)) return { ok: false, errors };
        }
      }
    }
  } finally {
    for (const tzid of registered) ICAL.TimezoneService.remove(tzid);
  }
  events.sort((a, b) => a.start - b.start);
  return { ok: true, events, skipped };
}
