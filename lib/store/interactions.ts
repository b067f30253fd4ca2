/**
 * Recording and reading interactions in their packed, per-contact form (see lib/store/db.ts).
 */

import type { Contact, Interaction } from '../core/model';
import { bulkGetExisting } from './bulk';
import type { HistoryItem, TendDB } from './db';
import { allHistories, HistoryEdit, historyOrder, historyTables, readHistory } from './histories';
import { RECORD_BYTES, writeTransaction } from './quota';
import { summarize } from './summary';

/** A thread-list row's time has minute precision; an opened message within this of it is the same touch. */
const COARSE_MATCH_MS = 60_000;

/**
 * Merges incoming items into a history, in place of none: returns the new item list, or null when nothing
 * changed (the same touches recorded again are a no-op).
 *
 * Coarse touches (a thread-list row: "this thread moved at T") give way to message-level touches of the
 * same thread: once a thread's messages are known up to time M, a coarse touch at or before M (+ a minute)
 * says nothing new. A coarse touch after M (the thread moved again, unopened) stays. A coarse touch first seen
 * as received becomes sent when the Sent view shows the same row.
 */
export function mergeHistory(existing: readonly HistoryItem[], incoming: readonly HistoryItem[]): HistoryItem[] | null {
  const byKey = new Map<string, HistoryItem>();
  for (const it of existing) byKey.set(it.key, it);
  let changed = false;
  let redirected = false;
  // The same message seen in Gmail's pages and in an imported mailbox (keys may differ when Gmail gave no
  // message id or the account was unknown): same thread, direction and person within a minute is one touch.
  let fine: Map<string, HistoryItem[]> | null = null;
  const fineKey = (it: HistoryItem) => `${it.threadId}|${it.direction}`;
  const sameElsewhere = (it: HistoryItem): boolean => {
    if (it.coarse || !it.threadId) return false;
    if (!fine) {
      fine = new Map();
      for (const e of byKey.values()) {
        if (e.coarse || !e.threadId) continue;
        const list = fine.get(fineKey(e));
        if (list) list.push(e);
        else fine.set(fineKey(e), [e]);
      }
    }
    const list = fine.get(fineKey(it));
    const mbox = it.source === 'mbox';
    if (list?.some((o) => (o.source === 'mbox') !== mbox && Math.abs(o.at - it.at) < COARSE_MATCH_MS)) return true;
    if (list) list.push(it);
    else fine.set(fineKey(it), [it]);
    return false;
  };
  // One message or one meeting reaches a person once, however many of their addresses it was to: a merged
  // person's addresses give one message two keys (a key names the address), and only the first is kept.
  let seen: TouchIds | null = null;
  const sameTouch = (it: HistoryItem): boolean => {
    if (!identified(it)) return false;
    if (!seen) {
      seen = { sent: new Set(), received: new Set(), meeting: new Set(), events: new Set() };
      for (const e of byKey.values()) noteTouch(seen, e);
    }
    return !noteTouch(seen, it);
  };
  for (const it of incoming) {
    const old = byKey.get(it.key);
    if (!old && (sameElsewhere(it) || sameTouch(it))) continue;
    if (old) {
      // A thread-list row says who sent last only in the Sent view: the inbox row of the same moment (same
      // key, no direction in it) was taken for a received message. Sent wins; nothing else is rewritten.
      if (it.coarse && old.coarse && it.direction === 'sent' && old.direction === 'received') {
        byKey.set(it.key, { ...old, direction: 'sent' });
        changed = redirected = true;
      }
      continue;
    }
    byKey.set(it.key, it);
    changed = true;
  }
  if (!changed) return null;
  const latestFine = new Map<string, number>();
  for (const it of byKey.values()) {
    if (it.coarse || !it.threadId) continue;
    const prev = latestFine.get(it.threadId);
    if (prev === undefined || it.at > prev) latestFine.set(it.threadId, it.at);
  }
  const out: HistoryItem[] = [];
  for (const it of byKey.values()) {
    if (it.coarse && it.threadId) {
      const fine = latestFine.get(it.threadId);
      if (fine !== undefined && it.at <= fine + COARSE_MATCH_MS) continue;
    }
    out.push(it);
  }
  out.sort(historyOrder);
  if (!redirected && out.length === existing.length && out.every((it, i) => it.key === existing[i]?.key)) return null;
  return out;
}

/** Has the touch a message or meeting id that tells it apart (see noteTouch)? */
function identified(it: HistoryItem): boolean {
  return !it.coarse && it.source !== 'manual' && Boolean(it.messageId || it.eventId);
}

/** A person's messages seen so far, by the way they went, and meetings (see noteTouch). */
type TouchIds = Record<HistoryItem['direction'], Set<string>> & { events: Set<string> };

/**
 * What makes two of a person's touches one, whatever address each was filed under: the message and which way it
 * went, or the meeting. Notes `it` and says whether it was new. A thread-list row, a touch logged by hand and a
 * LinkedIn connection have no such id and are told apart by their keys alone (always new here).
 */
function noteTouch(ids: TouchIds, it: HistoryItem): boolean {
  if (!identified(it)) return true;
  const [set, id] = it.messageId ? [ids[it.direction], it.messageId] : [ids.events, it.eventId ?? ''];
  if (set.has(id)) return false;
  set.add(id);
  return true;
}

