/**
 * Gmail date titles (`td.xW span[title]`, `span.g3[title]`) read into Dates, in the runtime's local time zone,
 * in every language Gmail offers.
 *
 * Gmail writes the title in the page's language following CLDR, much as
 * `Intl.DateTimeFormat(lang, GMAIL_TITLE_OPTIONS)` does, e.g.
 *   en-US  "Thu, Dec 18, 2014 at 12:35 PM", "Tue, Nov 25, 2025, 3:14 PM"
 *   de     "Do., 18. Dez. 2014 um 12:35"        pl  "wt., 24 lis 2026, 16:12"
 *   ja     "2026年11月24日(火) 16:12"            ko  "2026년 11월 24일 (화) PM 4:12"
 *   fi     "ti 24.11.2026 klo 16.12"            vi  "16:12 Thứ 3, 24 thg 11, 2026"
 *
 * The reader works on fields, not on a fixed picture, because Gmail's CLDR and the browser's differ ("Sep" /
 * "Sept.", a missing period, another separator). With the language's table (lib/ingest/intl-tables.ts, built
 * from Intl): digits of any script become ASCII; the one time ("16:12", "4.12", "16 h 12") and its AM/PM marker
 * beside it are taken out; month names, weekday names and the words the language writes inside dates ("at",
 * "um", "klo", "г.", "年") are taken out; then nothing but the day and year (or day, month and year, in the
 * language's numeric order) may remain. The weekday decides between two readings of a word that is both a
 * weekday and a month. Any other word, a missing or extra number, or two readings left gives null: a date is
 * never guessed.
 *
 * Languages tried, in order: the page's (`<html lang>`), the browser's, then English, German, French, Spanish
 * and Portuguese (Gmail's titles before pages named their language). All-numeric dates are read in the page's
 * own field order only; in a language only tried, just the unambiguous "2025-08-20" and "20.08.2025" shapes.
 */

import { MAX_YEAR } from '../core/limits';
import {
  dateWordsOf,
  isCjk,
  isLetter,
  type LangTable,
  lowerSameLength,
  markerKindOf,
  normalizeDigits,
  resolveLocale,
  tableFor,
} from './intl-tables';

export interface GmailDateOptions {
  /** Kept for callers; titles always carry their year, so it never fills a gap. */
  now: Date;
  /** The page's language (`<html lang>`). */
  lang?: string;
  /** The browser's language; defaults to `navigator.language` where there is one. */
  browserLang?: string;
}

/** Languages tried after the page's and the browser's. */
const FALLBACK_LANGS = ['en', 'de', 'fr', 'es', 'pt'] as const;

/**
 * Words older Gmail titles put between date and time that today's ICU no longer writes for the language
 * (kept from the titles Tend read before it built tables from Intl).
 */
const GMAIL_EXTRA_WORDS: Record<string, string[]> = {
  en: ['at'],
  de: ['um'],
  fr: ['à'],
  es: ['a las', 'a la'],
  pt: ['às', 'as'],
  it: ['alle'],
  nl: ['om'],
  da: ['kl'],
  nb: ['kl'],
  sv: ['kl'],
};

/**
 * The earliest year a Gmail title may carry: stricter than the store's MIN_YEAR, since Gmail began in 2004 and
 * an older year in a title is a misreading. Years are checked after a Buddhist-era year becomes Gregorian.
 */
const MIN_GMAIL_YEAR = 1990;

/** Scripts where a month's first three or four letters are its usual abbreviation ("Sept" for "September"). */
const ALPHABETIC = /^[\p{sc=Latin}\p{sc=Cyrillic}\p{sc=Greek}]+$/u;

type WordKind = {
  months: Set<number>;
  weekday?: number;
  literal: boolean;
  /** A full month name, which a case ending may follow ("urtarrila" + "ren"). */
  stem: boolean;
};

interface Word {
  text: string;
  kind: WordKind;
}

const wordLists = new WeakMap<LangTable, Word[]>();

