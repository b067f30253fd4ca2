import { Brand } from '@/components/brand';
import { LiveHealthBanner } from '@/components/live/health';
import { LivePeopleView } from '@/components/live/people-view';
import { LiveWeekTime } from '@/components/live/week-time';

/** Everyone Tend knows, as one table. */
export function App() {
  return (
    <div className="page wide">
      <header className="topbar">
        <Brand as="p" />
      </header>
      <LiveHealthBanner />
      <main>
        <h1>People</h1>
        <LiveWeekTime />
        <LivePeopleView />
      </main>
    </div>
  );
}
