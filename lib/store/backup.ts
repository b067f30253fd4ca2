/**
 * The public backup format, `tend-backup` (documented in README.md).
 *
 * Export writes every record with ISO 8601 times, at BACKUP_VERSION. Import reads any version from 1 up:
 * an older document is upgraded one version at a time (BACKUP_UPGRADES), then the WHOLE document is
 * validated against the current schema before anything touches the store; a document with any error
 * changes nothing. A valid one is merged in one transaction, and merging the same backup again changes
 * nothing: the same interaction imported twice is still one interaction, and a contact, thread or promise
 * that the backup does not change keeps its record as it was (its `updatedAt` included).
 */
import { z } from 'zod';
import { normalizeEmail } from '../core/email';
import { LIMITS, MAX_MILLIS } from '../core/limits';
import {
  CadenceSetting,
  CalendarEvent,
  type Contact,
  Direction,
  Email,
  Interaction,
  KeyDate,
  NudgeState,
  notAnEmail,
  PersonalDetails,
  PromiseRecord,
  Settings,
  Source,
  Thread,
  ThreadMessage,
} from '../core/model';
import { sameJson } from '../core/same-json';
import { addAliases, aliasIndex, resolveAddress } from './aliases';
import { bulkGetExisting } from './bulk';
import type { TendDB } from './db';
import { historyTables, inHistoryOrder } from './histories';
import { allInteractions, newContact, recordInteractions } from './interactions';
import { classifyWriteError, importBytes, StoreWriteError, type WriteFailure, writeTransaction } from './quota';
import { getSettings } from './settings';
import { summarize } from './summary';
import { allThreads, inThreadOrder, mergeThreads, threadTables } from './threads';

export const BACKUP_FORMAT = 'tend-backup';
export const BACKUP_VERSION = 1;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 date-time with an offset (or Z) in epoch milliseconds, or what is wrong with it. */
export function readIsoTime(s: string): number | { error: string } {
  if (!ISO_TIME.test(s)) return { error: 'not an ISO 8601 date-time' };
  // Date.parse rolls "Feb 31" over into March: check that the calendar date exists first.
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  const day = new Date(Date.UTC(y, m - 1, d));
  const hh = Number(s.slice(11, 13));
  const mi = Number(s.slice(14, 16));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d || hh > 23 || mi > 59) {
    return { error: `no such date: ${s}` };
  }
  // Millis's range (whole milliseconds, which Date.parse always gives), checked without a schema call: this runs
  // once for every time in a backup, 200,000 times in a big one.
  const ms = Date.parse(s);
  if (!(ms >= 0 && ms <= MAX_MILLIS)) return { error: `date out of range: ${s}` };
  return ms;
}

/** An ISO 8601 date-time with an offset (or Z), read into epoch milliseconds. */
export const IsoTime = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const t = readIsoTime(s);
    if (typeof t === 'number') return t;
    ctx.addIssue({ code: 'custom', message: t.error });
    return z.NEVER;
  });

/**
 * The big lists (interactions, thread messages) name the same few thousand people and hold a time each, 100,000
 * times over: a zod transform per field costs more there than everything else the import does. Their fields
 * are checked as plain strings by the schema, then read in one pass per list (the same rules: normalizeEmail
 * with Email's message, readIsoTime), each address once.
 */
class ListReader {
  private readonly emails = new Map<string, string | null>();
  constructor(private readonly ctx: z.RefinementCtx) {}

  email(s: string, path: PropertyKey[]): string {
    let e = this.emails.get(s);
    if (e === undefined) {
      e = normalizeEmail(s);
      this.emails.set(s, e);
    }
    if (e === null) this.ctx.addIssue({ code: 'custom', path, message: notAnEmail(s) });
    return e ?? '';
  }

  time(s: string, path: PropertyKey[]): number {
    const t = readIsoTime(s);
    if (typeof t === 'number') return t;
    this.ctx.addIssue({ code: 'custom', path, message: t.error });
    return 0;
  }
}

const EmailText = z.string().max(LIMITS.email);
const TimeText = z.string().max(40);

const iso = (ms: number) => new Date(ms).toISOString();

const BackupContact = z.object({
  email: Email,
  name: z.string().max(LIMITS.name),
  aliases: z.array(Email).max(LIMITS.aliases).optional(),
  cadence: CadenceSetting.optional(),
  notes: z.string().max(LIMITS.note).optional(),
  details: PersonalDetails.partial().optional(),
  tags: z.array(z.string().min(1).max(LIMITS.tag)).max(LIMITS.tags).optional(),
  dates: z.array(KeyDate).max(50).optional(),
  accounts: z.array(Email).max(20).optional(),
  createdAt: IsoTime.optional(),
  updatedAt: IsoTime.optional(),
});

