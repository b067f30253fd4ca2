/**
 * The People view's module script. /kept-paint.js may already have put the last kept view on screen
 * (lib/store/first-screen.ts). The rows' live query starts first; with a kept view, React's first render waits
 * for its first answer, so that render replaces the kept view with the live one in one commit (no "Loading" in
 * between); without a kept view React renders at once. The view goes on with the same query (one read).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/styles.css';
import { servedHere } from '@/components/kept-page';
import { livePeopleRows } from '@/components/live/people-view';
import { Released } from '@/components/released';
import { peopleFilterFromSearch } from '@/lib/core/pages';
import { CACHED_ATTR } from '@/lib/store/first-screen';
import { App } from './App';
import { keepPeopleScreen } from './first-screen';

const root = document.getElementById('root') as HTMLElement;
/** A store that does not answer in this time (an upgrade in progress) is left to the live query. */
const WAIT_MS = 10_000;

const rows = livePeopleRows();
const ready: Promise<unknown> = root.hasAttribute(CACHED_ATTR)
  ? Promise.race([rows.first, new Promise((resolve) => setTimeout(resolve, WAIT_MS))])
  : Promise.resolve();

void ready.then(() => {
  createRoot(root).render(
    <StrictMode>
      <Released root={root}>
        <App rows={rows} filter={peopleFilterFromSearch(location.search)} />
      </Released>
    </StrictMode>,
  );
  try {
    keepPeopleScreen(root, { storage: localStorage, served: servedHere(), head: document.head });
  } catch {
    // No localStorage here: nothing is kept, and the view paints as it always could.
  }
});
