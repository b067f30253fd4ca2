import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { servedHere } from '@/components/kept-page';
import type { PeopleRowsAt } from '@/components/live/people-rows';
import { Released } from '@/components/released';
import { peopleFilterFromSearch } from '@/lib/core/pages';
import type { LiveValue } from '@/lib/store/live-value';
import { App } from './App';
import { keepPeopleScreen } from './first-screen';

/**
 * React and the view, loaded by the page's module script (main.tsx): renders the live rows into `root`, on the
 * filter the page's address names.
 */
export function mount(root: HTMLElement, rows: LiveValue<PeopleRowsAt>) {
  const filter = peopleFilterFromSearch(location.search);
  createRoot(root).render(
    <StrictMode>
      <Released root={root}>
        <App rows={rows} filter={filter} />
      </Released>
    </StrictMode>,
  );
  try {
    keepPeopleScreen(root, { storage: localStorage, served: servedHere(), head: document.head });
  } catch {
    // No localStorage here: nothing is kept, and the view paints as it always could.
  }
}
