import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { Brand } from '@/components/brand';
import { LiveHealthBanner } from '@/components/live/health';
import { TodayNudges } from '@/components/live/today';
import { RecentContacts } from '@/components/recent-contacts';
import { SearchBox } from '@/components/search-box';
import { recentContacts, searchContacts } from '@/lib/contact-search';
import { getDb } from '@/lib/db';
import type { FirstPaint } from '@/lib/first-paint';

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
  const contacts = useLiveQuery(
    () => (search ? searchContacts(getDb(), search, RECENT) : recentContacts(getDb(), RECENT)),
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
          <button type="button" className="link" onClick={() => openSidebar()}>
            Sidebar
          </button>
          <button type="button" className="link" onClick={() => browser.runtime.openOptionsPage()}>
            Settings
          </button>
        </nav>
      </header>
      <LiveHealthBanner initial={first?.health} />
      {/* A new user has nobody to search for yet: the welcome comes first. */}
      {knowsPeople === false ? null : <SearchBox value={query} onChange={setQuery} />}
      <main>
        <TodayNudges query={query} knowsPeople={knowsPeople} initial={first?.nudges} />
        {knowsPeople || search ? <RecentContacts contacts={contacts} now={now} query={search} /> : null}
      </main>
    </div>
  );
}

/** Opens Chrome's side panel next to the current tab (needs this click); elsewhere, the sidebar page in a tab. */
async function openSidebar() {
  const side = (globalThis as { chrome?: { sidePanel?: { open: (o: { windowId: number }) => Promise<void> } } }).chrome
    ?.sidePanel;
  try {
    const win = await browser.windows.getCurrent();
    if (side && win.id !== undefined) {
      await side.open({ windowId: win.id });
      window.close();
      return;
    }
  } catch {
    // Fall through to a tab.
  }
  await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
}
