import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db';
import { allHealth } from '@/lib/health';
import type { HealthState } from '@/lib/model';
import { HealthBanner } from '../health-banner';

/** The health banner, live: shows as soon as Gmail or Calendar stops being recognised. */
export function LiveHealthBanner({ initial }: { initial?: HealthState[] } = {}) {
  const health = useLiveQuery(() => allHealth(getDb()), [], initial);
  return <HealthBanner health={health} />;
}
