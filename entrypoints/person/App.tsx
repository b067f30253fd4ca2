import { Brand } from '@/components/brand';
import { LiveHealthBanner } from '@/components/live/health';
import { LivePersonPage } from '@/components/live/person-page';
import { useTimeZone } from '@/components/live/time-zone';
import { personFromSearch } from '@/lib/core/pages';

/** A person's page: `person.html?email=ann@example.com`. */
export function App({ search = location.search }: { search?: string } = {}) {
  const email = personFromSearch(search);
  const timeZone = useTimeZone();
  return (
    <div className="page wide">
      <header className="topbar">
        <Brand as="p" />
      </header>
      <LiveHealthBanner timeZone={timeZone} />
      <main>
        {email ? (
          <LivePersonPage email={email} />
        ) : (
          <p className="muted">No person given: open a person from the popup, the sidebar or the People view.</p>
        )}
      </main>
    </div>
  );
}
