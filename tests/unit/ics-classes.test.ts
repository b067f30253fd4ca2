/**
 * Issue 13, part 1: calendar files as real programs write them. One test (or table) per class of input that
 * came out wrong; each says what the file means and checks the instants that come out.
 */
import ICAL from 'ical.js';
import { parseIcs } from '../../lib/ingest/ics';

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const calendar = (...body: string[][]) =>
  crlf(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...body.flat(), 'END:VCALENDAR']);
const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
const iso = (t: number) => new Date(t).toISOString().replace('.000', '');
const utc = (...a: [number, number, number, number?, number?]) => Date.UTC(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0);
const win = (from: string, to: string) => ({ now: new Date(from), from: new Date(from), to: new Date(to) });
const october = win('2024-10-01T00:00:00Z', '2024-11-30T00:00:00Z');

function read(text: string, w = october) {
  const r = parseIcs(text, w);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r;
}
const starts = (r: ReturnType<typeof read>, title?: string) =>
  r.events.filter((e) => title === undefined || e.title === title).map((e) => iso(e.start));

describe('overrides belong to their own series', () => {
  it('moves only the series whose UID the override names, with its own guests', () => {
    const r = read(
      calendar(
        event('UID:a', 'SUMMARY:A', 'DTSTART:20241007T090000Z', 'DTEND:20241007T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=3'),
        event(
          'UID:b',
          'SUMMARY:B',
          'DTSTART:20241007T090000Z',
          'DTEND:20241007T100000Z',
          'RRULE:FREQ=WEEKLY;COUNT=3',
          'ATTENDEE:mailto:bo@acme.com',
        ),
        event(
          'UID:a',
          'SUMMARY:A moved',
          'RECURRENCE-ID:20241014T090000Z',
          'DTSTART:20241014T150000Z',
          'DTEND:20241014T160000Z',
        ),
      ),
    );
    expect(starts(r, 'B')).toEqual(['2024-10-07T09:00:00Z', '2024-10-14T09:00:00Z', '2024-10-21T09:00:00Z']);
    expect(r.events.filter((e) => e.title === 'B').every((e) => e.attendees.join() === 'bo@acme.com')).toBe(true);
    expect(starts(r, 'A')).toEqual(['2024-10-07T09:00:00Z', '2024-10-21T09:00:00Z']);
    expect(r.events.find((e) => e.title === 'A moved')).toMatchObject({
      id: 'a_20241014T090000Z',
      start: utc(2024, 10, 14, 15),
    });
  });

  it('relates hundreds of overrides without ical.js scanning the calendar for each series', () => {
    const stampOf = (t: number) => new Date(t).toISOString().replace(/[-:]|\.000/g, '');
    const week = 7 * 86_400_000;
    const series = Array.from({ length: 100 }, (_, i) => [
      ...event(`UID:s${i}`, 'DTSTART:20241007T090000Z', 'DTEND:20241007T093000Z', 'RRULE:FREQ=WEEKLY;COUNT=8'),
      ...Array.from({ length: 7 }, (_, k) =>
        event(
          `UID:s${i}`,
          `RECURRENCE-ID:${stampOf(utc(2024, 10, 14, 9) + k * week)}`,
          `DTSTART:${stampOf(utc(2024, 10, 14, 12) + k * week)}`,
        ),
      ).flat(),
    ]);
    // ical.js never relates an exception itself: the importer does, by UID.
    let related = 0;
    const relate = ICAL.Event.prototype.relateException;
    ICAL.Event.prototype.relateException = function (this: ICAL.Event, obj) {
      related++;
      return relate.call(this, obj);
    };
    try {
      const r = read(calendar(...series));
      expect(r.events.length).toBe(100 * 8);
      expect(r.events.filter((e) => new Date(e.start).getUTCHours() === 12).length).toBe(100 * 7);
    } finally {
      ICAL.Event.prototype.relateException = relate;
    }
    expect(related).toBe(0);
  });
});

describe('several VCALENDARs in one file', () => {
  it('reads every calendar; the same event sent twice is the newer version once', () => {
    const text =
      calendar(event('UID:x', 'SEQUENCE:0', 'SUMMARY:Old', 'DTSTART:20241010T090000Z')) +
      calendar(event('UID:x', 'SEQUENCE:1', 'SUMMARY:New', 'DTSTART:20241010T100000Z')) +
      calendar(event('UID:y', 'SUMMARY:Other', 'DTSTART;TZID=Europe/Paris:20241011T090000'));
    const r = read(text);
    expect(r.events.map((e) => [e.id, e.title, iso(e.start)])).toEqual([
      ['x', 'New', '2024-10-10T10:00:00Z'],
      ['y', 'Other', '2024-10-11T07:00:00Z'],
    ]);
  });
});