/** Every word the language may write in a title, longest first, with what it means. */
function wordsOf(table: LangTable): Word[] {
  const cached = wordLists.get(table);
  if (cached) return cached;
  const byText = new Map<string, WordKind>();
  const entry = (text: string): WordKind => {
    let k = byText.get(text);
    if (!k) {
      k = { months: new Set(), literal: false, stem: false };
      byText.set(text, k);
    }
    return k;
  };
  for (const m of table.months) {
    const k = entry(m.text);
    k.months.add(m.month);
    if (m.prefix) k.stem = true;
    if (m.text.endsWith('.')) entry(m.text.slice(0, -1)).months.add(m.month);
  }
  const weekdayConflicts = new Set<string>();
  for (const w of dateWordsOf(table).weekdays) {
    const k = entry(w.text);
    if (k.weekday !== undefined && k.weekday !== w.day) weekdayConflicts.add(w.text);
    k.weekday = w.day;
  }
  for (const t of weekdayConflicts) delete entry(t).weekday;
  for (const l of dateWordsOf(table).literals) entry(l).literal = true;
  const base = table.locale.split('-')[0] ?? table.locale;
  for (const w of GMAIL_EXTRA_WORDS[base] ?? []) entry(w).literal = true;

  // CLDR drift: a month's first three or four letters ("sep", "sept") where they mean nothing else here.
  const drift = new Map<string, number | null>();
  for (const m of table.months) {
    if (!m.prefix || !ALPHABETIC.test(m.text)) continue;
    for (const n of [3, 4]) {
      if (m.text.length <= n) continue;
      const p = m.text.slice(0, n);
      const prev = drift.get(p);
      drift.set(p, prev === undefined || prev === m.month ? m.month : null);
    }
  }
  for (const [text, month] of drift) if (month !== null && !byText.has(text)) entry(text).months.add(month);

  const list = [...byText].map(([text, kind]) => ({ text, kind })).filter((w) => w.text.length > 0);
  // Longest first; at equal length a word of letters before a numbered one: in Japanese "11月" (November) and
  // "月曜日" (Monday) overlap in "2073/12/11月曜日", where the Monday is meant.
  const numbered = (t: string) => (/^\d/.test(t) ? 1 : 0);
  list.sort((a, b) => b.text.length - a.text.length || numbered(a.text) - numbered(b.text));
  wordLists.set(table, list);
  return list;
}

/** One time in the title: "16:12", "4.12", "16 h 12", "13h05", "13:19:05" (digits already ASCII). */
const TIME = /(?<![\d.:-])(\d{1,2})(?::|\.|\s?h\s?)(\d{2})(?::(\d{2}))?(?!\d)(?![.:/-]\d)/g;

function prepare(title: string): string {
  return lowerSameLength(
    normalizeDigits(title.normalize('NFC'))
      .replace(/[\u200e\u200f\u061c\u2066-\u2069]/g, '')
      .replace(/[\s\u00a0\u202f\u2009\u200b]/g, ' ')
      // a Latin marker glued to a word of another script ("AMకి"): two words
      .replace(/(\p{sc=Latin})(?=\p{L})(?!\p{sc=Latin})/gu, '$1 ')
      .replace(/([\p{L}\p{M}])(?<![\p{sc=Latin}\p{sc=Inherited}])(?=\p{sc=Latin})/gu, '$1 '),
  );
}

function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) chars[i] = ' ';
}

interface Clock {
  hours: number;
  minutes: number;
  seconds: number;
}

/** Finds the one time and its AM/PM marker and blanks them out; null when there is not exactly one. */
function takeTime(chars: string[], table: LangTable): Clock | null {
  const text = chars.join('');
  const found = [...text.matchAll(TIME)];
  if (found.length !== 1) return null;
  const t = found[0]!;
  const start = t.index ?? 0;
  const end = start + t[0].length;
  let hours = Number(t[1]);
  const minutes = Number(t[2]);
  const seconds = t[3] === undefined ? 0 : Number(t[3]);
  if (minutes > 59 || seconds > 59) return null;

  let marker: 'am' | 'pm' | undefined;
  let from = start;
  let to = end;
  const after = table.suffix.exec(text.slice(end, end + 24));
  if (after?.[1]) {
    marker = markerKindOf(table, after[1]);
    if (marker) to = end + after[0].length;
  }
  const head = text.slice(Math.max(0, start - 24), start);
  const before = table.prefixRe.exec(head);
  if (before?.[1]) {
    const at = start - head.length + before.index;
    const latin = /\p{sc=Latin}/u.test(before[1]);
    const glued = isLetter(text[at - 1]) && !isCjk(before[1][0]) && !isCjk(text[at - 1]);
    const kind = !glued && (!latin || table.latinPrefix) ? markerKindOf(table, before[1]) : undefined;
    if (kind) {
      if (marker) return null; // a marker on both sides: not a title Tend knows
      marker = kind;
      from = at;
    }
  }
  if (marker) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (marker === 'pm' ? 12 : 0);
  } else if (hours > 23) {
    return null;
  }
  blank(chars, from, to);
  return { hours, minutes, seconds };
}

