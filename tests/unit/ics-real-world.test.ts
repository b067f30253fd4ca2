/**
 * Real .ics files other programs wrote (tests/fixtures/real-world/ics, see PROVENANCE.md), read by Tend's importer
 * and compared with an independent reading: python's recurring-ical-events (expected.json, made by
 * scripts/ics-reference.py) where it reads the file, hand-checked expectations where it does not. Every file must
 * import in well under a second, counted in recurrence steps and measured.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIcs } from '../../lib/ingest/ics';

const DIR = join(__dirname, '../fixtures/real-world/ics');
const DAY = 86_400_000;
type Reference = { from: string; to: string; occurrences: { uid: string; start: string }[] } | { error: string };
const reference = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Reference>;
const files = readdirSync(DIR).filter((f) => f.endsWith('.ics'));

/** A reference reading as an instant: zoned times are UTC, floating times and dates the runtime's wall clock. */
function instant(s: string): number {
  const m = /^(local|date):(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d):(\d\d))?$/.exec(s);
  if (!m) return Date.parse(s);
  const [, , y, mo, d, h, mi, se] = m.map(Number) as number[];
  return new Date(y as number, (mo as number) - 1, d, h || 0, mi || 0, se || 0).getTime();
}
const iso = (t: number) => new Date(t).toISOString();

function read(file: string, from: number, to: number) {
  const text = readFileSync(join(DIR, file), 'utf8');
  const t0 = performance.now();
  const r = parseIcs(text, { now: new Date(from + 365 * DAY), from: new Date(from), to: new Date(to) });
  return { r, ms: performance.now() - t0 };
}

/**
 * Files the reference cannot read (its 2.0.1 has no PERIOD RDATEs, no two RRULEs, no two VCALENDARs) or reads
 * differently on purpose, checked by hand: what Tend must give over the same 455-day window. `starts` are the
 * UTC instants (`D` marks an all-day date, read in the runtime's zone).
 */
const HAND: Record<
  string,
  { from: string; starts?: string[]; count?: number; skipped?: number; error?: RegExp; why: string }
