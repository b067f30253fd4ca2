/**
 * Per-language date tables derived from Intl at run time, shared by the Calendar label reader
 * (calendar-labels.ts) and the Gmail date reader (gmail-dates.ts): month names (format and standalone,
 * abbreviated and full, forced to the Gregorian calendar), weekday names, day-period markers, the literal
 * words a language writes inside a date, its numeric field order and digits of every script. Each table is
 * built once per language and kept in a bounded cache; nothing here is hand-typed per language except the
 * few spellings Google writes that ICU does not ship (documented where they are).
 */

/**
 * AM/PM spellings Google's labels use that ICU (as shipped in Node and Chrome) does not give for the language.
 * Kept as small as possible: every other marker comes from Intl. [am forms, pm forms].
 */
const GOOGLE_EXTRA_DAY_PERIODS: Record<string, [string[], string[]]> = {
  cy: [['yb'], ['yh']],
  he: [
    ['לפ׳', 'לפ.', 'לפנה״צ'],
    ['אח׳', 'אח.', 'אחה״צ'],
  ],
  fa: [
    ['قب', 'ق.ظ.'],
    ['بع', 'ب.ظ.'],
  ],
  ko: [['오전'], ['오후']],
  kn: [['ಪೂರ್ವಾಹ್ನ'], ['ಅಪರಾಹ್ನ']],
  pa: [['ਪੂ.ਦੁ.'], ['ਬਾ.ਦੁ.']],
  ja: [['午前'], ['午後']],
  zh: [['上午'], ['下午']],
};

/**
 * Month names ICU gets differently from Google: Node's and Chrome's ICU give Sinhala's traditional month
 * names ("පොසොන්") for the Gregorian calendar, while Calendar writes the transliterated ones ("ජූනි").
 */
const GOOGLE_EXTRA_MONTHS: Record<string, string[]> = {
  si: ['ජනවාරි', 'පෙබරවාරි', 'මාර්තු', 'අප්‍රේල්', 'මැයි', 'ජූනි', 'ජූලි', 'අගෝස්තු', 'සැප්තැම්බර්', 'ඔක්තෝබර්', 'නොවැම්බර්', 'දෙසැම්බර්'],
};

/** Hour suffixes that may sit between an hour and its AM/PM marker ("1時", "1 ц ү.х.", "1 ໂມງຫຼັງທ່ຽງ"). */
const HOUR_SUFFIXES = ['時', '时', '点', '點', '시', 'ц', 'ໂມງ', 'ч.'];

/** Maps a Google language code (Calendar's "en_GB", "iw", "no") or an `<html lang>` to a BCP 47 tag Intl understands. */
export function googleLangToBcp47(code: string): string {
  const c = code.trim().replace(/_/g, '-');
  const lower = c.toLowerCase();
  if (lower === 'iw' || lower.startsWith('iw-')) return `he${c.slice(2)}`;
  if (lower === 'in' || lower.startsWith('in-')) return `id${c.slice(2)}`;
  if (lower === 'no' || lower.startsWith('no-')) return `nb${c.slice(2)}`;
  return c;
}

// ---------------------------------------------------------------------------------------------------------
// Digits

let digitMap: Map<string, string> | null = null;

function buildDigitMap(): Map<string, string> {
  const map = new Map<string, string>();
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  let systems: string[] = [];
  try {
    systems = supported ? supported('numberingSystem') : [];
  } catch {
    systems = [];
  }
  if (systems.length === 0)
    systems = [
      'arab',
      'arabext',
      'beng',
      'deva',
      'guru',
      'gujr',
      'knda',
      'mlym',
      'mymr',
      'tamldec',
      'telu',
      'thai',
      'laoo',
      'khmr',
      'sinh',
      'fullwide',
      'tibt',
      'mong',
    ];
  for (const ns of systems) {
    try {
      const f = new Intl.NumberFormat(`en-u-nu-${ns}`, { useGrouping: false });
      for (let i = 0; i <= 9; i++) {
        const ch = f.format(i);
        if (ch !== String(i) && [...ch].length === 1 && /\p{Nd}/u.test(ch)) map.set(ch, String(i));
      }
    } catch {
      // an unknown numbering system: skip
    }
  }
  return map;
}

/** Replaces every decimal digit of any script by its ASCII digit (length may change only for astral digits). */
export function normalizeDigits(text: string): string {
  if (!/[^\p{ASCII}]/u.test(text)) return text;
  digitMap ??= buildDigitMap();
  const map = digitMap;
  let out = '';
  for (const ch of text) {
    const d = /\p{Nd}/u.test(ch) ? map.get(ch) : undefined;
    out += d ?? ch;
  }
  return out;
}

