/**
 * The popup's first script is tiny: it starts reading the first screen from IndexedDB, then loads React and
 * the views; both run at once, and the first render already shows the nudges. A store that does not answer
 * in time (an upgrade in progress) only costs the head start: the live queries fill the popup as usual.
 */
import '@/components/styles.css';
import { DB_NAME } from '@/lib/store/db-name';
import { type FirstPaint, readFirstPaint } from '@/lib/store/first-paint';

const HEAD_START_MS = 250;

const first = Promise.race([
  readFirstPaint(indexedDB, DB_NAME).catch(() => undefined),
  new Promise<undefined>((resolve) => setTimeout(resolve, HEAD_START_MS)),
]);

Promise.all([import('./mount'), first]).then(([{ mount }, data]: [typeof import('./mount'), FirstPaint | undefined]) =>
  mount(document.getElementById('root') as HTMLElement, data),
);
