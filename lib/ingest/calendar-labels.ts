/**
 * Reads a Google Calendar event chip's screen-reader label, in every Calendar language, 12 h and 24 h:
 *
 *   "7:30am to 8am, Walking, Calendar: Chore, No location, June 10, 2024"
 *   "9 June 2024 at 22:15 to 10 June 2024 at 06:30, Sleep, Calendar: Critical, ..."
 *   "午後1時～午後2時、「Team meeting」、カレンダー: Esri、場所の指定なし、2024年 6月 10日"
 *
 * The parser is data-driven rather than a table of hand-typed phrases per language:
 * - digits of every script are mapped to ASCII with a table built from Intl's numbering systems;
 * - month names (standalone and in-a-date forms, long and short) come from Intl.DateTimeFormat for the
 *   label's language, forced to the Gregorian calendar;
 * - the AM/PM markers come from Intl too, plus plain "am"/"pm" (Google uses them in most languages) and a
 *   few short forms Google uses that ICU does not ship (GOOGLE_EXTRA_DAY_PERIODS, documented below);
 * - connecting words ("to", "bis", "至", "～", "Del", "ile ... arası") are never read at all: the parser
 *   finds the dates (a month name with its day and year beside it) and the times (a number with minutes,
 *   or an hour with an AM/PM marker right beside it) by position, and takes the first two times.
 *
 * Dates and times are built in the runtime's local time zone (the zone Calendar shows them in).
 * Nothing here throws: a label that cannot be read returns null.
 */

import {
  isCjk,
  isLetter,
  type LangTable,
  lowerSameLength,
  markerKindOf,
  normalizeDigits,
  tableFor,
  unionTable,
} from './intl-tables';

export interface ParsedChipLabel {
  start: Date;
  end: Date;
  allDay: boolean;
  title: string;
}

export interface ParseChipLabelOptions {
  /** The chip's visible time text ("7:30 – 8am"), used when the label itself has no time. */
  timeText?: string;
  /** The day column's date (YYYY-MM-DD), used when the label has no readable date. */
  columnDate?: string;
  /** The page language (`<html lang>`, or a Calendar code such as "en_GB", "iw", "zh_TW"). */
  lang?: string;
  now: Date;
}

/** The Calendar UI languages (Google's codes, in the order of the real all-languages fixture). */
export const CALENDAR_LANGUAGES = [
  'af',
  'az',
  'id',
  'ca',
  'cy',
  'da',
  'de',
  'en_GB',
  'en',
  'es',
  'es_419',
  'eu',
  'fil',
  'fr',
  'fr_CA',
  'gl',
  'hr',
  'zu',
  'it',
  'sw',
  'lv',
  'lt',
  'hu',
  'ms',
  'nl',
  'no',
  'pl',
  'pt_BR',
  'pt_PT',
  'ro',
  'sk',
  'sl',
  'fi',
  'sv',
  'vi',
  'tr',
  'is',
  'cs',
  'el',
  'be',
  'bg',
  'mn',
  'ru',
  'sr',
  'uk',
  'kk',
  'hy',
  'iw',
  'ar',
  'ur',
  'fa',
  'ne',
  'mr',
  'hi',
  'bn',
  'pa',
  'gu',
  'ta',
  'te',
  'kn',
  'ml',
  'si',
  'th',
  'lo',
  'my',
  'ka',
  'am',
  'km',
  'zh_HK',
  'zh_CN',
  'zh_TW',
  'ja',
  'ko',
] as const;

/** List separators of the label's fields, in the scripts Calendar uses. */
const SEPARATOR = /[,،，、;؛၊፣]/;

// ---------------------------------------------------------------------------------------------------------
// Scanning

interface Span {
  start: number;
  end: number;
}

interface DateHit extends Span {
  y: number;
  m: number; // 0-11
  d: number;
}

interface NumberTok extends Span {
  text: string;
  value: number;
  minutes?: number;
}

interface TimeHit extends Span {
  h: number;
  min: number;
  marker?: 'am' | 'pm';
}