export function newContact(email: string, name: string, now: number): Contact {
  return {
    email,
    name,
    aliases: [],
    cadence: { mode: 'auto' },
    notes: '',
    details: { background: '', preferences: '', family: '', interests: '' },
    tags: [],
    dates: [],
    accounts: [],
    createdAt: now,
    updatedAt: now,
    summary: { count: 0, sent: 0, received: 0, meetings: 0, inferredDays: null },
  };
}

/** A name worth keeping: not empty, not the address itself, not Gmail's "me". */
function usefulName(name: string | undefined, email: string): string {
  const n = (name ?? '').trim();
  if (!n || n.toLowerCase() === 'me' || n.toLowerCase() === email) return '';
  return n;
}

export interface RecordResult {
  /** Interactions that were new to the store. */
  added: number;
  /** Contacts created. */
  created: number;
}

/**
 * Records interactions (and the display names seen with them) for many contacts. Must run inside a
 * readwrite transaction over `contacts` and historyTables (the caller's, so that one capture is all or
 * nothing); it opens none itself. `aliases` (lib/store/aliases.ts) files a touch with a person's other address
 * under the person.
 *
 * `given`: contacts the caller has already read and changed (a backup's), started from instead of the stored
 * ones and written in the same put as their new summaries; those marked `changed` are written even when no
 * interaction of theirs is new.
 */
export async function recordInteractions(
  db: TendDB,
  interactions: readonly Interaction[],
  names: Readonly<Record<string, string>>,
  now: number,
  aliases: ReadonlyMap<string, string> = new Map(),
  given?: ReadonlyMap<string, { contact: Contact; changed: boolean }>,
): Promise<RecordResult> {
  const byContact = new Map<string, HistoryItem[]>();
  const aliasNames: Record<string, string> = {};
  for (const { contact: address, ...item } of interactions) {
    const contact = aliases.get(address) ?? address;
    const aliasName = contact !== address ? names[address] : undefined;
    if (aliasName) aliasNames[contact] = aliasName;
    const list = byContact.get(contact);
    if (list) list.push(item);
    else byContact.set(contact, [item]);
  }
  for (const email of given?.keys() ?? []) if (!byContact.has(email)) byContact.set(email, []);
  const emails = [...byContact.keys()];
  const unknown = given ? emails.filter((e) => !given.has(e)) : emails;
  const [histories, read] = await Promise.all([HistoryEdit.open(db, emails), bulkGetExisting(db.contacts, unknown)]);
  const readBy = new Map(unknown.map((e, i) => [e, read[i]]));
  const contacts = emails.map((e) => given?.get(e)?.contact ?? readBy.get(e));
  const putContacts: Contact[] = [];
  let added = 0;
  let created = 0;
  emails.forEach((email, i) => {
    const incoming = byContact.get(email) ?? [];
    const before = histories.get(email) ?? [];
    const merged = mergeHistory(before, incoming);
    const existing = contacts[i];
    const name = usefulName(names[email] ?? aliasNames[email], email);
    let contact = existing;
    let dirty = false;
    if (!contact) {
      contact = newContact(email, name, now);
      created++;
      dirty = true;
    } else if (!contact.name && name) {
      contact = { ...contact, name };
      dirty = true;
    }
    for (const it of incoming) {
      if (it.account && !contact.accounts.includes(it.account) && /@/.test(it.account)) {
        contact = { ...contact, accounts: [...contact.accounts, it.account].slice(0, 20) };
        dirty = true;
      }
    }
    if (dirty) contact = { ...contact, updatedAt: now };
    if (merged) {
      const beforeKeys = new Set(before.map((it) => it.key));
      added += merged.filter((it) => !beforeKeys.has(it.key)).length;
      histories.set(email, merged);
      // The summary is derived, not an edit: it does not move `updatedAt`.
      contact = { ...contact, summary: summarize(merged, now) };
      dirty = true;
    }
    if (dirty || given?.get(email)?.changed) putContacts.push(contact);
  });
  await histories.save();
  if (putContacts.length) await db.contacts.bulkPut(putContacts);
  return { added, created };
}

/** A contact's interactions, newest first. */
export async function historyOf(db: TendDB, email: string, limit = Number.POSITIVE_INFINITY): Promise<Interaction[]> {
  const h = await readHistory(db, email);
  if (!h) return [];
  const out: Interaction[] = [];
  for (let i = h.items.length - 1; i >= 0 && out.length < limit; i--) {
    const it = h.items[i];
    if (it) out.push({ ...it, contact: email });
  }
  return out;
}

/** Every interaction in the store (for export), oldest first per contact. */
export async function allInteractions(db: TendDB): Promise<Interaction[]> {
  const out: Interaction[] = [];
  for (const h of await allHistories(db)) {
    for (const it of h.items) out.push({ ...it, contact: h.contact });
  }
  return out;
}

/** Recomputes every summary (after a settings change that alters what counts, or daily for inferred rhythms). */
export async function resummarizeAll(db: TendDB, now: number): Promise<number> {
  const bytes = (await db.contacts.count()) * RECORD_BYTES.contact;
  return writeTransaction(
    db,
    [db.contacts, ...historyTables(db)],
    'the summaries of every person',
    async () => {
      const [histories, contacts] = await Promise.all([allHistories(db), db.contacts.toArray()]);
      const byEmail = new Map(histories.map((h) => [h.contact, h.items]));
      const updated = contacts.map((c) => ({ ...c, summary: summarize(byEmail.get(c.email) ?? [], now) }));
      await db.contacts.bulkPut(updated);
      return updated.length;
    },
    bytes,
  );
}
