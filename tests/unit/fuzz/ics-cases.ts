/**
 * The calendar files the ICS fuzz property feeds parseIcs (lib/ingest/ics.ts): a valid calendar, hostile
 * property lines, and line edits of the valid calendar. Case `i` of a run is generated on its own from
 * (seed, i), so the runner process makes each case when it needs it and nothing holds them all: a 40x soak's
 * twelve thousand cases, a quarter of them carrying a 200,000-character line, no longer pass through one
 * JSON string (that was the "RangeError: Invalid string length").
 */
import fc from 'fast-check';
import { nastyString } from './support';

/** A valid calendar: VTIMEZONE, a weekly series with an exception and an EXDATE, all-day and floating events. */
export const VALID = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Tend fuzz//EN',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:weekly-1@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Europe/Paris:20260105T090000',
  'DTEND;TZID=Europe/Paris:20260105T093000',
  'RRULE:FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20261231T000000Z',
  'EXDATE;TZID=Europe/Paris:20260112T090000',
  'SUMMARY:Stand-up',
  'ATTENDEE;CN=Ann:mailto:Ann@Example.com',
  'ATTENDEE:mailto:bo.ray@googlemail.com',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:weekly-1@example.com',
  'DTSTAMP:20260101T000000Z',
  'RECURRENCE-ID;TZID=Europe/Paris:20260115T090000',
  'DTSTART;TZID=Europe/Paris:20260115T100000',
  'DTEND;TZID=Europe/Paris:20260115T103000',
  'SUMMARY:Stand-up (moved)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:offsite-2@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20261103',
  'DTEND;VALUE=DATE:20261105',
  'SUMMARY:Offsite',
  'TRANSP:TRANSPARENT',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:coffee-3@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20261030T083000',
  'DURATION:PT45M',
  'SUMMARY:Coffee with Cy',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:call-4@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=America/New_York:20261102T160000',
  'DTEND;TZID=America/New_York:20261102T170000',
  'SUMMARY:Call',
  'STATUS:CONFIRMED',
  'END:VEVENT',
  'END:VCALENDAR',
];

/** A 200,000-character property line (built once). */
const LONG_DESCRIPTION = `DESCRIPTION:${'x'.repeat(200_000)}`;

/** Hostile property lines a mutated file may carry. */
export const hostileLine = fc.oneof(
  fc.constantFrom(
    'DTSTART:99991231T000000Z',
    'DTSTART:00010101T000000Z',
    'DTSTART:19000101T000000Z',
    'DTEND:21991231T000000Z',
    'DTEND:30000101T000000Z',
    'DTSTART;VALUE=DATE:19691231',
    'DTEND;VALUE=DATE:20251301',
    'DTSTART;TZID=Mars/Olympus:20261101T090000',
    'DTSTART;TZID=Europe/Paris:20260329T023000',
    'RRULE:FREQ=SECONDLY',
    'RRULE:FREQ=MINUTELY;COUNT=1000000',
    'RRULE:FREQ=DAILY;UNTIL=19700101T000000Z',
    'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    'RRULE:FREQ=WEEKLY;INTERVAL=0',
    'RRULE:FREQ=DAILY;INTERVAL=-1',
    'RRULE:garbage',
    'DURATION:-P1000000W',
    'DURATION:P99999999D',
    'DURATION:P9999999999D',
    'EXDATE:notadate',
    'RECURRENCE-ID:20260108T080000Z',
    'STATUS:CANCELLED',
    'UID:',
    'UID:__proto__',
    'UID:constructor',
    'SUMMARY:__proto__',
    'ATTENDEE:mailto:__proto__@example.com',
    'ATTENDEE:mailto:not-an-address',
    'BEGIN:VEVENT',
    'END:VEVENT',
    'BEGIN:VTIMEZONE',
    'END:VCALENDAR',
    'BEGIN:VCALENDAR',
    ' folded continuation',
    'X-WR-TIMEZONE:Europe/Paris',
  ),
  nastyString(40).map((s) => `SUMMARY:${s}`),
  nastyString(40).map((s) => `UID:${s}`),
  nastyString(30),
  fc.constant(LONG_DESCRIPTION),
);

type LineEdit =
  | { op: 'drop'; at: number }
  | { op: 'dup'; at: number }
  | { op: 'insert'; at: number; line: string }
  | { op: 'replace'; at: number; line: string }
  | { op: 'chars'; at: number; pos: number; s: string };

const lineEdit: fc.Arbitrary<LineEdit> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), line: hostileLine }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), line: hostileLine }),
  fc.record({ op: fc.constant('chars' as const), at: fc.nat(), pos: fc.nat(), s: fc.string({ maxLength: 3 }) }),
);

export function applyLineEdits(lines: readonly string[], edits: readonly LineEdit[]): string[] {
  const out = [...lines];
  for (const e of edits) {
    const at = e.at % Math.max(1, out.length);
    switch (e.op) {
      case 'drop':
        out.splice(at, 1);
        break;
      case 'dup':
        out.splice(at, 0, out[at] ?? '');
        break;
      case 'insert':
        out.splice(at, 0, e.line);
        break;
      case 'replace':
        out[at] = e.line;
        break;
      case 'chars': {
        const l = out[at] ?? '';
        const p = e.pos % (l.length + 1);
        out[at] = l.slice(0, p) + e.s + l.slice(p + 1);
        break;
      }
    }
  }
  return out;
}

/** A valid calendar with one to six line edits, in CRLF or LF. */
export const mutatedCalendar: fc.Arbitrary<string> = fc
  .tuple(fc.array(lineEdit, { minLength: 1, maxLength: 6 }), fc.constantFrom('\r\n', '\n'))
  .map(([edits, eol]) => applyLineEdits(VALID, edits).join(eol));

/** Case `i` of the mutated-calendar property under `seed`: the same text in every process. */
export function mutatedCase(seed: number, i: number): string {
  const [text] = fc.sample(mutatedCalendar, { numRuns: 1, seed: (seed + i * 2_654_435_761) | 0 });
  return text ?? '';
}
