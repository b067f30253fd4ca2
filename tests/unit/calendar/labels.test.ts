import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChipLabel } from '../../../lib/ingest/calendar-labels';
import { googleLangToBcp47, normalizeDigits } from '../../../lib/ingest/intl-tables';
import { checkCase, fixtureCases, fixtureLanguages, labelLanguageCoverage } from '../../support/label-coverage';
import { realFixturesDir } from '../../support/real-fixtures';

const REAL = realFixturesDir();
const fixtureText = readFileSync(join(REAL, 'gcal-2024-06_event-aria-labels-all-languages_calendar-plus.txt'), 'utf8');
const languagesJson = readFileSync(join(REAL, 'gcal-2024-06_language-bundle-order_calendar-plus.json'), 'utf8');
const languages = fixtureLanguages(languagesJson);
const cases = fixtureCases(fixtureText, languages);
const now = new Date(2024, 5, 12, 12);

describe('real all-languages fixture', () => {
  it('has 73 languages x 18 events x (24 h, 12 h)', () => {
    expect(languages).toHaveLength(73);
    expect(cases).toHaveLength(73 * 18 * 2);
  });

  it.each(languages)('%s: every label gives the right start and end (language known)', (lang) => {
    const failures = cases
      .filter((c) => c.lang === lang)
      .map((c) => ({ c, r: checkCase(c, { withLang: true, withColumnDate: false }) }))
      .filter(({ r }) => !r.ok)
      .map(({ c, r }) => `${c.label} -> ${r.why}`);
    expect(failures).toEqual([]);
  });

  it('reports the language coverage (with and without the page language)', () => {
    const withLang = labelLanguageCoverage(fixtureText, languagesJson, { withLang: true, withColumnDate: false });
    const noLang = labelLanguageCoverage(fixtureText, languagesJson, { withLang: false, withColumnDate: false });
    console.log(
      `calendar labels: ${withLang.fullyParsed}/${withLang.languages} languages fully parsed with <html lang> ` +
        `(${withLang.casesOk}/${withLang.cases} labels, titles right in ${withLang.titlesRight}); ` +
        `${noLang.fullyParsed}/${noLang.languages} without it`,
    );
    expect(withLang.fullyParsed).toBe(73);
    expect(noLang.fullyParsed).toBe(73);
  }, 60_000);

  it('reads the overnight events with their real start and end days', () => {
    const sleep = cases.filter((c) => c.summary === 'Sleep');
    for (const c of sleep) {
      const p = parseChipLabel(c.label, { lang: c.lang, now });
      expect(p, c.label).not.toBeNull();
      if (c.touchesTop) {
        expect(p!.start).toEqual(new Date(2024, 5, 9, 22, 15));
        expect(p!.end).toEqual(new Date(2024, 5, 10, 6, 30));
      } else {
        expect(p!.start).toEqual(new Date(2024, 5, 11, 22, 30));
        expect(p!.end).toEqual(new Date(2024, 5, 12, 6, 30));
      }
      expect(p!.title).toBe('Sleep');
    }
  });
});