> = {
  'rie-multiple_rrule.ics': {
    from: '2023-01-01',
    count: 22,
    starts: ['2023-02-13T10:00', '2023-03-13T10:00', '2023-03-30T09:00', '2023-05-25T09:00'],
    why: 'two RRULEs (20 Thursdays, 2 second Mondays) in London time; the expectation of recurring-ical-events own test_multiple_rrule.py',
  },
  'icaljs-multiple_rrules.ics': {
    from: '2012-03-01',
    count: 36,
    starts: ['2012-03-26T18:00', '2012-04-01T18:00', '2012-07-23T18:00', '2012-07-29T18:00'],
    why: 'Zimbra: weekly Mondays and every Sunday 11:00 Los Angeles (PDT) until 2012-07-30 06:59:59Z: 18 + 18',
  },
  'rie-issue_113_period_in_rdate.ics': {
    from: '2023-09-01',
    starts: [
      '2023-09-20T19:00',
      '2023-10-18T19:00',
      '2023-11-15T20:00',
      '2023-12-13T20:00',
      '2024-01-17T20:00',
      '2024-02-21T20:00',
      '2024-03-20T19:00',
      '2024-04-17T19:00',
      '2024-05-15T19:00',
    ],
    why: 'zone of DTSTART+RDATE observances; 3rd Wednesday COUNT=9 (Dec 20 EXDATE still counts), plus a PERIOD RDATE on Dec 13',
  },
  'icaljs-recur_instances.ics': {
    from: '2012-10-01',
    starts: [
      '2012-10-02T22:00',
      '2012-11-06T18:00',
      '2012-11-07T04:00',
      '2012-11-10T18:00',
      '2012-11-30T18:00',
      '2013-01-01T18:00',
      '2013-03-05T18:00',
      '2013-05-07T17:00',
      '2013-06-04T17:00',
      '2013-07-02T17:00',
      '2013-08-06T17:00',
      '2013-09-03T17:00',
      '2013-10-01T17:00',
      '2013-11-05T18:00',
      '2013-12-03T18:00',
    ],
    why: 'Zimbra: first Tuesdays 10:00 LA, three EXDATEs, RDATEs (one a PERIOD), an override by local RECURRENCE-ID and one by UTC',
  },
  'icaljs-rdate_exdate.ics': {
    from: '2024-06-01',
    starts: ['2024-06-09T03:00', '2024-06-10T03:00', '2024-06-12T03:00'],
    why: 'EXDATE;VALUE=DATE removes that day of a date-time series (ical.js recur_expansion_test; the old reference ignores it)',
  },
  'rie-issue_148_exdate_and_rdate_updated.ics': {
    from: '2024-07-01',
    starts: ['2024-07-01D', '2024-07-15D', '2024-07-30D'],
    why: 'the same series twice: SEQUENCE 2 wins (its EXDATE 07-29 and RDATE 07-30), not a union of both versions',
  },
  'icaljs-google_birthday.ics': {
    from: '2012-12-01',
    starts: ['2012-12-10D', '2012-12-10D', '2013-12-10D', '2013-12-10D'],
    why: 'Google: a 2014 series with RDATEs for 2012 and 2013, and instances under another UID (no master): both kept',
  },
  'icalendar-issue_156_RDATE_with_PERIOD_TZID_khal.ics': {
    from: '2018-03-01',
    starts: ['2018-03-27T13:00'],
    why: 'khal: an override without its series (shown on its own), Chicago time; its RDATE names a Windows zone',
  },
  'icalendar-america_new_york_forward_reference.ics': {
    from: '2014-08-01',
    starts: ['2014-08-29T12:00'],
    why: 'the VTIMEZONE after the event that names it; DTSTART written twice (the first counts); EDT',
  },
  'icalendar-pacific_fiji.ics': {
    from: '2014-08-01',
    starts: ['2014-08-28T20:00'],
    why: 'tzurl Fiji with RRULE and RDATE observances: +12:00 in August 2014',
  },
  'icalendar-issue_1633_rdate_with_dates_and_tzid.ics': {
    from: '1997-01-01',
    starts: [],
    skipped: 1,
    why: 'a PERIOD RDATE made of two dates cannot be read: the event is skipped and counted',
  },
  'icalendar-issue_1050_multiple_calendars.ics': {
    from: '2024-01-01',
    starts: [],
    skipped: 2,
    why: 'two VCALENDARs, each with an event without DTSTART: both counted as skipped',
  },
  'icalendar-broken_dtstart.ics': {
    from: '2024-01-01',
    starts: [],
    skipped: 1,
    why: 'DTSTART:INVALID-DATE: skipped and counted',
  },
  'icalendar-timezone_rdate.ics': {
    from: '2012-02-01',
    error: /not valid iCalendar: invalid line/,
    why: 'its only event holds a line that is no content line (SUMMARY=testevent): nothing to import, a clear error',
  },
};

/**
 * Where Tend and the reference disagree on a file the reference reads, and Tend is right: each difference listed
 * with the reason (instants that only Tend gives, instants that only the reference gives).
 */
const DIFFERENCES: Record<string, { onlyTend: string[]; onlyReference: string[]; why: string }> = {
  'rie-benchmark-issue42.ics': {
    onlyTend: [
      '2011-03-28T20:00:00.000Z',
      '2011-06-21T18:00:00.000Z',
      '2011-09-22T16:00:00.000Z',
      '2011-10-14T17:00:00.000Z',
    ],
    onlyReference: ['2011-06-21T19:00:00.000Z', '2011-09-22T17:00:00.000Z', '2011-10-14T18:00:00.000Z'],
    why:
      'the file defines its own "Europe/lisbon" (lower case) as CET/CEST, which Tend follows and the reference replaces with ' +
      "Lisbon's real zone; and a DAILY rule whose UNTIL (20110328T200000Z) is exactly its last occurrence, which RFC 5545 includes",
  },
};

