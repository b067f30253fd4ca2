/** The user's own addresses: the signed-in accounts Tend has seen and those listed in Options. Never contacts. */
import { normalizeEmail } from '../core/email';
import type { TendDB } from './db';
import { getSettings } from './settings';

export const ACCOUNTS_KEY = 'accounts';

/** The user's own signed-in addresses Tend has seen: never contacts. */
export async function knownAccounts(db: TendDB): Promise<string[]> {
  const rec = await db.kv.get(ACCOUNTS_KEY);
  return Array.isArray(rec?.value) ? (rec.value as string[]) : [];
}

export async function selfAddresses(db: TendDB, extra: string[] = []): Promise<string[]> {
  const settings = await getSettings(db);
  const all = [...settings.selfAddresses, ...(await knownAccounts(db)), ...extra];
  return [...new Set(all.map((a) => normalizeEmail(a)).filter((a): a is string => a !== null))];
}
