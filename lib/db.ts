/**
 * The store: one Dexie database, its schema in one place.
 *
 * Layout, chosen for IndexedDB's per-record cost (../shared/docs/storage-costs.md):
 * - `contacts`: one small record per person, carrying the summary every surface ranks by.
 * - `histories`: a person's interactions packed into ONE record, keyed by contact. 200,000 interactions are
 *   5,000 records, not 200,000, and recording a touch twice is a no-op because items are keyed by `key`.
 * - `threads`, `promises`, `events`: what follow-ups, promises and slots need.
 * - `nudgeState`, `notified`: the user's snoozes/dones/mutes, and every notice shown (never twice).
 * - `kv`: settings, health, the precomputed nudge list and other single records.
 *
 * Only extension pages and the background open it: a content script's IndexedDB would be Gmail's.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { CalendarEvent, Contact, Interaction, NudgeState, PromiseRecord, Thread } from './model';

/** An interaction inside a packed history: the contact is the record's key, so it is not repeated. */
export type HistoryItem = Omit<Interaction, 'contact'>;

export interface History {
  contact: string;
  /** Sorted by `at`, unique by `key`. */
  items: HistoryItem[];
}

/** A notification Tend showed: never shown twice, and what its buttons act on. */
export interface Notified {
  id: string;
  at: number;
  /** Where a click goes: a Gmail compose or thread URL, or the popup. */
  url?: string;
  /** The nudges its buttons snooze or close. */
  nudgeKeys?: string[];
  /** What the buttons do, in order. */
  actions?: string[];
}

export interface KvRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'tend';

/** Every schema version Tend has shipped, oldest first. Never edit a shipped entry: add one. */
export const SCHEMA_VERSIONS: { version: number; stores: Record<string, string | null> }[] = [
  {
    version: 1,
    stores: {
      contacts: 'email, summary.lastAt',
      histories: 'contact',
      threads: 'id, lastAt',
      promises: 'id, threadKey',
      events: 'id, start',
      nudgeState: 'key',
      notified: 'id',
      kv: 'key',
    },
  },
];

export class TendDB extends Dexie {
  contacts!: EntityTable<Contact, 'email'>;
  histories!: EntityTable<History, 'contact'>;
  threads!: EntityTable<Thread, 'id'>;
  promises!: EntityTable<PromiseRecord, 'id'>;
  events!: EntityTable<CalendarEvent, 'id'>;
  nudgeState!: EntityTable<NudgeState, 'key'>;
  notified!: EntityTable<Notified, 'id'>;
  kv!: EntityTable<KvRecord, 'key'>;

  constructor(name = DB_NAME, versions = SCHEMA_VERSIONS) {
    super(name);
    for (const v of versions) this.version(v.version).stores(v.stores);
  }
}

let shared: TendDB | undefined;

/** The extension's database (opened lazily, once per context). */
export function getDb(): TendDB {
  shared ??= new TendDB();
  return shared;
}

/** Tables that hold the user's data (everything `Delete all data` removes). */
export function dataTables(db: TendDB) {
  return [db.contacts, db.histories, db.threads, db.promises, db.events, db.nudgeState, db.notified, db.kv];
}
