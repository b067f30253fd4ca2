/**
 * Gmail's display languages and a round trip over them: format instants as Gmail's date tooltips do, read
 * them back with parseGmailDate. Used by tests/unit/gmail/date-languages.test.ts and the bench row
 * "Gmail date languages read".
 */
import { CALENDAR_LANGUAGES } from '../../lib/ingest/calendar-labels';
import { parseGmailDate } from '../../lib/ingest/gmail-dates';
import { GMAIL_TITLE_OPTIONS, resolveLocale } from '../../lib/ingest/intl-tables';

/**
 * Gmail's display languages, as `<html lang>` names them (Google's codes: "iw" for Hebrew, "no" for
 * Norwegian, "zh-TW").
 *
 * Where the list comes from: Gmail's Settings → General → Language dropdown (the list Google's help article
 * support.google.com/mail/answer/17091 and the Gmail API's LanguageSettings.displayLanguage point to) is
 * Google's shared UI-language list, the one Calendar offers: lib/ingest/calendar-labels.ts owns it
 * (CALENDAR_LANGUAGES, recorded from the real all-languages Calendar snapshot, 73 codes, "zh_TW" spelt with an
 * underscore), plus Estonian ("et", "Eesti"), which Gmail's dropdown offers too. The date-languages test pins
 * the count (74), so a change to the Calendar list cannot silently change what it covers.
 */
export const GMAIL_LANGUAGES: readonly string[] = [...CALENDAR_LANGUAGES.map((l) => l.replace('_', '-')), 'et'];

/** The shapes of Gmail's tooltips: the options (both clocks), a row without weekday, the long forms. */
export const GMAIL_TITLE_SHAPES: { name: string; options: Intl.DateTimeFormatOptions }[] = [
  { name: 'tooltip', options: GMAIL_TITLE_OPTIONS },
  { name: 'tooltip 12 h', options: { ...GMAIL_TITLE_OPTIONS, hourCycle: 'h12' } },
  { name: 'tooltip 24 h', options: { ...GMAIL_TITLE_OPTIONS, hourCycle: 'h23' } },
  {
    name: 'row without weekday',
    options: { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  },
  { name: 'full', options: { dateStyle: 'full', timeStyle: 'short' } },
  { name: 'full 12 h', options: { dateStyle: 'full', timeStyle: 'short', hourCycle: 'h12' } },
  { name: 'medium', options: { dateStyle: 'medium', timeStyle: 'short' } },
];

/** Local instants: all twelve months, days and minutes spread out, both halves of the day and of the year. */
export function sampleInstants(): Date[] {
  const out: Date[] = [];
  const times: [number, number][] = [
    [0, 5],
    [9, 41],
    [12, 30],
    [16, 12],
    [23, 59],
  ];
  for (let m = 0; m < 12; m++) {
    const [h, min] = times[m % times.length]!;
    out.push(new Date(m < 6 ? 2025 : 2026, m, 1 + ((m * 5) % 28), h, min));
  }
  out.push(new Date(2014, 11, 18, 12, 35), new Date(2199, 6, 31, 1, 0));
  return out;
}

export interface LanguageResult {
  lang: string;
  locale: string | null;
  cases: number;
  read: number;
  failures: string[];
}

/** Formats each instant in each shape (Gregorian, as Gmail writes) and reads it back with the page's language. */
export function roundTrip(lang: string, instants = sampleInstants()): LanguageResult {
  const locale = resolveLocale(lang);
  const result: LanguageResult = { lang, locale, cases: 0, read: 0, failures: [] };
  if (!locale) return result;
  for (const shape of GMAIL_TITLE_SHAPES) {
    const f = new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, shape.options);
    for (const d of instants) {
      const title = f.format(d);
      result.cases++;
      const got = parseGmailDate(title, { now: new Date(2026, 10, 28), lang });
      if (got?.getTime() === d.getTime()) result.read++;
      else if (result.failures.length < 5)
        result.failures.push(`${shape.name}: "${title}" -> ${got?.toString() ?? 'null'}`);
    }
  }
  return result;
}
