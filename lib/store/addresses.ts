/**
 * A person's addresses: the one they are filed under (`contact.email`) and their other ones (`aliases`).
 * Adding, removing and merging keep one rule: an address belongs to one person at most, and a touch that
 * arrives for an alias is filed under its person (see lib/store/aliases.ts, used by
 * `recordInteractions`). Every write here is one transaction.
 */

import { normalizeEmail } from '../core/email';
import type { Contact } from '../core/model';
import { aliasMap, saveAliasMap } from './alias-map';
import { aliasIndex, resolveAddress } from './aliases';
import type { HistoryItem, TendDB } from './db';
import { HistoryEdit, historyTables } from './histories';
import { mergeHistory, newContact } from './interactions';
import { type JoinResult, joinPeople, joinTables, validContact } from './join-people';
import { writeTransaction } from './quota';
import { summarize } from './summary';

export type AddressResult = JoinResult;

/**
 * Files `other` under `keep` (see `joinPeople`, which decides what a merge keeps): one person with both
 * histories, both addresses, both people's notes, details, tags, key dates and accounts, and the other's mute.
 * Open threads and promises with the other address count for keep through the alias. One transaction; a result
 * the model refuses (more than 50 addresses or tags, notes over the limit) changes nothing and says why.
 */
export async function mergePeople(db: TendDB, keepEmail: string, typed: string, now: number): Promise<AddressResult> {
  // The other person as the user typed them: any case, Gmail's dots, or one of their other addresses.
  const address = normalizeEmail(typed) ?? typed.trim().toLowerCase();
  const otherEmail = resolveAddress(await aliasIndex(db), address);
  if (keepEmail === otherEmail) return { ok: false, errors: ['That is the same person.'] };
  return writeTransaction(db, joinTables(db), `merging ${otherEmail} into ${keepEmail}`, async () => {
    const [keep, other] = await db.contacts.bulkGet([keepEmail, otherEmail]);
    if (!keep) return { ok: false, errors: [`${keepEmail} is not a contact.`] };
    if (!other) return { ok: false, errors: [`${otherEmail} is not a contact.`] };
    return joinPeople(db, keep, other, now, await aliasIndex(db));
  });
}

/** An address that is a person of their own, named instead of merged in (`addAddress` with `ask`). */
export interface OtherPerson {
  email: string;
  name: string;
  touches: number;
}
export type AddAddressResult = AddressResult | { ok: false; person: OtherPerson };

/**
 * Gives a person another address. An address that is already a contact of its own is merged into them
 * (`mergePeople`: both histories kept), or with `ask` (the person page, where the user confirms) named and left
 * as it is; one that belongs to someone else, or is not an address, is refused.
 */
export function addAddress(db: TendDB, email: string, raw: string, now: number): Promise<AddressResult>;
export function addAddress(
  db: TendDB,
  email: string,
  raw: string,
  now: number,
  opts: { ask: boolean },
): Promise<AddAddressResult>;
export async function addAddress(
  db: TendDB,
  email: string,
  raw: string,
  now: number,
  { ask = false }: { ask?: boolean } = {},
): Promise<AddAddressResult> {
  const address = normalizeEmail(raw.trim());
  if (!address) return { ok: false, errors: [`“${raw.trim().slice(0, 80)}” is not an email address.`] };
  const [owner, map] = await Promise.all([db.contacts.get(email), aliasMap(db)]);
  if (!owner) return { ok: false, errors: [`${email} is not a contact.`] };
  if (address === email || owner.aliases.includes(address))
    return { ok: false, errors: [`${address} is already one of their addresses.`] };
  const elsewhere = resolveAddress(new Map(Object.entries(map)), address);
  if (elsewhere !== address && elsewhere !== email)
    return { ok: false, errors: [`${address} belongs to ${elsewhere}: open them to merge the two.`] };
  const other = await db.contacts.get(address);
  if (other && ask)
    return { ok: false, person: { email: other.email, name: other.name, touches: other.summary.count } };
  if (other) return mergePeople(db, email, address, now);
  return writeTransaction(db, [db.contacts, db.kv], `the address ${address} for ${email}`, async () => {
    const prev = await db.contacts.get(email);
    if (!prev) return { ok: false, errors: [`${email} is not a contact.`] };
    const next = validContact({ ...prev, aliases: [...prev.aliases, address], updatedAt: now });
    if (!next.ok) return next;
    await db.contacts.put(next.contact);
    await saveAliasMap(db, { ...(await aliasMap(db)), [address]: email });
    return next;
  });
}

/** Whether a stored touch was seen with `address`: every captured key names the person's address as one of its
 * `:`-separated parts (Gmail `gmail:msg:<account>:<id>:<address>`, mbox, Calendar and .ics, LinkedIn). A touch
 * logged by hand names no address (it was logged for the person), nor does a key cut short with a hash. */
export function touchWasWith(item: Pick<HistoryItem, 'key' | 'source'>, address: string): boolean {
  return item.source !== 'manual' && item.key.split(':').includes(address);
}

export type RemoveResult = { ok: true; contact: Contact; moved: number } | { ok: false; errors: string[] };

/**
 * Takes an address off a person: mail from it is no longer filed under them, and the touches seen with that
 * address (see `touchWasWith`) leave their history for a contact of its own, as before a merge (created when
 * there are any; joined when one exists). What the user wrote (notes, tags, rhythm, key dates) and touches
 * logged by hand stay with the person, as does a message or meeting that reached both addresses (a person keeps
 * one touch of it, see mergeHistory: it stays under the key it was kept with). One transaction: both histories, both summaries and the alias index
 * change together or not at all.
 */
export async function removeAddress(db: TendDB, email: string, address: string, now: number): Promise<RemoveResult> {
  return writeTransaction(
    db,
    [db.contacts, ...historyTables(db), db.kv],
    `removing ${address} from ${email}`,
    async () => {
      const prev = await db.contacts.get(email);
      if (!prev) return { ok: false, errors: [`${email} is not a contact.`] };
      if (!prev.aliases.includes(address)) return { ok: false, errors: [`${address} is not one of their addresses.`] };
      const [histories, own] = await Promise.all([HistoryEdit.open(db, [email, address]), db.contacts.get(address)]);
      const items = histories.get(email) ?? [];
      const moving = items.filter((it) => touchWasWith(it, address));
      const staying = items.filter((it) => !touchWasWith(it, address));
      const next = validContact({
        ...prev,
        aliases: prev.aliases.filter((a) => a !== address),
        updatedAt: now,
        summary: summarize(staying, now),
      });
      if (!next.ok) return next;
      await db.contacts.put(next.contact);
      const map = await aliasMap(db);
      delete map[address];
      await saveAliasMap(db, map);
      if (moving.length === 0) return { ...next, moved: 0 };
      const hOwn = histories.get(address) ?? [];
      const theirs = mergeHistory(hOwn, moving) ?? hOwn;
      histories.set(email, staying);
      histories.set(address, theirs);
      await histories.save();
      await db.contacts.put({ ...(own ?? newContact(address, '', now)), summary: summarize(theirs, now) });
      return { ...next, moved: moving.length };
    },
  );
}
