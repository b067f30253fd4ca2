import { Brand } from '@/components/brand';
import { LiveHealthBanner } from '@/components/live/health';
import type { PeopleRowsAt } from '@/components/live/people-rows';
import { LivePeopleView } from '@/components/live/people-view';
import { useTimeZone } from '@/components/live/time-zone';
import { LiveWeekTime } from '@/components/live/week-time';
import type { PeopleFilter } from '@/lib/core/pages';
import type { LiveValue } from '@/lib/store/live-value';

/**
 * Everyone Tend knows, as one table (`rows`: the live rows the page started reading), on the filter the page's
 * address names if any.
 */
export function App({ rows, filter }: { rows: LiveValue<PeopleRowsAt>; filter?: PeopleFilter | null }) {
  const timeZone = useTimeZone();
  return (
    <div className="page wide">
      <header className="topbar">
        <Brand as="p" />
      </header>
      <LiveHealthBanner timeZone={timeZone} />
      <main>
        <h1>People</h1>
        <LiveWeekTime />
        <LivePeopleView rows={rows} {...(filter ? { filter } : {})} />
      </main>
    </div>
  );
}
