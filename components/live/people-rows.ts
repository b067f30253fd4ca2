import { getDb } from '@/lib/store/db';
import { type LiveValue, startLiveValue } from '@/lib/store/live-value';
import { type PersonRow, peopleTable } from '@/lib/store/people-table';

/** The People view's rows, the time they were read at (who is due, how long ago) and the zone days are told in. */
export interface PeopleRowsAt {
  rows: PersonRow[];
  at: number;
  /** The user's zone (as components/runtime.ts zoneOf resolves it); the browser's when absent. */
  timeZone?: string;
}

/**
 * The rows of the People view, kept live: started by the page's module script before React and the views have
 * loaded (entrypoints/people/main.tsx), so it holds no React of its own. The zone comes from the rows' own read
 * of the settings: a zone changed in Options re-reads both.
 */
export function livePeopleRows(): LiveValue<PeopleRowsAt> {
  return startLiveValue(async () => {
    const at = Date.now();
    return { ...(await peopleTable(getDb(), at)), at };
  });
}
