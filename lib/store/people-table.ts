/**
 * The People view's rows: every contact who is a person, with what the table shows and sorts by, derived in
 * one read of the contacts, the mutes and the settings. Bulk edits (tag, rhythm, mute, not a person) each write
 * in one transaction.
 */

import { emailDomain } from '../core/email';
import { LIMITS } from '../core/limits';
import type { CadenceSetting, Contact, Settings } from '../core/model';
import { type ContactAck, contactDue, effectiveRhythm, type RhythmSource, strength } from '../engine/cadence';
import { drift } from '../engine/drifting';
import { contactNudgeKey, parseNudgeKey } from '../engine/nudge-keys';
import { personTest } from '../engine/people';
import { resolveTimeZone } from '../time/zoned-time';
import { selfAddresses } from './accounts';
import { cleanTags } from './contacts';
import type { TendDB } from './db';
import { validContact } from './join-people';
import { writeTransaction } from './quota';
import { getSettings, updateSettings } from './settings';

export interface PersonRow {
  email: string;
  name: string;
  /** Company, from the address's domain. */
  org: string;
  lastAt?: number;
  rhythmDays?: number;
  rhythmSource?: RhythmSource;
  dueAt?: number;
  /** Time since the last touch over the rhythm: 0 just touched, 1 due, 2 twice as long. */
  dueRatio?: number;
  /**
   * The `dueRatio` from which the person is well overdue, for the colour scale (components/due-scale.ts):
   * lib/engine/cadence.ts DueInfo.worstRatio, the "at worst" date of a rhythm set by hand or by a tag with a
   * tolerance, else twice the rhythm.
   */
  worstRatio?: number;
  overdue: boolean;
  drifting: boolean;
  strength: number;
  tags: string[];
  muted: boolean;
  /** The person's other addresses (merged in): search finds them by these too. */
  aliases?: string[];
}

/** The test every list of people uses: not a robot, not the user's own address, not marked "not a person". */
export async function personFilter(db: TendDB): Promise<(email: string) => boolean> {
  const [settings, self] = await Promise.all([getSettings(db), selfAddresses(db)]);
  return personTest(settings, self);
}

/**
 * Every contact who is a person (not the user, a robot or an ignored address), with the settings and who is
 * muted: one read of the contacts, the contact mutes and the settings, in one transaction.
 */
export async function readPeople(
  db: TendDB,
): Promise<{ settings: Settings; people: Contact[]; muted: Set<string>; acks: Map<string, ContactAck> }> {
  return db.transaction('r', [db.contacts, db.nudgeState, db.kv], async () => {
    const [settings, self, contacts, states] = await Promise.all([
      getSettings(db),
      selfAddresses(db),
      db.contacts.toArray(),
      db.nudgeState.where('key').startsWith('contact:').toArray(),
    ]);
    const isPerson = personTest(settings, self);
    const muted = new Set<string>();
    // What the user said about each person's nudge (Done, snoozed), for the same "overdue" as the popup's.
    const acks = new Map<string, ContactAck>();
    for (const s of states) {
      const k = parseNudgeKey(s.key);
      if (k.kind !== 'contact') continue;
      if (s.muted) muted.add(k.email);
      if (s.doneAt !== undefined || s.snoozedUntil !== undefined) acks.set(k.email, s);
    }
    return { settings, people: contacts.filter((c) => isPerson(c.email)), muted, acks };
  });
}

export async function peopleRows(db: TendDB, now: number): Promise<PersonRow[]> {
  return (await peopleTable(db, now)).rows;
}

/** The rows, and the zone their days are told in (the settings', resolved), from the one read of the settings. */
export async function peopleTable(db: TendDB, now: number): Promise<{ rows: PersonRow[]; timeZone: string }> {
  const { settings, people, muted, acks } = await readPeople(db);
  const rows: PersonRow[] = [];
  for (const c of people) {
    const r = effectiveRhythm(c, settings);
    const ack = acks.get(c.email);
    const { due, overdue } = contactDue(c, settings, now, ack);
    const m = muted.has(c.email);
    rows.push({
      email: c.email,
      name: c.name,
      org: emailDomain(c.email),
      ...(c.summary?.lastAt !== undefined ? { lastAt: c.summary.lastAt } : {}),
      ...(r ? { rhythmDays: r.days, rhythmSource: r.source } : {}),
      ...(due ? { dueAt: due.dueAt, dueRatio: due.overdueRatio, worstRatio: due.worstRatio } : {}),
      overdue: !m && overdue,
      drifting: !m && drift(c, settings, now, ack) !== null,
      strength: strength(c, now),
      tags: c.tags,
      muted: m,
      ...(c.aliases.length ? { aliases: c.aliases } : {}),
    });
  }
  return { rows, timeZone: resolveTimeZone(settings.timeZone) };
}