const BackupInteractions = z
  .array(
    Interaction.extend({
      key: Interaction.shape.key.optional(),
      contact: EmailText,
      at: TimeText,
      direction: Direction,
      source: Source,
    }),
  )
  .max(2_000_000)
  .transform((list, ctx) => {
    const read = new ListReader(ctx);
    // zod's output objects are its own fresh copies: their two text fields are replaced in place (a copy of
    // 100,000 objects here cost as much again in allocation and collection).
    list.forEach((it, i) => {
      const item = it as unknown as { contact: string; at: number };
      item.contact = read.email(it.contact, [i, 'contact']);
      item.at = read.time(it.at, [i, 'at']);
    });
    return list as unknown as Array<Omit<(typeof list)[number], 'at'> & { at: number }>;
  });

const BackupEvent = CalendarEvent.extend({ start: IsoTime, end: IsoTime });

const BackupThreads = z
  .array(
    Thread.extend({
      lastAt: TimeText,
      people: z.array(EmailText).max(LIMITS.attendees).default([]),
      messages: z
        .array(
          ThreadMessage.extend({
            at: TimeText,
            from: EmailText,
            to: z.array(EmailText).max(LIMITS.attendees).default([]),
          }),
        )
        .max(2000)
        .default([]),
    }),
  )
  .max(500_000)
  .transform((list, ctx): Thread[] => {
    const read = new ListReader(ctx);
    // In place, as for interactions: every object and array here is zod's fresh copy.
    list.forEach((t, i) => {
      const thread = t as unknown as Thread;
      thread.lastAt = read.time(t.lastAt, [i, 'lastAt']);
      t.people.forEach((p, k) => {
        t.people[k] = read.email(p, [i, 'people', k]);
      });
      t.messages.forEach((m, k) => {
        const message = m as unknown as Thread['messages'][number];
        message.at = read.time(m.at, [i, 'messages', k, 'at']);
        message.from = read.email(m.from, [i, 'messages', k, 'from']);
        m.to.forEach((r, j) => {
          m.to[j] = read.email(r, [i, 'messages', k, 'to', j]);
        });
      });
    });
    return list as unknown as Thread[];
  });

const BackupPromise = PromiseRecord.extend({ madeAt: IsoTime, dueAt: IsoTime.optional() });

const BackupNudgeState = NudgeState.extend({ snoozedUntil: IsoTime.optional(), doneAt: IsoTime.optional() });

/** The current version's schema (version 1: the only one so far; see BACKUP_UPGRADES). */
export const BackupV1 = z
  .object({
    format: z.literal(BACKUP_FORMAT, { message: `format must be "${BACKUP_FORMAT}"` }),
    version: z.literal(BACKUP_VERSION, { message: `version must be ${BACKUP_VERSION}` }),
    exportedAt: IsoTime,
    contacts: z.array(BackupContact).max(100_000),
    interactions: BackupInteractions,
    events: z.array(BackupEvent).max(500_000).default([]),
    threads: BackupThreads.default([]),
    promises: z.array(BackupPromise).max(100_000).default([]),
    settings: Settings.optional(),
    nudgeState: z.array(BackupNudgeState).max(500_000).default([]),
  })
  .superRefine((b, ctx) => {
    const seen = new Map<string, number>();
    b.contacts.forEach((c, i) => {
      const first = seen.get(c.email);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['contacts', i, 'email'],
          message: `duplicate contact ${c.email} (also contacts[${first}])`,
        });
      } else seen.set(c.email, i);
    });
    b.events.forEach((e, i) => {
      if (e.end < e.start)
        ctx.addIssue({ code: 'custom', path: ['events', i, 'end'], message: 'event ends before it starts' });
    });
  });
export type BackupV1 = z.infer<typeof BackupV1>;

export interface BackupDocument {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  contacts: Record<string, unknown>[];
  interactions: Record<string, unknown>[];
  events: Record<string, unknown>[];
  threads: Record<string, unknown>[];
  promises: Record<string, unknown>[];
  settings: Settings;
  nudgeState: Record<string, unknown>[];
}

