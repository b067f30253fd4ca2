/**
 * The People view's module script. /kept-paint.js may already have put the last kept view on screen
 * (lib/store/first-screen.ts). Then the rows are read before React's first render, so that render replaces the
 * kept view with the live one in one commit (no "Loading" in between); without a kept view React renders at once.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/styles.css';
import { Released } from '@/components/released';
import { getDb } from '@/lib/store/db';
import { CACHED_ATTR } from '@/lib/store/first-screen';
import { type PersonRow, peopleRows } from '@/lib/store/people-table';
import { App } from './App';
import { keepPeopleScreen } from './first-screen';

const root = document.getElementById('root') as HTMLElement;
const now = Date.now();
/** A store that does not answer in this time (an upgrade in progress) is left to the live query. */
const WAIT_MS = 10_000;

const initial: Promise<PersonRow[] | undefined> = root.hasAttribute(CACHED_ATTR)
  ? Promise.race([
      peopleRows(getDb(), now).catch(() => undefined),
      new Promise<undefined>((resolve) => setTimeout(resolve, WAIT_MS)),
    ])
  : Promise.resolve(undefined);

void initial.then((rows) => {
  createRoot(root).render(
    <StrictMode>
      <Released root={root}>
        <App initial={rows} now={now} />
      </Released>
    </StrictMode>,
  );
  try {
    keepPeopleScreen(root, { storage: localStorage, head: document.head });
  } catch {
    // No localStorage here: nothing is kept, and the view paints as it always could.
  }
});
