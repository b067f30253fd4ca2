/**
 * ICS import: an `.ics` file exported from any calendar, read with ical.js, recurring events expanded over
 * [from, to], time zones right. The steps, each in its own module:
 * 1. ics-text: the text is cut into VEVENT and VTIMEZONE blocks, from any number of VCALENDARs, each repaired
 *    where the intent is plain and parsed on its own: an unreadable event is skipped and counted, alone;
 * 2. ics-zones: every TZID is converted by Tend (the file's VTIMEZONE, else IANA, Windows or prefixed IANA
 *    names through Intl); events in a zone that is none of these are skipped and counted;
 * 3. ics-event: each VEVENT is read once; events are grouped by UID into series, their overrides and singles
 *    (the highest SEQUENCE wins when a file holds the same event twice);
 * 4. ics-series: each series is expanded over the window with its own overrides.
 * UTC ("Z") is as is; floating times and all-day dates are the runtime's local time (what the user would see).
 * Attendees' `mailto:` addresses are normalised; transparent events are free (busy: false); cancelled events
 * and cancelled occurrences are skipped. Bad files (not ICS, truncated, too large, too many events, nothing
 * readable) give ok:false with clear errors. Never throws.
 *
 * Expansion is bounded, whatever the file says (ics-budget counts every recurrence step):
 * - a VTIMEZONE rule that is not yearly or monthly, or yields more changes than a real zone could, is not used:
 *   its TZID falls back to the zone of that name, and events in a zone that has neither are skipped;
 * - event rules that cannot be read, with no valid INTERVAL, or series that start before 1900 are skipped;
 * - events before 1970 or after 2200, or lasting longer than that range, are dropped;
 * - a series stops at the window's end, after 50,000 occurrences or MAX_SERIES_STEPS steps (then it is
 *   skipped), and a file that needs more than MAX_FILE_STEPS in all, or is still expanding after
 *   MAX_EXPANSION_MS, is refused with a clear error.
 */
import { LIMITS, MAX_MILLIS, MAX_YEAR } from '../core/limits';
import type { CalendarEvent } from '../core/model';
import { type Budget, newBudget, StepLimit, withStepGuard } from './ics-budget';
import { attendeesOf, readVEvent, tzidsOf, type VEvent } from './ics-event';
import { type Emitter, expandSeries, toEpoch } from './ics-series';
import { type IcsBlock, parseBlock, splitIcs } from './ics-text';
import { ParseZones } from './ics-zones';

export interface ParseIcsOptions {
  now: Date;
  from: Date;
  to: Date;
  /** Stop (with an error) beyond this many events in the window. Default 20,000. */
  maxEvents?: number;
}

export type ParseIcsResult =
  | {
      ok: true;
      events: CalendarEvent[];
      /** Events (or occurrences) left out: unreadable, in an unknown zone, out of range or cancelled. */
      skipped: number;
      /** Recurrence steps the file took (its cost: a weekly series over a year is about 50). */
      steps: number;
      /** The span the file tells all events of, within [from, to]; null for an invitation or a file of nothing. */
      covers: { start: number; end: number } | null;
    }
  | { ok: false; errors: string[] };

export const ICS_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_EVENTS = 20_000;
const MAX_ID = 400;
/** Zone rules are expanded this many years past the window (a zone's change can only matter up to there). */
const ZONE_YEARS_AFTER = 2;

