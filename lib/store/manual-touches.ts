/**
 * Touches logged by hand: a call, a coffee, a meeting, a message elsewhere, an event. Each is an interaction
 * with `source: "manual"` in the person's packed history, so it resets the clock, shows in the timeline and
 * travels in the backup like any other touch; unlike captured ones it can be edited and deleted. Every write
 * rewrites the person's summary in the same transaction.
 */

import { Interaction, MANUAL_KINDS, type ManualKind } from '../core/model';
import { aliasIndex, resolveAddress } from './aliases';
import type { HistoryItem, TendDB } from './db';
import { HistoryEdit, historyTables } from './histories';
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

const PREFIX = 'manual:';

/** A key no capture can give (captured keys start with their source). */
export function newManualKey(now: number, random: () => number = Math.random): string {
  return `${PREFIX}${now.toString(36)}-${Math.floor(random() * 2 ** 48).toString(36)}`;
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

function check(contact: string, it: HistoryItem): string[] {
  const r = Interaction.safeParse({ ...it, contact });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || 'touch'}: ${i.message}`);
}

async function rewrite(
  db: TendDB,
  email: string,
  now: number,
  edit: (items: HistoryItem[]) => HistoryItem[] | string,
): Promise<{ ok: true } | { ok: false; errors: string[] }> {
  return writeTransaction(db, [db.contacts, ...historyTables(db), db.kv], `a touch with ${email}`, async () => {
    const person = resolveAddress(await aliasIndex(db), email);
    const [histories, c] = await Promise.all([HistoryEdit.open(db, [person]), db.contacts.get(person)]);
    const out = edit([...(histories.get(person) ?? [])]);
    if (typeof out === 'string') return { ok: false, errors: [out] };
    out.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
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

/** Changes a hand-logged touch (its kind, day or note). Captured touches are what Gmail or Calendar said: not editable. */
export async function editTouch(
  db: TendDB,
  email: string,
  key: string,
  touch: ManualTouch,
  now: number,
): Promise<TouchResult> {
  if (!key.startsWith(PREFIX)) return { ok: false, errors: ['Only touches logged by hand can be edited.'] };
  const it = item(key, touch);
  const errors = check(email, it);
  if (errors.length) return { ok: false, errors };
  const r = await rewrite(db, email, now, (items) => {
    const i = items.findIndex((x) => x.key === key);
    if (i < 0) return 'That touch is no longer there.';
    items[i] = it;
    return items;
  });
  return r.ok ? { ok: true, key } : r;
}

/** Deletes a hand-logged touch. */
export async function deleteTouch(db: TendDB, email: string, key: string, now: number): Promise<TouchResult> {
  if (!key.startsWith(PREFIX)) return { ok: false, errors: ['Only touches logged by hand can be deleted.'] };
  const r = await rewrite(db, email, now, (items) => {
    const rest = items.filter((x) => x.key !== key);
    return rest.length === items.length ? 'That touch is no longer there.' : rest;
  });
  return r.ok ? { ok: true, key } : r;
}