/** Recurrence steps a file may take: its real cost, independent of the machine's load. */
const MAX_STEPS = 5_000;

describe('real-world .ics corpus', () => {
  it('holds 30+ files, each with provenance and an expectation', () => {
    const provenance = readFileSync(join(DIR, 'PROVENANCE.md'), 'utf8');
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const f of files) {
      expect(provenance).toContain(f);
      const ref = reference[f];
      expect(HAND[f] !== undefined || (ref !== undefined && !('error' in ref)), f).toBe(true);
    }
  });

  const compared = files.filter((f) => {
    const ref = reference[f];
    return !HAND[f] && ref && !('error' in ref);
  });
  it.each(compared)(
    '%s matches the independent reading',
    (file) => {
      const ref = reference[file] as Exclude<Reference, { error: string }>;
      const from = Date.parse(`${ref.from}T00:00:00Z`);
      const to = Date.parse(`${ref.to}T00:00:00Z`);
      const { r, ms } = read(file, from, to);
      if (!r.ok) throw new Error(r.errors.join('; '));
      expect(r.steps).toBeLessThanOrEqual(MAX_STEPS);
      console.log(`[ics corpus] ${file}: ${r.events.length} events, ${r.steps} steps, ${Math.round(ms)} ms`);
      // Away from the window's edges (where "touches the window" is a matter of definition), the same instants.
      const inside = (t: number) => t >= from + 2 * DAY && t < to - 2 * DAY;
      const diff = DIFFERENCES[file];
      const expected = ref.occurrences.map((o) => iso(instant(o.start)));
      for (const t of diff?.onlyReference ?? []) {
        expect(expected, `${t} is in the reference`).toContain(t);
        expected.splice(expected.indexOf(t), 1);
      }
      expected.push(...(diff?.onlyTend ?? []));
      const want = expected.filter((t) => inside(Date.parse(t))).sort();
      const got = r.events
        .map((e) => e.start)
        .filter(inside)
        .map(iso)
        .sort();
      expect(want.length).toBeGreaterThan(0);
      expect(got).toEqual(want);
    },
    60_000,
  ); // a 1.6 MB file on a loaded shared machine: the guarantee is the step count, not the clock

  it.each(Object.keys(HAND))('%s gives the hand-checked reading', (file) => {
    const hand = HAND[file]!;
    const from = Date.parse(`${hand.from}T00:00:00Z`);
    const { r } = read(file, from, from + 455 * DAY);
    if (hand.error) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.join(' ')).toMatch(hand.error);
      return;
    }
    if (!r.ok) throw new Error(r.errors.join('; '));
    expect(r.steps).toBeLessThanOrEqual(MAX_STEPS);
    const got = r.events.map((e) => (e.allDay ? `${localDate(e.start)}D` : iso(e.start).slice(0, 16)));
    if (hand.count !== undefined) {
      expect(got.length).toBe(hand.count);
      for (const s of hand.starts ?? []) expect(got).toContain(s);
    } else expect(got).toEqual(hand.starts);
    if (hand.skipped !== undefined) expect(r.skipped).toBe(hand.skipped);
  });
});

describe('a large Google export', () => {
  it('read twice in one file (two VCALENDARs) gives the same events once, expanded once (the second copy of each series is a duplicate)', () => {
    const file = 'rie-benchmark-issue42.ics';
    const text = readFileSync(join(DIR, file), 'utf8');
    const opts = { now: new Date('2011-09-01'), from: new Date('2010-09-01'), to: new Date('2011-11-30') };
    const once = parseIcs(text, opts);
    const twice = parseIcs(text + text, opts);
    if (!once.ok || !twice.ok) throw new Error('not read');
    expect(once.events.length).toBeGreaterThan(1_000);
    expect(twice.events.map((e) => e.id)).toEqual(once.events.map((e) => e.id));
    expect(twice.steps).toBe(once.steps);
  }, 120_000);
});

function localDate(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
