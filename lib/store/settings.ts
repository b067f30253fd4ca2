/** The user's settings: one record in `kv`, always read through the schema so defaults fill any gap. */

import { DEFAULT_SETTINGS, Settings } from '../core/model';
import type { TendDB } from './db';
import { saveOrSay, type WriteFailure, writeTransaction } from './quota';

import { SETTINGS_KEY } from './settings-key';

export { SETTINGS_KEY };

const KEY = SETTINGS_KEY;

export async function getSettings(db: TendDB): Promise<Settings> {
  const rec = await db.kv.get(KEY);
  return rec ? readSettings(rec.value) : DEFAULT_SETTINGS;
}

/**
 * A stored settings record read through the schema. One setting the schema refuses (a record another version of
 * Tend wrote, a value edited by hand) takes its default alone; every other setting is kept as stored, so the
 * working hours or quiet hours do not reset because of another setting, and the popup's first paint, which reads
 * the zone without the schema (lib/store/settings-key.ts), counts days in the same zone as the rest.
 */
export function readSettings(value: unknown): Settings {
  const whole = Settings.safeParse(value);
  if (whole.success) return whole.data;
  const stored = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const kept: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(Settings.shape)) {
    const one = setting.safeParse(stored[name]);
    if (one.success) kept[name] = one.data;
  }
  return Settings.parse(kept);
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
