/**
 * The People view's first script (a WXT unlisted script, built to /people-paint.js and loaded by people.html as a
 * plain, blocking script right after the root): it puts the last kept view of the table on screen while the page
 * is still parsing, so the first rows show before 5,000 contacts are read. React replaces it once they are
 * (entrypoints/people/main.tsx). Imports nothing but lib/store/first-screen.ts.
 */
import { buildId, PEOPLE_SCREEN_KEY, paintFirstScreen } from '@/lib/store/first-screen';

export default defineUnlistedScript(() => {
  try {
    paintFirstScreen(document.getElementById('root'), localStorage, buildId(document.head), PEOPLE_SCREEN_KEY);
  } catch {
    // No localStorage here (refused by the browser): React paints the view as it always could.
  }
});
