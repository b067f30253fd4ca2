/**
 * The store: one Dexie database, its schema in one place.
 *
 * Layout, chosen for IndexedDB's per-record cost (../shared/docs/storage-costs.md):
 * - `contacts`: one small record per person, carrying the summary every surface ranks by.
 * - `historyPacks`: a person's interactions are ONE list, and the lists of about 1/256 of the people share a record
 *   (lib/store/histories.ts owns the layout: read and write histories only through it). 200,000 interactions are
 *   256 records, not 200,000, and recording a touch twice is a no-op because items are keyed by `key`.
 * - `threadPacks`: threads, packed in shared records by a hash of their id, a recent and an old pack per hash;
 *   `threads`: the threads an earlier Tend stored a record each (lib/store/threads.ts owns the layout: read and
 *   write threads only through it).
 * - `promises`, `events`: what promises and slots need. Promises are indexed by
 *   `status`, so the nudge list reads the open ones without walking every promise ever kept.
 * - `nudgeState`, `notified`: the user's snoozes/dones/mutes, and every notice shown (never twice).
 * - `kv`: settings, health, the precomputed nudge list and other single records.
 *
 * Only extension pages and the background open it: a content script's IndexedDB would be Gmail's.
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { CalendarEvent, Contact, Interaction, NudgeState, PromiseRecord, Thread } from '../core/model';
import { DB_NAME } from './db-name';
import { countManualTouches, packHistories } from './histories';
import { roomBackstop } from './quota';
import { normalizeThread, repackThreads } from './threads';

/** An interaction inside a packed history: the contact is the record's key, so it is not repeated. */
export type HistoryItem = Omit<Interaction, 'contact'>;

export interface History {
  contact: string;
  /** Sorted by `at`, unique by `key`. */
  items: HistoryItem[];
}

/** The histories of the people whose address hashes to `pack` (lib/store/histories.ts owns the layout). */
export interface HistoryPack {
  pack: number;
  histories: History[];
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
  /** The one person the notice is about: a click on the notice opens their page. */
  person?: string;
}

/** Threads sharing one record (lib/store/threads.ts): `size` is indexed so counting reads no thread. */
export interface ThreadPack {
  pack: number;
  size: number;
  threads: Thread[];
}

export interface KvRecord {
  key: string;
  value: unknown;
}

export interface SchemaVersion {
  version: number;
  /** Only the tables this version adds or re-indexes (Dexie keeps the others as they were). */
  stores: Record<string, string | null>;
  /** Rewrites the records of the previous version that the new one reads differently. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * Version 2: promises indexed by `status`. Every stored promise needs a status for the index to list it, so
 * records written without one (or with one the schema does not know) become `open`, and a missing
 * `suggestDone` becomes false. Threads that a version-1 backup import stored with a person or a message twice
 * are normalised (the version-1 merge kept such duplicates). Only records that change are written.
 */
async function upgradeToV2(tx: Transaction): Promise<void> {
  const promises = tx.table<PromiseRecord, string>('promises');
  const fixedPromises = (await promises.toArray()).flatMap((p) => {
    const status = p.status === 'open' || p.status === 'done' ? p.status : 'open';
    const suggestDone = typeof p.suggestDone === 'boolean' ? p.suggestDone : false;
    return status === p.status && suggestDone === p.suggestDone ? [] : [{ ...p, status, suggestDone }];
  });
  if (fixedPromises.length) await promises.bulkPut(fixedPromises);

  const threads = tx.table<Thread, string>('threads');
  const fixedThreads = (await threads.toArray()).flatMap((t) => {
    if (!Array.isArray(t.people) || !Array.isArray(t.messages)) return [];
    const n = normalizeThread(t);
    const same =
      n.people.length === t.people.length &&
      n.messages.length === t.messages.length &&
      n.messages.every((m, i) => m === t.messages[i]);
    return same ? [] : [n];
  });
  if (fixedThreads.length) await threads.bulkPut(fixedThreads);
}

/** Every schema version Tend has shipped, oldest first. Never edit a shipped entry: add one. */
export const SCHEMA_VERSIONS: SchemaVersion[] = [
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
  {
    version: 2,
    stores: { promises: 'id, threadKey, status' },
    upgrade: upgradeToV2,
  },
  {
    // Threads packed in shared records. Nothing is rewritten: a thread already stored as a record of its own
    // stays one, and is found there (lib/store/threads.ts).
    version: 3,
    stores: { threadPacks: 'pack, size' },
  },
  {
    // Fewer, larger thread packs (lib/store/threads.ts): the same threads repacked.
    version: 4,
    stores: {},
    upgrade: repackThreads,
  },
  {
    // Histories packed in shared records (lib/store/histories.ts); the per-person records go.
    version: 5,
    stores: { historyPacks: 'pack', histories: null },
    upgrade: packHistories,
  },
  {
    // Summaries count touches logged by hand (the safety copy and sync read only those people's histories).
    version: 6,
    stores: {},
    upgrade: countManualTouches,
  },
];

/** The newest schema version this build knows. */
export const LATEST_SCHEMA = Math.max(...SCHEMA_VERSIONS.map((v) => v.version));

/** The store was written by a newer Tend: this one refuses to open it, and changes nothing in it. */
export class NewerStoreError extends Error {
  override readonly name = 'NewerStoreError';
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `Tend's data was saved by a newer version of Tend (store version ${found}; this Tend knows up to ${known}). ` +
        'Nothing was changed: install the newer Tend again to use it.',
    );
  }
}

