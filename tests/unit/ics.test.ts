import fc from 'fast-check';
import { ICS_MAX_BYTES, parseIcs } from '../../lib/ingest/ics';

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const cal = (...body: string[][]) =>
  crlf(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...body.flat(), 'END:VCALENDAR']);
const now = new Date(Date.UTC(2024, 9, 1));
const window = { now, from: new Date(Date.UTC(2024, 9, 1)), to: new Date(Date.UTC(2024, 10, 30)) };

const berlinTz = [
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16011028T030000',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010325T020000',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

function ok(r: ReturnType<typeof parseIcs>) {
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r;
}

describe('parseIcs', () => {
  it('expands a weekly series across the DST change with the file VTIMEZONE', () => {
    const r = ok(
      parseIcs(
        cal(berlinTz, [
          'BEGIN:VEVENT',
          'UID:weekly-1',
          'DTSTART;TZID=W. Europe Standard Time:20241021T090000',
          'DTEND;TZID=W. Europe Standard Time:20241021T093000',
          'RRULE:FREQ=WEEKLY;COUNT=3',
          'SUMMARY:Weekly 1:1',
          'ATTENDEE;CN=Ana:mailto:Ana.B@GoogleMail.com',
          'ATTENDEE:mailto:bo@acme.com',
          'END:VEVENT',
        ]),
        window,
      ),
    );
    expect(r.events.map((e) => new Date(e.start).toISOString())).toEqual([
      '2024-10-21T07:00:00.000Z',
      '2024-10-28T08:00:00.000Z',
      '2024-11-04T08:00:00.000Z',
    ]);
    expect(r.events[0]).toMatchObject({
      title: 'Weekly 1:1',
      source: 'ics',
      busy: true,
      allDay: false,
      attendees: ['anab@gmail.com', 'bo@acme.com'],
    });
    expect(r.events[0]!.end - r.events[0]!.start).toBe(30 * 60_000);
    expect(new Set(r.events.map((e) => e.id)).size).toBe(3);
  });

  it('converts an IANA TZID without VTIMEZONE, UTC and floating times', () => {
    const r = ok(
      parseIcs(
        cal([
          'BEGIN:VEVENT',
          'UID:ny',
          'DTSTART;TZID=America/New_York:20241101T090000',
          'DTEND;TZID=America/New_York:20241101T100000',
          'RRULE:FREQ=DAILY;COUNT=4',
          'SUMMARY:NY',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:utc',
          'DTSTART:20241010T120000Z',
          'DTEND:20241010T130000Z',
          'SUMMARY:UTC',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:floating',
          'DTSTART:20241011T080000',
          'DTEND:20241011T083000',
          'SUMMARY:Floating',
          'END:VEVENT',
        ]),
        window,
      ),
    );
    const ny = r.events.filter((e) => e.title === 'NY').map((e) => new Date(e.start).toISOString());
    expect(ny).toEqual([
      '2024-11-01T13:00:00.000Z',
      '2024-11-02T13:00:00.000Z',
      '2024-11-03T14:00:00.000Z',
      '2024-11-04T14:00:00.000Z',
    ]);
    expect(r.events.find((e) => e.title === 'UTC')!.start).toBe(Date.UTC(2024, 9, 10, 12));
    expect(r.events.find((e) => e.title === 'Floating')!.start).toBe(new Date(2024, 9, 11, 8).getTime());
  });

  it('reads all-day events, free time, cancellations, EXDATE and moved occurrences', () => {
    const r = ok(
      parseIcs(
        cal([
          'BEGIN:VEVENT',
          'UID:holiday',
          'DTSTART;VALUE=DATE:20241003',
          'DTEND;VALUE=DATE:20241004',
          'SUMMARY:Holiday',
          'TRANSP:TRANSPARENT',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:gone',
          'DTSTART:20241015T120000Z',
          'DTEND:20241015T130000Z',
          'STATUS:CANCELLED',
          'SUMMARY:Gone',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:series',
          'DTSTART:20241007T100000Z',
          'DTEND:20241007T110000Z',
          'RRULE:FREQ=DAILY;COUNT=5',
          'EXDATE:20241008T100000Z',
          'SUMMARY:Standup',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:series',
          'RECURRENCE-ID:20241009T100000Z',
          'DTSTART:20241009T150000Z',
          'DTEND:20241009T160000Z',
          'SUMMARY:Standup (moved)',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:series',
          'RECURRENCE-ID:20241010T100000Z',
          'DTSTART:20241010T100000Z',
          'DTEND:20241010T110000Z',
          'STATUS:CANCELLED',
          'SUMMARY:Standup',
          'END:VEVENT',
        ]),
        window,
      ),
    );
    const holiday = r.events.find((e) => e.title === 'Holiday')!;
    expect(holiday).toMatchObject({
      allDay: true,
      busy: false,
      start: new Date(2024, 9, 3).getTime(),
      end: new Date(2024, 9, 4).getTime(),
    });
    expect(r.events.some((e) => e.title === 'Gone')).toBe(false);
    const standups = r.events
      .filter((e) => e.title.startsWith('Standup'))
      .map((e) => `${new Date(e.start).toISOString()} ${e.title}`);
    expect(standups).toEqual([
      '2024-10-07T10:00:00.000Z Standup',
      '2024-10-09T15:00:00.000Z Standup (moved)',
      '2024-10-11T10:00:00.000Z Standup',
    ]);
    expect(r.skipped).toBe(2);
  });

  it('keeps only the window and stops an endless series at its end', () => {
    const r = ok(
      parseIcs(
        cal([
          'BEGIN:VEVENT',
          'UID:forever',
          'DTSTART:20200101T090000Z',
          'DTEND:20200101T091500Z',
          'RRULE:FREQ=DAILY',
          'SUMMARY:Forever',
          'END:VEVENT',
        ]),
        window,
      ),
    );
    expect(r.events.length).toBe(60); // 1 Oct .. 29 Nov 2024 (the window ends at 30 Nov 00:00 UTC)
    expect(r.events.every((e) => e.start >= window.from.getTime() && e.start < window.to.getTime())).toBe(true);
  });

  it.each([
    ['not ICS', 'hello world', /not an iCalendar/],
    ['HTML', '<!doctype html><html></html>', /not an iCalendar/],
    ['truncated', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2024', /cut short/],
    [
      'broken inside',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nthis is not a line\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      /not valid iCalendar/,
    ],
    ['huge', `BEGIN:VCALENDAR\r\n${'X-PAD:'.padEnd(ICS_MAX_BYTES, 'x')}\r\nEND:VCALENDAR`, /too large/],
  ])('rejects a bad file (%s) with a clear error', (_n, text, re) => {
    const r = parseIcs(text, window);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toMatch(re);
  });

  it('caps the number of events', () => {
    const r = parseIcs(
      cal([
        'BEGIN:VEVENT',
        'UID:many',
        'DTSTART:20241001T090000Z',
        'DTEND:20241001T091500Z',
        'RRULE:FREQ=HOURLY',
        'END:VEVENT',
      ]),
      { ...window, maxEvents: 100 },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/more than 100 events/);
  });

  it('never throws on junk', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        const r1 = parseIcs(junk, window);
        const r2 = parseIcs(`BEGIN:VCALENDAR\r\n${junk}\r\nEND:VCALENDAR\r\n`, window);
        expect(typeof r1.ok).toBe('boolean');
        expect(typeof r2.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseIcs: bounded expansion of hostile files', () => {
  const zone = (rule: string, tzid = 'My Zone', start = '19700329T020000') => [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    'BEGIN:DAYLIGHT',
    `DTSTART:${start}`,
    rule,
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  const event = (uid: string, ...lines: string[]) => ['BEGIN:VEVENT', `UID:${uid}`, ...lines, 'END:VEVENT'];
  const inZone = (tzid: string) => [`DTSTART;TZID=${tzid}:20241015T090000`, `DTEND;TZID=${tzid}:20241015T100000`];

  it.each([
    ['FREQ=SECONDLY', 'RRULE:FREQ=SECONDLY'],
    ['FREQ=MINUTELY', 'RRULE:FREQ=MINUTELY;BYMONTH=3'],
    ['a rule with BYHOUR', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYHOUR=1,2,3'],
    ['a rule changing the offset every day', 'RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=1,2,3'],
  ])('does not use a VTIMEZONE with %s: its events are skipped (unknown name)', (_name, rule) => {
    const r = ok(
      parseIcs(cal(zone(rule), event('a', ...inZone('My Zone')), event('b', 'DTSTART:20241016T090000Z')), window),
    );
    expect(r.events.map((e) => e.id)).toEqual(['b']);
    expect(r.skipped).toBe(1);
  });

  it('falls back to the IANA zone of the same name when its VTIMEZONE is unusable', () => {
    const r = ok(
      parseIcs(cal(zone('RRULE:FREQ=SECONDLY', 'Europe/Berlin'), event('a', ...inZone('Europe/Berlin'))), window),
    );
    expect(r.events.map((e) => new Date(e.start).toISOString())).toEqual(['2024-10-15T07:00:00.000Z']);
  });

  it('uses a file zone whose rules start in 1601 (Outlook), and one with an odd but yearly rule', () => {
    const never = zone('RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'Never', '16010101T000000');
    const r = ok(
      parseIcs(
        cal(berlinTz, never, event('a', ...inZone('W. Europe Standard Time')), event('b', ...inZone('Never'))),
        window,
      ),
    );
    // ical.js reads "February 30" as the day after February 28/29: a yearly change, bounded like any other.
    expect(r.events.map((e) => e.id).sort()).toEqual(['a', 'b']);
    expect(new Date(r.events.find((e) => e.id === 'a')?.start ?? 0).toISOString()).toBe('2024-10-15T07:00:00.000Z');
  });

  it.each([
    ['after 2200', 'DTSTART:99991231T000000Z', 'DTEND:99991231T010000Z'],
    ['before 1970', 'DTSTART:19000101T000000Z', 'DTEND:19000101T010000Z'],
    ['spanning 1900 to 2199', 'DTSTART:19000101T000000Z', 'DTEND:21991231T000000Z'],
    ['lasting 99,999,999 days', 'DTSTART:20241015T090000Z', 'DURATION:P99999999D'],
    ['lasting 9,999,999,999 days', 'DTSTART:20241015T090000Z', 'DURATION:P9999999999D'],
    ['lasting minus a million weeks', 'DTSTART:20241015T090000Z', 'DURATION:-P1000000W'],
  ])('drops an event %s', (_name, ...lines) => {
    const r = ok(parseIcs(cal(event('x', ...lines), event('y', 'DTSTART:20241016T090000Z')), window));
    expect(r.events.map((e) => e.id)).toEqual(['y']);
    expect(r.skipped).toBe(1);
  });

  it.each([
    ['a daily rule that can never match', 'DTSTART:20240105T090000Z', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'],
    ['a series starting in year 1', 'DTSTART:00010101T090000Z', 'RRULE:FREQ=DAILY'],
    ['a secondly rule', 'DTSTART:20241015T090000Z', 'RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30'],
  ])('ends %s without emitting anything for it', (_name, ...lines) => {
    const r = ok(parseIcs(cal(event('x', ...lines), event('y', 'DTSTART:20241016T090000Z')), window));
    expect(r.events.map((e) => e.id)).toEqual(['y']);
  });

  it('refuses a file whose series together need too many steps, with a clear error', () => {
    const never = Array.from({ length: 40 }, (_, i) =>
      event(`n${i}`, 'DTSTART:20000105T090000Z', 'RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30'),
    );
    const r = parseIcs(cal(...never), window);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/more repeating events .* than Tend can expand/);
  });

  it('leaves ical.js as it found it (no zone registered, iterators unpatched)', async () => {
    const ICAL = (await import('ical.js')).default;
    const check = ICAL.RecurIterator.prototype.check_contracting_rules;
    parseIcs(cal(berlinTz, event('a', ...inZone('W. Europe Standard Time'))), window);
    expect(ICAL.RecurIterator.prototype.check_contracting_rules).toBe(check);
    expect(ICAL.TimezoneService.has('W. Europe Standard Time')).toBe(false);
  });
});
