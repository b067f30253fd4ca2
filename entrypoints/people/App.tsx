import { Brand } from '@/components/brand';
import { LiveHealthBanner } from '@/components/live/health';
import { LivePeopleView } from '@/components/live/people-view';
import { LiveWeekTime } from '@/components/live/week-time';
import type { PersonRow } from '@/lib/store/people-table';

/** Everyone Tend knows, as one table (`initial`: rows already read, shown until the live query answers). */
export function App({ initial, now }: { initial?: PersonRow[]; now?: number } = {}) {
  return (
    <div className="page wide">
      <header className="topbar">
        <Brand as="p" />
      </header>
      <LiveHealthBanner />
      <main>
        <h1>People</h1>
        <LiveWeekTime />
        <LivePeopleView initial={initial} now={now} />
      </main>
    </div>
  );
}