/** What a bulk edit did: how many people it changed, or why it changed nobody. */
export type BulkResult = { ok: true; changed: number } | { ok: false; errors: string[] };

/**
 * Adds a tag to many people at once (one transaction). A tag the person page would refuse (longer than
 * LIMITS.tag) is refused here too, before anything is written: a record holding it would fail every later check
 * of the whole contact (its next edit, a backup's import, the safety copy). Those who have it already, or have
 * as many tags as a person may, are left as they are.
 */
export async function tagPeople(db: TendDB, emails: readonly string[], tag: string, now: number): Promise<BulkResult> {
  const [t] = cleanTags([tag]);
  if (!t) return { ok: false, errors: ['Type a tag first.'] };
  if (t.length > LIMITS.tag) return { ok: false, errors: [`A tag is at most ${LIMITS.tag} characters.`] };
  return writeTransaction(db, [db.contacts], `the tag ${t} on ${emails.length} people`, async () => {
    const found = (await db.contacts.bulkGet([...emails])).filter((c) => c !== undefined);
    const changed = found.flatMap((c) => {
      if (c.tags.some((x) => x.toLowerCase() === t.toLowerCase()) || c.tags.length >= LIMITS.tags) return [];
      const next = validContact({ ...c, tags: cleanTags([...c.tags, t]), updatedAt: now });
      return next.ok ? [next.contact] : [];
    });
    await db.contacts.bulkPut(changed);
    return { ok: true as const, changed: changed.length };
  });
}

/** Sets one rhythm for many people (one transaction). */
export async function setRhythmOf(
  db: TendDB,
  emails: readonly string[],
  cadence: CadenceSetting,
  now: number,
): Promise<number> {
  return writeTransaction(db, [db.contacts], `the rhythm of ${emails.length} people`, async () => {
    const found = (await db.contacts.bulkGet([...emails])).filter((c) => c !== undefined);
    // Only those on another rhythm change (and say so in the count); the rest are left as they are.
    const same = (a: CadenceSetting, b: CadenceSetting) =>
      a.mode === b.mode &&
      (a.mode !== 'fixed' || (b.mode === 'fixed' && a.days === b.days && a.toleranceDays === b.toleranceDays));
    const changed = found.filter((c) => !same(c.cadence, cadence));
    await db.contacts.bulkPut(changed.map((c) => ({ ...c, cadence, updatedAt: now })));
    return changed.length;
  });
}

/** Mutes or unmutes many people (one transaction over their contact nudge states). */
export async function mutePeople(db: TendDB, emails: readonly string[], mute: boolean): Promise<number> {
  return writeTransaction(db, [db.nudgeState], `${mute ? 'muting' : 'unmuting'} ${emails.length} people`, async () => {
    const keys = emails.map(contactNudgeKey);
    const prev = await db.nudgeState.bulkGet(keys);
    // Only those not already so change (and are counted).
    const changed = keys.flatMap((key, i) =>
      (prev[i]?.muted === true) === mute ? [] : [{ ...(prev[i] ?? {}), key, muted: mute }],
    );
    await db.nudgeState.bulkPut(changed);
    return changed.length;
  });
}

/**
 * Marks many people as "not a person": their addresses, their other addresses too, join the ignored addresses in
 * settings (one write), so no nudge, list or table shows them again; their history stays until the user deletes
 * it.
 */
export async function ignorePeople(db: TendDB, emails: readonly string[]) {
  // A person is all of their addresses: mail from another of them is no person's either.
  const others = (await db.contacts.bulkGet([...emails])).flatMap((c) => c?.aliases ?? []);
  return updateSettings(db, (s) => ({
    ...s,
    ignoredAddresses: [...new Set([...s.ignoredAddresses, ...emails, ...others])],
  }));
}
