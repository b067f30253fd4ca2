/**
 * Turns one raw Gmail capture (lib/ingest/raw.ts) into Tend's records: interactions, thread records, the user's own
 * messages (for promise detection) and display names. Runs in the background; pure.
 *
 * Counting once: every interaction key is derived from Gmail's own ids and the person, never from when Tend saw
 * it. A list row says when a thread last moved (a `coarse` touch keyed by thread and time); an opened thread says
 * each message (keyed by message id). Both carry the same hex `threadId`, so the store can let coarse touches give
 * way to message-level ones of the same thread.
 */

import { normalizeEmail } from '../core/email';
import { HEX_ID } from '../core/limits';
import type { Direction, Interaction, Settings, Thread, ThreadMessage } from '../core/model';
import { classifyPerson, type PersonKind } from '../engine/people';
import { parseGmailDate } from './gmail-dates';
import { gmailProblemWords } from './gmail-problems';
import type { GmailCapture, GmailMessageRaw, GmailRowRaw, GmailThreadRaw, PageHealth } from './raw';

/** A sent message to more than this many people, none of whom wrote back in the thread, is mass mail. */
export const MASS_RECIPIENTS = 10;

/** Views whose rows are not contact: unsent mail and spam. */
const VIEWS_WITHOUT_CONTACT = new Set(['drafts', 'scheduled', 'spam']);

/** A date more than this far in the future is a misreading, not a message. */
const FUTURE_SLACK_MS = 36 * 3_600_000;

export interface OwnMessage {
  /** The Thread record's id (`${account}/${threadId}`). */
  threadKey: string;
  messageId: string;
  at: number;
  body: string;
  /** The people it was sent to (normalised, persons only). */
  to: string[];
}

export interface GmailNormalized {
  interactions: Interaction[];
  threads: Thread[];
  ownMessages: OwnMessage[];
  /** Normalised email -> display name, for people only. */
  names: Record<string, string>;
  /** Records held back because their date could not be read. */
  unreadableDates: number;
  health: PageHealth;
}

export interface NormalizeContext {
  now: Date;
  settings: Settings;
  /** The user's addresses known to the store (every signed-in account seen), besides settings.selfAddresses. */
  selfAddresses: readonly string[];
}

/** A decimal id (`data-thread-id`, `data-message-id` without prefix) as Gmail's hex legacy id, or null. */
export function decimalToHex(dec: string | undefined): string | null {
  if (!dec || !/^\d{1,30}$/.test(dec)) return null;
  try {
    return BigInt(dec).toString(16);
  } catch {
    return null;
  }
}

function hexOr(legacy: string | undefined): string | null {
  const l = legacy?.trim().toLowerCase();
  return l && HEX_ID.test(l) ? l : null;
}

/** A row's thread id as hex (legacy id, else the decimal id converted), or null when the row has none. */
export function rowThreadHex(row: Pick<GmailRowRaw, 'legacyThreadId' | 'threadId'>): string | null {
  return hexOr(row.legacyThreadId) ?? decimalToHex(row.threadId);
}

/** An opened thread's id: hex legacy id, else the perm id `thread-f:<decimal>` converted, else the URL's id. */
export function openThreadId(thread: Pick<GmailThreadRaw, 'legacyThreadId' | 'permId' | 'subject'>): string {
  const hex = hexOr(thread.legacyThreadId);
  if (hex) return hex;
  const perm = /^#?thread-f:(\d+)$/.exec(thread.permId ?? '');
  const fromPerm = decimalToHex(perm?.[1]);
  if (fromPerm) return fromPerm;
  const raw = thread.legacyThreadId?.trim();
  if (raw) return raw.slice(0, 100);
  return `s-${hash(thread.subject)}`;
}

/** A message's id as hex: the legacy id, else `#msg-f:` decimal converted; null for ids that cannot be mapped. */
export function messageHex(msg: Pick<GmailMessageRaw, 'legacyMessageId' | 'messageId'>): string | null {
  return hexOr(msg.legacyMessageId) ?? decimalToHex(msg.messageId);
}

/** FNV-1a, 32 bits, hex: a short stable stand-in for a subject in keys. */
export function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Key lengths. An interaction key must fit the schema (Interaction.key: 400). A thread key and a message id are
 * kept well under that because other keys are built from them (a promise id is `${threadKey}:${messageId}:n`,
 * nudge keys `thread:${threadKey}:...` and `thanks:${threadKey}:${messageId}`, all at most 400 too).
 */
