/**
 * Gmail dates in every display language Gmail offers (tests/support/gmail-languages.ts says where the list
 * comes from): instants formatted as Gmail's tooltips are (the Intl options in both clocks, a row
 * without weekday, the long and medium forms; all twelve months, both halves of the day and of the year) are
 * read back to the same minute with the page's language. Then CLDR drift, the examples, and what must
 * stay unread.
 */
import { parseGmailDate } from '../../../lib/ingest/gmail-dates';
import { resolveLocale } from '../../../lib/ingest/intl-tables';
import { GMAIL_LANGUAGES, GMAIL_TITLE_SHAPES, roundTrip, sampleInstants } from '../../support/gmail-languages';

const now = new Date(2026, 10, 28, 12, 0);
const at = (y: number, m: number, d: number, h: number, mi: number) => new Date(y, m - 1, d, h, mi);

describe('Gmail date titles in every Gmail language', () => {
  it('Intl knows every Gmail display language', () => {
    const unknown = GMAIL_LANGUAGES.filter((l) => resolveLocale(l) === null);
    expect(unknown).toEqual([]);
    expect(GMAIL_LANGUAGES.length).toBe(74);
    expect(new Set(GMAIL_LANGUAGES).size).toBe(74);
  });

  it.each(GMAIL_LANGUAGES)('%s: every shape, month and clock reads back to the same minute', (lang) => {
    const r = roundTrip(lang);
    expect(r.cases).toBe(GMAIL_TITLE_SHAPES.length * sampleInstants().length);
    expect(r.failures).toEqual([]);
    expect(r.read).toBe(r.cases);
  });

  it('the sample covers all twelve months, both halves of the year and of the day', () => {
    const s = sampleInstants();
    expect(new Set(s.map((d) => d.getMonth())).size).toBe(12);
    expect(s.some((d) => d.getHours() < 12) && s.some((d) => d.getHours() >= 12)).toBe(true);
    expect(s.some((d) => d.getMonth() < 6) && s.some((d) => d.getMonth() >= 6)).toBe(true);
  });
});

describe('the issue examples', () => {
  it.each([
    ['pl', 'wt., 24 lis 2026, 16:12'],
    ['ja', '2026年11月24日(火) 16:12'],
    ['ko', '2026년 11월 24일 (화) PM 4:12'],
    ['tr', '24 Kas 2026 Sal 16:12'],
    ['fi', 'ti 24.11.2026 klo 16.12'],
    ['hu', '2026. nov. 24., K 16:12'],
    ['vi', '16:12 Thứ 3, 24 thg 11, 2026'],
    ['fr-CA', 'mar. 24 nov. 2026, 16 h 12'],
  ])('%s: %s', (lang, title) => {
    expect(parseGmailDate(title, { now, lang })).toEqual(at(2026, 11, 24, 16, 12));
  });
});

describe('CLDR drift between Gmail and the browser', () => {
  it.each([
    // abbreviations with and without their period, "Sep" / "Sept" / "Sept."
    ['en', 'Fri, Sept 5, 2025, 9:05 AM', at(2025, 9, 5, 9, 5)],
    ['en-GB', 'Fri, 5 Sep 2025, 09:05', at(2025, 9, 5, 9, 5)],
    ['en-GB', 'Fri, 5 Sept. 2025, 09:05', at(2025, 9, 5, 9, 5)],
    ['de', 'Fr., 5. Sep 2025, 09:05', at(2025, 9, 5, 9, 5)],
    ['de', 'Fr 5. Sept 2025, 09:05', at(2025, 9, 5, 9, 5)],
    ['fr', 'ven. 5 sep 2025, 09:05', at(2025, 9, 5, 9, 5)],
    ['ru', 'вт, 24 нояб 2026 г, 16:12', at(2026, 11, 24, 16, 12)],
    ['ru', 'вт, 24 ноя. 2026 г., 16:12', at(2026, 11, 24, 16, 12)],
    ['pl', 'wt, 24 lis. 2026, 16:12', at(2026, 11, 24, 16, 12)],
    // a missing or other separator, "at" glue of older CLDR, no weekday
    ['en', 'Tue Nov 24 2026 at 4:12 PM', at(2026, 11, 24, 16, 12)],
    ['it', 'mar 24 nov 2026 alle 16:12', at(2026, 11, 24, 16, 12)],
    ['nl', 'di 24 nov. 2026 om 16:12', at(2026, 11, 24, 16, 12)],
    ['sv', 'tis 24 nov. 2026 kl. 16:12', at(2026, 11, 24, 16, 12)],
    ['es', 'mar, 24 nov 2026, 4:12 p. m.', at(2026, 11, 24, 16, 12)],
    ['es', 'mar, 24 nov 2026, 4:12 p.m.', at(2026, 11, 24, 16, 12)],
    ['cs', 'út 24. 11. 2026 16:12', at(2026, 11, 24, 16, 12)],
    ['cs', 'út 24.11.2026, 16:12', at(2026, 11, 24, 16, 12)],
    ['lt', '2026-11-24, an 16:12', at(2026, 11, 24, 16, 12)],
    // native digits, with and without the page naming its numbering
    ['ar', 'الثلاثاء، ٢٤ نوفمبر ٢٠٢٦، ٤:١٢ م', at(2026, 11, 24, 16, 12)],
    ['bn', 'মঙ্গল, ২৪ নভে, ২০২৬, ৪:১২ PM', at(2026, 11, 24, 16, 12)],
    ['mr', 'मंगळ, २४, नोव्हें २०२६, ४:१२ PM', at(2026, 11, 24, 16, 12)],
    ['fa', 'سه‌شنبه ۲۴ نوامبر ۲۰۲۶، ساعت ۱۶:۱۲', at(2026, 11, 24, 16, 12)],
    // Thai in its default Buddhist era as well as in Gregorian years
    ['th', 'อังคาร 24 พ.ย. 2569 16:12', at(2026, 11, 24, 16, 12)],
    ['th', 'อังคาร 24 พ.ย. 2026 16:12', at(2026, 11, 24, 16, 12)],
    // Google's codes for Hebrew and Norwegian
    ['iw', 'יום ג׳, 24 בנוב׳ 2026, 16:12', at(2026, 11, 24, 16, 12)],
    ['no', 'tir. 24. nov. 2026, 16:12', at(2026, 11, 24, 16, 12)],
  ] as const)('%s: %s', (lang, title, expected) => {
    expect(parseGmailDate(title, { now, lang })).toEqual(expected);
  });

  it('falls back to the browser language when the page names none', () => {
    expect(parseGmailDate('wt., 24 lis 2026, 16:12', { now, browserLang: 'pl' })).toEqual(at(2026, 11, 24, 16, 12));
    expect(parseGmailDate('wt., 24 lis 2026, 16:12', { now, browserLang: 'en-US' })).toBeNull();
  });
});

