/**
 * Why a write to the store failed, decided in one place, and the one way every write path opens a readwrite
 * transaction (capture ingest, backup and mailbox import, settings, contact edits).
 *
 * What a full disk looks like depends on where it hits: a `QuotaExceededError` from the request or the
 * transaction, Dexie's `AbortError` or `BulkError` whose requests were aborted because the transaction was
 * (the cause is then only on the native transaction's `error`), or a failed open ("Encountered full disk
 * while opening backing store"). `writeTransaction` keeps the native transaction so its `error` is read too.
 */
import Dexie, { type DBCore, type Middleware, type Table, type Transaction } from 'dexie';
import type { TendDB } from './db';

/**
 * - `disk-full`: the disk (or the browser's quota) had no room; nothing of the transaction was written.
 * - `newer-store`: the store was written by a newer Tend; Tend refuses to touch it.
 * - `aborted`: the transaction was aborted for another or unknown reason; nothing of it was written.
 * - `other`: any other failure.
 */
export type WriteFailure = 'disk-full' | 'newer-store' | 'aborted' | 'other';

const DISK_FULL_TEXT = /quota ?exceeded|full disk|disk is full|no space left|FILE_ERROR_NO_SPACE|ENOSPC/i;

function field(e: unknown, name: string): unknown {
  try {
    return e !== null && typeof e === 'object' ? (e as Record<string, unknown>)[name] : undefined;
  } catch {
    return undefined;
  }
}

function text(e: unknown, name: string): string {
  const v = field(e, name);
  return typeof v === 'string' ? v : '';
}

/** Everything an error carries that may name the cause: itself, Dexie's `inner`, a BulkError's failures. */
function causes(e: unknown, depth = 0, out: unknown[] = []): unknown[] {
  if (e === null || e === undefined || depth > 4 || out.length > 64) return out;
  out.push(e);
  causes(field(e, 'inner'), depth + 1, out);
  causes(field(e, 'cause'), depth + 1, out);
  const failures = field(e, 'failures');
  if (Array.isArray(failures)) for (const f of failures.slice(0, 20)) causes(f, depth + 1, out);
  return out;
}

/** Classifies what a write (or the open before it) threw. Never throws. */
export function classifyWriteError(...errors: unknown[]): WriteFailure {
  const all = errors.flatMap((e) => causes(e));
  const names = all.map((e) => text(e, 'name'));
  const messages = all.map((e) => (typeof e === 'string' ? e : text(e, 'message')));
  if (all.some((e) => e instanceof StoreWriteError && e.reason === 'disk-full')) return 'disk-full';
  if (names.includes('QuotaExceededError') || messages.some((m) => DISK_FULL_TEXT.test(m))) return 'disk-full';
  if (names.includes('NewerStoreError') || names.includes('VersionError')) return 'newer-store';
  if (names.some((n) => n === 'AbortError' || n === 'TransactionInactiveError')) return 'aborted';
  if (names.includes('BulkError')) return 'aborted';
  return 'other';
}

/** What the user is told, one sentence per reason. */
export const FAILURE_TEXT: Record<WriteFailure, string> = {
  'disk-full': 'Tend could not save: the disk is full',
  'newer-store': 'Tend could not save: this store was written by a newer version of Tend',
  aborted: 'Tend could not save: the write was interrupted',
  other: 'Tend could not save',
};

/** A write that failed as a whole: nothing of its transaction is in the store. */
export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError';
  constructor(
    readonly reason: WriteFailure,
    /** What was not saved, in the user's words ("the capture of 3 threads", "Ann Lee's notes"). */
    readonly notSaved: string,
    readonly original?: unknown,
  ) {
    super(`${FAILURE_TEXT[reason]} (not saved: ${notSaved})`);
  }
}

/**
 * Runs `fn` in ONE readwrite transaction over `tables`. On failure the transaction has rolled back and a
 * StoreWriteError says why (its `reason`) and what was not saved (`what`). The native transaction's own
 * `error` is read as well: when the commit fails for want of space, Dexie reports the aborted requests, and
 * only the transaction knows it was a QuotaExceededError.
 */
export async function writeTransaction<T>(
  db: TendDB,
  tables: Table[],
  what: string,
  fn: (tx: Transaction) => Promise<T>,
  bytes = SMALL_WRITE_BYTES,
): Promise<T> {
  await ensureWriteRoom(db, bytes, what);
  let native: IDBTransaction | undefined;
  try {
    // An async function, so that Dexie keeps the transaction alive across the awaits inside `fn`.
    return await db.transaction('rw', tables, async (tx) => {
      native = tx.idbtrans;
      return await fn(tx);
    });
  } catch (e) {
    if (e instanceof StoreWriteError && !(e instanceof RoomLowError)) throw e;
    let txError: unknown;
    try {
      txError = native?.error ?? undefined;
    } catch {
      txError = undefined;
    }
    throw new StoreWriteError(classifyWriteError(e, txError), what, e);
  }
}

