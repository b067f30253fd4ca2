import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/store/db';
import { getSettings } from '@/lib/store/settings';
import { zoneOf } from '../runtime';

/**
 * The zone a page shows days in, for the pages whose own reads do not include the settings (the popup, the
 * sidebar's list, the banners): the user's setting, else the browser's (`zoneOf`), read live so a change in
 * Options shows at once. Until the settings are read, and when they cannot be: `initial`, the zone the page's
 * first read found (the popup's, lib/store/first-paint.ts), so its first render and the screen kept from it
 * already tell days in the user's zone; without one, the browser's, which is also what an empty setting means.
 * Pages that read the settings already take `zoneOf(settings.timeZone)` from that read.
 */
export function useTimeZone(initial?: string): string {
  const zone = useLiveQuery(async () => {
    try {
      return zoneOf((await getSettings(getDb())).timeZone);
    } catch {
      // A store that cannot be read is said by the page's other reads; the days are the first read's meanwhile.
      return zoneOf(initial);
    }
  }, []);
  return zone ?? zoneOf(initial);
}
