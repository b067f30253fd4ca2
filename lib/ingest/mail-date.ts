/**
 * The `Date:` header of a mail message (RFC 5322 §3.3 with the obsolete forms of §4.3), read into epoch
 * milliseconds, or null when it cannot be read without guessing.
 *
 * Accepted: an optional day name, `d mon yyyy hh:mm[:ss]`, a numeric zone or a zone name (UT, GMT, Z, the
 * North American names of RFC 822, and a few unambiguous European and Asian abbreviations mail clients write);
 * comments in parentheses anywhere (`+0000 (UTC)`); two- and three-digit years (obsolete: 49 → 2049, 50 →
 * 1950, 123 → 2023); extra spaces and a missing comma. A military one-letter zone other than Z, an unknown
 * zone name, a day that does not exist or a time out of range is not a date.
 */
import { MAX_MILLIS } from '../core/limits';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Zone names in minutes east of UTC. RFC 5322's obs-zone, plus common names that mean one thing only. */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  wet: 0,
  west: 60,
  bst: 60,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

/** Removes (possibly nested) comments. */
function stripComments(s: string): string {
  if (!s.includes('(')) return s;
  let out = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && depth > 0) {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

const DATE =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\s*,?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\.\d+)?\s*(?:([+-])(\d{2}):?(\d{2})|([a-z]{1,5}))?$/;

/** Reads a Date header's value; null when it is not a date that can be read without guessing. */
export function parseMailDate(value: string): number | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  const s = stripComments(value).trim().toLowerCase().replace(/\s+/g, ' ');
  const m = DATE.exec(s);
  if (!m) return null;
  const day = Number(m[1]);
  const month = MONTHS[m[2] as string];
  if (month === undefined) return null;
  let year = Number(m[3]);
  const yearDigits = (m[3] as string).length;
  if (yearDigits === 2) year += year < 50 ? 2000 : 1900;
  else if (yearDigits === 3) year += 1900;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offset: number;
  if (m[7]) {
    const zh = Number(m[8]);
    const zm = Number(m[9]);
    if (zh > 23 || zm > 59) return null;
    offset = (zh * 60 + zm) * (m[7] === '-' ? -1 : 1);
  } else if (m[10]) {
    const z = ZONES[m[10]];
    if (z === undefined) return null;
    offset = z;
  } else {
    // No zone at all: the time could be anyone's.
    return null;
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const at = utc - offset * 60_000;
  // A date Tend cannot keep (before 1970, or past its last year: "Mar 026" reads as 1926) is not one to guess from.
  return Number.isFinite(at) && at >= 0 && at <= MAX_MILLIS ? at : null;
}