/** Reads an .ics text into the events that touch [from, to]. */
export function parseIcs(text: string, opts: ParseIcsOptions): ParseIcsResult {
  const refused = checkText(text, opts);
  if (refused) return { ok: false, errors: [refused] };
  const budget = newBudget();
  try {
    return withStepGuard(budget, () => readFile(text.replace(/^\uFEFF/, '').trimStart(), opts, budget));
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

/** Why a text cannot be an .ics file worth reading, or null. */
function checkText(text: unknown, opts: ParseIcsOptions): string | null {
  if (typeof text !== 'string') return 'No file content.';
  if (text.length > ICS_MAX_BYTES)
    return `The file is too large (over ${ICS_MAX_BYTES / 1024 / 1024} MB); export a shorter range.`;
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!/^BEGIN:VCALENDAR/i.test(body))
    return 'This is not an iCalendar (.ics) file: it does not start with BEGIN:VCALENDAR.';
  if (!/END:VCALENDAR\s*$/i.test(body)) return 'The file is cut short: END:VCALENDAR is missing.';
  if (!(opts.to.getTime() > opts.from.getTime())) return 'The import window is empty.';
  return null;
}

/** The events of one parse, as they are found. */
class Collected implements Emitter {
  readonly events: CalendarEvent[] = [];
  readonly errors: string[] = [];
  readonly from: number;
  readonly to: number;
  readonly untilYear: number;
  skipped = 0;
  private readonly ids = new Set<string>();
  private readonly maxEvents: number;
  constructor(
    opts: ParseIcsOptions,
    readonly budget: Budget,
  ) {
    this.from = opts.from.getTime();
    this.to = opts.to.getTime();
    this.untilYear = Math.min(MAX_YEAR, new Date(this.to).getUTCFullYear() + 1);
    this.maxEvents = opts.maxEvents ?? DEFAULT_MAX_EVENTS;
  }

  skip(): void {
    this.skipped++;
  }

  mark(): number {
    return this.events.length;
  }

  rollback(mark: number): void {
    for (const ev of this.events.splice(mark)) this.ids.delete(ev.id);
  }

  emit(ev: VEvent, instance: number | undefined, start: number, end: number): boolean {
    if (!(Number.isFinite(start) && Number.isFinite(end) && start >= 0 && end <= MAX_MILLIS)) {
      this.skipped++; // before 1970 or after 2200 (or unreadable): never a real event
      return true;
    }
    if (!(end > this.from && start < this.to)) return true;
    if (ev.cancelled) {
      this.skipped++;
      return true;
    }
    const base = clip(ev.uid, MAX_ID - 20);
    const id = instance === undefined || !Number.isFinite(instance) ? base : `${base}_${stamp(instance)}`;
    if (this.ids.has(id)) return true;
    if (this.events.length >= this.maxEvents) {
      this.errors.push(`The file has more than ${this.maxEvents} events in the chosen window; import a shorter range.`);
      return false;
    }
    this.ids.add(id);
    const summary = ev.comp.getFirstPropertyValue('summary');
    this.events.push({
      id,
      start,
      end: Math.max(end, start),
      title: clip(typeof summary === 'string' ? summary : '', 500),
      allDay: ev.start.isDate,
      attendees: attendeesOf(ev.comp).slice(0, LIMITS.attendees),
      source: 'ics',
      busy: ev.busy,
    });
    return true;
  }
}

function readFile(body: string, opts: ParseIcsOptions, budget: Budget): ParseIcsResult {
  const split = splitIcs(body);
  if (split.calendars === 0) return { ok: false, errors: ['No VCALENDAR in the file.'] };
  const out = new Collected(opts, budget);
  const zoneUntil = Math.min(
    MAX_YEAR + 6,
    Math.max(new Date(out.to).getUTCFullYear(), opts.now.getUTCFullYear()) + ZONE_YEARS_AFTER,
  );
  const zones = new ParseZones(budget, zoneUntil);
  try {
    readZones(split.blocks, zones);
    const read = readEvents(split.blocks, zones);
    out.skipped += split.broken + read.skipped;
    if (read.events.length === 0 && read.firstError)
      return { ok: false, errors: [`The file is not valid iCalendar: ${read.firstError}`.slice(0, 500)] };
    const { series, singles } = group(read.events);
    for (const ev of singles) {
      const instance = ev.recurrenceId ? toEpoch(ev.recurrenceId) : undefined;
      if (!out.emit(ev, instance, toEpoch(ev.start), toEpoch(ev.end))) return { ok: false, errors: out.errors };
    }
    for (const { master, overrides } of series.values()) {
      if (!expandSeries(out, master, overrides)) return { ok: false, errors: out.errors };
    }
  } finally {
    zones.release();
  }
  out.events.sort((a, b) => a.start - b.start);
  return {
    ok: true,
    events: out.events,
    skipped: out.skipped,
    steps: budget.file,
    covers: fileCoverage(body, out.events, out.from, out.to),
  };
}

/**
 * What span of time the file shows every event of, clipped to the window expanded. An invitation or reply
 * (METHOD other than PUBLISH) holds one event, not a calendar: nothing. An export that names the range it was
 * cut to (Outlook's X-CLIPSTART / X-CLIPEND) covers that range, events or not; any other file covers from its
 * first event's start to its last event's end (for a series without end, its last occurrence in the window).
 */
function fileCoverage(
  body: string,
  events: readonly CalendarEvent[],
  from: number,
  to: number,
): { start: number; end: number } | null {
  const method = /^METHOD[^:\r\n]*:\s*([A-Za-z-]+)/m.exec(body)?.[1]?.toUpperCase();
  if (method && method !== 'PUBLISH') return null;
  let start = clipStamp(body, 'X-CLIPSTART');
  let end = clipStamp(body, 'X-CLIPEND');
  if (start === null || end === null) {
    if (events.length === 0) return null;
    start = events[0]!.start;
    end = Math.max(...events.map((e) => e.end));
  }
  start = Math.max(start, from);
  end = Math.min(end, to);
  return end > start ? { start, end } : null;
}

/** A VCALENDAR date-time property (`YYYYMMDD[THHMMSS[Z]]`) as epoch ms; without Z, the runtime's local time. */
function clipStamp(body: string, name: string): number | null {
  const m = new RegExp(
    `^${name}(?:;[^:\\r\\n]*)?:(\\d{4})(\\d{2})(\\d{2})(?:T(\\d{2})(\\d{2})(\\d{2})(Z)?)?\\s*$`,
    'm',
  ).exec(body);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const t = m[7] ? Date.UTC(y, mo - 1, d, h, mi, s) : new Date(y, mo - 1, d, h, mi, s).getTime();
  return Number.isFinite(t) ? t : null;
}

function readZones(blocks: readonly IcsBlock[], zones: ParseZones): void {
  for (const block of blocks) {
    if (block.kind !== 'vtimezone') continue;
    const comp = parseBlock(block);
    if (comp instanceof Error) zones.addUnreadableZone(block.text);
    else zones.addFileZone(comp);
  }
}

/** Every readable VEVENT whose zones are usable; the rest counted, with the parser's first complaint. */
function readEvents(
  blocks: readonly IcsBlock[],
  zones: ParseZones,
): { events: VEvent[]; skipped: number; firstError: string | null } {
  const events: VEvent[] = [];
  let skipped = 0;
  let firstError: string | null = null;
  for (const block of blocks) {
    if (block.kind !== 'vevent') continue;
    const comp = parseBlock(block);
    if (comp instanceof Error) {
      skipped++;
      firstError ??= comp.message;
      continue;
    }
    // The zones must be known before any time is decoded (ical.js attaches the zone when it decodes).
    const ev = tzidsOf(comp).every((z) => zones.usable(z)) ? readVEvent(comp, block.text) : 'an unknown time zone';
    if (typeof ev === 'string') skipped++;
    else events.push(ev);
  }
  return { events, skipped, firstError };
}

interface Series {
  master: VEvent;
  overrides: VEvent[];
}

/** Series (RRULE or RDATE) with their overrides by UID, and everything else; duplicates keep the newest. */
function group(events: readonly VEvent[]): { series: Map<string, Series>; singles: VEvent[] } {
  const masters = new Map<string, VEvent>();
  const others: VEvent[] = [];
  for (const ev of events) {
    if (!ev.recurrenceId && (ev.rules.length > 0 || ev.rdates.length > 0)) {
      const old = masters.get(ev.uid);
      if (!old || old.sequence <= ev.sequence) masters.set(ev.uid, ev);
    } else others.push(ev);
  }
  const series = new Map<string, Series>();
  for (const [uid, master] of masters) series.set(uid, { master, overrides: [] });
  const singles = new Map<string, VEvent>();
  for (const ev of others) {
    const s = ev.recurrenceId && ev.hasUid ? series.get(ev.uid) : undefined;
    if (s) s.overrides.push(ev);
    else {
      // The same event twice (several VCALENDARs, iTIP updates): the highest SEQUENCE, then the last.
      const key = `${ev.uid}\u0000${ev.recurrenceId ? toEpoch(ev.recurrenceId) : ''}`;
      const old = singles.get(key);
      if (!old || old.sequence <= ev.sequence) singles.set(key, ev);
    }
  }
  return { series, singles: [...singles.values()] };
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