describe('one unreadable value costs only its event', () => {
  it.each([
    ['a date without VALUE=DATE (repaired)', ['DTSTART:20241003', 'DTEND:20241004'], 'repaired'],
    [
      'a rule with spaces (repaired)',
      ['DTSTART:20241007T090000Z', 'RRULE:FREQ=WEEKLY;BYDAY=MO, TU;COUNT=2'],
      'repaired',
    ],
    ['a date that is no date', ['DTSTART:2024-10-03x'], 'skipped'],
    ['a rule that is no rule', ['DTSTART:20241007T090000Z', 'RRULE:FREQ=WEEKLY;BYDAY=XX'], 'skipped'],
    ['a broken line', ['DTSTART:20241007T090000Z', 'this is not a line'], 'skipped'],
  ])('%s', (_name, lines, outcome) => {
    const r = read(
      calendar(
        event('UID:good1', 'SUMMARY:Good', 'DTSTART:20241002T090000Z'),
        event('UID:odd', 'SUMMARY:Odd', ...lines),
        event('UID:good2', 'SUMMARY:Good', 'DTSTART:20241020T090000Z'),
      ),
    );
    expect(starts(r, 'Good')).toEqual(['2024-10-02T09:00:00Z', '2024-10-20T09:00:00Z']);
    const odd = r.events.filter((e) => e.title === 'Odd');
    if (outcome === 'skipped') {
      expect(odd).toEqual([]);
      expect(r.skipped).toBe(1);
    } else {
      expect(odd.length).toBeGreaterThan(0);
      expect(r.skipped).toBe(0);
    }
  });

  it('reads the date without VALUE=DATE as the all-day event it is, and both weekdays of the spaced rule', () => {
    const r = read(
      calendar(
        event('UID:d', 'SUMMARY:Day', 'DTSTART:20241003', 'DTEND:20241004'),
        event('UID:w', 'SUMMARY:Week', 'DTSTART:20241007T090000Z', 'RRULE:FREQ=WEEKLY;BYDAY=MO, TU;COUNT=2'),
      ),
    );
    expect(r.events.find((e) => e.title === 'Day')).toMatchObject({
      allDay: true,
      start: new Date(2024, 9, 3).getTime(),
    });
    expect(starts(r, 'Week')).toEqual(['2024-10-07T09:00:00Z', '2024-10-08T09:00:00Z']);
  });

  it('an event cut off before its END is skipped and the next one read', () => {
    const r = read(
      crlf([
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:cut',
        'DTSTART:20241002T090000Z',
        'BEGIN:VEVENT',
        'UID:next',
        'DTSTART:20241003T090000Z',
        'END:VEVENT',
        'END:VCALENDAR',
      ]),
    );
    expect(r.events.map((e) => e.id)).toEqual(['next']);
    expect(r.skipped).toBe(1);
  });
});

describe('long-period rules keep every occurrence in the window', () => {
  const w = win('2023-06-01T00:00:00Z', '2024-08-01T00:00:00Z');
  it.each([
    [
      'Feb 29 every year since 2000',
      'DTSTART:20000229T120000Z',
      'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
      ['2024-02-29T12:00:00Z'],
    ],
    ['every third year since 1993', 'DTSTART:19930310T120000Z', 'RRULE:FREQ=YEARLY;INTERVAL=3', []],
    [
      'every third year since 1994',
      'DTSTART:19940310T120000Z',
      'RRULE:FREQ=YEARLY;INTERVAL=3',
      ['2024-03-10T12:00:00Z'],
    ],
    [
      'every 4 years on the last Sunday of June since 1980',
      'DTSTART:19800629T120000Z',
      'RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=6;BYDAY=-1SU',
      ['2024-06-30T12:00:00Z'],
    ],
    [
      'every other hour since 2001 (fast-forwarded)',
      'DTSTART:20010101T000000Z',
      'RRULE:FREQ=HOURLY;INTERVAL=2;BYMONTH=7;BYMONTHDAY=31;BYHOUR=10,12',
      ['2023-07-31T10:00:00Z', '2023-07-31T12:00:00Z', '2024-07-31T10:00:00Z', '2024-07-31T12:00:00Z'],
    ],
  ])('%s', (_name, start, rule, expected) => {
    const r = read(calendar(event('UID:l', start, rule)), w);
    expect(starts(r)).toEqual(expected);
  });

  it('keeps every occurrence of the Options window (a year back, 90 days ahead) for a daily series from 1999', () => {
    const now = Date.UTC(2025, 5, 15);
    const opts = { now: new Date(now), from: new Date(now - 365 * 86_400_000), to: new Date(now + 90 * 86_400_000) };
    const r = read(
      calendar(event('UID:d', 'DTSTART:19990101T083000Z', 'DTEND:19990101T084500Z', 'RRULE:FREQ=DAILY')),
      opts,
    );
    expect(r.events.length).toBe(455);
    expect(r.events[0]?.start).toBe(utc(2024, 6, 15, 8, 30));
    expect(r.steps).toBeLessThan(1_000); // fast-forwarded: not 26 years of days
  });
});

