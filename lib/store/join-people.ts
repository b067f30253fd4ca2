/**
 * Two people who turn out to be one, joined: the ONE place that decides what a merge keeps. The person page's
 * merge and an added address (lib/store/addresses.ts `mergePeople`), sync doing a merge again
 * (lib/store/user-layer.ts, through addAddress) and a contact file whose person has two contacts
 * (lib/store/contact-merge.ts) all join through `joinPeople`, inside their own transaction.
 */
import { Contact, type NudgeState } from '../core/model';
import { contactNudgeKey, personKeyPrefixes } from '../engine/nudge-keys';
import { type AliasIndex, saveAliasIndex } from './aliases';
import type { TendDB } from './db';
import { HistoryEdit, historyTables } from './histories';
import { mergeHistory } from './interactions';
import { summarize } from './summary';

export type JoinResult = { ok: true; contact: Contact } | { ok: false; errors: string[] };

/** A contact checked by the model as a whole: the parsed record, or why it is refused. */
export function validContact(next: Contact): JoinResult {
  const parsed = Contact.safeParse(next);
  if (parsed.success) return { ok: true, contact: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'contact'}: ${i.message}`) };
}

/** The tables `joinPeople` writes: a transaction that calls it must include every one of them. */
export function joinTables(db: TendDB) {
  return [db.contacts, ...historyTables(db), db.nudgeState, db.kv];
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

function sameDate(a: Contact['dates'][number], b: Contact['dates'][number]): boolean {
  return a.kind === b.kind && a.month === b.month && a.day === b.day && a.label === b.label;
}

/** What `keep` becomes with `other` filed under it (before validation). */
function joined(keep: Contact, other: Contact, summary: Contact['summary'], now: number): Contact {
  return {
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
    // A tag keep has in another case is keep's spelling.
    tags: union(
      keep.tags,
      other.tags.filter((t) => !keep.tags.some((k) => k.toLowerCase() === t.toLowerCase())),
    ),
    dates: [...keep.dates, ...other.dates.filter((d) => !keep.dates.some((k) => sameDate(k, d)))],
    accounts: union(keep.accounts, other.accounts).slice(0, 20),
    createdAt: Math.min(keep.createdAt, other.createdAt),
    updatedAt: now,
    summary,
  };
}

/**
 * What the user said of one nudge about two people who turn out to be one: muted if it was muted under either
 * address, the later Done, the later snooze. Saying it of one of them never undoes what was said of the other.
 */
export function joinNudgeStates(key: string, a: NudgeState | undefined, b: NudgeState | undefined): NudgeState {
  const later = (x?: number, y?: number) => (x === undefined ? y : y === undefined ? x : Math.max(x, y));
  const doneAt = later(a?.doneAt, b?.doneAt);
  const snoozedUntil = later(a?.snoozedUntil, b?.snoozedUntil);
  return {
    key,
    ...(a?.muted || b?.muted ? { muted: true } : a?.muted === false || b?.muted === false ? { muted: false } : {}),
    ...(doneAt !== undefined ? { doneAt } : {}),
    ...(snoozedUntil !== undefined ? { snoozedUntil } : {}),
  };
}

/**
 * Moves every nudge state said about `from` to `to`: the rhythm's (mute, Done, snooze), each key date's and
 * each meeting's thanks, joined with what `to` already had for the same nudge.
 */
async function moveNudgeStates(db: TendDB, from: string, to: string): Promise<void> {
  const own = contactNudgeKey(from);
  const fromPrefixes = personKeyPrefixes(from);
  const toPrefixes = personKeyPrefixes(to);
  const found = [
    ...(await db.nudgeState.bulkGet([own])).filter((s) => s !== undefined),
    ...(await Promise.all(fromPrefixes.map((p) => db.nudgeState.where('key').startsWith(p).toArray()))).flat(),
  ];
  if (found.length === 0) return;
  const rekey = (key: string) => {
    if (key === own) return contactNudgeKey(to);
    const i = fromPrefixes.findIndex((p) => key.startsWith(p));
    return `${toPrefixes[i]}${key.slice((fromPrefixes[i] as string).length)}`;
  };
  const targets = found.map((s) => rekey(s.key));
  const there = await db.nudgeState.bulkGet(targets);
  await db.nudgeState.bulkPut(found.map((s, i) => joinNudgeStates(targets[i] as string, there[i], s)));
  await db.nudgeState.bulkDelete(found.map((s) => s.key));
}

/**
 * Files `other` under `keep`, inside the caller's readwrite transaction over `joinTables`: one person with both
 * histories (each touch once), both addresses (the other's becomes an alias, with its own aliases), both
 * people's notes, details, tags (without case duplicates), key dates and accounts, the earlier of their
 * creation times. Keep's name and rhythm win unless keep has none. What the user said of the other person's
 * nudges (mute, Done, snooze, key dates, meeting thanks) moves to keep, joined with keep's (`joinNudgeStates`).
 * `aliases` (the alias index, as the caller holds it) is updated in place and saved, so the other's addresses
 * now find keep. A result the model refuses (more than 50 addresses or tags, notes over the limit) writes
 * nothing and says why.
 */
export async function joinPeople(
  db: TendDB,
  keep: Contact,
  other: Contact,
  now: number,
  aliases: AliasIndex,
): Promise<JoinResult> {
  if (keep.email === other.email) return { ok: false, errors: ['That is the same person.'] };
  const histories = await HistoryEdit.open(db, [keep.email, other.email]);
  const hKeep = histories.get(keep.email) ?? [];
  const items = mergeHistory(hKeep, histories.get(other.email) ?? []) ?? hKeep;
  const next = validContact(joined(keep, other, summarize(items, now), now));
  if (!next.ok) return next;
  await db.contacts.put(next.contact);
  await db.contacts.delete(other.email);
  histories.set(keep.email, items);
  histories.delete(other.email);
  await histories.save();
  await moveNudgeStates(db, other.email, keep.email);
  for (const [alias, owner] of aliases) if (owner === other.email) aliases.set(alias, keep.email);
  for (const a of next.contact.aliases) aliases.set(a, keep.email);
  aliases.delete(keep.email);
  await saveAliasIndex(db, aliases);
  return next;
}