describe('parseChipLabel', () => {
  it.each([
    [
      '3pm to 3:30pm, Title, Organizer, Accepted, No location, September 9, 2021',
      'en',
      [2021, 8, 9, 15, 0],
      [2021, 8, 9, 15, 30],
      'Title',
    ],
    [
      '11pm to 12:30am, Late call, Calendar: X, No location, June 10, 2024',
      'en',
      [2024, 5, 10, 23, 0],
      [2024, 5, 11, 0, 30],
      'Late call',
    ],
    [
      '12pm to 12:30pm, Lunch, Calendar: X, No location, June 10, 2024',
      'en',
      [2024, 5, 10, 12, 0],
      [2024, 5, 10, 12, 30],
      'Lunch',
    ],
    [
      '12am to 1am, Midnight, Calendar: X, No location, June 10, 2024',
      'en',
      [2024, 5, 10, 0, 0],
      [2024, 5, 10, 1, 0],
      'Midnight',
    ],
    [
      '10:00 to 11:00, Review of 3pm numbers, Calendar: X, No location, 10 June 2024',
      'en_GB',
      [2024, 5, 10, 10, 0],
      [2024, 5, 10, 11, 0],
      'Review of 3pm numbers',
    ],
    [
      '10:00 – 11:00, Planning, Kalender: X, Kein Ort, 10. Juni',
      'de',
      [2024, 5, 10, 10, 0],
      [2024, 5, 10, 11, 0],
      'Planning',
    ],
  ] as const)('%s', (label, lang, s, e, title) => {
    const p = parseChipLabel(label, { lang, now });
    expect(p).not.toBeNull();
    expect(p!.start).toEqual(new Date(s[0], s[1], s[2], s[3], s[4]));
    expect(p!.end).toEqual(new Date(e[0], e[1], e[2], e[3], e[4]));
    expect(p!.allDay).toBe(false);
    expect(p!.title).toBe(title);
  });

  it('reads all-day labels (one day and a range)', () => {
    const one = parseChipLabel('All day, Holiday, Calendar: X, June 10, 2024', { lang: 'en', now });
    expect(one).toMatchObject({ allDay: true, title: 'Holiday' });
    expect(one!.start).toEqual(new Date(2024, 5, 10));
    expect(one!.end).toEqual(new Date(2024, 5, 11));
    const range = parseChipLabel('June 10, 2024 to June 12, 2024, Offsite, Calendar: X, No location', {
      lang: 'en',
      now,
    });
    expect(range).toMatchObject({ allDay: true, title: 'Offsite' });
    expect(range!.start).toEqual(new Date(2024, 5, 10));
    expect(range!.end).toEqual(new Date(2024, 5, 13));
  });

  it('falls back to the column date and the visible time text', () => {
    const p = parseChipLabel('Standup, Calendar: X', {
      lang: 'en',
      now,
      columnDate: '2024-06-11',
      timeText: '9 – 9:15am',
    });
    expect(p!.start).toEqual(new Date(2024, 5, 11, 9, 0));
    expect(p!.end).toEqual(new Date(2024, 5, 11, 9, 15));
  });

  it.each([
    ['empty', ''],
    ['no date', 'nothing here'],
    ['fields only', 'Calendar: X, No location'],
    ['bad times', '99:99 to 77:77, x'],
    ['huge', 'a'.repeat(5000)],
  ])('returns null for %s', (_name, label) => {
    expect(parseChipLabel(label, { lang: 'en', now })).toBeNull();
  });

  it('reads a region variant as its language, and any unknown language with the table of all of them', () => {
    const label = '14:00 bis 15:30, Fokuszeit, Kalender: X, 12. Juni 2024';
    const de = parseChipLabel(label, { lang: 'de', now });
    expect(de!.start).toEqual(new Date(2024, 5, 12, 14));
    expect(parseChipLabel(label, { lang: 'de-ZZ', now })).toEqual(de);
    // Hundreds of made-up languages (the private-use codes qaa-qtz, as a hostile page could name) all read
    // German through the one shared table of every language.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let i = 0; i < 300; i++) {
      const lang = `q${letters[i % 20]}${letters[Math.floor(i / 20)]}`;
      expect(parseChipLabel(label, { lang, now })?.start).toEqual(de!.start);
    }
  });

  it('maps digits of other scripts and Calendar language codes', () => {
    expect(normalizeDigits('१३:०० ১৪:৩০ ၂၀၂၄ ۱۲')).toBe('13:00 14:30 2024 12');
    expect(googleLangToBcp47('iw')).toBe('he');
    expect(googleLangToBcp47('zh_TW')).toBe('zh-TW');
    expect(googleLangToBcp47('no')).toBe('nb');
  });
});
