/**
 * Touches logged by hand: a call, a coffee, a meeting, a message elsewhere, an event. Each is an interaction
 * with `source: "manual"` in the person's packed history, so it resets the clock, shows in the timeline and
 * travels in the backup like any other touch; unlike captured ones it can be edited and deleted. Every write
 * rewrites the person's summary in the same transaction.
 */

import { Interaction, MANUAL_KINDS, type ManualKind } from '../core/model';
import { aliasIndex, resolveAddress } from './aliases';
import type { HistoryItem, TendDB } from './db';
import { HistoryEdit, historyOrder, historyTables } from './histories';
import { newContact } from './interactions';
import { writeTransaction } from './quota';
import { summarize } from './summary';

export interface ManualTouch {
  kind: ManualKind;
  at: number;
  note?: string;
}

export type TouchResult = { ok: true; key: string } | { ok: false; errors: string[] };

/** The direction a hand-logged touch counts as: a message elsewhere is one the user wrote, the rest are met. */
export function manualDirection(kind: ManualKind): Interaction['direction'] {
  return MANUAL_KINDS.find((k) => k.kind === kind)?.direction ?? 'meeting';
}

/**
 * Whether a touch was logged by hand, and so may be edited and deleted: its `source` says so, whatever its key
 * (a hand-written backup may give one of its own). The timeline and the store both ask this.
 */
export function isLoggedByHand(it: Pick<Interaction, 'source'>): boolean {
  return it.source === 'manual';
}

/** A key no capture can give (captured keys start with their source). */
export function newManualKey(now: number, random: () => number = Math.random): string {
  return `manual:${now.toString(36)}-${Math.floor(random() * 2 ** 48).toString(36)}`;
}

function item(key: string, t: ManualTouch): HistoryItem {
  const note = t.note?.trim();
  return {
    key,
    at: t.at,
    direction: manualDirection(t.kind),
    source: 'manual',
    kind: t.kind,
    ...(note ? { note } : {}),
  };
}

/** A touch as the edit form holds it: without `kind`, the touch keeps its own (or none). */
export type TouchEdit = Omit<ManualTouch, 'kind'> & { kind?: ManualKind };

/** `old` with the edit applied: day and note replaced, kind (and its direction) only when it changes, the rest kept. */
function edited(old: HistoryItem, t: TouchEdit): HistoryItem {
  const { note: _, ...rest } = old;
  const note = t.note?.trim();
  const kind = t.kind !== undefined && t.kind !== old.kind ? { kind: t.kind, direction: manualDirection(t.kind) } : {};
  return { ...rest, ...kind, at: t.at, ...(note ? { note } : {}) };
}

function check(contact: string, it: HistoryItem): string[] {
  const r = Interaction.safeParse({ ...it, contact });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || 'touch'}: ${i.message}`);
}

async function rewrite(
  db: TendDB,
  email: string,
  now: number,
  edit: (items: HistoryItem[]) => HistoryItem[] | { errors: string[] },
): Promise<{ ok: true } | { ok: false; errors: string[] }> {
  return writeTransaction(db, [db.contacts, ...historyTables(db), db.kv], `a touch with ${email}`, async () => {
    const person = resolveAddress(await aliasIndex(db), email);
    const [histories, c] = await Promise.all([HistoryEdit.open(db, [person]), db.contacts.get(person)]);
    const out = edit([...(histories.get(person) ?? [])]);
    if (!Array.isArray(out)) return { ok: false, errors: out.errors };
    out.sort(historyOrder);
    const contact = c ?? newContact(person, '', now);
    histories.set(person, out);
    await histories.save();
    await db.contacts.put({ ...contact, summary: summarize(out, now) });
    return { ok: true };
  });
}

/** Logs a touch with a person (filed under them when `email` is one of their other addresses). */
export async function logTouch(db: TendDB, email: string, touch: ManualTouch, now: number): Promise<TouchResult> {
  const key = newManualKey(now);
  const it = item(key, touch);
  const errors = check(email, it);
  if (errors.length) return { ok: false, errors };
  const r = await rewrite(db, email, now, (items) => [...items, it]);
  return r.ok ? { ok: true, key } : r;
}

/**
 * Puts back a touch logged by hand as it was, key and all (Undo after a delete): a touch with no kind (a backup's)
 * comes back without one, not as a call. Already there: nothing changes.
 */
export async function restoreTouch(db: TendDB, email: string, it: HistoryItem, now: number): Promise<TouchResult> {
  if (!isLoggedByHand(it)) return { ok: false, errors: ['Only touches logged by hand can be put back.'] };
  const errors = check(email, it);
  if (errors.length) return { ok: false, errors };
  const r = await rewrite(db, email, now, (items) => (items.some((x) => x.key === it.key) ? items : [...items, it]));
  return r.ok ? { ok: true, key: it.key } : r;
}

/**
 * Changes a touch logged by hand (its kind, day or note), keeping every other field it has. Captured touches are
 * what Gmail or Calendar said: not editable.
 */
export async function editTouch(
  db: TendDB,
  email: string,
  key: string,
  touch: TouchEdit,
  now: number,
): Promise<TouchResult> {
  const r = await rewrite(db, email, now, (items) => {
    const i = items.findIndex((x) => x.key === key);
    const old = items[i];
    if (!old) return { errors: ['That touch is no longer there.'] };
    if (!isLoggedByHand(old)) return { errors: ['Only touches logged by hand can be edited.'] };
    const it = edited(old, touch);
    const errors = check(email, it);
    if (errors.length) return { errors };
    items[i] = it;
    return items;
  });
  return r.ok ? { ok: true, key } : r;
}

/** Deletes a hand-logged touch. */
export async function deleteTouch(db: TendDB, email: string, key: string, now: number): Promise<TouchResult> {
  const r = await rewrite(db, email, now, (items) => {
    const old = items.find((x) => x.key === key);
    if (!old) return { errors: ['That touch is no longer there.'] };
    if (!isLoggedByHand(old)) return { errors: ['Only touches logged by hand can be deleted.'] };
    return items.filter((x) => x.key !== key);
  });
  return r.ok ? { ok: true, key } : r;
}