const MAX_INTERACTION_KEY = 400;
const MAX_THREAD_KEY = 160;
const MAX_MESSAGE_ID = 160;
/** What one part of a too-long key is cut to (a prefix and a hash of the whole part). */
const MAX_KEY_PART = 100;

/**
 * `s` itself when it fits in `max` characters, else its first characters and the FNV-1a hash of all of it:
 * stable (the same long address always gives the same part), at most `max` characters, readable at a glance.
 */
export function fitKeyPart(s: string, max: number): string {
  if (s.length <= max) return s;
  const h = hash(s);
  return `${s.slice(0, Math.max(0, max - h.length - 1))}~${h}`;
}

/**
 * An interaction key from its parts. Keys of ordinary length are exactly `gmail:<kind>:<account>:<ref>:<email>`
 * (as always, so touches already stored keep matching); only a key that would be too long for the schema has
 * its account and address parts cut to a prefix and a hash.
 */
export function touchKey(kind: 'row' | 'msg', account: string, ref: string, email: string): string {
  const key = `gmail:${kind}:${account}:${ref}:${email}`;
  if (key.length <= MAX_INTERACTION_KEY) return key;
  return `gmail:${kind}:${fitKeyPart(account, MAX_KEY_PART)}:${fitKeyPart(ref, MAX_KEY_PART)}:${fitKeyPart(email, MAX_KEY_PART)}`;
}

/** A Thread record's id, `${account}/${threadId}`; a very long account is cut to a prefix and a hash. */
export function fitThreadKey(account: string, threadId: string): string {
  const key = `${account}/${threadId}`;
  if (key.length <= MAX_THREAD_KEY) return key;
  return `${fitKeyPart(account, MAX_THREAD_KEY - threadId.length - 1)}/${threadId}`;
}

/** The name Gmail shows for the user in lists when Tend does not know the account (English only, a fallback). */
const ME = new Set(['me']);

/**
 * Who the people of one capture are: the user's own addresses (plus, on a page whose account Tend does not know,
 * whoever Gmail calls "me"), each address classified once by lib/engine/people.ts, and display names noted.
 */
class CapturePeople {
  readonly self = new Set<string>();
  readonly names: Record<string, string> = {};
  private readonly kinds = new Map<string, PersonKind>();

  constructor(
    private readonly signedIn: string | null,
    selfAddresses: readonly string[],
    private readonly settings: Settings,
  ) {
    if (signedIn) this.self.add(signedIn);
    for (const s of selfAddresses) {
      const n = normalizeEmail(s);
      if (n) this.self.add(n);
    }
  }

  kindOf(email: string, name = ''): PersonKind {
    if (!this.signedIn && ME.has(name.trim().toLowerCase())) {
      this.self.add(email);
      this.kinds.set(email, 'self');
      return 'self';
    }
    let k = this.kinds.get(email);
    if (!k) {
      k = classifyPerson(email, { self: this.self, settings: this.settings });
      this.kinds.set(email, k);
    }
    return k;
  }

  /** Keeps the first real name seen for a person (not "me", not the address itself). */
  noteName(email: string, name: string): void {
    const n = name.trim();
    if (n && !ME.has(n.toLowerCase()) && n.toLowerCase() !== email && !(email in this.names)) this.names[email] = n;
  }

  /** Classifies and, for a person, notes the name: the kind. */
  meet(email: string, name: string): PersonKind {
    const kind = this.kindOf(email, name);
    if (kind === 'person') this.noteName(email, name);
    return kind;
  }
}

/** Reads Gmail's date tooltips, counting those it cannot read (held back, never guessed) for the page's health. */
class CaptureDates {
  dated = 0;
  unreadable = 0;
  sample = '';

  constructor(
    private readonly now: Date,
    private readonly lang: string | undefined,
  ) {}

  read(title: string): number | null {
    this.dated++;
    const at = parseGmailDate(title, { now: this.now, lang: this.lang })?.getTime();
    if (at === undefined || !Number.isFinite(at) || at < 0 || at > this.now.getTime() + FUTURE_SLACK_MS) {
      this.unreadable++;
      this.sample ||= title.slice(0, 60);
      return null;
    }
    return at;
  }

