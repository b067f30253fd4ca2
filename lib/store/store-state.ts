/**
 * Whether the store opens, and if not, why, in the user's words: a store from a newer Tend (refused, left as
 * it is), a full disk, or a store that fails to open (offer an export of what can be read, and a fresh start).
 */
import Dexie from 'dexie';
import { NewerStoreError, type TendDB } from './db';
import { classifyWriteError } from './quota';

export type StoreState = { ok: true } | { ok: false; reason: 'newer-store' | 'disk-full' | 'broken'; message: string };

export async function storeState(db: TendDB): Promise<StoreState> {
  try {
    await db.open();
    return { ok: true };
  } catch (e) {
    const inner = e instanceof Dexie.DexieError ? e.inner : undefined;
    const newer = e instanceof NewerStoreError ? e : inner instanceof NewerStoreError ? inner : undefined;
    if (newer) return { ok: false, reason: 'newer-store', message: newer.message };
    if (classifyWriteError(e) === 'disk-full')
      return {
        ok: false,
        reason: 'disk-full',
        message:
          'Tend could not open its data: the disk is full. Nothing was changed; free some space and reopen this page.',
      };
    const why = e instanceof Error ? e.message.slice(0, 300) : 'unknown error';
    return {
      ok: false,
      reason: 'broken',
      message: `Tend could not open its data (${why}). You can export what can still be read, then start fresh.`,
    };
  }
}

/**
 * Every record that can still be read from the raw IndexedDB store, table by table, without Dexie and without
 * changing anything (opened without a version: never upgraded). A table that cannot be read is named in `errors`.
 */
export function readableRecords(
  name: string,
  idb: IDBFactory = globalThis.indexedDB,
): Promise<{ tables: Record<string, unknown[]>; errors: string[] }> {
  return new Promise((resolve) => {
    const out: { tables: Record<string, unknown[]>; errors: string[] } = { tables: {}, errors: [] };
    let req: IDBOpenDBRequest;
    try {
      req = idb.open(name);
    } catch (e) {
      resolve({ tables: {}, errors: [String(e)] });
      return;
    }
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = (ev) => {
      ev.preventDefault();
      resolve({ tables: {}, errors: [`the store could not be opened: ${req.error?.message ?? 'unknown error'}`] });
    };
    req.onsuccess = async () => {
      const db = req.result;
      for (const table of [...db.objectStoreNames]) {
        out.tables[table] = await new Promise<unknown[]>((done) => {
          try {
            const get = db.transaction(table).objectStore(table).getAll();
            get.onsuccess = () => done(get.result);
            get.onerror = (ev) => {
              ev.preventDefault();
              out.errors.push(`${table}: ${get.error?.message ?? 'unreadable'}`);
              done([]);
            };
          } catch (e) {
            out.errors.push(`${table}: ${String(e)}`);
            done([]);
          }
        });
      }
      db.close();
      resolve(out);
    };
  });
}

/** A fresh start after a store that would not open: only on the user's word, and never for a newer store. */
export async function startFresh(db: TendDB, state: StoreState): Promise<void> {
  if (state.ok || state.reason !== 'broken') throw new Error('only a store that fails to open is started afresh');
  db.close();
  await Dexie.delete(db.name);
}