function numberTokens(text: string): NumberTok[] {
  const out: NumberTok[] = [];
  const re = /\d+(?:(?:[:.]|\s?h\s?)\d{2}(?!\d))?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    const split = /^(\d+)(?:(?:[:.]|\s?h\s?)(\d{2}))?$/.exec(raw);
    if (!split) continue;
    const [, a, b] = split;
    const value = Number(a);
    if (b !== undefined && a!.length <= 2) {
      out.push({ start: m.index, end: m.index + raw.length, text: raw, value, minutes: Number(b) });
    } else if (b !== undefined) {
      // "2024.06" style: keep the leading number only
      out.push({ start: m.index, end: m.index + a!.length, text: a!, value });
      re.lastIndex = m.index + a!.length;
    } else {
      out.push({ start: m.index, end: m.index + raw.length, text: raw, value });
    }
  }
  return out;
}

function findDates(
  text: string,
  lower: string,
  nums: NumberTok[],
  table: LangTable,
  now: Date,
): { dates: DateHit[]; used: Set<NumberTok> } {
  const taken: Span[] = [];
  const usedNums = new Set<NumberTok>();
  const overlaps = (s: Span) => taken.some((t) => s.start < t.end && t.start < s.end);
  const hits: DateHit[] = [];
  for (const name of table.months) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(name.text, from);
      if (at < 0) break;
      from = at + 1;
      const span = { start: at, end: at + name.text.length };
      if (overlaps(span)) continue;
      const first = name.text[0];
      const before = lower[at - 1];
      if (/\d/.test(first ?? '') ? /\d/.test(before ?? '') : isLetter(before) && !isCjk(first)) continue;
      const last = name.text[name.text.length - 1];
      const after = lower[span.end];
      if (/\d/.test(last ?? '') && /\d/.test(after ?? '')) continue;
      if (!name.prefix && isLetter(after) && !isCjk(last)) continue;
      // extend a prefix match over a case ending ("ekaina" + "ren")
      let end = span.end;
      if (name.prefix) while (end < lower.length && isLetter(lower[end]) && !isCjk(lower[end])) end++;
      const monthSpan = { start: at, end };
      // the day: a bare 1-2 digit number right beside the month name
      const isDay = (n: NumberTok) =>
        !usedNums.has(n) && n.minutes === undefined && n.text.length <= 2 && n.value >= 1 && n.value <= 31;
      const gapOk = (gap: string) =>
        gap.length <= 8 && !/\d/.test(gap) && !SEPARATOR.test(gap.replace(/^\s*[.,]\s*$/, ''));
      const afterDay = nums.find(
        (n) => n.start >= monthSpan.end && isDay(n) && gapOk(text.slice(monthSpan.end, n.start)),
      );
      const beforeDay = [...nums]
        .reverse()
        .find((n) => n.end <= monthSpan.start && isDay(n) && gapOk(text.slice(n.end, monthSpan.start)));
      let day: NumberTok | undefined;
      if (afterDay && beforeDay) {
        if (table.dayFirst === true) day = beforeDay;
        else if (table.dayFirst === false) day = afterDay;
        else day = afterDay.start - monthSpan.end <= monthSpan.start - beforeDay.end ? afterDay : beforeDay;
      } else day = afterDay ?? beforeDay;
      if (!day) continue;
      // a day followed by a time separator is a time, not a day
      if (/^[:.]\d/.test(text.slice(day.end, day.end + 2))) continue;
      const lo = Math.min(monthSpan.start, day.start);
      const hi = Math.max(monthSpan.end, day.end);
      let year: NumberTok | undefined;
      let best = Number.POSITIVE_INFINITY;
      for (const n of nums) {
        if (usedNums.has(n) || n.text.length !== 4 || n.value < 1900 || n.value > 2199 || n.minutes !== undefined)
          continue;
        const dist = n.start >= hi ? n.start - hi : lo - n.end;
        if (dist >= 0 && dist <= 20 && dist < best) {
          best = dist;
          year = n;
        }
      }
      const m = name.month;
      let y: number;
      if (year) y = year.value;
      else {
        // no year in the label: the year that puts the date nearest to now
        const candidates = [now.getFullYear() - 1, now.getFullYear(), now.getFullYear() + 1];
        y = candidates.reduce((a, b) =>
          Math.abs(new Date(b, m, day!.value).getTime() - now.getTime()) <
          Math.abs(new Date(a, m, day!.value).getTime() - now.getTime())
            ? b
            : a,
        );
      }
      if (new Date(y, m, day.value).getMonth() !== m) continue; // 31 June: not a date
      usedNums.add(day);
      if (year) usedNums.add(year);
      const parts = [monthSpan, day, ...(year ? [year] : [])];
      const start = Math.min(...parts.map((p) => p.start));
      const stop = Math.max(...parts.map((p) => p.end));
      taken.push(monthSpan, day, ...(year ? [year] : []));
      hits.push({ start, end: stop, y, m, d: day.value });
    }
  }
  hits.sort((a, b) => a.start - b.start);
  return { dates: hits, used: usedNums };
}