describe('the file own zones', () => {
  const zone = (tzid: string, ...obs: string[][]) => [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    ...obs.flat(),
    'END:VTIMEZONE',
  ];
  const obs = (kind: string, from: string, to: string, ...lines: string[]) => [
    `BEGIN:${kind}`,
    `TZOFFSETFROM:${from}`,
    `TZOFFSETTO:${to}`,
    ...lines,
    `END:${kind}`,
  ];

  it('reads observances given as DTSTART plus RDATE, and times before the first observance', () => {
    const tz = zone(
      'Tzurl Berlin',
      obs('DAYLIGHT', '+0100', '+0200', 'DTSTART:20240331T020000', 'RDATE:20250330T020000'),
      obs('STANDARD', '+0200', '+0100', 'DTSTART:20241027T030000', 'RDATE:20251026T030000'),
    );
    const at = (d: string) => [`DTSTART;TZID=Tzurl Berlin:${d}`];
    const r = read(
      calendar(
        tz,
        event('UID:summer', 'SUMMARY:s', ...at('20240815T090000')),
        event('UID:winter', 'SUMMARY:w', ...at('20241115T090000')),
        event('UID:before', 'SUMMARY:b', ...at('20240115T090000')),
        event('UID:next', 'SUMMARY:n', ...at('20250615T090000')),
      ),
      win('2024-01-01T00:00:00Z', '2025-12-31T00:00:00Z'),
    );
    expect(Object.fromEntries(r.events.map((e) => [e.title, iso(e.start)]))).toEqual({
      b: '2024-01-15T08:00:00Z', // before the first observance: its TZOFFSETFROM (+01:00)
      s: '2024-08-15T07:00:00Z',
      w: '2024-11-15T08:00:00Z',
      n: '2025-06-15T07:00:00Z',
    });
  });

  it('reads Lotus Notes zones whose rules name the hour and minute', () => {
    const tz = zone(
      'Eastern',
      obs(
        'STANDARD',
        '-0400',
        '-0500',
        'DTSTART:19501105T020000',
        'RRULE:FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=1SU;BYMONTH=11',
      ),
      obs(
        'DAYLIGHT',
        '-0500',
        '-0400',
        'DTSTART:19500312T020000',
        'RRULE:FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=2SU;BYMONTH=3',
      ),
    );
    const r = read(calendar(tz, event('UID:n', 'DTSTART;TZID="Eastern":20241030T090000', 'RRULE:FREQ=WEEKLY;COUNT=2')));
    expect(starts(r)).toEqual(['2024-10-30T13:00:00Z', '2024-11-06T14:00:00Z']);
  });
});

describe('zones named but not defined in the file', () => {
  it('compares UTC EXDATE, RECURRENCE-ID and UNTIL with an IANA series as instants', () => {
    const r = read(
      calendar(
        event(
          'UID:ny',
          'SUMMARY:NY',
          'DTSTART;TZID=America/New_York:20241007T090000',
          'DTEND;TZID=America/New_York:20241007T093000',
          'RRULE:FREQ=DAILY;UNTIL=20241011T130000Z',
          'EXDATE:20241008T130000Z',
        ),
        event(
          'UID:ny',
          'SUMMARY:NY moved',
          'RECURRENCE-ID:20241009T130000Z',
          'DTSTART;TZID=America/New_York:20241009T150000',
        ),
      ),
    );
    expect(r.events.map((e) => `${iso(e.start)} ${e.title}`)).toEqual([
      '2024-10-07T13:00:00Z NY',
      '2024-10-09T19:00:00Z NY moved',
      '2024-10-10T13:00:00Z NY',
      '2024-10-11T13:00:00Z NY', // UNTIL is this very instant
    ]);
  });

  it.each([
    ['Pacific Standard Time', '2024-10-15T16:00:00Z'],
    ['W. Europe Standard Time', '2024-10-15T07:00:00Z'],
    ['/mozilla.org/20050126_1/Asia/Tokyo', '2024-10-15T00:00:00Z'],
  ])('maps %s to its IANA zone', (tzid, expected) => {
    const r = read(calendar(event('UID:w', `DTSTART;TZID=${tzid}:20241015T090000`)));
    expect(starts(r)).toEqual([expected]);
  });

  it('skips and counts events in a zone that is none of these', () => {
    const r = read(
      calendar(
        event('UID:u', 'DTSTART;TZID=Mars Standard Time:20241015T090000'),
        event('UID:v', 'DTSTART:20241015T090000Z'),
      ),
    );
    expect(r.events.map((e) => e.id)).toEqual(['v']);
    expect(r.skipped).toBe(1);
  });
});

