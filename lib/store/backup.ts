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
import { LIMITS } from '../core/limits';
import {
  CadenceSetting,
  CalendarEvent,
  type Contact,
  Direction,
  Email,
  Interaction,
  KeyDate,
  Millis,
  NudgeState,
  PersonalDetails,
  PromiseRecord,
  Settings,
  Source,
  Thread,
  ThreadMessage,
} from '../core/model';
import { rebuildAliasMap } from './alias-map';
import { normalizeThread, type TendDB } from './db';
import { allInteractions, newContact, recordInteractions } from './interactions';
import { getSettings } from './settings';
import { summarize } from './summary';

export const BACKUP_FORMAT = 'tend-backup';
export const BACKUP_VERSION = 1;

/** An ISO 8601 date-time with an offset (or Z), read into epoch milliseconds. */
export const IsoTime = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/, 'not an ISO 8601 date-time')
  .transform((s, ctx) => {
    // Date.parse rolls "Feb 31" over into March: check that the calendar date exists first.
    const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d));
    const hh = Number(s.slice(11, 13));
    const mi = Number(s.slice(14, 16));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d || hh > 23 || mi > 59) {
      ctx.addIssue({ code: 'custom', message: `no such date: ${s}` });
      return z.NEVER;
    }
    const ms = Date.parse(s);
    const ok = Millis.safeParse(ms);
    if (!ok.success) {
      ctx.addIssue({ code: 'custom', message: `date out of range: ${s}` });
      return z.NEVER;
    }
    return ok.data;
  });

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

const BackupInteraction = Interaction.extend({
  key: Interaction.shape.key.optional(),
  at: IsoTime,
  direction: Direction,
  source: Source,
});

const BackupEvent = CalendarEvent.extend({ start: IsoTime, end: IsoTime });

const BackupThread = Thread.extend({
  lastAt: IsoTime,
  messages: z
    .array(ThreadMessage.extend({ at: IsoTime }))
    .max(2000)
    .default([]),
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
    interactions: z.array(BackupInteraction).max(2_000_000),
    events: z.array(BackupEvent).max(500_000).default([]),
    threads: z.array(BackupThread).max(500_000).default([]),
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
    [db.contacts, db.histories, db.events, db.threads, db.promises, db.nudgeState, db.kv],
    async () => {
      const [contacts, interactions, events, threads, promises, states, settings] = await Promise.all([
        db.contacts.toArray(),
        allInteractions(db),
        db.events.toArray(),
        db.threads.toArray(),
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

/** Validates a whole backup document of any supported version, upgrading it to the current one. Never throws. */
export function validateBackup(doc: unknown): ValidateResult {
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

/** Merges a validated backup into the store, in one transaction. */
export async function importBackup(db: TendDB, backup: BackupV1, now: number): Promise<ImportCounts> {
  return db.transaction(
    'rw',
    [db.contacts, db.histories, db.events, db.threads, db.promises, db.nudgeState, db.kv],
    async () => {
      const existing = new Map(
        (await db.contacts.bulkGet(backup.contacts.map((c) => c.email))).flatMap((c) => (c ? [[c.email, c]] : [])),
      );
      const contacts: Contact[] = backup.contacts.map((b) => {
        const kept = existing.get(b.email);
        const base = kept ?? newContact(b.email, b.name, b.createdAt ?? now);
        const merged: Contact = {
          ...base,
          name: base.name || b.name,
          aliases: union(base.aliases, b.aliases),
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
        };
        // A new contact keeps the backup's time; a kept one moves only when the backup changed it.
        if (!kept) return { ...merged, updatedAt: b.updatedAt ?? now };
        return sameContact(kept, merged) ? kept : { ...merged, updatedAt: now };
      });
      await db.contacts.bulkPut(contacts);
      // People's other addresses travel in the backup on the contacts: touches with them are filed under them.
      if (contacts.some((c) => c.aliases.length > 0)) await rebuildAliasMap(db);

      const interactions: Interaction[] = backup.interactions.map((it) => ({ ...it, key: it.key ?? derivedKey(it) }));
      const names = Object.fromEntries(backup.contacts.map((c) => [c.email, c.name]));
      const rec = await recordInteractions(db, interactions, names, now);

      // Contacts that came with no interactions still need a summary consistent with their (empty) history.
      const touched = new Set(interactions.map((i) => i.contact));
      const quiet = contacts.filter((c) => !touched.has(c.email) && c.summary.count === 0);
      if (quiet.length) await db.contacts.bulkPut(quiet.map((c) => ({ ...c, summary: summarize([], now) })));

      if (backup.events.length) await db.events.bulkPut(backup.events);

      const threads = await mergeThreads(db, backup.threads);
      const keptPromises = await db.promises.bulkGet(backup.promises.map((p) => p.id));
      const promises = backup.promises.map((p, i) =>
        keptPromises[i]?.status === 'done' ? { ...p, status: 'done' as const } : p,
      );
      if (promises.length) await db.promises.bulkPut(promises);
      if (backup.nudgeState.length) await db.nudgeState.bulkPut(backup.nudgeState);
      if (backup.settings) await db.kv.put({ key: 'settings', value: backup.settings });
      return {
        contacts: contacts.length,
        interactions: rec.added,
        events: backup.events.length,
        threads,
        promises: promises.length,
        nudgeState: backup.nudgeState.length,
      };
    },
  );
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

/** Deep equality of JSON-like values (plain objects compared by their keys, whatever the key order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** Upserts threads, keeping every message either side knows and the user's `closed` flag. */
export async function mergeThreads(db: TendDB, incoming: readonly Thread[]): Promise<number> {
  if (!incoming.length) return 0;
  const existing = await db.threads.bulkGet(incoming.map((t) => t.id));
  // The same thread twice in one batch: the later copy merges into the earlier one.
  const out = new Map<string, Thread>();
  incoming.forEach((t, i) => {
    const old = out.get(t.id) ?? existing[i];
    if (!old) {
      out.set(t.id, normalizeThread(t));
      return;
    }
    out.set(
      t.id,
      normalizeThread(
        {
          ...old,
          subject: t.subject || old.subject,
          people: [...old.people, ...t.people],
          messages: t.messages,
          lastAt: Math.max(old.lastAt, t.lastAt),
          closed: old.closed || t.closed,
        },
        old.messages,
      ),
    );
  });
  await db.threads.bulkPut([...out.values()]);
  return incoming.length;
}