/** Reads the whole store into a backup document. */
export async function exportBackup(db: TendDB, now: number): Promise<BackupDocument> {
  return db.transaction(
    'r',
    [db.contacts, ...historyTables(db), db.events, ...threadTables(db), db.promises, db.nudgeState, db.kv],
    async () => {
      const [contacts, interactions, events, threads, promises, states, settings] = await Promise.all([
        db.contacts.toArray(),
        allInteractions(db),
        db.events.toArray(),
        allThreads(db),
        db.promises.toArray(),
        db.nudgeState.toArray(),
        getSettings(db),
      ]);
      return {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: iso(now),
        contacts: contacts.map(({ summary: _summary, createdAt, updatedAt, ...c }) => ({
          ...c,
          createdAt: iso(createdAt),
          updatedAt: iso(updatedAt),
        })),
        interactions: interactions.map((it) => ({ ...it, at: iso(it.at) })),
        events: events.map((e) => ({ ...e, start: iso(e.start), end: iso(e.end) })),
        threads: threads.map((t) => ({
          ...t,
          lastAt: iso(t.lastAt),
          messages: t.messages.map((m) => ({ ...m, at: iso(m.at) })),
        })),
        promises: promises.map((p) => ({
          ...p,
          madeAt: iso(p.madeAt),
          ...(p.dueAt !== undefined ? { dueAt: iso(p.dueAt) } : {}),
        })),
        settings,
        nudgeState: states.map((s) => ({
          ...s,
          ...(s.snoozedUntil !== undefined ? { snoozedUntil: iso(s.snoozedUntil) } : {}),
          ...(s.doneAt !== undefined ? { doneAt: iso(s.doneAt) } : {}),
        })),
      };
    },
  );
}

export type ValidateResult = { ok: true; backup: BackupV1 } | { ok: false; errors: string[] };

const MAX_ERRORS = 50;

/** A document on its way through the upgrades: a plain object, never the caller's own (upgrades copy). */
export type BackupObject = Record<string, unknown>;

/**
 * How a version-n document becomes version n+1, keyed by n. Each step copies what it changes (the caller's
 * document is never modified), must not throw on any input (validation comes after the last step and names
 * every problem), and only moves data: a field renamed, a record split, a default an older Tend did not
 * write. Version 1 is the current one, so there is no step yet; version 2 adds `BACKUP_UPGRADES[1]`.
 */
export const BACKUP_UPGRADES: Readonly<Record<number, (doc: BackupObject) => BackupObject>> = {};

/**
 * Upgrades a document of version `from` to version `to`, one version at a time. Fails (never throws) when a
 * step is missing: a version this Tend does not know.
 */
export function upgradeBackup(
  doc: BackupObject,
  from: number,
  to: number = BACKUP_VERSION,
  upgrades: Readonly<Record<number, (doc: BackupObject) => BackupObject>> = BACKUP_UPGRADES,
): { ok: true; doc: BackupObject } | { ok: false; errors: string[] } {
  let out = doc;
  for (let v = from; v < to; v++) {
    const step = Object.hasOwn(upgrades, v) ? upgrades[v] : undefined;
    if (!step) return { ok: false, errors: [`no upgrade from backup version ${v} to ${v + 1}`] };
    try {
      out = { ...step(out), version: v + 1 };
    } catch {
      return { ok: false, errors: [`the version ${v} backup could not be upgraded to version ${v + 1}`] };
    }
  }
  return { ok: true, doc: out };
}

/** A value described for an error message: its type and a short text. Never throws, never recurses. */
export function describeValue(v: unknown): string {
  try {
    if (v === null) return 'null';
    if (v === undefined) return 'nothing';
    if (Array.isArray(v)) return `an array of ${v.length}`;
    switch (typeof v) {
      case 'string':
        return `the string ${JSON.stringify(v.slice(0, 20))}${v.length > 20 ? '…' : ''}`;
      case 'number':
      case 'boolean':
      case 'bigint':
        return `${typeof v} ${String(v).slice(0, 20)}`;
      default:
        return `a value of type ${typeof v}`;
    }
  } catch {
    return 'an unreadable value';
  }
}

/**
 * Validates a whole backup document of any supported version, upgrading it to the current one. Never throws.
 * `doc` may also be the document's JSON text: that is how Options hands a file to the background, because
 * extension messaging copies one string at once but an object value by value (for the 100,000-interaction
 * bench, passing the object took 36 s of an 85 s import on a loaded machine).
 */