  /** The page's health with the unread dates said (all unread: not recognised). */
  health(page: PageHealth): PageHealth {
    const health: PageHealth = { ...page };
    if (health.problem) health.problem = gmailProblemWords(health.problem).slice(0, 500);
    if (this.unreadable === 0) return health;
    const all = this.unreadable === this.dated;
    const problem = all
      ? `Gmail dates could not be read (e.g. "${this.sample}")`
      : `${this.unreadable} of ${this.dated} Gmail date(s) could not be read (e.g. "${this.sample}")`;
    if (all) health.recognised = false;
    health.problem = (health.problem ? `${health.problem}; ${problem}` : problem).slice(0, 500);
    return health;
  }
}

/** What every reader of a capture shares: the account, people, dates, and the touches found (each key once). */
interface Reading {
  account: string;
  people: CapturePeople;
  dates: CaptureDates;
  maxPeople: number;
  touches: Map<string, Interaction>;
}

function addTouch(r: Reading, i: Interaction): void {
  if (!r.touches.has(i.key)) r.touches.set(i.key, i);
}

/**
 * Thread-list rows: one coarse touch per person on the row, sent in the Sent view, received elsewhere. A row with
 * more people than `maxThreadPeople` gives none.
 */
function readRows(rows: readonly GmailRowRaw[], view: string, r: Reading): void {
  const direction: Direction = view === 'sent' ? 'sent' : 'received';
  for (const row of rows) {
    const at = r.dates.read(row.dateTitle);
    if (at === null) continue;
    const threadHex = rowThreadHex(row);
    const threadPart = threadHex ?? `s-${hash(row.subject)}`;
    const others = new Set<string>();
    const persons: string[] = [];
    for (const p of row.people) {
      const email = normalizeEmail(p.email);
      if (!email || others.has(email)) continue;
      const kind = r.people.meet(email, p.name);
      if (kind === 'self') continue;
      others.add(email);
      if (kind === 'person') persons.push(email);
    }
    if (others.size > r.maxPeople) continue;
    for (const email of persons) {
      const i: Interaction = {
        key: touchKey('row', r.account, `${threadPart}:${at}`, email),
        contact: email,
        at,
        direction,
        source: 'gmail',
        account: r.account,
        coarse: true,
      };
      if (threadHex) i.threadId = threadHex;
      if (row.subject) i.subject = row.subject;
      addTouch(r, i);
    }
  }
}

/** One message of an opened thread, read: its time, sender, other people on it and its id. */
interface ReadMessage {
  raw: GmailMessageRaw;
  at: number;
  from: string;
  fromKind: PersonKind;
  recipients: string[];
  hex: string | null;
  id: string;
}

/** A message's sender and recipients (To and Cc, each once, the sender left out), or null without a sender/date. */
function readMessage(raw: GmailMessageRaw, r: Reading): ReadMessage | null {
  const from = normalizeEmail(raw.from.email);
  if (!from) return null;
  const at = r.dates.read(raw.dateTitle);
  if (at === null) return null;
  const fromKind = r.people.kindOf(from, raw.from.name);
  const recipients: string[] = [];
  for (const p of [...raw.to, ...raw.cc]) {
    const e = normalizeEmail(p.email);
    if (!e || e === from || recipients.includes(e)) continue;
    recipients.push(e);
    r.people.meet(e, p.name);
  }
  if (fromKind === 'person') r.people.noteName(from, raw.from.name);
  const hex = messageHex(raw);
  const id = fitKeyPart(hex ?? raw.messageId ?? `at-${at}-${from}`, MAX_MESSAGE_ID);
  return { raw, at, from, fromKind, recipients, hex, id };
}

/** The thread's messages, each id once, oldest first, and everyone on them but the user. */
function readMessages(raws: readonly GmailMessageRaw[], r: Reading) {
  const msgs: ReadMessage[] = [];
  const participants = new Set<string>();
  const seenIds = new Set<string>();
  for (const raw of raws) {
    const m = readMessage(raw, r);
    if (!m || seenIds.has(m.id)) continue;
    seenIds.add(m.id);
    msgs.push(m);
    if (m.fromKind !== 'self') participants.add(m.from);
    for (const p of m.recipients) if (r.people.kindOf(p) !== 'self') participants.add(p);
  }
  msgs.sort((a, b) => a.at - b.at);
  return { msgs, participants };
}

