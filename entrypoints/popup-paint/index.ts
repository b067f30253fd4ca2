/**
 * The popup's first script (a WXT unlisted script, built to /popup-paint.js and loaded by popup.html as a plain,
 * blocking script right after the root): it puts the last rendered first screen on screen while the page is still
 * parsing, so the first paint already shows the nudges. React replaces it once the store has answered
 * (entrypoints/popup/main.tsx). Imports nothing but lib/store/first-screen.ts (no React, Dexie or IndexedDB).
 */
import { buildId, paintFirstScreen } from '@/lib/store/first-screen';

export default defineUnlistedScript(() => {
  try {
    paintFirstScreen(document.getElementById('root'), localStorage, buildId(document.head));
  } catch {
    // No localStorage here (refused by the browser): React paints the popup as it always could.
  }
});
