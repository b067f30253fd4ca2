import { useLiveQuery } from 'dexie-react-hooks';
import type { HealthState } from '@/lib/core/model';
import { getDb } from '@/lib/store/db';
import { allHealth } from '@/lib/store/health';
import { HealthBanner } from '../health-banner';

/** The health banner, live: shows as soon as Gmail or Calendar stops being recognised. */
export function LiveHealthBanner({ initial }: { initial?: HealthState[] } = {}) {
  const health = useLiveQuery(() => allHealth(getDb()), [], initial);
  return <HealthBanner health={health} />;
}
