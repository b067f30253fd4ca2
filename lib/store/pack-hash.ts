/**
 * What the packed layouts share (threads by id, lib/store/threads.ts; histories by person,
 * lib/store/histories.ts): the hash that spreads records over packs, the order a batch is best written in, and
 * the grouping of records into packs.
 */

/** FNV-1a over the key's UTF-16 code units, as an unsigned 32-bit number. Stored layouts depend on it: never change it. */
export function packHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Keys in code-unit order (IndexedDB's order for string keys). */
export const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order a large batch is best written in: by pack, then by key. Chunks of a batch in this order each touch
 * their own few packs, so an import writes each pack about once instead of once per chunk. Each key is hashed
 * once (a comparator that hashed both sides hashed 25,000 thread ids about 750,000 times).
 */
export function inPackOrder<T>(list: readonly T[], keyOf: (t: T) => string, packOf: (key: string) => number): T[] {
  const keyed = list.map((t) => {
    const key = keyOf(t);
    return { t, key, pack: packOf(key) };
  });
  keyed.sort((a, b) => a.pack - b.pack || byKey(a.key, b.key));
  return keyed.map((k) => k.t);
}

/** The items grouped by the pack each goes to, as pack records are built. */
export function groupByPack<T>(items: Iterable<T>, packOf: (t: T) => number): Map<number, T[]> {
  const packs = new Map<number, T[]>();
  for (const t of items) {
    const p = packOf(t);
    const list = packs.get(p);
    if (list) list.push(t);
    else packs.set(p, [t]);
  }
  return packs;
}
