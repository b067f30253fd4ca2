/**
 * Where the settings live in `kv`, and the one setting the popup's first paint reads from them (its zone), without
 * the schema: lib/store/first-paint.ts loads in the popup's first, tiny script, before zod. Everyone else reads
 * the settings through lib/store/settings.ts.
 */

export const SETTINGS_KEY = 'settings';

/** The zone a stored settings record names ('' or none: the browser's, resolved by the caller). */
export function storedTimeZone(value: unknown): string | undefined {
  const zone = (value as { timeZone?: unknown } | null | undefined)?.timeZone;
  return typeof zone === 'string' && zone !== '' ? zone : undefined;
}
