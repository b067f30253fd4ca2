/**
 * Where each person's history is kept, and the one way to read and write it.
 *
 * A person's interactions are one list (`History`, sorted by time, unique by key), and the lists share records:
 * `historyPacks`, chosen by a hash of the person's address. IndexedDB's cost is per record
 * (../shared/docs/storage-costs.md), and Chromium keeps a value over about 64 KB as a file of its own beside the
 * database, much cheaper to write than the same bytes in it: a 5,000-person store's 100,000 interactions took
 * 1.1-1.7 s as 5,000 records of a person each, 0.3-0.5 s in 256 packs of about 80 KB, and 0.8-1.2 s in 512 or
 * 1,024 packs (in a page, plain puts, three runs each). Reading them all back was faster too (0.4-0.6 s against
 * 0.7-1.7 s). A touch then rewrites the pack of its person: about 20 people's histories at 5,000 people.
 *
 * Schema 4 and before kept a record per person in `histories`; version 5 packs them (packHistories).
 */
import type { Transaction } from 'dexie';
import type { Contact, ContactSummary } from '../core/model';
import type { History, HistoryItem, HistoryPack, TendDB } from './db';
import { byKey, groupByPack, inPackOrder, packHash } from './pack-hash';
import { manualSummary } from './summary';

/** The order of a person's history: by time, then by key (a history is sorted so, and unique by key). */
export function historyOrder(a: HistoryItem, b: HistoryItem): number {
  return a.at - b.at || (a.key < b.key ? -1 : 1);
}

/** How many packs the histories are spread over. */
export const HISTORY_PACKS = 256;

/** The pack a person's history is in. */
export function historyPackOf(contact: string): number {
  return packHash(contact) % HISTORY_PACKS;
}

/** The tables a transaction that reads or writes histories must include. */
export function historyTables(db: TendDB) {
  return [db.historyPacks];
}

/** The order a large batch of people is best written in (inPackOrder): by pack, then by address. */
export function inHistoryOrder(emails: readonly string[]): string[] {
  return inPackOrder(emails, (e) => e, historyPackOf);
}

/**
 * Histories opened for editing inside the caller's transaction: the packs of the people asked for are read once,
 * changes are made in memory, and `save` writes each changed pack once. A pack left with nobody is deleted.
 */
export class HistoryEdit {
  private readonly dirty = new Set<number>();

  private constructor(
    private readonly db: TendDB,
    private readonly packs: Map<number, Map<string, HistoryItem[]>>,
  ) {}

  /** Reads the packs that hold these people's histories. */
  static async open(db: TendDB, emails: Iterable<string>): Promise<HistoryEdit> {
    const wanted = [...new Set([...emails].map(historyPackOf))];
    const read = wanted.length ? await db.historyPacks.bulkGet(wanted) : [];
    const packs = new Map<number, Map<string, HistoryItem[]>>();
    wanted.forEach((p, i) => {
      packs.set(p, new Map((read[i]?.histories ?? []).map((h) => [h.contact, h.items])));
    });
    return new HistoryEdit(db, packs);
  }

  private packFor(email: string): Map<string, HistoryItem[]> {
    const pack = this.packs.get(historyPackOf(email));
    if (!pack) throw new Error(`HistoryEdit: ${email}'s history was not opened for editing`);
    return pack;
  }

  /** The person's items (sorted by time), or undefined when there is no history. */
  get(email: string): HistoryItem[] | undefined {
    return this.packFor(email).get(email);
  }

  set(email: string, items: HistoryItem[]): void {
    this.packFor(email).set(email, items);
    this.dirty.add(historyPackOf(email));
  }

  delete(email: string): void {
    if (this.packFor(email).delete(email)) this.dirty.add(historyPackOf(email));
  }

  /** Writes the packs that changed. */
  async save(): Promise<void> {
    if (!this.dirty.size) return;
    const put: HistoryPack[] = [];
    const gone: number[] = [];
    for (const p of this.dirty) {
      const m = this.packs.get(p);
      if (!m?.size) gone.push(p);
      else put.push({ pack: p, histories: [...m].map(([contact, items]) => ({ contact, items })) });
    }
    this.dirty.clear();
    if (put.length) await this.db.historyPacks.bulkPut(put);
    if (gone.length) await this.db.historyPacks.bulkDelete(gone);
  }
}

/** The histories of these people, in the same order, `undefined` where there is none. */
export async function readHistories(db: TendDB, emails: readonly string[]): Promise<(History | undefined)[]> {
  const edit = await HistoryEdit.open(db, emails);
  return emails.map((contact) => {
    const items = edit.get(contact);
    return items ? { contact, items } : undefined;
  });
}

export async function readHistory(db: TendDB, email: string): Promise<History | undefined> {
  return (await readHistories(db, [email]))[0];
}

/** Replaces these people's histories (inside the caller's readwrite transaction over historyTables). */
export async function writeHistories(db: TendDB, histories: readonly History[]): Promise<void> {
  const edit = await HistoryEdit.open(
    db,
    histories.map((h) => h.contact),
  );
  for (const h of histories) edit.set(h.contact, h.items);
  await edit.save();
}

/** Deletes these people's histories (inside the caller's readwrite transaction over historyTables). */
export async function deleteHistories(db: TendDB, emails: readonly string[]): Promise<void> {
  const edit = await HistoryEdit.open(db, emails);
  for (const e of emails) edit.delete(e);
  await edit.save();
}

/** Every stored history, by address (the order a record per person was read in). */
export async function allHistories(db: TendDB): Promise<History[]> {
  const all = (await db.historyPacks.toArray()).flatMap((p) => p.histories);
  return all.sort((a, b) => byKey(a.contact, b.contact));
}

/** Version 5 of the schema: the per-person records of `histories` moved into packs (`histories` then goes). */
export async function packHistories(tx: Transaction): Promise<void> {
  const stored = await tx.table<History, string>('histories').toArray();
  if (!stored.length) return;
  const packs = groupByPack(stored, (h) => historyPackOf(h.contact));
  await tx
    .table<HistoryPack, number>('historyPacks')
    .bulkPut([...packs].map(([pack, histories]) => ({ pack, histories })));
}

/**
 * Schema 6: each contact's summary counts its touches logged by hand (`summary.manual` and their hash,
 * lib/store/summary.ts `manualSummary`), so that the safety copy and sync find them without reading every history
 * (lib/store/user-layer.ts). Only the contacts that have any are written.
 */
export async function countManualTouches(tx: Transaction): Promise<void> {
  const packs = await tx.table<HistoryPack, number>('historyPacks').toArray();
  const found = new Map<string, Pick<ContactSummary, 'manual' | 'manualSig'>>();
  for (const p of packs)
    for (const h of p.histories) {
      const m = manualSummary(h.items);
      if (m.manual) found.set(h.contact, m);
    }
  if (!found.size) return;
  const contacts = tx.table<Contact, string>('contacts');
  const stored = await contacts.bulkGet([...found.keys()]);
  await contacts.bulkPut(
    stored.flatMap((c) => (c ? [{ ...c, summary: { ...c.summary, ...found.get(c.email) } }] : [])),
  );
}