interface Found {
  /** Month or weekday words, with every meaning each may have. */
  words: WordKind[];
}

/** The end of a literal word of the language that starts at `at` and ends at a word boundary, else `at`. */
function gluedAfter(lower: string, at: number, table: LangTable): number {
  for (const l of dateWordsOf(table).literals) {
    if (!lower.startsWith(l, at)) continue;
    const next = lower[at + l.length];
    if (!isLetter(next) || isCjk(next)) return at + l.length;
  }
  return at;
}

/** Blanks out every known word; null when a letter is left that the language does not write in a date. */
function takeWords(chars: string[], table: LangTable): Found | null {
  const lower = chars.join('');
  const words: WordKind[] = [];
  const taken = new Uint8Array(lower.length);
  for (const w of wordsOf(table)) {
    for (let at = lower.indexOf(w.text); at >= 0; at = lower.indexOf(w.text, at + 1)) {
      const end = at + w.text.length;
      let free = true;
      for (let i = at; i < end; i++) if (taken[i]) free = false;
      if (!free) continue;
      const first = w.text[0];
      const last = w.text[w.text.length - 1];
      const prev = lower[at - 1];
      const next = lower[end];
      if (/\d/.test(first ?? '') ? /\d/.test(prev ?? '') : isLetter(prev) && !isCjk(first) && !isCjk(prev)) continue;
      let stop = end;
      if (/\d/.test(last ?? '') ? /\d/.test(next ?? '') : isLetter(next) && !isCjk(last) && !isCjk(next)) {
        // glued on: a case ending after a full month name ("urtarrila|ren"), or a word of the language
        // ("сар|ын", "วันพุธ|ที่"); anything else means this is part of another word
        const glued = gluedAfter(lower, end, table);
        if (glued > end) stop = glued;
        else if (w.kind.stem) while (isLetter(lower[stop]) && !isCjk(lower[stop])) stop++;
        else continue;
      }
      for (let i = at; i < stop; i++) taken[i] = 1;
      blank(chars, at, stop);
      const k = w.kind;
      // A word that is also a date word of the language ("日" is "day" and Sunday in Japanese) says nothing.
      if (k.months.size > 0 || (k.weekday !== undefined && !k.literal)) words.push(k);
    }
  }
  if (/[\p{L}\p{M}]/u.test(chars.join(''))) return null;
  return { words };
}

function yearOf(n: string, table: LangTable): number | null {
  if (n.length !== 4) return null;
  const v = Number(n);
  if (v >= MIN_GMAIL_YEAR && v <= MAX_YEAR) return v;
  const g = v - dateWordsOf(table).yearOffset;
  return dateWordsOf(table).yearOffset > 0 && g >= MIN_GMAIL_YEAR && g <= MAX_YEAR ? g : null;
}

const realDay = (y: number, m: number, d: number) => {
  const check = new Date(y, m, d);
  return d >= 1 && check.getFullYear() === y && check.getMonth() === m && check.getDate() === d;
};

