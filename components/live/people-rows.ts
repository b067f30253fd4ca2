import { getDb } from '@/lib/store/db';
import { type LiveValue, startLiveValue } from '@/lib/store/live-value';
import { type PersonRow, peopleRows } from '@/lib/store/people-table';

/** The People view's rows and the time they were read at (who is due, how long ago). */
export interface PeopleRowsAt {
  rows: PersonRow[];
  at: number;
}

/**
 * The rows of the People view, kept live: started by the page's module script before React and the views have
 * loaded (entrypoints/people/main.tsx), so it holds no React of its own.
 */
export function livePeopleRows(): LiveValue<PeopleRowsAt> {
  return startLiveValue(async () => {
    const at = Date.now();
    return { rows: await peopleRows(getDb(), at), at };
  });
}
