/**
 * A person's addresses: the one they are filed under (`contact.email`) and their other ones (`aliases`).
 * Adding, removing and merging keep one rule: an address belongs to one person at most, and a touch that
 * arrives for an alias is filed under its person (see lib/store/aliases.ts, used by
 * `recordInteractions`). Every write here is one transaction.
 */

import { normalizeEmail } from '../core/email';
import { Contact } from '../core/model';
import { contactNudgeKey } from '../engine/nudge-keys';
import { aliasMap, saveAliasMap } from './alias-map';
import { aliasIndex, resolveAddress } from './aliases';
import type { HistoryItem, TendDB } from './db';
import { HistoryEdit, historyTables } from './histories';
import { mergeHistory, newContact } from './interactions';
import { writeTransaction } from './quota';
import { summarize } from './summary';

export type AddressResult = { ok: true; contact: Contact } | { ok: false; errors: string[] };

function validated(next: Contact): AddressResult {
  const parsed = Contact.safeParse(next);
  if (parsed.success) return { ok: true, contact: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'contact'}: ${i.message}`) };
}

/**
 * Two texts the user wrote, both kept: one, the other, or both with a blank line between. A text the first
 * already holds is not added again (the same merge done again in another browser, whose first text came
 * joined through sync).
 */
function joinText(a: string, b: string): string {
  const x = a.trim();
  const y = b.trim();
  if (!y || x.includes(y)) return a;
  if (!x) return b;
  return `${a.trimEnd()}\n\n${b.trim()}`;
}

function union<T>(...lists: readonly (readonly T[])[]): T[] {
  return [...new Set(lists.flat())];
}

/**
 * Files `other` under `keep`: one person with both histories (each touch once), both addresses (the other's
 * becomes an alias, with its own aliases), both people's notes, details, tags, key dates and accounts. Keep's
 * name and rhythm win unless keep has none. Open threads and promises with the other address count for keep
 * through the alias. One transaction; a result the model refuses (more than 50 addresses or tags, notes over
 * the limit) changes nothing and says why.
 */
export async function mergePeople(db: TendDB, keepEmail: string, typed: string, now: number): Promise<AddressResult> {
  // The other person as the user typed them: any case, Gmail's dots, or one of their other addresses.
  const address = normalizeEmail(typed) ?? typed.trim().toLowerCase();
  const otherEmail = resolveAddress(await aliasIndex(db), address);
  if (keepEmail === otherEmail) return { ok: false, errors: ['That is the same person.'] };
  return writeTransaction(
    db,
    [db.contacts, ...historyTables(db), db.nudgeState, db.kv],
    `merging ${otherEmail} into ${keepEmail}`,
    async () => {
      const [keep, other] = await db.contacts.bulkGet([keepEmail, otherEmail]);
      if (!keep) return { ok: false, errors: [`${keepEmail} is not a contact.`] };
      if (!other) return { ok: false, errors: [`${otherEmail} is not a contact.`] };
      const histories = await HistoryEdit.open(db, [keepEmail, otherEmail]);
      const hKeep = histories.get(keepEmail) ?? [];
      const items = mergeHistory(hKeep, histories.get(otherEmail) ?? []) ?? hKeep;
      const next = validated({
        ...keep,
        name: keep.name || other.name,
        aliases: union(keep.aliases, [other.email], other.aliases).filter((a) => a !== keep.email),
        cadence: keep.cadence.mode === 'auto' ? other.cadence : keep.cadence,
        notes: joinText(keep.notes, other.notes),
        details: {
          background: joinText(keep.details.background, other.details.background),
          preferences: joinText(keep.details.preferences, other.details.preferences),
          family: joinText(keep.details.family, other.details.family),
          interests: joinText(keep.details.interests, other.details.interests),
        },
        tags: union(
          keep.tags,
          other.tags.filter((t) => !keep.tags.some((k) => k.toLowerCase() === t.toLowerCase())),
        ),
        dates: [...keep.dates, ...other.dates.filter((d) => !keep.dates.some((k) => sameDate(k, d)))],
        accounts: union(keep.accounts, other.accounts).slice(0, 20),
        createdAt: Math.min(keep.createdAt, other.createdAt),
        updatedAt: now,
        summary: summarize(items, now),
      });
      if (!next.ok) return next;
      await db.contacts.put(next.contact);
      await db.contacts.delete(other.email);
      histories.set(keep.email, items);
      histories.delete(other.email);
      await histories.save();
      // A mute or "done" said about the other person now speaks for keep only if keep had none of its own.
      const [sKeep, sOther] = await db.nudgeState.bulkGet([contactNudgeKey(keep.email), contactNudgeKey(other.email)]);
      if (sOther && !sKeep) await db.nudgeState.put({ ...sOther, key: contactNudgeKey(keep.email) });
      if (sOther) await db.nudgeState.delete(sOther.key);
      const map = await aliasMap(db);
      for (const [alias, owner] of Object.entries(map)) if (owner === other.email) map[alias] = keep.email;
      for (const a of next.contact.aliases) map[a] = keep.email;
      delete map[keep.email];
      await saveAliasMap(db, map);
      return next;
    },
  );
}

function sameDate(a: Contact['dates'][number], b: Contact['dates'][number]): boolean {
  return a.kind === b.kind && a.month === b.month && a.day === b.day && a.label === b.label;
}

/**
 * Gives a person another address. An address that is already a contact of its own is merged into them
 * (`mergePeople`: both histories kept); one that belongs to someone else, or is not an address, is refused.
 */
export async function addAddress(db: TendDB, email: string, raw: string, now: number): Promise<AddressResult> {
  const address = normalizeEmail(raw.trim());
  if (!address) return { ok: false, errors: [`“${raw.trim().slice(0, 80)}” is not an email address.`] };
  const [owner, map] = await Promise.all([db.contacts.get(email), aliasMap(db)]);
  if (!owner) return { ok: false, errors: [`${email} is not a contact.`] };
  if (address === email || owner.aliases.includes(address))
    return { ok: false, errors: [`${address} is already one of their addresses.`] };
  const elsewhere = resolveAddress(new Map(Object.entries(map)), address);
  if (elsewhere !== address && elsewhere !== email)
    return { ok: false, errors: [`${address} belongs to ${elsewhere}: open them to merge the two.`] };
  if (await db.contacts.get(address)) return mergePeople(db, email, address, now);
  return writeTransaction(db, [db.contacts, db.kv], `the address ${address} for ${email}`, async () => {
    const prev = await db.contacts.get(email);
    if (!prev) return { ok: false, errors: [`${email} is not a contact.`] };
    const next = validated({ ...prev, aliases: [...prev.aliases, address], updatedAt: now });
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
      const next = validated({
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
