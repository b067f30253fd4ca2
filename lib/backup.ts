/**
 * The public backup format, `tend-backup` version 1 (documented in README.md).
 *
 * Export writes every record with ISO 8601 times. Import validates the WHOLE document before it touches
 * the store; a document with any error changes nothing. A valid one is merged in one transaction: the
 * same interaction imported twice is still one interaction.
 */
import { z } from 'zod';
import type { TendDB } from './db';
import { allInteractions, newContact, recordInteractions } from './interactions';
import {
  CadenceSetting,
  CalendarEvent,
  type Contact,
  Direction,
  Email,
  Interaction,
  KeyDate,
  LIMITS,
  Millis,
  NudgeState,
  PersonalDetails,
  PromiseRecord,
  Settings,
  Source,
  Thread,
  ThreadMessage,
} from './model';
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

/** Validates a whole backup document. Never throws. */
export function validateBackup(doc: unknown): ValidateResult {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, errors: ['the backup is not a JSON object'] };
  }
  const head = doc as { format?: unknown; version?: unknown };
  if (head.format !== BACKUP_FORMAT) return { ok: false, errors: [`format must be "${BACKUP_FORMAT}"`] };
  if (head.version !== BACKUP_VERSION) {
    return {
      ok: false,
      errors: [
        `unsupported backup version ${JSON.stringify(head.version)?.slice(0, 20)}: this Tend reads version ${BACKUP_VERSION}`,
      ],
    };
  }
  const parsed = BackupV1.safeParse(doc);
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
        const base = existing.get(b.email) ?? newContact(b.email, b.name, b.createdAt ?? now);
        return {
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
          updatedAt: existing.has(b.email) ? now : (b.updatedAt ?? now),
        };
      });
      await db.contacts.bulkPut(contacts);

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

/** Upserts threads, keeping every message either side knows and the user's `closed` flag. */
export async function mergeThreads(db: TendDB, incoming: readonly Thread[]): Promise<number> {
  if (!incoming.length) return 0;
  const existing = await db.threads.bulkGet(incoming.map((t) => t.id));
  const out = incoming.map((t, i) => {
    const old = existing[i];
    if (!old) return t;
    const byId = new Map(old.messages.map((m) => [m.id, m]));
    for (const m of t.messages) byId.set(m.id, { ...byId.get(m.id), ...m });
    const messages = [...byId.values()].sort((a, b) => a.at - b.at);
    return {
      ...old,
      subject: t.subject || old.subject,
      people: union(old.people, t.people),
      messages,
      lastAt: Math.max(old.lastAt, t.lastAt),
      closed: old.closed || t.closed,
    };
  });
  await db.threads.bulkPut(out);
  return out.length;
}
