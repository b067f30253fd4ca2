import { KEPT_PAGES, KEPT_PAGES_CACHE, keptPageKey } from '@/lib/store/first-screen';

/**
 * Chromium: while the background worker is awake, it serves the popup and the People view with their kept
 * screens already in the markup (lib/store/first-screen.ts `keptPage`, written by the pages through
 * components/kept-page.ts), so their first paint waits for no script. Routed by the browser (Service Worker
 * static routing, Chromium 123+): only a navigation to one of those two pages, and only while the worker is
 * running, reaches the worker at all; every other file of the extension, and those pages while the worker
 * sleeps, are read from the extension's files as before (where /kept-paint.js paints the kept screen instead),
 * so no request ever waits for the worker to start. It does wait for a worker that is running but busy (one long
 * task, such as parsing a backup being imported): Chromium's "race-network-and-fetch-handler" waited for the busy
 * worker just the same in a test here, so it is not used. A browser without static routing gets neither handler.
 * Must run in the worker's first evaluation (the browser only calls handlers added then). `install` fires for every
 * install and update of the extension, unpacked too (Chrome's extension service worker lifecycle), so a page kept
 * by another build, which names that build's scripts, is never served.
 */
export function serveKeptPages(scope: typeof globalThis): void {
  const sw = scope as unknown as WorkerScope;
  if (!sw.InstallEvent || !('addRoutes' in sw.InstallEvent.prototype) || !sw.URLPattern) return;
  const { URLPattern } = sw;
  sw.addEventListener('install', (install: InstallEvent) => {
    // A new build's pages name new scripts: a page kept by the last build must never be served with them.
    install.waitUntil(
      Promise.all([
        caches.delete(KEPT_PAGES_CACHE),
        install.addRoutes([
          ...Object.keys(KEPT_PAGES).map((pathname) => ({
            condition: {
              urlPattern: new URLPattern({ pathname, search: '' }),
              requestMode: 'navigate',
              runningStatus: 'running',
            },
            source: 'fetch-event',
          })),
          { condition: { urlPattern: new URLPattern({}) }, source: 'network' },
        ]),
      ]).catch((e) => console.error('Tend: kept pages', e)),
    );
  });
  sw.addEventListener('fetch', (event: FetchEvent) => {
    const { request } = event;
    const path = new URL(request.url).pathname;
    if (request.mode !== 'navigate' || !(path in KEPT_PAGES)) return;
    event.respondWith(
      caches
        .open(KEPT_PAGES_CACHE)
        .then((cache) => cache.match(keptPageKey(path)))
        .catch(() => undefined)
        .then((kept) => kept ?? fetch(request)),
    );
  });
}

/** The little of a service worker's scope this uses (the project's types are the page's, not a worker's). */
interface InstallEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
  addRoutes(rules: unknown[]): Promise<void>;
}
interface FetchEvent extends Event {
  readonly request: Request;
  respondWith(r: Promise<Response>): void;
}
interface WorkerScope {
  InstallEvent?: { prototype: object };
  URLPattern?: new (init: { pathname?: string; search?: string }) => object;
  addEventListener(type: 'install', f: (e: InstallEvent) => void): void;
  addEventListener(type: 'fetch', f: (e: FetchEvent) => void): void;
}