function findTimes(
  text: string,
  nums: NumberTok[],
  used: Set<NumberTok>,
  table: LangTable,
  allowBare = false,
): TimeHit[] {
  const out: TimeHit[] = [];
  for (const n of nums) {
    if (used.has(n) || n.value > 99) continue;
    const h = n.value;
    const min = n.minutes ?? 0;
    if (h > 24 || min > 59) continue;
    let marker: 'am' | 'pm' | undefined;
    let end = n.end;
    let start = n.start;
    const sfx = table.suffix.exec(text.slice(n.end, n.end + 24));
    if (sfx?.[1]) {
      marker = markerKindOf(table, sfx[1]);
      if (marker) end = n.end + sfx[0].length;
    }
    if (!marker) {
      const head = text.slice(Math.max(0, n.start - 24), n.start);
      const pre = table.prefixRe.exec(head);
      if (pre?.[1]) {
        const at = n.start - head.length + pre.index;
        const firstCh = pre[1][0];
        const latin = /\p{sc=Latin}/u.test(pre[1]);
        if ((!isLetter(text[at - 1]) || isCjk(firstCh) || isCjk(text[at - 1])) && (!latin || table.latinPrefix)) {
          marker = markerKindOf(table, pre[1]);
          if (marker) start = at;
        }
      }
    }
    // a bare number with no AM/PM is not a time (except in the chip's own time text, "9 – 10am")
    if (n.minutes === undefined && !marker && !allowBare) continue;
    if (marker && (h < 1 || h > 12)) marker = undefined; // "13:00 PM": trust the digits
    out.push({ start, end, h, min, marker });
  }
  return out;
}

function to24(t: TimeHit, inherited?: 'am' | 'pm'): number {
  const marker = t.marker ?? inherited;
  let h = t.h;
  if (marker === 'am' && h === 12) h = 0;
  if (marker === 'pm' && h < 12) h += 12;
  return h;
}

function dateAt(d: { y: number; m: number; d: number }, hours: number, minutes: number): Date {
  return new Date(d.y, d.m, d.d, hours, minutes, 0, 0);
}

function parseColumnDate(s: string | undefined): { y: number; m: number; d: number } | null {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim()) : null;
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  const d = Number(m[3]);
  const check = new Date(y, mo, d);
  return check.getMonth() === mo && check.getDate() === d ? { y, m: mo, d } : null;
}

function cleanTitle(s: string): string {
  return s
    .trim()
    .replace(/^[「『“"„«‹]+|[」』”"“»›]+$/g, '')
    .trim()
    .slice(0, 500);
}

/** The field after the date/time part of the label: the event's title. */
function titleAfter(label: string, whenEnd: number): string {
  const rest = label.slice(whenEnd);
  const sep = SEPARATOR.exec(rest);
  if (!sep) return '';
  const tail = rest.slice(sep.index + 1);
  const next = SEPARATOR.exec(tail);
  return cleanTitle(next ? tail.slice(0, next.index) : tail);
}

/**
 * Reads one chip label. Returns null when no date and time can be read from it (the caller counts it as
 * unreadable rather than guessing).
 */
export function parseChipLabel(label: string, opts: ParseChipLabelOptions): ParsedChipLabel | null {
  try {
    return parseChipLabelUnsafe(label, opts);
  } catch {
    return null;
  }
}

