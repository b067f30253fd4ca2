/**
 * Reading and editing contacts for the surfaces: the first screenful by last contact (through the index),
 * search by name or address, and the user's own edits (rhythm, notes, details, tags, dates), validated and
 * written in one transaction.
 */

import { type CadenceSetting, Contact, type KeyDate, type PersonalDetails, type PromiseRecord } from '../core/model';
import { daysInMonth } from '../time/zoned-time';
import type { TendDB } from './db';
import { newContact } from './interactions';
import { type SaveTeller, saveOrSay, type WriteFailure, writeTransaction } from './quota';

/**
 * Whether the user has written nothing about a contact (most contacts, captured from mail): no notes, personal
 * details, tags, key dates, merged addresses or rhythm of their own. What the safety copy and sync carry of a
 * person, what a guess about a mailbox's owner never overrides (lib/ingest/mbox-import.ts), and what keeps
 * someone known only from a group thread's list row once the opened thread shows them to be no contact
 * (lib/ingest/ingest.ts).
 */
export function untouchedByUser(c: Contact): boolean {
  return (
    c.notes === '' &&
    c.tags.length === 0 &&
    c.aliases.length === 0 &&
    c.dates.length === 0 &&
    c.cadence.mode === 'auto' &&
    Object.values(c.details).every((v) => v === '')
  );
}

/** What the user can change about a contact. `details` is merged field by field. */
export interface ContactChange {
  name?: string;
  cadence?: CadenceSetting;
  notes?: string;
  details?: Partial<PersonalDetails>;
  tags?: string[];
  dates?: KeyDate[];
  /** The person's other addresses (contact files); kept unique, never the contact's own. */
  aliases?: string[];
}

/** A refused change says why; one the disk had no room for also says `reason` (see lib/store/quota.ts). */
export type UpdateResult = { ok: true; contact: Contact } | { ok: false; errors: string[]; reason?: WriteFailure };

/** Tags as the user typed them, trimmed, without blanks or duplicates (ignoring case), in order. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.trim().replace(/\s+/g, ' ');
    const k = tag.toLowerCase();
    if (!tag || seen.has(k)) continue;
    seen.add(k);
    out.push(tag);
  }
  return out;
}

/**
 * Applies the user's change to a contact in one transaction: read, merge, validate the whole record, write.
 * A contact not yet in the store (someone in an open thread Tend has not recorded) is created. An invalid
 * change (a huge note, a 31st of February...) is refused with the reasons and changes nothing.
 */
export async function updateContact(
  db: TendDB,
  email: string,
  change: ContactChange | ((c: Contact) => ContactChange),
  now: number = Date.now(),
  /** Where a change not saved is told (the banners), and a saved one clears it. */
  tell?: SaveTeller,
): Promise<UpdateResult> {
  const r = await saveOrSay(
    'contact',
    () => writeContact(db, email, change, now),
    tell,
    () => now,
  );
  return r.ok ? r.value : { ok: false, errors: [r.error], reason: r.reason };
}

async function writeContact(
  db: TendDB,
  email: string,
  change: ContactChange | ((c: Contact) => ContactChange),
  now: number,
): Promise<UpdateResult> {
  return writeTransaction(db, [db.contacts], `your change to ${email}`, async () => {
    const prev = (await db.contacts.get(email)) ?? newContact(email, '', now);
    const ch = typeof change === 'function' ? change(prev) : change;
    const next: Contact = {
      ...prev,
      ...(ch.name !== undefined ? { name: ch.name.trim() } : {}),
      ...(ch.cadence !== undefined ? { cadence: ch.cadence } : {}),
      ...(ch.notes !== undefined ? { notes: ch.notes } : {}),
      ...(ch.details !== undefined ? { details: { ...prev.details, ...ch.details } } : {}),
      ...(ch.tags !== undefined ? { tags: cleanTags(ch.tags) } : {}),
      ...(ch.dates !== undefined ? { dates: ch.dates } : {}),
      ...(ch.aliases !== undefined ? { aliases: [...new Set(ch.aliases)].filter((a) => a !== prev.email) } : {}),
      updatedAt: now,
    };
    const errors = [...validDates(next.dates)];
    const parsed = Contact.safeParse(next);
    if (!parsed.success) {
      errors.push(...parsed.error.issues.map((i) => `${i.path.join('.') || 'contact'}: ${i.message}`));
    }
    if (errors.length || !parsed.success) return { ok: false, errors };
    await db.contacts.put(parsed.data);
    return { ok: true, contact: parsed.data };
  });
}

function validDates(dates: readonly KeyDate[]): string[] {
  const out: string[] = [];
  dates.forEach((d, i) => {
    // Without a year, February has its 29th (a birthday on a leap day is a real date).
    const max = daysInMonth(d.year ?? 2000, d.month);
    if (d.day > max) out.push(`dates.${i}: there is no day ${d.day} in month ${d.month}`);
  });
  return out;
}

/** The open promises made in a thread, soonest due first. */
export async function openPromisesOf(db: TendDB, threadKey: string): Promise<PromiseRecord[]> {
  const all = await db.promises.where('threadKey').equals(threadKey).toArray();
  return all
    .filter((p) => p.status === 'open')
    .sort(
      (a, b) => (a.dueAt ?? Number.POSITIVE_INFINITY) - (b.dueAt ?? Number.POSITIVE_INFINITY) || a.madeAt - b.madeAt,
    );
}

/** Marks a promise kept (or open again). */
export async function setPromiseStatus(db: TendDB, id: string, status: PromiseRecord['status']): Promise<boolean> {
  const n = await writeTransaction(db, [db.promises], 'a promise kept', () =>
    db.promises.update(id, { status, suggestDone: false }),
  );
  return n > 0;
}
