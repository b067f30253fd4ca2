/** The user's settings: one record in `kv`, always read through the schema so defaults fill any gap. */

import { DEFAULT_SETTINGS, Settings } from '../core/model';
import type { TendDB } from './db';
import { saveOrSay, type WriteFailure, writeTransaction } from './quota';

import { SETTINGS_KEY } from './settings-key';

export { SETTINGS_KEY };

const KEY = SETTINGS_KEY;

export async function getSettings(db: TendDB): Promise<Settings> {
  const rec = await db.kv.get(KEY);
  if (!rec) return DEFAULT_SETTINGS;
  const parsed = Settings.safeParse(rec.value);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Validates and saves a whole settings object; returns the errors instead when it is not valid. */
export async function saveSettings(
  db: TendDB,
  next: unknown,
): Promise<{ ok: true; settings: Settings } | { ok: false; errors: string[]; reason?: WriteFailure }> {
  const parsed = Settings.safeParse(next);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`) };
  }
  const saved = await saveOrSay(
    'settings',
    () => writeTransaction(db, [db.kv], 'your settings', () => db.kv.put({ key: KEY, value: parsed.data })),
    undefined,
    Date.now,
  );
  return saved.ok ? { ok: true, settings: parsed.data } : { ok: false, errors: [saved.error], reason: saved.reason };
}

/**
 * Applies a change to the settings stored at this moment (read, modify, validate, save in one transaction, so
 * nothing written meanwhile is overwritten by an older copy); the errors instead when the result is not valid.
 */
export async function updateSettings(db: TendDB, change: (s: Settings) => unknown) {
  return writeTransaction(db, [db.kv], 'your settings', async () => saveSettings(db, change(await getSettings(db))));
}
