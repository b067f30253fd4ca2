import { useEffect, useId, useMemo, useState } from 'react';
import { USUAL_WEEKS, weekTime } from '@/lib/engine/week-time';
import { getDb } from '@/lib/store/db';
import { touchesSince } from '@/lib/store/week-touches';
import { resolveTimeZone, weekStartDay } from '@/lib/time/zoned-time';
import { WeekChart } from '../people/week-chart';

const DAY = 86_400_000;

type Read = Awaited<ReturnType<typeof touchesSince>>;

/**
 * This week against the usual: the touches of the last 13 weeks (and two days more for DST), counted. Read once,
 * when the browser is idle after the table's first rows (opening thousands of histories must not hold them up),
 * and not live: background writes while the table scrolls do not read them again.
 */
export function LiveWeekTime() {
  const headingId = useId();
  const now = useMemo(() => Date.now(), []);
  const [read, setRead] = useState<Read | null>(null);
  useEffect(() => {
    let live = true;
    const start = () =>
      void touchesSince(getDb(), now - ((USUAL_WEEKS + 1) * 7 + 2) * DAY).then((r) => {
        if (live) setRead(r);
      });
    const idle = typeof globalThis.requestIdleCallback === 'function' ? globalThis.requestIdleCallback : null;
    const handle = idle ? idle(start, { timeout: 1_000 }) : setTimeout(start, 50);
    return () => {
      live = false;
      if (idle) globalThis.cancelIdleCallback(handle as number);
      else clearTimeout(handle as ReturnType<typeof setTimeout>);
    };
  }, [now]);
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