/**
 * Why Tend stops writing before the disk is full, not when it is. Chromium keeps IndexedDB in LevelDB; a write
 * or a compaction that meets a full disk can leave LevelDB reporting corruption, and Chromium then deletes the
 * whole database on the next open (content/browser/indexed_db: BucketContext::HandleBackingStoreCorruption,
 * then a destroy-and-recreate with "total" data loss). That is how a full disk once emptied Tend's store. So no
 * write of Tend's may bring LevelDB near the edge: each needs its own size twice over (ROOM_MARGIN) plus a reserve
 * for LevelDB's compaction, which Chromium sizes as 2A + 2B for a table set A and a write buffer B of 1-4 MB
 * (leveldb_chrome's WriteBufferSize): WRITE_RESERVE_BYTES, and half of what Tend already stores.
 */
export const WRITE_RESERVE_BYTES = 4_000_000;
/** A write Tend does not size (a capture, a setting, a person's change): generously, all of them are small. */
export const SMALL_WRITE_BYTES = 64_000;

export function writeReserve(usage: number): number {
  return WRITE_RESERVE_BYTES + Math.ceil(usage / 2);
}

/** Throws StoreWriteError('disk-full') before a write the disk cannot take with its reserve; nothing is touched. */
export async function ensureWriteRoom(db: TendDB, need: number, what: string): Promise<void> {
  // Inside a transaction already (a write nested in another): the outer one was checked, and awaiting the
  // browser's estimate here would let IndexedDB commit the outer transaction before its last request.
  if (Dexie.currentTransaction) return;
  const estimate = await db.estimateRoom().catch(() => undefined);
  const room = checkRoom(need, estimate);
  // The wall (roomBackstop) goes up when not even a small write fits; a big chunk that does not fit is refused
  // on its own, and leaves the small writes (a capture, a note) their room.
  db.roomLow = room.ok ? false : !checkRoom(SMALL_WRITE_BYTES, estimate).ok;
  if (!room.ok) throw new StoreWriteError('disk-full', what);
}

/** Refused by roomBackstop; writeTransaction names it in its own words ("a Gmail capture"). */
export class RoomLowError extends StoreWriteError {
  constructor(table: string) {
    super('disk-full', `a change to ${table}`);
  }
}

/**
 * The wall behind writeTransaction: while the latest room check found the disk full (`roomLow`), every write
 * to IndexedDB fails at once with StoreWriteError('disk-full'), whoever makes it, so that LevelDB never meets
 * the full disk (see WRITE_RESERVE_BYTES). A schema upgrade is let through: it runs before any check could.
 */
export function roomBackstop(roomLow: () => boolean): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'tend-room-backstop',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) =>
            roomLow() && (req.trans as unknown as IDBTransaction).mode !== 'versionchange'
              ? Promise.reject(new RoomLowError(name))
              : table.mutate(req),
        };
      },
    }),
  };
}

/**
 * What could not be saved: kept in memory where a full disk cannot stop it, and on disk where it outlives a restart.
 * Each kind is cleared by a later success of its own kind only: a catch-up from Gmail is its own (a page capture
 * saved afterwards does not bring back the Sent pages the walk could not save).
 */
export const SAVE_KINDS = ['capture', 'catch-up', 'import', 'settings', 'contact'] as const;
export type SaveKind = (typeof SAVE_KINDS)[number];

export interface SaveFailure {
  kind: SaveKind;
  reason: WriteFailure;
  /** In the user's words: "2 Gmail captures (kept in the Gmail tab until there is room)". */
  notSaved: string;
  at: number;
}

/** Where failed saves are told (the banners read them), and a kind cleared once a save of it succeeds. */
export interface SaveTeller {
  failed: (f: SaveFailure) => void;
  saved: (kind: SaveKind) => void;
}

export type Saved<T> = { ok: true; value: T } | { ok: false; error: string; reason: WriteFailure };

