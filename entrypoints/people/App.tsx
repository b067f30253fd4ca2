import { Brand } from '@/components/brand';
import { LiveHealthBanner } from '@/components/live/health';
import { LivePeopleView } from '@/components/live/people-view';
import { LiveWeekTime } from '@/components/live/week-time';
import type { LiveValue } from '@/lib/store/live-value';
import type { PersonRow } from '@/lib/store/people-table';

/** Everyone Tend knows, as one table (`rows`: the live rows the page started reading at `now`). */
export function App({ rows, now }: { rows: LiveValue<PersonRow[]>; now: number }) {
  return (
    <div className="page wide">
      <header className="topbar">
        <Brand as="p" />
      </header>
      <LiveHealthBanner />
      <main>
        <h1>People</h1>
        <LiveWeekTime />
        <LivePeopleView rows={rows} now={now} />
      </main>
    </div>
  );
}
