import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo } from 'react';
import { USUAL_WEEKS, weekTime } from '@/lib/engine/week-time';
import { getDb } from '@/lib/store/db';
import { touchesSince } from '@/lib/store/week-touches';
import { resolveTimeZone, weekStartDay } from '@/lib/time/zoned-time';
import { WeekChart } from '../people/week-chart';

const DAY = 86_400_000;

/** This week against the usual, live: the touches of the last 13 weeks (and two days more for DST), counted. */
export function LiveWeekTime() {
  const db = getDb();
  const headingId = useId();
  const now = useMemo(() => Date.now(), []);
  const read = useLiveQuery(() => touchesSince(db, now - ((USUAL_WEEKS + 1) * 7 + 2) * DAY), [now]);
  if (!read) return null;
  const timeZone = resolveTimeZone(read.timeZone);
  const data = weekTime(read.items, now, {
    timeZone,
    weekStartsOn: weekStartDay(),
    ...(read.historyStart !== undefined ? { historyStart: read.historyStart } : {}),
  });
  const since = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone,
  }).format(data.thisWeek.start);
  return <WeekChart data={data} now={now} since={since} headingId={headingId} />;
}
