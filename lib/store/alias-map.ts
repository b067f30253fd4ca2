/**
 * The alias index of lib/store/aliases.ts seen as a plain record, for the address edits (add, remove, merge) of
 * lib/store/addresses.ts, which rewrite several entries at once. Same kv record, same shape.
 */
import { aliasIndex, saveAliasIndex } from './aliases';
import type { TendDB } from './db';

export type AliasMap = Record<string, string>;

export async function aliasMap(db: TendDB): Promise<AliasMap> {
  return Object.fromEntries(await aliasIndex(db));
}

export async function saveAliasMap(db: TendDB, map: AliasMap): Promise<void> {
  await saveAliasIndex(db, new Map(Object.entries(map)));
}
