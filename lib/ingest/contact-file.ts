/**
 * Contact files: Google Contacts' vCard (3.0, 4.0; phones' 2.1) and CSV, and LinkedIn's Connections.csv, read
 * into plain people. Pure and never throwing: a file that is none of these gets ok:false with clear errors.
 *
 * - vCard: each BEGIN:VCARD…END:VCARD block is read on its own with ical.js (folded lines, escapes, TYPE
 *   parameters), so one broken card is counted and skipped, not the file. vCard 2.1 is brought to 3.0 first:
 *   bare parameters (`EMAIL;INTERNET;PREF`) become TYPE=…, QUOTED-PRINTABLE values (with soft line breaks) are
 *   decoded in their CHARSET.
 * - CSV (RFC 4180: quoted commas, quotes and newlines) with lib/ingest/csv-rows.ts. Google's columns, old and new
 *   ("E-mail 1 - Value", "Organization 1 - Name" / "Organization Name", "Birthday", "Notes"; several values in
 *   one cell joined by " ::: "). LinkedIn's file has a few note lines before its header row
 *   ("First Name,Last Name,URL,Email Address,Company,Position,Connected On") and dates like "12 Mar 2021".
 *
 * Who is a person, and how a person's several addresses become one contact, is decided by the store
 * (lib/store/contact-merge.ts); here every address is only normalised (lib/core/email.ts).
 */

import ICAL from 'ical.js';
import { normalizeEmail } from '../core/email';
import { LIMITS, MIN_YEAR } from '../core/limits';
import type { DayOfYear, ImportedPerson } from '../store/contact-merge';
import { daysInMonth } from '../time/zoned-time';
import { csvRows } from './csv-rows';

export type ContactFileKind = 'vcard' | 'google-csv' | 'linkedin';

export interface ContactFileSkips {
  /** People with no usable email address. */
  noEmail: number;
  /** Cards or rows that could not be read at all. */
  unreadable: number;
}

export type ContactFileResult =
  | { ok: true; kind: ContactFileKind; people: ImportedPerson[]; skipped: ContactFileSkips }
  | { ok: false; errors: string[] };