/** The day the remaining numbers and words name; null when none or more than one. */
function readDay(
  rest: string,
  found: Found,
  table: LangTable,
  primary: boolean,
): { y: number; m: number; d: number } | null {
  const nums = rest.match(/\d+/g) ?? [];
  // Readings whose weekday agrees, and all readings: the weekday decides between two readings ("mar" is
  // Tuesday and March in Italian), but a date whose weekday disagrees is still the date Gmail wrote.
  const agreeing = new Map<string, { y: number; m: number; d: number }>();
  const results = new Map<string, { y: number; m: number; d: number }>();
  const consider = (y: number, m: number, d: number, weekdays: WordKind[]) => {
    if (!realDay(y, m, d)) return;
    const wd = new Date(y, m, d).getDay();
    results.set(`${y}-${m}-${d}`, { y, m, d });
    if (weekdays.every((w) => w.weekday === wd)) agreeing.set(`${y}-${m}-${d}`, { y, m, d });
  };
  const monthWords = found.words.filter((w) => w.months.size > 0);
  if (monthWords.length > 0) {
    // One word is the month; every other must be a weekday.
    if (nums.length !== 2) return null;
    const [a, b] = nums as [string, string];
    const ya = yearOf(a, table);
    const yb = yearOf(b, table);
    const [y, dayText] = ya !== null && b.length <= 2 ? [ya, b] : yb !== null && a.length <= 2 ? [yb, a] : [null, ''];
    if (y === null) return null;
    for (const mw of monthWords) {
      const others = found.words.filter((w) => w !== mw);
      if (others.some((w) => w.weekday === undefined)) continue;
      for (const m of mw.months) consider(y, m, Number(dayText), others);
    }
  } else {
    if (nums.length !== 3) return null;
    let order = dateWordsOf(table).numericOrder;
    if ((nums[0] ?? '').length === 4) order = ['y', 'm', 'd'];
    else if (!primary) order = /^\D*\d{1,2}\. ?\d{1,2}\. ?\d{4}\D*$/.test(rest) ? ['d', 'm', 'y'] : null;
    if (!order) return null;
    const field = (f: 'y' | 'm' | 'd') => nums[order.indexOf(f)] ?? '';
    const y = yearOf(field('y'), table);
    if (y === null || field('m').length > 2 || field('d').length > 2) return null;
    consider(y, Number(field('m')) - 1, Number(field('d')), found.words);
  }
  if (agreeing.size === 1) return [...agreeing.values()][0]!;
  return agreeing.size === 0 && results.size === 1 ? [...results.values()][0]! : null;
}

function readWith(title: string, table: LangTable, primary: boolean): Date | null {
  // one entry per UTF-16 code unit, so the positions regexes and indexOf give stay valid
  const units = prepare(title).split('');
  const clock = takeTime(units, table);
  if (!clock) return null;
  const found = takeWords(units, table);
  if (!found) return null;
  const day = readDay(units.join(''), found, table, primary);
  if (!day) return null;
  const out = new Date(day.y, day.m, day.d, clock.hours, clock.minutes, clock.seconds, 0);
  return Number.isNaN(out.getTime()) ? null : out;
}

function browserLanguage(): string | undefined {
  const nav = (globalThis as { navigator?: { language?: unknown } }).navigator;
  return typeof nav?.language === 'string' ? nav.language : undefined;
}

/** The language a page's titles are read in: the page's own if Intl knows it, else the browser's. */
export function gmailDateLanguage(lang: string | undefined, browserLang = browserLanguage()): string | null {
  for (const l of [lang, browserLang]) {
    const loc = l ? resolveLocale(l) : null;
    if (loc) return loc;
  }
  return null;
}

/**
 * Reads a Gmail date title. Returns null when the text is not a date Tend can read with certainty.
 */
export function parseGmailDate(title: string, opts: GmailDateOptions): Date | null {
  if (typeof title !== 'string' || title.length === 0 || title.length > 200) return null;
  try {
    const page = opts.lang ? resolveLocale(opts.lang) : null;
    const browser = opts.browserLang ?? browserLanguage();
    const tried = new Set<LangTable>();
    const order: [string | undefined, boolean][] = [
      [page ?? undefined, true],
      [browser, false],
      ...FALLBACK_LANGS.map((l): [string, boolean] => [l, false]),
    ];
    for (const [lang, primary] of order) {
      const table = lang ? tableFor(lang) : null;
      if (!table || tried.has(table)) continue;
      tried.add(table);
      const d = readWith(title, table, primary);
      if (d) return d;
    }
    return null;
  } catch {
    return null;
  }
}
