import { useLiveQuery } from 'dexie-react-hooks';
import type { HealthState } from '@/lib/core/model';
import { getDb } from '@/lib/store/db';
import { allHealth } from '@/lib/store/health';
import { HealthBanner } from '../health-banner';

/**
 * The health banner, live: shows as soon as Gmail or Calendar stops being recognised, with the day it stopped in
 * `timeZone` (the user's, components/live/time-zone.ts).
 */
export function LiveHealthBanner({ initial, timeZone }: { initial?: HealthState[]; timeZone: string }) {
  const health = useLiveQuery(() => allHealth(getDb()), [], initial);
  return <HealthBanner health={health} timeZone={timeZone} />;
}
