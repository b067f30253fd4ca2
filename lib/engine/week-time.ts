/**
 * This week's relationship time against the usual: touches, meetings and people reached in the user's week (in
 * their zone, the week starting on the locale's first day), against the median of the weeks before. Pure.
 *
 * - A touch is any interaction but one-way mail to many at once (it does not keep anyone in touch, as for the
 *   rhythm). A meeting is a touch with direction `meeting` (calendar, .ics, or a call, coffee, meeting or event
 *   logged by hand). People reached: different people with a touch that week.
 * - This week runs to `now` (a meeting later today has not happened yet): it is "so far".
 * - The usual week is the median of up to `weeks` full weeks before this one (rounded: a week has whole touches), leaving out the weeks before Tend
 *   knew of any touch (`historyStart`): a new user's empty past is not their usual; and the week that touch fell
 *   in, only partly known, unless it is the only one. With none left it is null.
 */
import { median } from '../core/median';
import type { Interaction } from '../core/model';
import { startOfZonedDay, startOfZonedWeek } from '../time/zoned-time';

export type WeekTouch = Pick<Interaction, 'contact' | 'at' | 'direction' | 'mass'>;

export interface WeekCounts {
  /** Local midnight that starts the week. */
  start: number;
  /** Local midnight that starts the next week. */
  end: number;
  touches: number;
  meetings: number;
  people: number;
}

/** A usual week: the medians of the weeks before, rounded to whole counts. */
export interface Usual {
  touches: number;
  meetings: number;
  people: number;
  /** How many weeks the median is over. */
  weeks: number;
}

export interface WeekTime {
  thisWeek: WeekCounts;
  /** The weeks before this one, oldest first (only those the usual is taken over). */
  previous: WeekCounts[];
  usual: Usual | null;
}

export const USUAL_WEEKS = 12;

export function weekTime(
  items: readonly WeekTouch[],
  now: number,
  o: { timeZone: string; weekStartsOn: number; weeks?: number; historyStart?: number },
): WeekTime {
  const n = Math.max(0, Math.floor(o.weeks ?? USUAL_WEEKS));
  const thisStart = startOfZonedWeek(now, o.timeZone, o.weekStartsOn);
  // Week boundaries by the local calendar (a week with a DST change is 167 or 169 hours long).
  const bounds: number[] = [];
  for (let k = n; k >= -1; k--) bounds.push(k === 0 ? thisStart : startOfZonedDay(thisStart, o.timeZone, -7 * k));
  const weeks: (WeekCounts & { who: Set<string> })[] = [];
  for (let i = 0; i + 1 < bounds.length; i++)
    weeks.push({
      start: bounds[i] as number,
      end: bounds[i + 1] as number,
      touches: 0,
      meetings: 0,
      people: 0,
      who: new Set(),
    });
  const first = bounds[0] as number;
  for (const it of items) {
    if (it.mass || it.at < first || it.at > now) continue;
    // Binary search for the week holding `at`.
    let lo = 0;
    let hi = weeks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((weeks[mid] as WeekCounts).start <= it.at) lo = mid;
      else hi = mid - 1;
    }
    const w = weeks[lo] as WeekCounts & { who: Set<string> };
    w.touches++;
    if (it.direction === 'meeting') w.meetings++;
    w.who.add(it.contact);
  }
  const plain = weeks.map(({ who, ...w }) => ({ ...w, people: who.size }));
  const thisWeek = plain.at(-1) as WeekCounts;
  const startWeek = o.historyStart === undefined ? first : startOfZonedWeek(o.historyStart, o.timeZone, o.weekStartsOn);
  const known = plain.slice(0, -1).filter((w) => w.start >= startWeek);
  // The week the history starts in is only partly known (a user who started on a Friday has three days of it):
  // it counts only when it is the one week there is.
  const partial = o.historyStart !== undefined && known[0] !== undefined && known[0].start < o.historyStart;
  const previous = partial && known.length > 1 ? known.slice(1) : known;
  const usual: Usual | null = previous.length
    ? {
        touches: Math.round(median(previous.map((w) => w.touches))),
        meetings: Math.round(median(previous.map((w) => w.meetings))),
        people: Math.round(median(previous.map((w) => w.people))),
        weeks: previous.length,
      }
    : null;
  return { thisWeek, previous, usual };
}