export function validateBackup(doc: unknown): ValidateResult {
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch {
      return { ok: false, errors: ['the backup is not a JSON object: its text is not JSON'] };
    }
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, errors: ['the backup is not a JSON object'] };
  }
  const head = doc as { format?: unknown; version?: unknown };
  if (head.format !== BACKUP_FORMAT) return { ok: false, errors: [`format must be "${BACKUP_FORMAT}"`] };
  const version = head.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > BACKUP_VERSION) {
    const newer = typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION;
    return {
      ok: false,
      errors: [
        `unsupported backup version ${typeof version === 'number' ? String(version).slice(0, 20) : `(${describeValue(version)})`}: ` +
          `this Tend reads ${BACKUP_VERSION === 1 ? 'version 1' : `versions 1 to ${BACKUP_VERSION}`}` +
          `${newer ? ' (it was written by a newer Tend)' : ''}`,
      ],
    };
  }
  const upgraded = upgradeBackup(doc as BackupObject, version);
  if (!upgraded.ok) return upgraded;
  const parsed = BackupV1.safeParse(upgraded.doc);
  if (parsed.success) return { ok: true, backup: parsed.data };
  const errors = parsed.error.issues.slice(0, MAX_ERRORS).map((i) => `${formatPath(i.path)}: ${i.message}`);
  if (parsed.error.issues.length > MAX_ERRORS)
    errors.push(`… and ${parsed.error.issues.length - MAX_ERRORS} more errors`);
  return { ok: false, errors };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || 'backup';
}

/** A stable key for an interaction that came without one (a hand-written backup). */
function derivedKey(it: Omit<BackupV1['interactions'][number], 'key'>): string {
  const ref = it.messageId ?? it.eventId ?? it.threadId ?? '';
  return `${it.source}:import:${ref}:${it.contact}:${it.at}:${it.direction}`;
}

export interface ImportCounts {
  contacts: number;
  interactions: number;
  events: number;
  threads: number;
  promises: number;
  nudgeState: number;
}

function union<T>(a: readonly T[], b: readonly T[] | undefined): T[] {
  return b ? [...new Set([...a, ...b])] : [...a];
}

/**
 * How much one import transaction writes at most: small enough that a failure loses only it (see below). A chunk
 * of people in pack order rewrites about a fifth of the history packs (a few MB at 5,000 people), within the
 * reserve every write keeps (lib/store/quota.ts). Fewer, larger chunks of people cost less: each chunk lists the
 * stored contacts' keys (lib/store/bulk.ts), so 250 people a chunk listed 47,500 keys for 5,000 people (0.6 s of
 * a 5.5 s import), 1,000 a chunk 10,000 (0.15 s of 4.5 s).
 */
export const IMPORT_CHUNK = { contacts: 1_000, records: 2_000 } as const;

export type ImportChunking = { contacts: number; records: number };

/** An import that stopped at a clean point: what was saved before, and what was not. Running it again resumes. */
export class ImportStoppedError extends StoreWriteError {
  constructor(
    reason: WriteFailure,
    readonly saved: ImportCounts,
    readonly notSavedCounts: ImportCounts,
    original?: unknown,
  ) {
    super(reason, describeCounts(notSavedCounts), original);
  }
}

const ZERO: ImportCounts = { contacts: 0, interactions: 0, events: 0, threads: 0, promises: 0, nudgeState: 0 };

