/**
 * Reading many records by key when most may not exist yet (a first import: thousands of new threads and people).
 *
 * Dexie's `bulkGet` asks IndexedDB once per key, and in Chromium each ask costs about as much for a missing key as
 * for a present one. Listing the primary keys that exist between the smallest and the largest asked for is one
 * request; only those are then read. Callers that pass key-sorted batches make the ranges disjoint, so a whole
 * import lists each stored key at most once. (importBackup orders its people and threads by pack, for the packs'
 * sake: each chunk of people lists the keys of every stored contact, and each chunk of threads the threads an
 * earlier Tend stored a record each: none in a store created since schema 3.)
 */
import type { Table } from 'dexie';

/** Below this many keys a plain bulkGet is as cheap. */
const PROBE_FROM = 32;

/** The records stored under `keys`, in the same order, `undefined` where there is none (as `bulkGet`). */
export async function bulkGetExisting<T, I>(
  table: Table<T, string, I>,
  keys: readonly string[],
): Promise<(T | undefined)[]> {
  if (keys.length < PROBE_FROM) return table.bulkGet([...keys]);
  let min = keys[0] as string;
  let max = min;
  for (const k of keys) {
    if (k < min) min = k;
    if (k > max) max = k;
  }
  const stored = new Set(await table.where(':id').between(min, max, true, true).primaryKeys());
  if (stored.size === 0) return keys.map(() => undefined);
  const present = keys.filter((k) => stored.has(k));
  const found = await table.bulkGet(present);
  const byKey = new Map(present.map((k, i) => [k, found[i]]));
  return keys.map((k) => byKey.get(k));
}
