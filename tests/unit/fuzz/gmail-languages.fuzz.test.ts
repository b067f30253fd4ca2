/**
 * Gmail date titles in every Gmail display language, at random: any wall time from 1990 to 2199, any language,
 * any tooltip shape, read back exactly with the page's language; random and hostile text with any language
 * code never throws and never gives a date outside the years Tend keeps.
 */
import fc from 'fast-check';
import { parseGmailDate } from '@/lib/ingest/gmail-dates';
import { resolveLocale } from '@/lib/ingest/intl-tables';
import { GMAIL_LANGUAGES, GMAIL_TITLE_SHAPES } from '../../support/gmail-languages';
import { NOW } from './arbitraries';
import { anythingAsText, check, nastyString } from './support';

vi.setConfig({ testTimeout: 180_000 });

describe('fuzz: Gmail date titles in every Gmail language', () => {
  // Each language's table is built from Intl on first use; build them all before the time-limited properties.
  beforeAll(() => {
    for (const lang of GMAIL_LANGUAGES) parseGmailDate('Tue, Nov 24, 2026, 4:12 PM', { now: new Date(NOW), lang });
  }, 180_000);

  it('reads any wall time in any language and shape back to the minute', () => {
    let runs = 0;
    let skippedGap = 0;
    let read = 0;
    check(
      'parseGmailDate(any Gmail language round trip)',
      fc.tuple(
        fc.record({
          y: fc.integer({ min: 1990, max: 2199 }),
          m: fc.integer({ min: 0, max: 11 }),
          d: fc.integer({ min: 1, max: 28 }),
          h: fc.integer({ min: 0, max: 23 }),
          min: fc.integer({ min: 0, max: 59 }),
        }),
        fc.constantFrom(...GMAIL_LANGUAGES),
        fc.constantFrom(...GMAIL_TITLE_SHAPES),
      ),
      ([w, lang, shape]) => {
        runs++;
        const date = new Date(w.y, w.m, w.d, w.h, w.min);
        // a wall time the local zone skips (a DST gap) is not one Gmail can write
        if (date.getHours() !== w.h || date.getMinutes() !== w.min) {
          skippedGap++;
          return;
        }
        const title = new Intl.DateTimeFormat(`${resolveLocale(lang)}-u-ca-gregory`, shape.options).format(date);
        const got = parseGmailDate(title, { now: new Date(NOW), lang });
        if (got?.getTime() !== date.getTime())
          throw new Error(`"${title}" (${lang}, ${shape.name}) read as ${got?.toString() ?? 'null'}, expected ${date}`);
        read++;
      },
      1500,
    );
    // (check() stops at its time limit: on a loaded machine fewer than the 1,500 asked for run)
    expect(runs).toBeGreaterThanOrEqual(100);
    // at most a handful of wall times fall in a DST gap; every other one reached the reader and read exactly
    expect(skippedGap).toBeLessThan(runs * 0.01);
    expect(read).toBe(runs - skippedGap);
  });

  it('never throws on random text with any language code; a result is a real date from 1990 to 2200', () => {
    let runs = 0;
    let randomRuns = 0;
    let randomDates = 0;
    check(
      'parseGmailDate(random text, any language)',
      fc.tuple(
        fc.oneof(
          // the nasty strings include real Gmail titles, which must read
          nastyString(120).map((s) => ({ s, random: false })),
          fc.string({ maxLength: 250 }).map((s) => ({ s, random: true })),
          anythingAsText.map((s) => ({ s, random: true })),
        ),
        fc.oneof(
          fc.constantFrom(...GMAIL_LANGUAGES, 'zz', '', '__proto__', 'x'.repeat(80)),
          fc.string({ maxLength: 50 }),
        ),
      ),
      ([{ s, random }, lang]) => {
        runs++;
        if (random) randomRuns++;
        const d = parseGmailDate(s, { now: new Date(NOW), lang });
        if (d !== null) {
          if (random) randomDates++;
          expect(Number.isFinite(d.getTime())).toBe(true);
          expect(d.getFullYear()).toBeGreaterThanOrEqual(1990);
          expect(d.getFullYear()).toBeLessThanOrEqual(2200);
        }
      },
      1500,
    );
    expect(runs).toBeGreaterThanOrEqual(100);
    expect(randomRuns).toBeGreaterThan(runs * 0.3);
    // random text is a date only by a rare accident: a reader that found many would be guessing
    expect(randomDates).toBeLessThanOrEqual(randomRuns * 0.005);
  });
});
