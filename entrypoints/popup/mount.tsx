import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { servedHere } from '@/components/kept-page';
import { Released } from '@/components/released';
import { DB_NAME } from '@/lib/store/db-name';
import { type FirstPaint, readFirstPaint } from '@/lib/store/first-paint';
import { App } from './App';
import { keepFirstScreen } from './first-screen';

export function mount(root: HTMLElement, first: FirstPaint | undefined) {
  createRoot(root).render(
    <StrictMode>
      <Released root={root}>
        <App first={first} />
      </Released>
    </StrictMode>,
  );
  try {
    keepFirstScreen(root, {
      read: () => readFirstPaint(indexedDB, DB_NAME),
      storage: localStorage,
      served: servedHere(),
      head: document.head,
    });
  } catch {
    // No localStorage here: nothing is kept, and the next popup paints as it always could.
  }
}
