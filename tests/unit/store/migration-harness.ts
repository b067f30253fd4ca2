/**
 * The migration harness: open a database as an older Tend would (only the schema versions it knew),
 * seed it with that version's records, close it, reopen it as today's Tend, and look at what came through.
 */
import { SCHEMA_VERSIONS, TendDB } from '@/lib/store/db';

export async function migrate<T>(opts: {
  from: number;
  seed: (old: TendDB) => Promise<void>;
  check: (current: TendDB) => Promise<T>;
}): Promise<T> {
  const name = `tend-migration-${opts.from}-${Math.random().toString(36).slice(2)}`;
  const oldVersions = SCHEMA_VERSIONS.filter((v) => v.version <= opts.from);
  if (!oldVersions.length) throw new Error(`no schema version ${opts.from}`);
  const old = new TendDB(name, oldVersions);
  await old.open();
  expect(old.verno).toBe(opts.from);
  await opts.seed(old);
  old.close();
  const current = new TendDB(name);
  await current.open();
  try {
    return await opts.check(current);
  } finally {
    current.close();
  }
}