/**
 * A message's touches. Sent: one with each person it went to (mass mail marked: more than MASS_RECIPIENTS, none of
 * whom wrote in the thread); received: one with its sender. Keyed by Gmail's message id, so the same message seen
 * again is one touch; without a mappable id (a reply just sent) a coarse touch keyed like a list row, which gives
 * way once the id is known.
 */
function messageTouches(
  m: ReadMessage,
  persons: readonly string[],
  thread: { threadId: string; subject: string; senders: ReadonlySet<string> },
  r: Reading,
): Interaction[] {
  const direction: Direction = m.fromKind === 'self' ? 'sent' : 'received';
  const mass =
    direction === 'sent' &&
    m.recipients.filter((p) => r.people.kindOf(p) !== 'self').length > MASS_RECIPIENTS &&
    !m.recipients.some((p) => thread.senders.has(p));
  const base = { at: m.at, direction, source: 'gmail' as const, account: r.account };
  return persons.map((email) => {
    const i: Interaction = m.hex
      ? { key: touchKey('msg', r.account, m.hex, email), contact: email, ...base, messageId: m.hex }
      : { key: touchKey('row', r.account, `${thread.threadId}:${m.at}`, email), contact: email, ...base, coarse: true };
    if (HEX_ID.test(thread.threadId)) i.threadId = thread.threadId;
    if (thread.subject) i.subject = thread.subject;
    if (mass) i.mass = true;
    return i;
  });
}

/** The opened thread: message-level touches, its Thread record, and the user's own messages (for promises). */
function readThread(t: GmailThreadRaw, r: Reading): { thread?: Thread; ownMessages: OwnMessage[] } {
  const threadId = openThreadId(t);
  const threadKey = fitThreadKey(r.account, threadId);
  const { msgs, participants } = readMessages(t.messages, r);
  const big = participants.size > r.maxPeople;
  const senders = new Set(msgs.filter((m) => m.fromKind !== 'self').map((m) => m.from));
  const messages: ThreadMessage[] = [];
  const ownMessages: OwnMessage[] = [];
  for (const m of msgs) {
    const sent = m.fromKind === 'self';
    messages.push({
      id: m.id,
      at: m.at,
      from: m.from,
      direction: sent ? 'sent' : 'received',
      asks: false,
      to: m.recipients.slice(0, 500),
    });
    const persons = sent
      ? m.recipients.filter((p) => r.people.kindOf(p) === 'person')
      : m.fromKind === 'person'
        ? [m.from]
        : [];
    if (sent && m.raw.body) ownMessages.push({ threadKey, messageId: m.id, at: m.at, body: m.raw.body, to: persons });
    if (big) continue;
    for (const i of messageTouches(m, persons, { threadId, subject: t.subject, senders }, r)) addTouch(r, i);
  }
  if (messages.length === 0) return { ownMessages };
  const thread: Thread = {
    id: threadKey,
    account: r.account,
    threadId,
    subject: t.subject,
    people: [...participants].filter((p) => r.people.kindOf(p) === 'person').slice(0, 500),
    messages: messages.slice(-2000),
    lastAt: messages[messages.length - 1]?.at ?? 0,
    closed: false,
  };
  return { thread, ownMessages };
}

/**
 * Normalises one capture. Records whose date cannot be read are dropped and counted; threads with more than
 * `settings.maxThreadPeople` people give no interactions (their Thread record is still kept).
 */
export function normalizeGmailCapture(capture: GmailCapture, ctx: NormalizeContext): GmailNormalized {
  const signedIn = normalizeEmail(capture.account);
  const r: Reading = {
    account: signedIn ?? `u/${capture.accountIndex}`,
    people: new CapturePeople(signedIn, ctx.selfAddresses, ctx.settings),
    dates: new CaptureDates(ctx.now, capture.lang),
    maxPeople: ctx.settings.maxThreadPeople,
    touches: new Map(),
  };
  const threads: Thread[] = [];
  let ownMessages: OwnMessage[] = [];
  if (!VIEWS_WITHOUT_CONTACT.has(capture.view)) {
    readRows(capture.rows, capture.view, r);
    if (capture.thread) {
      const read = readThread(capture.thread, r);
      if (read.thread) threads.push(read.thread);
      ownMessages = read.ownMessages;
    }
  }
  return {
    interactions: [...r.touches.values()],
    threads,
    ownMessages,
    names: r.people.names,
    unreadableDates: r.dates.unreadable,
    health: r.dates.health(capture.health),
  };
}
