/**
 * One message's header block (bytes, as the mbox scanner found it) read into what Tend needs: who, when, which
 * Gmail thread, which labels, and whether it is mass mail. Only the fields Tend uses are decoded; the rest of
 * the block is passed over. Addresses and RFC 2047 encoded words (B and Q, in any charset the browser's
 * TextDecoder knows: UTF-8, ISO-8859-x, windows-125x …) are read by postal-mime.
 */
import { addressParser, decodeWords } from 'postal-mime';
import { parseMailDate } from './mail-date';

export interface MailAddress {
  name: string;
  address: string;
}

export interface MailHeader {
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  /** The first (top) Delivered-To: the mailbox's own address in a Takeout export. */
  deliveredTo: string | null;
  /** Epoch ms, or null when the Date header is missing or cannot be read. */
  date: number | null;
  /** The Message-ID without its angle brackets ('' when there is none). */
  messageId: string;
  /** X-GM-THRID: Gmail's thread id in decimal, or null. */
  threadDecimal: string | null;
  /** X-Gmail-Labels, decoded, in the order written. */
  labels: string[];
  subject: string;
  /** List-Unsubscribe, Precedence: bulk/list/junk or Auto-Submitted: signs of mail sent to many. */
  bulk: boolean;
  /**
   * The user's mail program kept it unsent: Thunderbird writes X-Mozilla-Draft-Info only on drafts, templates
   * and messages waiting in its Outbox (a sent copy has none), the same as Gmail's Drafts label.
   */
  draft: boolean;
}

const WANTED = new Set([
  'from',
  'to',
  'cc',
  'date',
  'message-id',
  'x-gm-thrid',
  'x-gmail-labels',
  'subject',
  'list-unsubscribe',
  'list-id',
  'precedence',
  'auto-submitted',
  'delivered-to',
  'x-mozilla-draft-info',
]);

/** A header field's name: printable US-ASCII but the colon (RFC 5322 ftext), then optional blanks and a colon. */
const FIELD = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;

const utf8 = new TextDecoder('utf-8');

/** Why a header block is not a mail header, or null when it is one. */
export type HeaderProblem = 'not a header line' | 'no header fields';

/**
 * Reads a header block. Returns the problem instead when a line is neither a field nor a folded continuation,
 * or when there is no field at all (a corrupt message, skipped and counted by the importer).
 */
export function readMailHeader(bytes: Uint8Array): MailHeader | { problem: HeaderProblem; line: string } {
  const text = utf8.decode(bytes);
  const fields = new Map<string, string[]>();
  let name: string | null = null;
  let value = '';
  let count = 0;
  const flush = () => {
    if (name === null) return;
    const list = fields.get(name);
    if (list) list.push(value);
    else fields.set(name, [value]);
    name = null;
  };
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const line = text.slice(start, nl);
    start = nl + 1;
    if (line.length === 0) continue;
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9) {
      // A folded line continues the field before it (or, before any field, is junk).
      if (count === 0) return { problem: 'not a header line', line: line.slice(0, 80) };
      if (name !== null) value += line;
      continue;
    }
    const m = FIELD.exec(line);
    if (!m) return { problem: 'not a header line', line: line.slice(0, 80) };
    flush();
    count++;
    const n = (m[1] as string).toLowerCase();
    if (WANTED.has(n)) {
      name = n;
      value = line.slice(m[0].length);
    }
  }
  flush();
  if (count === 0) return { problem: 'no header fields', line: '' };
  const one = (n: string) => fields.get(n)?.[0]?.trim() ?? '';
  const precedence = one('precedence').toLowerCase();
  const auto = one('auto-submitted').toLowerCase();
  const thrid = one('x-gm-thrid');
  const dateRaw = one('date');
  return {
    from: addresses(fields.get('from')),
    to: addresses(fields.get('to')),
    cc: addresses(fields.get('cc')),
    deliveredTo: addresses(fields.get('delivered-to')?.slice(0, 1))[0]?.address ?? null,
    date: dateRaw ? parseMailDate(dateRaw) : null,
    messageId: messageIdOf(one('message-id')),
    threadDecimal: /^\d{1,30}$/.test(thrid) ? thrid : null,
    labels: parseLabels(fields.get('x-gmail-labels')?.join(',') ?? ''),
    subject: safeDecode(one('subject')).replace(/\s+/g, ' ').trim(),
    bulk:
      fields.has('list-unsubscribe') ||
      fields.has('list-id') ||
      precedence === 'bulk' ||
      precedence === 'list' ||
      precedence === 'junk' ||
      (auto !== '' && auto !== 'no'),
    draft: fields.has('x-mozilla-draft-info'),
  };
}

function safeDecode(s: string): string {
  try {
    return decodeWords(s);
  } catch {
    return s;
  }
}

/** Every mailbox in the fields (groups unwrapped), with decoded display names. */
function addresses(values: string[] | undefined): MailAddress[] {
  if (!values) return [];
  const out: MailAddress[] = [];
  for (const v of values) {
    let list: { name: string; address?: string }[];
    try {
      list = addressParser(v, { flatten: true }) as { name: string; address?: string }[];
    } catch {
      continue;
    }
    for (const a of list) {
      if (a.address?.includes('@')) out.push({ name: (a.name ?? '').trim(), address: a.address.trim() });
    }
  }
  return out;
}

function messageIdOf(v: string): string {
  const m = /<([^<>\s]{1,300})>/.exec(v);
  return (m ? (m[1] as string) : (v.split(/\s/)[0] ?? '')).slice(0, 200);
}

/**
 * X-Gmail-Labels: comma-separated, a label with a comma or quote in double quotes (`"a, b"`, `""` for a quote),
 * a label with non-ASCII characters as RFC 2047 encoded words. Takeout may encode several labels, commas and
 * all, as one word (`=?UTF-8?Q?Archiv=C3=A9s,Envoy=C3=A9?=`), so the words are decoded before the value is split.
 */
export function parseLabels(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  const v = (value.includes('=?') ? safeDecode(value) : value).trim();
  for (let i = 0; i < v.length; i++) {
    const ch = v[i];
    if (quoted) {
      if (ch === '"') {
        if (v[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else if (ch === '\\' && i + 1 < v.length) {
        cur += v[++i];
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((l) => l.trim()).filter((l) => l.length > 0);
}
