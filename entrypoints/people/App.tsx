import { Brand } from '@/components/brand';
import { LiveHealthBanner } from '@/components/live/health';
import { LivePeopleView, type PeopleRowsAt } from '@/components/live/people-view';
import { LiveWeekTime } from '@/components/live/week-time';
import type { LiveValue } from '@/lib/store/live-value';

/** Everyone Tend knows, as one table (`rows`: the live rows the page started reading). */
export function App({ rows }: { rows: LiveValue<PeopleRowsAt> }) {
  return (
    <div className="page wide">
      <header className="topbar">
        <Brand as="p" />
      </header>
      <LiveHealthBanner />
      <main>
        <h1>People</h1>
        <LiveWeekTime />
        <LivePeopleView rows={rows} />
      </main>
    </div>
  );
}