/** "1,200 interactions, 3 threads" — the non-zero counts in words. */
export function describeCounts(c: ImportCounts): string {
  const parts = (Object.keys(ZERO) as (keyof ImportCounts)[])
    .filter((k) => c[k] > 0)
    .map((k) => `${c[k].toLocaleString('en-US')} ${k === 'nudgeState' ? 'snoozes' : k}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/**
 * Merges a validated backup (or one chunk of a longer import: the mailbox and contacts importers pass
 * BackupV1-shaped chunks) into the store.
 *
 * It writes in bounded transactions, people first (up to a thousand contacts with their histories and
 * summaries per transaction), then threads, events, promises, snoozes and settings a few thousand records at a
 * time. Each transaction is all or nothing, so a failure (a full disk) loses at most the one in flight, never
 * what was there before: Chromium's IndexedDB writes a large transaction to disk as it goes and, when the disk
 * fills in the middle, may fail to roll it back and treat the whole database as corrupt (it is deleted on the
 * next open). On such a failure it throws an ImportStoppedError with what was saved and what was not; as
 * importing the same data twice changes nothing, running it again carries on where it stopped.
 */
export async function importBackup(
  db: TendDB,
  backup: BackupV1,
  now: number,
  chunking: ImportChunking = IMPORT_CHUNK,
): Promise<ImportCounts> {
  const saved: ImportCounts = { ...ZERO };
  const byContact = new Map<string, Interaction[]>();
  for (const it of backup.interactions) {
    const withKey: Interaction = it.key !== undefined ? (it as Interaction) : { ...it, key: derivedKey(it) };
    const list = byContact.get(it.contact);
    if (list) list.push(withKey);
    else byContact.set(it.contact, [withKey]);
  }
  const backupContacts = new Map(backup.contacts.map((c) => [c.email, c]));
  // People and threads in their store's order, so each chunk reads and writes its own few packs
  // (lib/store/histories.ts, lib/store/threads.ts): in the backup's order every chunk of people rewrote most of
  // the 256 history packs.
  const people = inHistoryOrder([...new Set([...backupContacts.keys(), ...byContact.keys()])]);
  const threads = inThreadOrder(backup.threads);
  const names = Object.fromEntries(backup.contacts.map((c) => [c.email, c.name]));
  const settings = backup.settings;

  const steps: { counts: ImportCounts; run: (bytes: number) => Promise<void> }[] = [];
  for (const group of chunks(people, Math.max(1, chunking.contacts))) {
    const interactions = group.flatMap((e) => byContact.get(e) ?? []);
    const inBackup = group.flatMap((e) => {
      const c = backupContacts.get(e);
      return c ? [c] : [];
    });
    steps.push({
      counts: { ...ZERO, contacts: inBackup.length, interactions: interactions.length },
      run: async (bytes) => {
        const added = await writeTransaction(
          db,
          [db.contacts, ...historyTables(db), db.kv],
          'contacts',
          async () => {
            const given = await mergeBackupContacts(db, inBackup, byContact, now);
            // A person's other addresses file their touches under them (lib/store/aliases.ts).
            await addAliases(
              db,
              [...given.values()].map((g) => g.contact),
            );
            return (await recordInteractions(db, interactions, names, now, await aliasIndex(db), given)).added;
          },
          bytes,
        );
        saved.contacts += inBackup.length;
        saved.interactions += added;
      },
    });
  }
  for (const group of chunks(threads, Math.max(1, chunking.records))) {
    steps.push({
      counts: { ...ZERO, threads: group.length },
      run: async (bytes) => {
        saved.threads += await writeTransaction(
          db,
          threadTables(db),
          'threads',
          () => mergeThreads(db, group, now),
          bytes,
        );
      },
    });
  }
  for (const group of chunks(backup.events, Math.max(1, chunking.records))) {
    steps.push({
      counts: { ...ZERO, events: group.length },
      run: async (bytes) => {
        await writeTransaction(db, [db.events], 'events', () => db.events.bulkPut(group), bytes);
        saved.events += group.length;
      },
    });
  }
  for (const group of chunks(backup.promises, Math.max(1, chunking.records))) {
    steps.push({
      counts: { ...ZERO, promises: group.length },
      run: async (bytes) => {
        await writeTransaction(
          db,
          [db.promises],
          'promises',
          async () => {
            const kept = await db.promises.bulkGet(group.map((p) => p.id));
            // A promise the user marked kept stays kept.
            await db.promises.bulkPut(group.map((p, i) => (kept[i]?.status === 'done' ? { ...p, status: 'done' } : p)));
          },
          bytes,
        );
        saved.promises += group.length;
      },
    });
  }
  for (const group of chunks(backup.nudgeState, Math.max(1, chunking.records))) {
    steps.push({
      counts: { ...ZERO, nudgeState: group.length },
      run: async (bytes) => {
        await writeTransaction(db, [db.nudgeState], 'snoozes', () => db.nudgeState.bulkPut(group), bytes);
        saved.nudgeState += group.length;
      },
    });
  }
  if (settings) {
    steps.push({
      counts: { ...ZERO },
      run: async (bytes) => {
        await writeTransaction(db, [db.kv], 'settings', () => db.kv.put({ key: 'settings', value: settings }), bytes);
      },
    });
  }

  for (let i = 0; i < steps.length; i++) {
    try {
      const step = steps[i];
      if (!step) continue;
      // Each chunk is sized before it is written: the disk keeps its reserve (lib/store/quota.ts), checked once,
      // by the chunk's own transaction.
      await step.run(importBytes({ ...step.counts, threadMessages: 0 }));
    } catch (e) {
      const reason = e instanceof StoreWriteError ? e.reason : classifyWriteError(e);
      const notSaved = { ...ZERO };
      for (const step of steps.slice(i)) {
        for (const k of Object.keys(notSaved) as (keyof ImportCounts)[]) notSaved[k] += step.counts[k];
      }
      throw new ImportStoppedError(reason, saved, notSaved, e);
    }
  }
  return saved;
}

/**
 * A backup's contacts merged into the stored ones: what the user already wrote (notes, rhythm) is kept. Returns
 * them for recordInteractions, marked changed when the merge changed something the user can see (a kept
 * contact the backup does not change keeps its `updatedAt`), or when a quiet contact needs its empty summary.
 * An address that is already one of a stored person's other addresses (lib/store/aliases.ts) is that person:
 * what the backup says of it goes to them, as its touches do, and it never becomes a contact of its own (a
 * mailbox lists every address it saw, a person's home address included).
 */
async function mergeBackupContacts(
  db: TendDB,
  list: readonly BackupV1['contacts'][number][],
  interactions: ReadonlyMap<string, unknown[]>,
  now: number,
): Promise<Map<string, { contact: Contact; changed: boolean }>> {
  const index = await aliasIndex(db);
  const owners = [...new Set(list.map((c) => resolveAddress(index, c.email)))];
  const found = await bulkGetExisting(db.contacts, owners);
  const stored = new Map(owners.flatMap((e, i) => (found[i] ? [[e, found[i]] as const] : [])));
  // The person each listed address belongs to: its owner when the owner is stored, else the address itself.
  const personOf = (email: string) => {
    const owner = resolveAddress(index, email);
    return stored.has(owner) ? owner : email;
  };
  // An address filed under a person who is not stored (an index older than the contacts) is read as itself.
  const missing = [...new Set(list.map((c) => c.email))].filter((e) => personOf(e) !== resolveAddress(index, e));
  const alsoFound = await bulkGetExisting(db.contacts, missing);
  missing.forEach((e, i) => {
    const c = alsoFound[i];
    if (c) stored.set(e, c);
  });
  const merging = new Map<string, Contact>();
  const seen = new Map<string, string[]>();
  for (const b of list) {
    const email = personOf(b.email);
    const kept = stored.get(email);
    const base = merging.get(email) ?? kept ?? newContact(email, b.name, b.createdAt ?? now);
    merging.set(email, {
      ...base,
      name: base.name || b.name,
      aliases: union(base.aliases, b.aliases).filter((a) => a !== email),
      cadence: b.cadence && base.cadence.mode === 'auto' ? b.cadence : base.cadence,
      notes: base.notes || (b.notes ?? ''),
      details: {
        background: base.details.background || (b.details?.background ?? ''),
        preferences: base.details.preferences || (b.details?.preferences ?? ''),
        family: base.details.family || (b.details?.family ?? ''),
        interests: base.details.interests || (b.details?.interests ?? ''),
      },
      tags: union(base.tags, b.tags).slice(0, LIMITS.tags),
      dates: base.dates.length ? base.dates : (b.dates ?? []),
      accounts: union(base.accounts, b.accounts).slice(0, 20),
      ...(kept || merging.has(email) ? {} : { updatedAt: b.updatedAt ?? now }),
    });
    seen.set(email, [...(seen.get(email) ?? []), b.email]);
  }
  const out = new Map<string, { contact: Contact; changed: boolean }>();
  for (const [email, merged] of merging) {
    const kept = stored.get(email);
    // A new contact keeps the backup's time; a kept one moves only when the backup changed it.
    let contact: Contact = !kept ? merged : sameContact(kept, merged) ? kept : { ...merged, updatedAt: now };
    let changed = contact !== kept;
    // A contact that came with no interactions still needs a summary consistent with its (empty) history.
    if (!(seen.get(email) ?? []).some((e) => interactions.has(e)) && contact.summary.count === 0) {
      contact = { ...contact, summary: summarize([], now) };
      changed = true;
    }
    out.set(email, { contact, changed });
  }
  return out;
}

/** What the user can see of a contact (everything but the derived summary and the edit time). */
function sameContact(a: Contact, b: Contact): boolean {
  return (
    a.email === b.email &&
    a.name === b.name &&
    a.notes === b.notes &&
    sameJson(a.aliases, b.aliases) &&
    sameJson(a.cadence, b.cadence) &&
    sameJson(a.details, b.details) &&
    sameJson(a.tags, b.tags) &&
    sameJson(a.dates, b.dates) &&
    sameJson(a.accounts, b.accounts)
  );
}
