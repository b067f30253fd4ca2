/**
 * A person's other addresses (`Contact.aliases`) as a lookup: alias → the contact's own address. The contacts
 * table has no index on aliases (and adding one would bump the schema), so the map is kept as ONE kv record,
 * written by whoever adds aliases (contact files, backups). A store without the record (older data) builds it
 * from the contacts once. Wherever a contact is found by address, an alias finds the same person.
 */
import type { Contact } from '../core/model';
import type { TendDB } from './db';
import { writeTransaction } from './quota';

export const ALIAS_KEY = 'aliasIndex';

export type AliasIndex = Map<string, string>;

function fromContacts(contacts: readonly Contact[]): AliasIndex {
  const map: AliasIndex = new Map();
  for (const c of contacts) for (const a of c.aliases ?? []) if (a !== c.email) map.set(a, c.email);
  return map;
}

/** The alias map: one kv read (empty until a writer or `ensureAliasIndex` made the record). */
export async function aliasIndex(db: TendDB): Promise<AliasIndex> {
  const rec = await db.kv.get(ALIAS_KEY);
  const map: AliasIndex = new Map();
  if (rec?.value && typeof rec.value === 'object' && !Array.isArray(rec.value))
    for (const [k, v] of Object.entries(rec.value as Record<string, unknown>)) if (typeof v === 'string') map.set(k, v);
  return map;
}

/**
 * Builds the record from the contacts when it is missing (a store from before the index, whose aliases came
 * from a backup). The background runs it once at start, so captures never scan the contacts for it.
 */
export async function ensureAliasIndex(db: TendDB): Promise<void> {
  // Almost always there: a read, not a write (nor a question to the disk), at every start of the worker.
  if (await db.kv.get(ALIAS_KEY)) return;
  await writeTransaction(db, [db.contacts, db.kv], 'the index of other addresses', async () => {
    if (await db.kv.get(ALIAS_KEY)) return;
    await saveAliasIndex(db, fromContacts(await db.contacts.filter((c) => (c.aliases?.length ?? 0) > 0).toArray()));
  });
}

export async function saveAliasIndex(db: TendDB, map: AliasIndex): Promise<void> {
  await db.kv.put({ key: ALIAS_KEY, value: Object.fromEntries(map) });
}

/** Records the aliases of some contacts (each alias points at its contact; an alias never points at itself). */
export async function addAliases(db: TendDB, contacts: readonly Pick<Contact, 'email' | 'aliases'>[]): Promise<void> {
  const withAliases = contacts.filter((c) => c.aliases.length > 0);
  if (withAliases.length === 0) return;
  const map = await aliasIndex(db);
  for (const c of withAliases) for (const a of c.aliases) if (a !== c.email) map.set(a, c.email);
  await saveAliasIndex(db, map);
}

/** The contact's own address for any of its addresses. */
export function resolveAddress(map: ReadonlyMap<string, string>, email: string): string {
  return map.get(email) ?? email;
}

/** A contact found by its own address or by any of its aliases. */
export async function findContact(db: TendDB, email: string): Promise<Contact | undefined> {
  const direct = await db.contacts.get(email);
  if (direct) return direct;
  const primary = (await aliasIndex(db)).get(email);
  return primary ? db.contacts.get(primary) : undefined;
}
