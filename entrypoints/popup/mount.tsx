import { type ReactNode, StrictMode, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { DB_NAME } from '@/lib/store/db-name';
import { type FirstPaint, readFirstPaint } from '@/lib/store/first-paint';
import { releaseFirstScreen } from '@/lib/store/first-screen';
import { App } from './App';
import { keepFirstScreen } from './first-screen';

/** Runs in the commit that replaced the kept first screen, before the browser paints it. */
function Released({ root, children }: { root: HTMLElement; children: ReactNode }) {
  useLayoutEffect(() => releaseFirstScreen(root), [root]);
  return children;
}

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
      head: document.head,
    });
  } catch {
    // No localStorage here: nothing is kept, and the next popup paints as it always could.
  }
}