/** Lower-cases without changing the string's length (so positions stay valid). */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Per-language tables, built from Intl once and cached

export interface MonthName {
  text: string;
  month: number; // 0-11
  /** A long name may be followed by a case ending in the label ("ekaina" -> "ekainaren"). */
  prefix: boolean;
}

export interface WeekdayName {
  text: string;
  /** 0 = Sunday, as Date#getDay. */
  day: number;
}

/** Where the year, month and day stand in the language's all-numeric date ("24.11.2026": d, m, y). */
export type FieldOrder = readonly ('y' | 'm' | 'd')[];

/** What a full date says besides months and times, built on first use (Calendar's labels do not need it). */
export interface DateWords {
  /** Weekday names, abbreviated and full, standalone and in-a-date forms, longest first. */
  weekdays: WeekdayName[];
  /** Words the language writes inside a date or between date and time ("at", "um", "klo", "г", "年", an era). */
  literals: string[];
  /** Field order of the all-numeric date; null when unknown (the union table). */
  numericOrder: FieldOrder | null;
  /** Years the language counts by default beyond the Gregorian ones (Thai Buddhist era: 543), else 0. */
  yearOffset: number;
}

export interface LangTable {
  /** The Intl locale the table was built for ("*" for the union of several languages). */
  locale: string;
  months: MonthName[];

  am: RegExp;
  pm: RegExp;
  /** Marker right after a number (after optional spaces and an hour suffix). */
  suffix: RegExp;
  /** Marker right before a number. */
  prefixRe: RegExp;
  markerKind: Map<string, 'am' | 'pm'>;
  /** Day before month in this language's dates; null when unknown. */
  dayFirst: boolean | null;
  /**
   * The language writes a Latin-script marker before the hour (Hungarian "du. 1"). Elsewhere a Latin word
   * before a time is a preposition ("De 12:45 a 13:00"), never a marker.
   */
  latinPrefix: boolean;
}