describe('series as clients write them', () => {
  it('keeps recurring events without a UID apart, with ids that stay the same on a second import', () => {
    const text = calendar(
      event('SUMMARY:One', 'DTSTART:20241007T090000Z', 'RRULE:FREQ=WEEKLY;COUNT=2'),
      event('SUMMARY:Two', 'DTSTART:20241007T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=2'),
    );
    const r = read(text);
    expect(r.events.map((e) => e.title)).toEqual(['One', 'Two', 'One', 'Two']);
    expect(new Set(r.events.map((e) => e.id)).size).toBe(4);
    expect(read(text).events.map((e) => e.id)).toEqual(r.events.map((e) => e.id));
  });

  it('matches an Exchange all-day override (RECURRENCE-ID at midnight in a zone) with its day', () => {
    const r = read(
      calendar(
        event(
          'UID:ad',
          'SUMMARY:Day',
          'DTSTART;VALUE=DATE:20241014',
          'DTEND;VALUE=DATE:20241015',
          'RRULE:FREQ=DAILY;COUNT=3',
        ),
        event(
          'UID:ad',
          'SUMMARY:Day moved',
          'RECURRENCE-ID;TZID=W. Europe Standard Time:20241015T000000',
          'DTSTART;VALUE=DATE:20241018',
          'DTEND;VALUE=DATE:20241019',
        ),
      ),
    );
    expect(r.events.map((e) => [e.title, e.start])).toEqual([
      ['Day', new Date(2024, 9, 14).getTime()],
      ['Day', new Date(2024, 9, 16).getTime()],
      ['Day moved', new Date(2024, 9, 18).getTime()],
    ]);
  });

  it('keeps DTSTART of an RDATE-only series', () => {
    const r = read(calendar(event('UID:r', 'DTSTART:20241007T090000Z', 'RDATE:20241010T090000Z,20241012T090000Z')));
    expect(starts(r)).toEqual(['2024-10-07T09:00:00Z', '2024-10-10T09:00:00Z', '2024-10-12T09:00:00Z']);
  });

  it('honours EXDATE for an RDATE equal to a rule instance', () => {
    const r = read(
      calendar(
        event(
          'UID:e',
          'DTSTART:20241007T090000Z',
          'RRULE:FREQ=DAILY;COUNT=3',
          'RDATE:20241008T090000Z',
          'EXDATE:20241008T090000Z',
        ),
      ),
    );
    expect(starts(r)).toEqual(['2024-10-07T09:00:00Z', '2024-10-09T09:00:00Z']);
  });

  it('gives one occurrence per instant when the rule is written twice', () => {
    const r = read(
      calendar(event('UID:d', 'DTSTART:20241007T090000Z', 'RRULE:FREQ=DAILY;COUNT=3', 'RRULE:FREQ=DAILY;COUNT=3')),
    );
    expect(r.events.map((e) => e.id)).toEqual(['d_20241007T090000Z', 'd_20241008T090000Z', 'd_20241009T090000Z']);
  });

  it('an override changed to all-day is all-day', () => {
    const r = read(
      calendar(
        event('UID:o', 'DTSTART:20241007T090000Z', 'DTEND:20241007T100000Z', 'RRULE:FREQ=DAILY;COUNT=2'),
        event('UID:o', 'RECURRENCE-ID:20241008T090000Z', 'DTSTART;VALUE=DATE:20241008', 'DTEND;VALUE=DATE:20241009'),
      ),
    );
    expect(r.events.map((e) => e.allDay)).toEqual([false, true]);
    expect(r.events[1]?.start).toBe(new Date(2024, 9, 8).getTime());
  });

  it('keeps an occurrence moved into the window from after it, and drops one moved out of it', () => {
    const r = read(
      calendar(
        event('UID:m', 'DTSTART:20241001T090000Z', 'RRULE:FREQ=MONTHLY;COUNT=6'),
        event('UID:m', 'SUMMARY:in', 'RECURRENCE-ID:20250301T090000Z', 'DTSTART:20241120T090000Z'),
        event('UID:m', 'SUMMARY:out', 'RECURRENCE-ID:20241101T090000Z', 'DTSTART:20250115T090000Z'),
      ),
    );
    expect(r.events.map((e) => `${e.id} ${iso(e.start)}`)).toEqual([
      'm_20241001T090000Z 2024-10-01T09:00:00Z',
      'm_20250301T090000Z 2024-11-20T09:00:00Z',
    ]);
  });
});