describe('never guessed', () => {
  it.each([
    // a word the language does not write in a date
    ['pl', 'wt., 24 lis 2026, 16:12 EDITED'],
    ['ja', 'about 2026年11月24日(火) 16:12'],
    // a month name of another language read in this one ("listopad" is November in Polish, October in Croatian)
    ['en', '24 listopad 2026, 16:12'],
    // a missing or extra number
    ['ja', '2026年11月(火) 16:12'],
    ['fi', 'ti 24.11.2026 klo 16.12 3'],
    ['fi', 'ti 24.11 klo 16.12'],
    // a marker on a 24-hour time, two times
    ['ko', '2026년 11월 24일 (화) PM 16:12'],
    ['en', 'Tue, Nov 24, 2026, 4:12 PM 5:12 PM'],
    // the Persian calendar's own months (Gmail would have to write Gregorian for Tend to read it)
    ['fa', '۱۴۰۵ آذر ۳, سه‌شنبه، ۱۶:۱۲'],
    // a slash date outside the page's own order
    ['de', '11/24/2026, 16:12'],
  ])('%s: %j', (lang, title) => {
    expect(parseGmailDate(title, { now, lang })).toBeNull();
  });

  it('a word that is a weekday and a month is read by the weekday that agrees', () => {
    // Italian "mar" is both Tuesday (martedì) and March (marzo)
    expect(parseGmailDate('mar 3 mar 2026, 16:12', { now, lang: 'it' })).toEqual(at(2026, 3, 3, 16, 12));
    expect(parseGmailDate('mar 24 nov 2026, 16:12', { now, lang: 'it' })).toEqual(at(2026, 11, 24, 16, 12));
    // 4 March 2026 is a Wednesday: no reading agrees, but both name the same day, which is what Gmail wrote
    expect(parseGmailDate('mar 4 mar 2026, 16:12', { now, lang: 'it' })).toEqual(at(2026, 3, 4, 16, 12));
    // two month words and no weekday to choose between them
    expect(parseGmailDate('24 nov 2026 mar, 16:12', { now, lang: 'it' })).toEqual(at(2026, 11, 24, 16, 12));
    expect(parseGmailDate('24 nov dic 2026, 16:12', { now, lang: 'it' })).toBeNull();
  });

  it('a Monday after a numbered day is the weekday, not a month (found by the soak, seed 20261202)', () => {
    // Japanese full date: "11月" (November) and "月曜日" (Monday) share the 月 in "2073/12/11月曜日"
    expect(parseGmailDate('2073/12/11月曜日 午前12:00', { now, lang: 'ja' })).toEqual(at(2073, 12, 11, 0, 0));
    expect(parseGmailDate('2026/1/12月曜日 午後4:12', { now, lang: 'ja' })).toEqual(at(2026, 1, 12, 16, 12));
    expect(parseGmailDate('2026年1月12日月曜日 16:12', { now, lang: 'ja' })).toEqual(at(2026, 1, 12, 16, 12));
  });

  it('a numeric date is read in the page language order only', () => {
    expect(parseGmailDate('11/24/2026, 4:12 PM', { now, lang: 'en' })).toEqual(at(2026, 11, 24, 16, 12));
    expect(parseGmailDate('24/11/2026, 16:12', { now, lang: 'en-GB' })).toEqual(at(2026, 11, 24, 16, 12));
    expect(parseGmailDate('03/04/2026, 16:12', { now })).toBeNull();
  });
});