/**
 * The stored schema version (Dexie's, the native version / 10), or null when there is no store yet, read
 * without changing anything: opening without a version number never upgrades, and if the store does not
 * exist the creation is aborted. Dexie must not be the first to open a newer store: it would open it anyway at
 * its version and, finding a table or index of ours missing there, "repair" it with an upgrade of its own.
 */
export function storedSchemaVersion(name: string, idb: IDBFactory = globalThis.indexedDB): Promise<number | null> {
  return new Promise((resolve, reject) => {
    let created = false;
    const req = idb.open(name);
    req.onupgradeneeded = () => {
      created = true;
      req.transaction?.abort();
    };
    req.onsuccess = () => {
      const version = req.result.version;
      req.result.close();
      resolve(created ? null : version / 10);
    };
    req.onerror = (e) => {
      e.preventDefault();
      if (created) resolve(null);
      else reject(req.error);
    };
  });
}

export class TendDB extends Dexie {
  contacts!: EntityTable<Contact, 'email'>;
  historyPacks!: EntityTable<HistoryPack, 'pack'>;
  threads!: EntityTable<Thread, 'id'>;
  threadPacks!: EntityTable<ThreadPack, 'pack'>;
  promises!: EntityTable<PromiseRecord, 'id'>;
  events!: EntityTable<CalendarEvent, 'id'>;
  nudgeState!: EntityTable<NudgeState, 'key'>;
  notified!: EntityTable<Notified, 'id'>;
  kv!: EntityTable<KvRecord, 'key'>;

  constructor(name = DB_NAME, versions = SCHEMA_VERSIONS) {
    const guard: { refused?: Error } = {};
    super(name, { indexedDB: refusingFactory(globalThis.indexedDB, guard) });
    this.guard = guard;
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    this.known = Math.max(...versions.map((v) => v.version));
    this.use(roomBackstop(() => this.roomLow));
  }

  /**
   * What the latest room check found (lib/store/quota.ts ensureWriteRoom): true while the disk had no room for
   * a write with its reserve. Until a check finds room again, no write reaches IndexedDB, not even one that
   * did not check for itself (roomBackstop).
   */
  roomLow = false;

  private readonly known: number;
  private readonly guard: { refused?: Error };

  /**
   * How much the disk holds for Tend, asked before every write (lib/store/quota.ts writeTransaction): the
   * browser's `navigator.storage.estimate()` where there is one. Tests put a fake disk here.
   */
  estimateRoom: () => Promise<{ usage?: number; quota?: number } | undefined> = () =>
    typeof navigator !== 'undefined' && navigator.storage?.estimate
      ? navigator.storage.estimate()
      : Promise.resolve(undefined);

  /**
   * Opens the store, unless a newer Tend wrote it: then it fails with NewerStoreError (as does every read and
   * write after it, Dexie's usual way with a failed open), and the store is left as it is.
   */
  override open() {
    return Dexie.Promise.resolve(storedSchemaVersion(this.name)).then((found) => {
      this.guard.refused = found !== null && found > this.known ? new NewerStoreError(found, this.known) : undefined;
      return super.open();
    });
  }
}

/**
 * The browser's IndexedDB, except that while `guard.refused` is set an open fails with that error without
 * touching the store. Dexie then fails the open its own way: every query waiting for it, and every later one,
 * gets the error (an exception thrown before Dexie's own open would leave those waiting forever).
 */
function refusingFactory(real: IDBFactory, guard: { refused?: Error }): IDBFactory {
  return {
    open(name: string, version?: number): IDBOpenDBRequest {
      const refused = guard.refused;
      if (!refused) return real.open(name, version);
      const req = { error: refused, result: undefined } as unknown as IDBOpenDBRequest;
      setTimeout(() =>
        req.onerror?.call(req, { target: req, preventDefault() {}, stopPropagation() {} } as unknown as Event),
      );
      return req;
    },
    deleteDatabase: (name: string) => real.deleteDatabase(name),
    cmp: (a: unknown, b: unknown) => real.cmp(a, b),
    databases: () => real.databases(),
  };
}

let shared: TendDB | undefined;

/** The extension's database (opened lazily, once per context). */
export function getDb(): TendDB {
  shared ??= new TendDB();
  return shared;
}

/** Tables that hold the user's data (everything `Delete all data` removes). */
export function dataTables(db: TendDB) {
  return [
    db.contacts,
    db.historyPacks,
    db.threads,
    db.threadPacks,
    db.promises,
    db.events,
    db.nudgeState,
    db.notified,
    db.kv,
  ];
}

/** The open promises, through the `status` index (done ones accumulate forever and are not read). */
export function openPromises(db: TendDB): Promise<PromiseRecord[]> {
  return db.promises.where('status').equals('open').toArray();
}
