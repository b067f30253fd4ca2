/**
 * Why a write to the store failed, decided in one place, and the one way every write path opens a readwrite
 * transaction (capture ingest, backup and mailbox import, settings, contact edits).
 *
 * What a full disk looks like depends on where it hits: a `QuotaExceededError` from the request or the
 * transaction, Dexie's `AbortError` or `BulkError` whose requests were aborted because the transaction was
 * (the cause is then only on the native transaction's `error`), or a failed open ("Encountered full disk
 * while opening backing store"). `writeTransaction` keeps the native transaction so its `error` is read too.
 */
import type { Table, Transaction } from 'dexie';
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
): Promise<T> {
  let native: IDBTransaction | undefined;
  try {
    return await db.transaction('rw', tables, (tx) => {
      native = tx.idbtrans;
      return fn(tx);
    });
  } catch (e) {
    if (e instanceof StoreWriteError) throw e;
    let txError: unknown;
    try {
      txError = native?.error ?? undefined;
    } catch {
      txError = undefined;
    }
    throw new StoreWriteError(classifyWriteError(e, txError), what, e);
  }
}
