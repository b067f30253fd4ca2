/**
 * The popup's module script. By the time it runs, /kept-paint.js may already have put the last rendered first
 * screen on screen (lib/store/first-screen.ts). This script reads the first screen from IndexedDB while React
 * and the views load, then renders; React's first render replaces the kept screen in one commit. A store that
 * does not answer in time (an upgrade in progress) only costs the head start: the live queries fill the popup
 * as usual. While a kept screen is showing, it waits longer rather than replace it with an empty page.
 */
import '@/components/styles.css';
import { DB_NAME } from '@/lib/store/db-name';
import { type FirstPaint, readFirstPaint } from '@/lib/store/first-paint';
import { CACHED_ATTR } from '@/lib/store/first-screen';

const root = document.getElementById('root') as HTMLElement;
const HEAD_START_MS = root.hasAttribute(CACHED_ATTR) ? 3000 : 250;

const first = Promise.race([
  readFirstPaint(indexedDB, DB_NAME).catch(() => undefined),
  new Promise<undefined>((resolve) => setTimeout(resolve, HEAD_START_MS)),
]);

Promise.all([import('./mount'), first]).then(([{ mount }, data]: [typeof import('./mount'), FirstPaint | undefined]) =>
  mount(root, data),
);
