/**
 * The first script of the popup and of the People view (a WXT unlisted script, built to /kept-paint.js and loaded
 * by popup.html and people.html as a plain, blocking script right after the root): it puts the page's last kept
 * screen on screen while the page is still parsing, before any module, React, Dexie or IndexedDB, so the first
 * paint already shows the nudges or the first rows. React replaces it once the store has answered
 * (entrypoints/popup/main.tsx, entrypoints/people/main.tsx). Imports nothing but lib/store/first-screen.ts.
 * A page the awake background served with its kept screen in its markup (entrypoints/background/kept-pages.ts)
 * has nothing for it to paint: the popup's does not load it at all; the People view's loads it without blocking,
 * naming the page's module, which it loads once that screen is on screen (lib/store/first-screen.ts
 * `startAfterPaint`).
 */
import { AFTER_PAINT_ATTR, buildId, keptScreenKey, paintFirstScreen, startAfterPaint } from '@/lib/store/first-screen';

export default defineUnlistedScript(() => {
  const module = document.currentScript?.getAttribute(AFTER_PAINT_ATTR);
  if (module) return startAfterPaint(document, module);
  const key = keptScreenKey(location.pathname, location.search);
  if (!key) return;
  try {
    paintFirstScreen(document.getElementById('root'), localStorage, buildId(document.head), key);
  } catch {
    // No localStorage here (refused by the browser): React paints the page as it always could.
  }
});