/** A write's own refusal (`{ ok: false }`: an invalid change): it saved nothing. */
function refused(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

/**
 * Runs a write the user is waiting for: one that could not be saved becomes a reply in words (and is told to
 * `tell`, so the banners say it); anything but a failed save is thrown. A write that answers a refusal of its
 * own (`{ ok: false }`: an invalid change) saved nothing, so it clears nothing. `notSaved` names what was not saved
 * in the banner when the write's own words are not the ones to show.
 */
export async function saveOrSay<T>(
  kind: SaveKind,
  write: () => Promise<T>,
  tell: SaveTeller | undefined,
  at: () => number,
  notSaved?: string,
): Promise<Saved<T>> {
  try {
    const value = await write();
    if (!refused(value)) tell?.saved(kind);
    return { ok: true, value };
  } catch (e) {
    if (!(e instanceof StoreWriteError)) throw e;
    tell?.failed({ kind, reason: e.reason, notSaved: notSaved ?? e.notSaved, at: at() });
    return { ok: false, error: e.message, reason: e.reason };
  }
}

/** The failures of each kind, latest first; a later success of a kind clears that kind. */
export type SaveFailures = Partial<Record<SaveKind, SaveFailure>>;

export const SAVE_FAILURES_KEY = 'tend-save-failures';

/** The message shown for the current failures, oldest reason first; null when everything was saved. */
export function saveFailureText(failures: SaveFailures | undefined): { title: string; details: string[] } | null {
  const list = Object.values(failures ?? {})
    .filter((f): f is SaveFailure => !!f && typeof f.notSaved === 'string' && f.reason in FAILURE_TEXT)
    .sort((a, b) => a.at - b.at);
  const first = list[0];
  if (!first) return null;
  return { title: FAILURE_TEXT[first.reason], details: list.map((f) => `Not saved: ${f.notSaved}`) };
}

/** Reads whatever storage holds under SAVE_FAILURES_KEY into failures, dropping anything malformed. */
export function readSaveFailures(value: unknown): SaveFailures {
  const out: SaveFailures = {};
  if (!value || typeof value !== 'object') return out;
  for (const kind of SAVE_KINDS) {
    const f = (value as Record<string, unknown>)[kind];
    if (!f || typeof f !== 'object') continue;
    const { reason, notSaved, at } = f as Record<string, unknown>;
    if (typeof reason === 'string' && reason in FAILURE_TEXT && typeof notSaved === 'string' && typeof at === 'number')
      out[kind] = { kind, reason: reason as WriteFailure, notSaved, at };
  }
  return out;
}

/**
 * Room before big work. What a record costs on disk, measured as IndexedDB (LevelDB) grew in Chromium for the
 * synthetic 100,000-interaction backup, rounded up; an import needs twice that free (LevelDB writes a log,
 * then compacts into tables) before it starts.
 */
export const RECORD_BYTES = {
  contact: 700,
  interaction: 160,
  thread: 300,
  threadMessage: 140,
  event: 350,
  promise: 450,
  nudgeState: 120,
} as const;
export const ROOM_MARGIN = 2;

export interface ImportSize {
  contacts: number;
  interactions: number;
  threads: number;
  threadMessages: number;
  events: number;
  promises: number;
  nudgeState: number;
}

export function importBytes(s: ImportSize): number {
  return (
    s.contacts * RECORD_BYTES.contact +
    s.interactions * RECORD_BYTES.interaction +
    s.threads * RECORD_BYTES.thread +
    s.threadMessages * RECORD_BYTES.threadMessage +
    s.events * RECORD_BYTES.event +
    s.promises * RECORD_BYTES.promise +
    s.nudgeState * RECORD_BYTES.nudgeState
  );
}

/** `required`: what must be free for a write of `need` bytes (twice it, plus the reserve). */
export type RoomCheck =
  | { ok: true; need: number; free?: number; required?: number }
  | { ok: false; need: number; free: number; required: number };

/**
 * Whether a write of `need` bytes fits twice over (ROOM_MARGIN) and still leaves LevelDB its reserve
 * (writeReserve), from `navigator.storage.estimate()`: quota minus usage, which for an extension with
 * `unlimitedStorage` is what the disk has free. An estimate the browser does not give is no reason to refuse.
 * The same rule sizes a whole import before it starts and each of its chunks as it goes.
 */
export function checkRoom(need: number, estimate: { usage?: number; quota?: number } | undefined): RoomCheck {
  if (!estimate || typeof estimate.quota !== 'number' || typeof estimate.usage !== 'number') return { ok: true, need };
  const free = Math.max(0, estimate.quota - estimate.usage);
  const required = need * ROOM_MARGIN + writeReserve(estimate.usage);
  return required <= free ? { ok: true, need, free, required } : { ok: false, need, free, required };
}

/** Why a big import was not started, in words: "it needs about 6.4 MB, and Tend wants 17 MB free …". */
export function noRoomWords(room: { need: number; free: number; required: number }): string {
  return (
    `it needs about ${megabytes(room.need)}, and Tend wants ${megabytes(room.required)} free before writing that ` +
    `much (room for the browser's database to work safely); the disk has ${megabytes(room.free)} free`
  );
}

/** "3.2 MB" */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}