export const CONTACT_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** More people than this in one file is not an address book. */
export const CONTACT_FILE_MAX_PEOPLE = 100_000;

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);
const tidy = (s: string | undefined | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Reads a contact file of any supported kind. `fileName` only helps the error message. Never throws. */
export function parseContactFile(text: string, fileName = 'the file'): ContactFileResult {
  try {
    if (typeof text !== 'string') return { ok: false, errors: [`${fileName} could not be read as text`] };
    if (text.length > CONTACT_FILE_MAX_BYTES)
      return { ok: false, errors: [`${fileName} is larger than ${CONTACT_FILE_MAX_BYTES / 1024 / 1024} MB`] };
    const body = text.replace(/^\uFEFF/, '');
    if (body.trim() === '') return { ok: false, errors: [`${fileName} is empty`] };
    // A zip, a PDF, an image: NUL bytes or a known signature, before any parser sees it.
    if (body.includes('\u0000') || body.startsWith('PK\u0003\u0004') || body.startsWith('%PDF-'))
      return { ok: false, errors: [`${fileName} is not a text file (a .vcf or .csv export was expected)`] };
    if (/^\s*BEGIN:VCARD\s*$/im.test(body.slice(0, 4096))) return readVcards(body, fileName);
    return readCsv(body, fileName);
  } catch (e) {
    return { ok: false, errors: [`${fileName} could not be read: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A real day (a year before 1900 or after 2200 is dropped, the day kept; without a year, 29 February is a day). */
function validDay(month: number, day: number, year?: number): DayOfYear | undefined {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1) return undefined;
  const knownYear = year !== undefined && Number.isInteger(year) && year >= 1900 && year <= 2200 ? year : undefined;
  if (day > daysInMonth(knownYear ?? 2000, month)) return undefined;
  return knownYear === undefined ? { month, day } : { month, day, year: knownYear };
}

/**
 * A birthday or anniversary as vCard and Google write it: `1985-03-15`, `19850315`, `--03-15`, `--0315`,
 * `1953-10-15T23:10:00Z` (the date part), or Google CSV's ` --03-15`. A year before 1900 (phones write 1604
 * for "no year") is dropped, the day kept.
 */
export function parseDayOfYear(raw: string | undefined | null): DayOfYear | undefined {
  const s = tidy(raw);
  if (!s) return undefined;
  let m = /^--(\d{2})-?(\d{2})$/.exec(s);
  if (m) return validDay(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$/.exec(s);
  if (m) return validDay(Number(m[2]), Number(m[3]), Number(m[1]));
  return undefined;
}

/** LinkedIn's "12 Mar 2021" (also "3 Mar 2021", "12-Mar-21", "2021-03-12") as noon UTC of that day. */
export function parseConnectedOn(raw: string | undefined | null): number | undefined {
  const s = tidy(raw).toLowerCase();
  let day: number;
  let month: number;
  let year: number;
  let m = /^(\d{1,2})[ -]([a-z]{3})[a-z]*\.?[ -](\d{2}|\d{4})$/.exec(s);
  if (m) {
    day = Number(m[1]);
    month = MONTHS.indexOf(m[2] ?? '') + 1;
    year = Number(m[3]);
    if ((m[3] ?? '').length === 2) year += 2000;
  } else {
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return undefined;
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  }
  const d = validDay(month, day, year);
  if (!d || d.year === undefined || d.year < MIN_YEAR) return undefined;
  return Date.UTC(d.year, d.month - 1, d.day, 12);
}

// ---------------------------------------------------------------------------------------------------------------
// People

/** Unique normalised addresses from raw strings (each may hold several, split by " ::: ", ";" or ","). */
function addresses(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of raw) {
    for (const part of r.split(/\s*:::\s*|[;,]\s*/)) {
      const e = normalizeEmail(part);
      if (e && !out.includes(e)) out.push(e);
    }
  }
  return out.slice(0, LIMITS.aliases + 1);
}

function person(p: {
  name: string;
  emails: string[];
  birthday?: DayOfYear | undefined;
  anniversary?: DayOfYear | undefined;
  organisation?: string;
  title?: string;
  note?: string;
  connectedAt?: number | undefined;
}): ImportedPerson {
  const out: ImportedPerson = { name: clip(tidy(p.name), LIMITS.name), emails: p.emails };
  if (p.birthday) out.birthday = p.birthday;
  if (p.anniversary) out.anniversary = p.anniversary;
  const org = clip(tidy(p.organisation), LIMITS.name);
  if (org) out.organisation = org;
  const title = clip(tidy(p.title), LIMITS.name);
  if (title) out.title = title;
  const note = clip((p.note ?? '').replace(/\r\n?/g, '\n').trim(), LIMITS.note);
  if (note) out.note = note;
  if (p.connectedAt !== undefined) out.connectedAt = p.connectedAt;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// vCard

/** Decodes quoted-printable bytes in a charset (UTF-8 when unknown). */
function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const hex = value.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      // Characters outside ASCII in a QP value (a sloppy writer) are kept as UTF-8.
      for (const b of new TextEncoder().encode(c)) bytes.push(b);
    }
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset || 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(new Uint8Array(bytes));
}

/** Escapes a decoded value for a vCard 3.0 line: text keeps its `;` structure (N, ORG), newlines become `\n`. */
const escapeValue = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/,/g, '\\,');

const KNOWN_PARAM = /^[A-Za-z-]+=/;

/**
 * vCard 2.1 lines brought to what ical.js reads: bare parameters become TYPE=…, QUOTED-PRINTABLE values (soft
 * line breaks joined first) are decoded in their CHARSET, and CHARSET/ENCODING=QP are dropped once applied.
 */
export function upgradeVcard21(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    const colon = line.indexOf(':');
    if (colon < 0) {
      out.push(line);
      continue;
    }
    const head = line.slice(0, colon);
    const parts = head.split(';');
    const name = parts[0] ?? '';
    let qp = false;
    let charset = '';
    const params: string[] = [];
    for (const p of parts.slice(1)) {
      const up = p.toUpperCase();
      if (up === 'QUOTED-PRINTABLE' || up === 'ENCODING=QUOTED-PRINTABLE') qp = true;
      else if (up.startsWith('CHARSET=')) charset = p.slice(8);
      else if (KNOWN_PARAM.test(p)) params.push(p);
      else if (up === 'BASE64') params.push('ENCODING=b');
      else if (p) params.push(`TYPE=${p}`);
    }
    let value = line.slice(colon + 1);
    if (qp) {
      // A soft line break: the value goes on in the next line.
      while (value.endsWith('=') && i + 1 < lines.length) {
        value = value.slice(0, -1) + (lines[++i] ?? '');
      }
      const upName = name.toUpperCase().replace(/^.*\./, '');
      const structured = upName === 'N' || upName === 'ORG' || upName === 'ADR';
      value = structured
        ? value
            .split(';')
            .map((v) => escapeValue(decodeQuotedPrintable(v, charset)))
            .join(';')
        : escapeValue(decodeQuotedPrintable(value, charset));
    }
    // A CHARSET without QP is dropped too: the text is already characters.
    line = `${[name, ...params].join(';')}:${value}`;
    out.push(line);
  }
  return out;
}

/** Splits a vCard file into its cards' lines (BEGIN…END, nested AGENT cards stay inside their parent). */
function splitCards(text: string): { cards: string[][]; stray: number } {
  const lines = text.split(/\r\n|\r|\n/);
  const cards: string[][] = [];
  let current: string[] | null = null;
  let depth = 0;
  let stray = 0;
  for (const line of lines) {
    const t = line.trim().toUpperCase();
    if (t === 'BEGIN:VCARD') {
      if (current === null) {
        current = [];
        depth = 0;
      }
      depth++;
      current.push(line);
      continue;
    }
    if (current === null) continue;
    current.push(line);
    if (t === 'END:VCARD' && --depth === 0) {
      cards.push(current);
      current = null;
    }
  }
  // A last card without END:VCARD (a truncated file) cannot be trusted.
  if (current !== null) stray++;
  return { cards, stray };
}

type JCardProperty = [string, Record<string, unknown>, string, ...unknown[]];

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(textOf).filter(Boolean).join(' ');
  return '';
}

function readCard(lines: string[]): ImportedPerson | null {
  const version = lines
    .find((l) => /^VERSION:/i.test(l.trim()))
    ?.split(':')[1]
    ?.trim();
  const prepared = version === '2.1' ? upgradeVcard21(unfold(lines)) : lines;
  const parsed: unknown = ICAL.parse(prepared.join('\r\n'));
  const root = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed;
  if (!Array.isArray(root) || root[0] !== 'vcard' || !Array.isArray(root[1])) return null;
  const props = (root[1] as unknown[]).filter((p): p is JCardProperty => Array.isArray(p) && typeof p[0] === 'string');
  const all = (name: string) => props.filter((p) => p[0] === name);
  const first = (name: string) => all(name)[0];
  const values = (p: JCardProperty | undefined) => (p ? p.slice(3) : []);

  const emails = addresses(all('email').flatMap((p) => values(p).map(textOf)));
  const fn = textOf(values(first('fn'))[0]);
  const n = values(first('n'))[0];
  const fromN = Array.isArray(n) ? [textOf(n[3]), textOf(n[1]), textOf(n[2]), textOf(n[0]), textOf(n[4])] : [];
  const name = fn || fromN.filter(Boolean).join(' ');
  const org = values(first('org'))[0];
  const orgParts = (Array.isArray(org) ? org.map(textOf) : [textOf(org)]).map((s) => tidy(s)).filter(Boolean);
  const organisation = orgParts.length > 1 ? `${orgParts[0]} (${orgParts.slice(1).join(', ')})` : orgParts[0];
  const title = textOf(values(first('title'))[0]) || textOf(values(first('role'))[0]);
  const note = all('note')
    .map((p) => textOf(values(p)[0]))
    .filter(Boolean)
    .join('\n');
  const day = (prop: string) => {
    for (const p of all(prop)) {
      const d = parseDayOfYear(textOf(values(p)[0]));
      if (d) return d;
    }
    return undefined;
  };
  return person({
    name,
    emails,
    birthday: day('bday'),
    anniversary: day('anniversary') ?? day('x-anniversary'),
    organisation: organisation ?? '',
    title,
    note,
  });
}

/** Joins folded lines (a line starting with a space or tab continues the previous one). */
function unfold(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if ((l.startsWith(' ') || l.startsWith('\t')) && out.length) out[out.length - 1] += l.slice(1);
    else out.push(l);
  }
  return out;
}

function readVcards(text: string, fileName: string): ContactFileResult {
  const { cards, stray } = splitCards(text);
  if (cards.length === 0) return { ok: false, errors: [`${fileName} has no complete vCard (BEGIN:VCARD … END:VCARD)`] };
  if (cards.length > CONTACT_FILE_MAX_PEOPLE)
    return { ok: false, errors: [`${fileName} has more than ${CONTACT_FILE_MAX_PEOPLE.toLocaleString()} cards`] };
  const people: ImportedPerson[] = [];
  const skipped: ContactFileSkips = { noEmail: 0, unreadable: stray };
  for (const lines of cards) {
    let p: ImportedPerson | null = null;
    try {
      p = readCard(lines);
    } catch {
      p = null;
    }
    if (!p) skipped.unreadable++;
    else if (p.emails.length === 0) skipped.noEmail++;
    else people.push(p);
  }
  return { ok: true, kind: 'vcard', people, skipped };
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

const LINKEDIN_HEADER = ['first name', 'last name', 'email address', 'connected on'];

function headerIndex(header: readonly string[]): (name: string) => number {
  const lower = header.map((h) => tidy(h).toLowerCase());
  return (name: string) => lower.indexOf(name.toLowerCase());
}

function readCsv(text: string, fileName: string): ContactFileResult {
  const rows = csvRows(text);
  if (rows.length > CONTACT_FILE_MAX_PEOPLE + 20)
    return { ok: false, errors: [`${fileName} has more than ${CONTACT_FILE_MAX_PEOPLE.toLocaleString()} rows`] };
  // LinkedIn writes a few lines of notes before its header row.
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const lower = (rows[i] ?? []).map((c) => tidy(c).toLowerCase());
    if (LINKEDIN_HEADER.every((h) => lower.includes(h))) return readLinkedIn(rows, i);
  }
  const header = rows[0] ?? [];
  const emailColumns = header.flatMap((h, i) => (/^\s*e-?mail\b/i.test(h) ? [i] : []));
  if (emailColumns.length === 0) {
    return {
      ok: false,
      errors: [
        `${fileName} is not a contacts file Tend knows: a vCard (.vcf), Google Contacts' CSV (with "E-mail 1 - Value") or LinkedIn's Connections.csv was expected`,
      ],
    };
  }
  return readGoogleCsv(rows, emailColumns);
}

function readGoogleCsv(rows: string[][], emailColumns: number[]): ContactFileResult {
  const header = rows[0] ?? [];
  const col = headerIndex(header);
  const pick = (row: string[], ...names: string[]) => {
    for (const n of names) {
      const i = col(n);
      if (i >= 0 && tidy(row[i])) return row[i] ?? '';
    }
    return '';
  };
  const people: ImportedPerson[] = [];
  const skipped: ContactFileSkips = { noEmail: 0, unreadable: 0 };
  // "Value" columns first, so that the address a person lists first stays their main one.
  const ordered = [...emailColumns].sort(
    (a, b) => Number(!/value/i.test(header[a] ?? '')) - Number(!/value/i.test(header[b] ?? '')) || a - b,
  );
  for (const row of rows.slice(1)) {
    if (row.every((c) => !tidy(c))) continue;
    const emails = addresses(ordered.map((i) => row[i] ?? ''));
    const given = pick(row, 'First Name', 'Given Name');
    const middle = pick(row, 'Middle Name', 'Additional Name');
    const family = pick(row, 'Last Name', 'Family Name');
    const name = pick(row, 'Name', 'Display Name') || [given, middle, family].map(tidy).filter(Boolean).join(' ');
    const p = person({
      name,
      emails,
      birthday: parseDayOfYear(pick(row, 'Birthday')),
      organisation: pick(row, 'Organization 1 - Name', 'Organization Name', 'Company'),
      title: pick(row, 'Organization 1 - Title', 'Organization Title', 'Job Title'),
      note: pick(row, 'Notes'),
    });
    if (p.emails.length === 0) skipped.noEmail++;
    else people.push(p);
  }
  return { ok: true, kind: 'google-csv', people, skipped };
}

function readLinkedIn(rows: string[][], headerAt: number): ContactFileResult {
  const col = headerIndex(rows[headerAt] ?? []);
  const at = (row: string[], name: string) => row[col(name)] ?? '';
  const people: ImportedPerson[] = [];
  const skipped: ContactFileSkips = { noEmail: 0, unreadable: 0 };
  for (const row of rows.slice(headerAt + 1)) {
    if (row.every((c) => !tidy(c))) continue;
    const p = person({
      name: [at(row, 'First Name'), at(row, 'Last Name')].map(tidy).filter(Boolean).join(' '),
      emails: addresses([at(row, 'Email Address')]),
      organisation: at(row, 'Company'),
      title: at(row, 'Position'),
      connectedAt: parseConnectedOn(at(row, 'Connected On')),
    });
    if (p.emails.length === 0) skipped.noEmail++;
    else people.push(p);
  }
  return { ok: true, kind: 'linkedin', people, skipped };
}
