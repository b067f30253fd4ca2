import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db';
import { allHealth } from '@/lib/health';
import { HealthBanner } from '../health-banner';

/** The health banner, live: shows as soon as Gmail or Calendar stops being recognised. */
export function LiveHealthBanner() {
  const health = useLiveQuery(() => allHealth(getDb()), []);
  return <HealthBanner health={health} />;
}
