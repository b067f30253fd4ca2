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
 * Normalises one capture. Records whose date cannot be read are dropped and counted; threads with more than
 * `settings.maxThreadPeople` people give no interactions (their Thread record is still kept).
 */
export function normalizeGmailCapture(capture: GmailCapture, ctx: NormalizeContext): GmailNormalized {
  const now = ctx.now.getTime();
  const signedIn = normalizeEmail(capture.account);
  const account = signedIn ?? `u/${capture.accountIndex}`;
  const self = new Set<string>();
  if (signedIn) self.add(signedIn);
  for (const s of ctx.selfAddresses) {
    const n = normalizeEmail(s);
    if (n) self.add(n);
  }
  const kinds = new Map<string, PersonKind>();
  const kindOf = (email: string, name: string): PersonKind => {
    if (!signedIn && ME.has(name.trim().toLowerCase())) {
      self.add(email);
      kinds.set(email, 'self');
      return 'self';
    }
    let k = kinds.get(email);
    if (!k) {
      k = classifyPerson(email, { self, settings: ctx.settings });
      kinds.set(email, k);
    }
    return k;
  };

  const interactions = new Map<string, Interaction>();
  const names: Record<string, string> = {};
  const noteName = (email: string, name: string) => {
    const n = name.trim();
    if (n && !ME.has(n.toLowerCase()) && n.toLowerCase() !== email && !(email in names)) names[email] = n;
  };
  let unreadableDates = 0;
  let dated = 0;
  let sampleBadDate = '';

  const readDate = (title: string): number | null => {
    dated++;
    const d = parseGmailDate(title, { now: ctx.now, lang: capture.lang });
    const at = d?.getTime();
    if (at === undefined || !Number.isFinite(at) || at < 0 || at > now + FUTURE_SLACK_MS) {
      unreadableDates++;
      sampleBadDate ||= title.slice(0, 60);
      return null;
    }
    return at;
  };

  const add = (i: Interaction) => {
    if (!interactions.has(i.key)) interactions.set(i.key, i);
  };

  // Thread-list rows: coarse touches.
  if (!VIEWS_WITHOUT_CONTACT.has(capture.view)) {
    const direction: Direction = capture.view === 'sent' ? 'sent' : 'received';
    for (const row of capture.rows) {
      const at = readDate(row.dateTitle);
      if (at === null) continue;
      const threadHex = rowThreadHex(row);
      const threadPart = threadHex ?? `s-${hash(row.subject)}`;
      const others = new Set<string>();
      const persons: string[] = [];
      for (const p of row.people) {
        const email = normalizeEmail(p.email);
        if (!email || others.has(email)) continue;
        const kind = kindOf(email, p.name);
        if (kind === 'self') continue;
        others.add(email);
        if (kind === 'person') {
          persons.push(email);
          noteName(email, p.name);
        }
      }
      if (others.size > ctx.settings.maxThreadPeople) continue;
      for (const email of persons) {
        const i: Interaction = {
          key: touchKey('row', account, `${threadPart}:${at}`, email),
          contact: email,
          at,
          direction,
          source: 'gmail',
          account,
          coarse: true,
        };
        if (threadHex) i.threadId = threadHex;
        if (row.subject) i.subject = row.subject;
        add(i);
      }
    }
  }

  // The opened thread: message-level touches and a Thread record.
  const threads: Thread[] = [];
  const ownMessages: OwnMessage[] = [];
  const t = capture.thread;
  if (t && !VIEWS_WITHOUT_CONTACT.has(capture.view)) {
    const threadId = openThreadId(t);
    const threadKey = fitThreadKey(account, threadId);
    const isHexThread = HEX_ID.test(threadId);
    interface Msg {
      raw: GmailMessageRaw;
      at: number;
      from: string;
      fromKind: PersonKind;
      recipients: string[];
      hex: string | null;
      id: string;
    }
    const msgs: Msg[] = [];
    const participants = new Set<string>();
    const seenIds = new Set<string>();
    for (const raw of t.messages) {
      const from = normalizeEmail(raw.from.email);
      if (!from) continue;
      const at = readDate(raw.dateTitle);
      if (at === null) continue;
      const fromKind = kindOf(from, raw.from.name);
      const recipients: string[] = [];
      for (const p of [...raw.to, ...raw.cc]) {
        const e = normalizeEmail(p.email);
        if (!e || e === from || recipients.includes(e)) continue;
        recipients.push(e);
        if (kindOf(e, p.name) === 'person') noteName(e, p.name);
      }
      if (fromKind === 'person') noteName(from, raw.from.name);
      const hex = messageHex(raw);
      const id = fitKeyPart(hex ?? raw.messageId ?? `at-${at}-${from}`, MAX_MESSAGE_ID);
      if (seenIds.has(id)) continue;
      seenIds.add(id);
      msgs.push({ raw, at, from, fromKind, recipients, hex, id });
      if (fromKind !== 'self') participants.add(from);
      for (const r of recipients) if (kindOf(r, '') !== 'self') participants.add(r);
    }
    msgs.sort((a, b) => a.at - b.at);
    const big = participants.size > ctx.settings.maxThreadPeople;
    const senders = new Set(msgs.filter((m) => m.fromKind !== 'self').map((m) => m.from));

    const messages: ThreadMessage[] = [];
    for (const m of msgs) {
      const direction = m.fromKind === 'self' ? 'sent' : 'received';
      messages.push({ id: m.id, at: m.at, from: m.from, direction, asks: false, to: m.recipients.slice(0, 500) });
      const persons =
        direction === 'sent'
          ? m.recipients.filter((r) => kindOf(r, '') === 'person')
          : m.fromKind === 'person'
            ? [m.from]
            : [];
      if (direction === 'sent' && m.raw.body) {
        ownMessages.push({ threadKey, messageId: m.id, at: m.at, body: m.raw.body, to: persons });
      }
      if (big) continue;
      const mass =
        direction === 'sent' &&
        m.recipients.filter((r) => kindOf(r, '') !== 'self').length > MASS_RECIPIENTS &&
        !m.recipients.some((r) => senders.has(r));
      for (const email of persons) {
        const i: Interaction = m.hex
          ? {
              key: touchKey('msg', account, m.hex, email),
              contact: email,
              at: m.at,
              direction,
              source: 'gmail',
              account,
              messageId: m.hex,
            }
          : // No mappable id (a reply just sent): a coarse touch keyed like a row, replaced once the id is known.
            {
              key: touchKey('row', account, `${threadId}:${m.at}`, email),
              contact: email,
              at: m.at,
              direction,
              source: 'gmail',
              account,
              coarse: true,
            };
        if (isHexThread) i.threadId = threadId;
        if (t.subject) i.subject = t.subject;
        if (mass) i.mass = true;
        add(i);
      }
    }
    if (messages.length > 0) {
      const people = [...participants].filter((p) => kindOf(p, '') === 'person').slice(0, 500);
      threads.push({
        id: threadKey,
        account,
        threadId,
        subject: t.subject,
        people,
        messages: messages.slice(-2000),
        lastAt: messages[messages.length - 1]?.at ?? 0,
        closed: false,
      });
    }
  }

  const health: PageHealth = { ...capture.health };
  if (unreadableDates > 0) {
    const problem =
      unreadableDates === dated
        ? `Gmail dates could not be read (e.g. "${sampleBadDate}")`
        : `${unreadableDates} of ${dated} Gmail date(s) could not be read (e.g. "${sampleBadDate}")`;
    if (unreadableDates === dated) health.recognised = false;
    health.problem = (health.problem ? `${health.problem}; ${problem}` : problem).slice(0, 500);
  }

  return { interactions: [...interactions.values()], threads, ownMessages, names, unreadableDates, health };
}
