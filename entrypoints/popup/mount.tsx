import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { FirstPaint } from '@/lib/store/first-paint';
import { App } from './App';

export function mount(root: HTMLElement, first: FirstPaint | undefined) {
  createRoot(root).render(
    <StrictMode>
      <App first={first} />
    </StrictMode>,
  );
}
