/**
 * The People view's module script. /kept-paint.js, or the background serving the page, may already have put the
 * last kept view in the page (lib/store/first-screen.ts), its first rows painted and the rest of those in sight
 * held back for the frame after (showLaterRows: put in place here, or, on the served page, by the paint script,
 * which loads this script only then). This script holds neither React nor the store: both load after it (the
 * rows' live query from components/live/people-rows.ts, React and the views from mount.tsx). In a trace of the
 * served page, evaluating them took 22-25 ms on the page's thread between the kept view's paint and its reaching
 * the screen; with a kept view they wait for the frame after the one that paints it. React's first render then
 * waits for the rows' first answer, so that it replaces the kept view with the live one in one commit (no
 * "Loading" in between); without a kept view all starts at once and React renders as soon as it has loaded. The
 * view goes on with the same query (one read).
 */
import '@/components/styles.css';
import { afterKeptPaint, CACHED_ATTR, loadedAfterPaint } from '@/lib/store/first-screen';

const root = document.getElementById('root') as HTMLElement;
/** A store that does not answer in this time (an upgrade in progress) is left to the live query. */
const WAIT_MS = 10_000;

async function start(kept: boolean): Promise<void> {
  const mounting = import('./mount');
  const { livePeopleRows } = await import('@/components/live/people-rows');
  const rows = livePeopleRows();
  const ready = kept ? Promise.race([rows.first, new Promise((resolve) => setTimeout(resolve, WAIT_MS))]) : null;
  const [{ mount }] = await Promise.all([mounting, ready]);
  mount(root, rows);
}

const kept = root.hasAttribute(CACHED_ATTR);
// Loaded once the kept view is on screen (the page the background serves: lib/store/first-screen.ts keptPage),
// this script has no first paint to wait for: the paint script has put the held-back rows in place already.
// Otherwise the kept rows held back from the first paint follow in the frame after it, with the start of the rest.
if (kept && !loadedAfterPaint(document)) afterKeptPaint(document, () => void start(true));
else void start(kept);
