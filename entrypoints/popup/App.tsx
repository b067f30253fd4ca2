import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { Brand } from '@/components/brand';
import { LiveHealthBanner } from '@/components/live/health';
import { useTimeZone } from '@/components/live/time-zone';
import { TodayNudges } from '@/components/live/today';
import { RecentContacts } from '@/components/recent-contacts';
import { openPeople, openPerson } from '@/components/runtime';
import { LiveSaveFailureBanner } from '@/components/save-failure-banner';
import { SearchBox } from '@/components/search-box';
import { StoreBanner } from '@/components/store-banner';
import { recentContacts, searchContacts } from '@/lib/store/contact-search';
import { getDb } from '@/lib/store/db';
import type { FirstPaint } from '@/lib/store/first-paint';
import { personFilter } from '@/lib/store/people-table';

// Drifting reads every contact: its own chunk, started after the first paint (components/live/drifting.tsx).
const DriftingSection = lazy(() => import('@/components/live/drifting').then((m) => ({ default: m.DriftingSection })));

const RECENT = 20;
const SEARCH_DELAY_MS = 150;

/**
 * The popup: today's nudges and recent contacts. First paint reads one record (the nudge list) and the first
 * screenful of contacts through the `summary.lastAt` index; contacts are searched only while typing.
 */
export function App({ first }: { first?: FirstPaint } = {}) {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setSearch(query.trim()), query.trim() ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(t);
  }, [query]);
  const now = useMemo(() => Date.now(), []);
  // The first read's zone at once (the kept screen is rendered from it too), then the live one.
  const timeZone = useTimeZone(first?.timeZone);
  const [windowId, setWindowId] = useState<number>();
  useEffect(() => {
    (async () => setWindowId((await browser.windows.getCurrent()).id))().catch(() => undefined);
  }, []);
  const contacts = useLiveQuery(
    async () => {
      // People only: not robots, the user's own addresses, nor those marked "not a person" (as in every list).
      const db = getDb();
      const isPerson = await personFilter(db);
      return search ? searchContacts(db, search, RECENT, isPerson) : recentContacts(db, RECENT, isPerson);
    },
    [search],
    // Until the live query answers: what the popup's first script read (the same query, a moment earlier).
    search ? undefined : first?.contacts,
  );
  const knowsPeople = contacts === undefined ? undefined : contacts.length > 0 || search !== '';
  return (
    <div className="page">
      <header className="topbar">
        <Brand />
        <nav aria-label="Tend pages" className="topnav">
          <button type="button" className="link" onClick={() => void openPeople()}>
            People
          </button>
          <button type="button" className="link" onClick={() => openSidebar(windowId)}>
            Sidebar
          </button>
          <button type="button" className="link" onClick={() => browser.runtime.openOptionsPage()}>
            Settings
          </button>
        </nav>
      </header>
      <StoreBanner />
      <LiveSaveFailureBanner />
      <LiveHealthBanner initial={first?.health} timeZone={timeZone} />
      {/* A new user has nobody to search for yet: the welcome comes first. */}
      {knowsPeople === false ? null : <SearchBox value={query} onChange={setQuery} />}
      <main>
        <TodayNudges query={query} knowsPeople={knowsPeople} initial={first?.nudges} timeZone={timeZone} />
        {knowsPeople && !query.trim() ? (
          <Suspense fallback={null}>
            <DriftingSection />
          </Suspense>
        ) : null}
        {knowsPeople || search ? (
          <RecentContacts
            contacts={contacts}
            now={now}
            timeZone={timeZone}
            query={search}
            onOpen={(email) => void openPerson(email)}
          />
        ) : null}
      </main>
    </div>
  );
}

type SidePanelApi = { open: (o: { windowId: number }) => Promise<void> };
type SidebarActionApi = { open: () => Promise<void> };

/**
 * Opens the sidebar next to the current tab: Chrome's side panel, or Firefox's sidebar. Both only open from
 * the click itself, so nothing is awaited before the call (the window id is read when the popup opens).
 * Where neither is possible, the sidebar page opens in a tab.
 */
function openSidebar(windowId: number | undefined) {
  const g = globalThis as { chrome?: { sidePanel?: SidePanelApi }; browser?: { sidebarAction?: SidebarActionApi } };
  const fallback = () => void browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
  const opening =
    g.chrome?.sidePanel && windowId !== undefined
      ? g.chrome.sidePanel.open({ windowId })
      : g.browser?.sidebarAction
        ? g.browser.sidebarAction.open()
        : null;
  if (!opening) return fallback();
  opening.then(() => window.close(), fallback);
}