const tables = new Map<string, LangTable>();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The letters of a marker, so "p.m.", "pm", "p. m." and "P.M." all match one pattern. */
function markerCore(marker: string): string {
  return lowerSameLength(marker.normalize('NFC')).replace(/[.\s\u200e\u200f\u061c׳״'’]/g, '');
}

function markerPattern(core: string): string {
  // "p.m.", "p. m." (Spanish, Catalan), "pm"
  return `${[...core].map(escapeRe).join('[.׳]?\\s?')}[.׳]?`;
}

/** Formatters by locale and options: a table formats many dates with few shapes, and building one is the cost. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function intlParts(locale: string, options: Intl.DateTimeFormatOptions, date: Date): Intl.DateTimeFormatPart[] {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    } catch {
      f = null;
    }
    if (formatters.size >= 2048) formatters.clear();
    formatters.set(key, f);
  }
  return f ? f.formatToParts(date) : [];
}

function dayPeriodsFor(locale: string): { am: Set<string>; pm: Set<string>; before: boolean } {
  const am = new Set<string>(['am', 'a.m.']);
  const pm = new Set<string>(['pm', 'p.m.']);
  const morning = new Date(Date.UTC(2024, 5, 10, 1, 5));
  const afternoon = new Date(Date.UTC(2024, 5, 10, 13, 5));
  const variants: Intl.DateTimeFormatOptions[] = [
    { hour: 'numeric', hourCycle: 'h12' },
    { hour: 'numeric', minute: '2-digit', hour12: true },
    { timeStyle: 'short' },
  ];
  for (const v of variants) {
    const a = intlParts(locale, v, morning).find((p) => p.type === 'dayPeriod')?.value;
    const p = intlParts(locale, v, afternoon).find((p) => p.type === 'dayPeriod')?.value;
    if (a && p && markerCore(a) !== markerCore(p)) {
      am.add(a);
      pm.add(p);
    }
  }
  // Flexible day periods ("中午", "晚上" in Traditional Chinese long forms): each belongs to the half of the
  // day it is written in; one written in both halves is left out.
  const halves = new Map<string, Set<'am' | 'pm'>>();
  for (let h = 0; h < 24; h++) {
    const at = new Date(Date.UTC(2024, 5, 10, h, 5));
    for (const v of [
      { timeStyle: 'short', hourCycle: 'h12' },
      { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' },
    ] as const) {
      const dp = intlParts(locale, v, at).find((p) => p.type === 'dayPeriod')?.value;
      if (!dp) continue;
      const set = halves.get(dp) ?? new Set();
      set.add(h < 12 ? 'am' : 'pm');
      halves.set(dp, set);
    }
  }
  for (const [dp, set] of halves) if (set.size === 1) (set.has('am') ? am : pm).add(dp);
  const base = locale.split('-')[0] ?? locale;
  const extra = GOOGLE_EXTRA_DAY_PERIODS[base];
  if (extra) {
    for (const a of extra[0]) am.add(a);
    for (const p of extra[1]) pm.add(p);
  }
  const parts = intlParts(locale, { hour: 'numeric', hourCycle: 'h12' }, afternoon);
  const before = parts.findIndex((p) => p.type === 'dayPeriod') < parts.findIndex((p) => p.type === 'hour');
  return { am, pm, before: before && parts.some((p) => p.type === 'dayPeriod') };
}

function monthNamesFor(locale: string): { names: MonthName[]; dayFirst: boolean | null } {
  const found = new Map<string, { month: number; prefix: boolean }>();
  const conflicts = new Set<string>();
  const add = (raw: string, month: number, prefix: boolean) => {
    const text = lowerSameLength(normalizeDigits(raw.normalize('NFC')).trim());
    // one-letter names only in scripts whose months have them (Burmese "ဧ", "ဩ"), never a Latin or CJK letter
    const chars = [...text].length;
    if (chars === 0 || (chars < 2 && /[\p{sc=Latin}\p{sc=Cyrillic}\p{sc=Greek}\p{sc=Han}\p{sc=Hangul}]/u.test(text)))
      return;
    if (/^\d+$/.test(text)) return;
    const prev = found.get(text);
    if (prev && prev.month !== month) conflicts.add(text);
    else if (!prev || (prefix && !prev.prefix)) found.set(text, { month, prefix: prefix || (prev?.prefix ?? false) });
  };
  const loc = `${locale}-u-ca-gregory-nu-latn`;
  const formats: [Intl.DateTimeFormatOptions, boolean][] = [
    [{ month: 'long' }, true],
    [{ day: 'numeric', month: 'long' }, true],
    [{ year: 'numeric', month: 'long', day: 'numeric' }, true],
    [{ month: 'short' }, false],
    [{ day: 'numeric', month: 'short' }, false],
    [{ year: 'numeric', month: 'short', day: 'numeric' }, false],
  ];
  let dayFirst: boolean | null = null;
  for (let m = 0; m < 12; m++) {
    const date = new Date(Date.UTC(2024, m, 15, 12));
    for (const [opts, prefix] of formats) {
      const parts = intlParts(loc, opts, date);
      const mi = parts.findIndex((p) => p.type === 'month');
      let month = parts[mi]?.value;
      if (!month) continue;
      // a numeric month carries its unit: "6" + "月" -> "6月", "6" + "월" -> "6월"
      if (/^\d+$/.test(month)) {
        const unit = /^[\p{L}]+/u.exec(parts[mi + 1]?.value ?? '')?.[0];
        if (!unit) continue;
        month += unit;
      }
      const long = prefix && [...month].length >= 4 && /\p{L}$/u.test(month);
      add(month, m, long);
      if (month.endsWith('.')) add(month.slice(0, -1), m, false);
      // a preposition glued to the month: Hebrew "10 ביוני" is "10" + " ב" + "יוני"
      const glued = /(?:^|\s)(\p{L}{1,2})$/u.exec(parts[mi - 1]?.value ?? '')?.[1];
      if (glued) add(glued + month, m, long);
      if (dayFirst === null && opts.day && !opts.year) {
        const di = parts.findIndex((p) => p.type === 'day');
        const mi = parts.findIndex((p) => p.type === 'month');
        if (di >= 0 && mi >= 0) dayFirst = di < mi;
      }
    }
  }
  const extra = GOOGLE_EXTRA_MONTHS[locale.split('-')[0] ?? locale];
  if (extra) for (const [m, name] of extra.entries()) add(name, m, true);
  const names: MonthName[] = [];
  for (const [text, v] of found) if (!conflicts.has(text)) names.push({ text, month: v.month, prefix: v.prefix });
  names.sort((a, b) => b.text.length - a.text.length);
  return { names, dayFirst };
}

function buildTable(
  months: MonthName[],
  am: Set<string>,
  pm: Set<string>,
  dayFirst: boolean | null,
  latinPrefix: boolean,
): Omit<LangTable, 'locale'> {
  const markerKind = new Map<string, 'am' | 'pm'>();
  const conflicted = new Set<string>();
  for (const [set, kind] of [
    [am, 'am'],
    [pm, 'pm'],
  ] as const) {
    for (const m of set) {
      const core = markerCore(m);
      if (!core) continue;
      const prev = markerKind.get(core);
      if (prev && prev !== kind) conflicted.add(core);
      else markerKind.set(core, kind);
    }
  }
  for (const c of conflicted) markerKind.delete(c);
  const cores = [...markerKind.keys()].sort((a, b) => b.length - a.length);
  const alt = cores.map(markerPattern).join('|') || '(?!)';
  const suffixes = HOUR_SUFFIXES.map(escapeRe).join('|');
  return {
    months,
    am: new RegExp(
      `^(?:${
        cores
          .filter((c) => markerKind.get(c) === 'am')
          .map(markerPattern)
          .join('|') || '(?!)'
      })$`,
      'iu',
    ),
    pm: new RegExp(
      `^(?:${
        cores
          .filter((c) => markerKind.get(c) === 'pm')
          .map(markerPattern)
          .join('|') || '(?!)'
      })$`,
      'iu',
    ),
    suffix: new RegExp(`^[\\s\\u200e\\u200f]*(?:(?:${suffixes})[\\s]*)?(${alt})(?![\\p{L}\\p{M}])`, 'iu'),
    prefixRe: new RegExp(`(${alt})[\\s\\u200e\\u200f]*$`, 'iu'),
    markerKind,
    dayFirst,
    latinPrefix,
  };
}

/** Adds a name and its spelling without a final period ("nov." and "nov"). */
function withoutPeriod(text: string): string[] {
  return text.endsWith('.') && [...text].length > 2 ? [text, text.slice(0, -1)] : [text];
}

function tidyName(raw: string): string {
  return lowerSameLength(
    normalizeDigits(raw.normalize('NFC'))
      .replace(/[\u200e\u200f\u061c]/g, '')
      .trim(),
  );
}

/** The options behind Gmail's date tooltips (CLDR's medium date with a weekday and a short time). */
export const GMAIL_TITLE_OPTIONS: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
};

/** Date and date-time shapes a language's names and words are collected from. */
const DATE_SHAPES: Intl.DateTimeFormatOptions[] = [
  GMAIL_TITLE_OPTIONS,
  { ...GMAIL_TITLE_OPTIONS, hourCycle: 'h12' },
  { ...GMAIL_TITLE_OPTIONS, hourCycle: 'h23' },
  { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  { dateStyle: 'full', timeStyle: 'short' },
  { dateStyle: 'long', timeStyle: 'short' },
  { dateStyle: 'medium', timeStyle: 'short' },
  { weekday: 'short' },
  { weekday: 'long' },
];

function weekdayNamesFor(loc: string): WeekdayName[] {
  const found = new Map<string, number>();
  const conflicts = new Set<string>();
  for (let day = 0; day < 7; day++) {
    // 9 June 2024 was a Sunday.
    const date = new Date(Date.UTC(2024, 5, 9 + day, 12));
    for (const shape of DATE_SHAPES) {
      const part = intlParts(loc, shape, date).find((p) => p.type === 'weekday')?.value;
      if (!part) continue;
      for (const text of withoutPeriod(tidyName(part))) {
        const prev = found.get(text);
        if (prev !== undefined && prev !== day) conflicts.add(text);
        else found.set(text, day);
      }
    }
  }
  const out: WeekdayName[] = [];
  for (const [text, day] of found) if (!conflicts.has(text) && text.length > 0) out.push({ text, day });
  return out.sort((a, b) => b.text.length - a.text.length);
}

function literalWordsFor(loc: string): string[] {
  const words = new Set<string>();
  for (const [h, m] of [
    [9, 5],
    [16, 12],
  ] as const) {
    for (const month of [0, 10]) {
      const date = new Date(Date.UTC(2026, month, 24, h, m));
      for (const shape of DATE_SHAPES) {
        for (const p of intlParts(loc, shape, date)) {
          if (p.type !== 'literal' && p.type !== 'era') continue;
          for (const w of tidyName(p.value).match(/[\p{L}\p{M}]+/gu) ?? []) words.add(w);
        }
      }
    }
  }
  return [...words].sort((a, b) => b.length - a.length);
}

function numericOrderFor(loc: string): FieldOrder | null {
  const order = intlParts(loc, { year: 'numeric', month: 'numeric', day: 'numeric' }, new Date(Date.UTC(2026, 10, 24)))
    .map((p) => (p.type === 'year' ? 'y' : p.type === 'month' ? 'm' : p.type === 'day' ? 'd' : null))
    .filter((t): t is 'y' | 'm' | 'd' => t !== null);
  return order.length === 3 && new Set(order).size === 3 ? order : null;
}

function yearOffsetFor(locale: string): number {
  try {
    return new Intl.DateTimeFormat(locale).resolvedOptions().calendar === 'buddhist' ? 543 : 0;
  } catch {
    return 0;
  }
}

/**
 * Tables kept at most (under a page's code and under Intl's locale): a page can name any language, and each
 * table costs a build; Google's ~74 UI languages fit, so a week of labels in every language builds each once.
 */
const MAX_TABLES = 160;

/** The locale Intl really uses for a Google language code ("de-ZZ" is German), or null when it knows none. */
export function resolveLocale(lang: string): string | null {
  const tag = googleLangToBcp47(lang);
  if (tag.length === 0 || tag.length > 40) return null;
  try {
    if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length === 0) return null;
    return new Intl.DateTimeFormat(tag).resolvedOptions().locale;
  } catch {
    return null;
  }
}

function buildLangTable(locale: string): LangTable {
  const { names, dayFirst } = monthNamesFor(locale);
  const { am, pm, before } = dayPeriodsFor(locale);
  return { locale, ...buildTable(names, am, pm, dayFirst, before) };
}

const dateWordsCache = new WeakMap<LangTable, DateWords>();

/** The table's weekday names, date words, numeric order and era offset (none for the union table). */
export function dateWordsOf(table: LangTable): DateWords {
  let words = dateWordsCache.get(table);
  if (!words) {
    const loc = `${table.locale}-u-ca-gregory-nu-latn`;
    words =
      table.locale === '*'
        ? { weekdays: [], literals: [], numericOrder: null, yearOffset: 0 }
        : {
            weekdays: weekdayNamesFor(loc),
            literals: literalWordsFor(loc),
            numericOrder: numericOrderFor(loc),
            yearOffset: yearOffsetFor(table.locale),
          };
    dateWordsCache.set(table, words);
  }
  return words;
}

/**
 * The table of one language (a Google code or `<html lang>`), built from Intl on first use; null when Intl
 * knows no such language. Languages that resolve to the same Intl locale share one table.
 */
export function tableFor(lang: string): LangTable | null {
  const key = googleLangToBcp47(lang);
  const cached = tables.get(key);
  if (cached) return cached;
  const locale = resolveLocale(lang);
  if (!locale) return null;
  const table = tables.get(locale) ?? buildLangTable(locale);
  remember(locale, table);
  return remember(key, table);
}

let union: { languages: readonly string[]; table: LangTable } | null = null;

/**
 * For a page whose language is unknown: the union of the given languages, minus names that mean different
 * months (or AM in one language and PM in another). Built once.
 */
export function unionTable(languages: readonly string[]): LangTable {
  if (union && union.languages === languages) return union.table;
  const byText = new Map<string, MonthName>();
  const conflicts = new Set<string>();
  const am = new Set<string>();
  const pm = new Set<string>();
  for (const code of languages) {
    const loc = googleLangToBcp47(code);
    for (const n of monthNamesFor(loc).names) {
      const prev = byText.get(n.text);
      if (prev && prev.month !== n.month) conflicts.add(n.text);
      else if (!prev) byText.set(n.text, n);
    }
    const dp = dayPeriodsFor(loc);
    for (const a of dp.am) am.add(a);
    for (const p of dp.pm) pm.add(p);
  }
  const names = [...byText.values()]
    .filter((n) => !conflicts.has(n.text))
    .sort((a, b) => b.text.length - a.text.length);
  const table: LangTable = { locale: '*', ...buildTable(names, am, pm, null, false) };
  union = { languages, table };
  return table;
}

/** Keeps a table under a key, within the bound (the oldest key goes first). */
function remember(key: string, table: LangTable): LangTable {
  if (tables.has(key)) return table;
  if (tables.size >= MAX_TABLES) {
    const oldest = tables.keys().next().value;
    if (oldest !== undefined) tables.delete(oldest);
  }
  tables.set(key, table);
  return table;
}

export const isLetter = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{M}]/u.test(ch);
export const isCjk = (ch: string | undefined) =>
  ch !== undefined && /[\p{sc=Han}\p{sc=Hangul}\p{sc=Hiragana}\p{sc=Katakana}]/u.test(ch);

export function markerKindOf(table: LangTable, matched: string): 'am' | 'pm' | undefined {
  const core = markerCore(matched);
  return table.markerKind.get(core) ?? (table.am.test(matched) ? 'am' : table.pm.test(matched) ? 'pm' : undefined);
}
