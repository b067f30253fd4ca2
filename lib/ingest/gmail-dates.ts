/**
 * Gmail date titles (`td.xW span[title]`, `span.g3[title]`) read into Dates, in the runtime's local time zone.
 *
 * Gmail writes the title in the user's language and clock setting, e.g.
 *   en-US  "Thu, Dec 18, 2014 at 12:35 PM", "Tue, Nov 25, 2025, 3:14 PM"
 *   en-GB  "Wed, 20 Aug 2025, 13:19", "20 Aug 2025, 13:19", "Thu, 18 Dec 2014 at 12:35"
 *   de     "Do., 20. Aug. 2025, 13:19", "Do., 18. Dez. 2014 um 12:35"
 *   fr     "mer. 20 août 2025, 13:19", "jeu. 18 déc. 2014 à 12:35"
 *   es     "mié, 20 ago 2025, 13:19", "jue., 18 dic. 2014 a las 12:35", "... 1:19 p. m."
 *   pt     "qua., 20 de ago. de 2025, 13:19", "qui., 18 de dez. de 2014 às 12:35"
 *
 * The time is split off first (it is the same shape in every language, 12 h or 24 h), the weekday and the
 * connecting words are dropped, and the remaining day-month-year is read with date-fns `parse` and its locales.
 * Anything that does not read cleanly gives null: a date is never guessed.
 */

import type { Locale } from 'date-fns';
import { isValid, parse } from 'date-fns';
import { de } from 'date-fns/locale/de';
import { enUS } from 'date-fns/locale/en-US';
import { es } from 'date-fns/locale/es';
import { fr } from 'date-fns/locale/fr';
import { pt } from 'date-fns/locale/pt';

const LOCALES: readonly Locale[] = [enUS, de, fr, es, pt];

/** Day-month-year orders, with the month as a word (wide or abbreviated: date-fns `MMMM` reads both). */
const WORD_FORMATS = ['MMMM d yyyy', 'd MMMM yyyy', 'yyyy MMMM d'] as const;

/** The time at the end: "12:35", "3:14 PM", "1:19 p. m.", "13:19:05". */
const TIME = /(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(am|pm)?$/i;

/** Words between the date and the time: "at", "um", "à", "a las", "às", "alle", "om", "kl.". */
const CONNECTOR = /(?:^|\s)(?:at|um|à|a las|a la|às|as|alle|om|kl)\s*$/i;

/** A leading weekday: a word ending in "." or "," ("Thu,", "Do.,", "jeu.", "mié,"). */
const WEEKDAY = /^[\p{L}]+\.?,?\s+/u;

/** Drops "de", dots after words and days, commas; "Sept" -> "Sep". */
function tidyDatePart(s: string): string {
  return (
    s
      // Portuguese and Spanish "20 de ago. de 2025"
      .replace(/(^|\s)de(?=\s)/gi, ' ')
      // "Aug." -> "Aug", "20." -> "20"
      .replace(/(\p{L})\./gu, '$1')
      .replace(/(\d)\.(?=\s|$)/g, '$1')
      .replace(/,/g, ' ')
      // "Sept" is Gmail's English, German and Spanish spelling; date-fns reads "Sep" (French keeps "sept").
      .replace(/(^|\s)sept(?=\s|$)/gi, '$1Sep')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function normalise(title: string): string {
  return (
    title
      .normalize('NFC')
      .replace(/[\u00a0\u202f\u2009\s]+/g, ' ')
      // "p. m." / "a.m." -> "pm" / "am"
      .replace(/(^|[\s\d])([ap])\.? ?m\.?(?=\s|$)/gi, (_m, pre: string, ap: string) => `${pre}${ap.toLowerCase()}m`)
      .trim()
  );
}

/**
 * Reads a Gmail date title. Returns null when the text is not a date Tend can read with certainty.
 * `now` is the reference date-fns needs; titles always carry their year, so it never fills a gap.
 */
export function parseGmailDate(title: string, opts: { now: Date }): Date | null {
  if (typeof title !== 'string' || title.length === 0 || title.length > 200) return null;
  let s = normalise(title);

  const t = TIME.exec(s);
  if (!t || t.index === undefined) return null;
  let hours = Number(t[1]);
  const minutes = Number(t[2]);
  const seconds = t[3] === undefined ? 0 : Number(t[3]);
  const ampm = t[4]?.toLowerCase();
  if (minutes > 59 || seconds > 59) return null;
  if (ampm) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (ampm === 'pm' ? 12 : 0);
  } else if (hours > 23) {
    return null;
  }

  s = s.slice(0, t.index).trim().replace(/,$/, '').trim();
  s = s.replace(CONNECTOR, '').trim().replace(/,$/, '').trim();
  const datePart = tidyDatePart(s);
  if (datePart.length === 0) return null;
  // A leading weekday ("Thu,", "Do.,", "jeu.") is tried with and without: "Nov 25 2025" starts with a word too.
  const candidates = [datePart];
  const noWeekday = tidyDatePart(s.replace(WEEKDAY, ''));
  if (noWeekday !== datePart && noWeekday.length > 0) candidates.push(noWeekday);

  for (const candidate of candidates) {
    for (const locale of LOCALES) {
      for (const format of WORD_FORMATS) {
        const d = parse(candidate, format, opts.now, { locale });
        if (!isValid(d)) continue;
        const y = d.getFullYear();
        if (y < 1990 || y > 2200) return null;
        const out = new Date(y, d.getMonth(), d.getDate(), hours, minutes, seconds, 0);
        return isValid(out) ? out : null;
      }
    }
  }
  // Numeric dates only where the order is unambiguous: ISO (2025-08-20) and German-style (20.08.2025).
  const numeric = candidates[candidates.length - 1] ?? '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(numeric);
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(numeric);
  const ymd = iso ? [iso[1], iso[2], iso[3]] : dotted ? [dotted[3], dotted[2], dotted[1]] : null;
  if (ymd) {
    const [y, m, d] = ymd.map(Number) as [number, number, number];
    const out = new Date(y, m - 1, d, hours, minutes, seconds, 0);
    if (y < 1990 || y > 2200 || out.getMonth() !== m - 1 || out.getDate() !== d) return null;
    return out;
  }
  return null;
}
