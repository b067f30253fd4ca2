import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { Brand } from '@/components/brand';
import { LiveHealthBanner } from '@/components/live/health';
import { ThreadPanel } from '@/components/live/thread-panel';
import { useTimeZone } from '@/components/live/time-zone';
import { TodayNudges } from '@/components/live/today';
import { recentContacts } from '@/lib/store/contact-search';
import { getDb } from '@/lib/store/db';
import { type TabView, tabKey } from '@/lib/store/tab-view';
import { useActiveTabId } from './use-active-tab';

/**
 * The sidebar next to Gmail: the people of the open thread, or today's nudges when no thread is open
 * (also when the page is opened on its own, outside the side panel).
 */
export function App() {
  const tabId = useActiveTabId();
  const view = useLiveQuery(
    async () => (tabId ? ((await getDb().kv.get(tabKey(tabId)))?.value as TabView | undefined) : undefined) ?? null,
    [tabId],
  );
  const knows = useLiveQuery(async () => (await recentContacts(getDb(), 1)).length > 0, []);
  const people = useMemo(() => view?.people ?? [], [view]);
  const timeZone = useTimeZone();
  return (
    <div className="page">
      <header className="topbar">
        <Brand />
      </header>
      <LiveHealthBanner timeZone={timeZone} />
      <main>
        {tabId === undefined || view === undefined ? null : view?.threadKey ? (
          <ThreadPanel threadKey={view.threadKey} people={people} />
        ) : (
          <>
            <h2 className="visually-hidden">Today</h2>
            <TodayNudges knowsPeople={knows} timeZone={timeZone} />
          </>
        )}
      </main>
    </div>
  );
}
