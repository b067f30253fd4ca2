/**
 * The hash that spreads records over shared packs (threads by id, histories by person): FNV-1a over the key's
 * UTF-16 code units, as an unsigned 32-bit number. Stored layouts depend on it: never change it.
 */
export function packHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
