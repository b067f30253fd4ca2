/**
 * Which person an address belongs to when it is not the one they are filed under: one kv record mapping each
 * alias to its person's address, written by lib/store/addresses.ts and read by every recording of touches.
 */

import type { TendDB } from './db';

/** The kv record mapping each alias to the address of the person it belongs to. */
export const ALIASES_KEY = 'aliases';

export type AliasMap = Record<string, string>;

/** The alias map as stored (an empty one when none, or when the record is not of the expected shape). */
export async function aliasMap(db: TendDB): Promise<AliasMap> {
  const v = (await db.kv.get(ALIASES_KEY))?.value;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: AliasMap = Object.create(null);
  for (const [k, to] of Object.entries(v as Record<string, unknown>)) if (typeof to === 'string') out[k] = to;
  return out;
}

/** The address a person is filed under: the alias's owner, else the address itself. */
export function resolveAlias(map: AliasMap, email: string): string {
  return Object.hasOwn(map, email) ? (map[email] as string) : email;
}

export async function saveAliasMap(db: TendDB, map: AliasMap): Promise<void> {
  await db.kv.put({ key: ALIASES_KEY, value: { ...map } });
}

/**
 * The map rebuilt from the contacts' own `aliases` (after a backup import, which carries them): each alias
 * to the first person that lists it, never to itself. Runs inside the caller's transaction over contacts and kv.
 */
export async function rebuildAliasMap(db: TendDB): Promise<AliasMap> {
  const map: AliasMap = Object.create(null);
  await db.contacts
    .filter((c) => (c.aliases?.length ?? 0) > 0)
    .each((c) => {
      for (const a of c.aliases) if (a !== c.email && !Object.hasOwn(map, a)) map[a] = c.email;
    });
  await saveAliasMap(db, map);
  return map;
}