function parseChipLabelUnsafe(label: string, opts: ParseChipLabelOptions): ParsedChipLabel | null {
  if (typeof label !== 'string' || label.length === 0 || label.length > 4000) return null;
  const table = (opts.lang ? tableFor(opts.lang) : null) ?? unionTable(CALENDAR_LANGUAGES);
  const text = normalizeDigits(label.normalize('NFC'));
  const lower = lowerSameLength(text);
  const nums = numberTokens(text);
  const { dates, used } = findDates(text, lower, nums, table, opts.now);
  const times = findTimes(text, nums, used, table).slice(0, 2);
  const column = parseColumnDate(opts.columnDate);

  if (times.length === 0 && opts.timeText) {
    const tt = normalizeDigits(opts.timeText.normalize('NFC'));
    const fromText = findTimes(tt, numberTokens(tt), new Set(), table, true).slice(0, 2);
    if (fromText.length > 0) {
      const day = dates.at(-1) ?? column;
      if (!day) return null;
      return assembleTimed(fromText, day, undefined, cleanTitle(label.split(SEPARATOR)[1] ?? ''));
    }
  }

  if (times.length > 0) {
    const [t1, t2] = times as [TimeHit, TimeHit | undefined];
    const multi = dates.length >= 2 && t2 !== undefined && dates[0]!.start < t2.start;
    if (multi) {
      const whenEnd = Math.max(t2.end, dates[1]!.end);
      return assembleTimed(times, dates[0]!, dates[1]!, titleAfter(text, whenEnd));
    }
    const day = dates.at(-1) ?? column;
    if (!day) return null;
    const whenEnd = Math.max(t1.end, t2?.end ?? 0, dates[0] && dates[0].start < t1.start ? dates[0].end : 0);
    return assembleTimed(times, day, undefined, titleAfter(text, whenEnd));
  }

  // No time at all: an all-day event.
  if (dates.length >= 2) {
    const [d1, d2] = dates as [DateHit, DateHit];
    const gap = text.slice(d1.end, d2.start);
    if (gap.length <= 30 && !SEPARATOR.test(gap.replace(/^\s*,\s*$/, ''))) {
      const start = dateAt(d1, 0, 0);
      const end = dateAt({ y: d2.y, m: d2.m, d: d2.d + 1 }, 0, 0);
      if (end > start) return { start, end, allDay: true, title: titleAfter(text, d2.end) };
    }
  }
  // (a label with neither a time nor a date is not read as all-day on the column's date: that would be a guess)
  const day = dates.at(-1);
  if (!day) return null;
  const start = dateAt(day, 0, 0);
  const end = dateAt({ y: day.y, m: day.m, d: day.d + 1 }, 0, 0);
  const firstDate = dates[0];
  const title =
    firstDate && firstDate.start <= 10 ? titleAfter(text, firstDate.end) : cleanTitle(text.split(SEPARATOR)[1] ?? '');
  return { start, end, allDay: true, title };
}

function assembleTimed(
  times: TimeHit[],
  startDay: { y: number; m: number; d: number },
  endDay: { y: number; m: number; d: number } | undefined,
  title: string,
): ParsedChipLabel | null {
  const [t1, t2] = times as [TimeHit, TimeHit | undefined];
  // "9 – 10am": a start without a marker shares the end's, unless that would put it after the end
  let inherited: 'am' | 'pm' | undefined;
  if (!t1.marker && t2?.marker && t1.h >= 1 && t1.h <= 12) {
    inherited = t2.marker;
    if (!endDay && to24(t1, inherited) * 60 + t1.min > to24(t2) * 60 + t2.min)
      inherited = inherited === 'pm' ? 'am' : 'pm';
  }
  const start = dateAt(startDay, to24(t1, inherited), t1.min);
  let end = t2 ? dateAt(endDay ?? startDay, to24(t2), t2.min) : new Date(start.getTime());
  if (!endDay && end < start) end = dateAt({ ...startDay, d: startDay.d + 1 }, to24(t2!), t2!.min);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start) return null;
  return { start, end, allDay: false, title };
}
