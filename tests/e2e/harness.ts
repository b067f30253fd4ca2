/**
 * Loads the built extension (.output/chrome-mv3) in Debian's Chromium and serves fixture pages at the real
 * Gmail and Calendar addresses, so the content scripts run exactly as they would for a user.
 * Recipe: ../shared/docs/browser-testing.md.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

declare const chrome: any;

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXTENSION = path.join(ROOT, process.env.TEND_OUT ?? '.output', 'chrome-mv3');
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
export const ARTIFACTS = path.join(ROOT, 'tests/e2e/.artifacts');

export function fixture(rel: string): string {
  return readFileSync(path.join(ROOT, 'tests/fixtures', rel), 'utf8');
}

export interface Tend {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  /** Every URL the browser requested. */
  requests: string[];
  /** Console errors from every page and the service worker. */
  consoleErrors: string[];
  /** Serves `html` for every request under `urlGlob` (e.g. https://mail.google.com/**). */
  serve: (urlGlob: string, html: string | (() => string)) => Promise<void>;
  /** Opens an extension page (popup.html, options.html, sidepanel.html) in a tab. */
  openPage: (name: string, opts?: { colorScheme?: 'light' | 'dark' }) => Promise<Page>;
  /** Sends a runtime message from an extension page and returns the reply. */
  send: (msg: unknown) => Promise<any>;
  close: () => Promise<void>;
}

export async function launchTend(
  opts: {
    timezoneId?: string;
    userDataDir?: string;
    /** A visible window (the demo); tests stay headless. */
    headless?: boolean;
  } = {},
): Promise<Tend> {
  if (!existsSync(path.join(EXTENSION, 'manifest.json'))) throw new Error('build the extension first: npx wxt build');
  const userDataDir = opts.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'tend-e2e-'));
  const timezoneId = opts.timezoneId ?? 'America/New_York';
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: opts.headless ?? true,
    timezoneId,
    locale: 'en-US',
    // A visible window keeps its own size; a headless one gets a laptop's.
    viewport: opts.headless === false ? null : { width: 1280, height: 800 },
    env: { ...process.env, TZ: timezoneId },
    args: [
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const watch = (p: Page) =>
    p.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${p.url()}: ${m.text()}`);
    });
  context.on('page', watch);
  for (const p of context.pages()) watch(p);

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = worker.url().split('/')[2] ?? '';
  worker.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`worker: ${m.text()}`);
  });

  let messenger: Page | undefined;
  const tend: Tend = {
    context,
    worker,
    extensionId,
    userDataDir,
    requests,
    consoleErrors,
    serve: async (urlGlob, html) => {
      await context.route(urlGlob, (route) => {
        const url = route.request().url();
        // Only the document is a fixture; anything else a fixture page might ask for is refused.
        if (route.request().resourceType() !== 'document') return route.fulfill({ status: 404, body: '' });
        return route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: typeof html === 'function' ? html() : html,
          headers: { 'x-url': url },
        });
      });
    },
    openPage: async (name, o = {}) => {
      const page = await context.newPage();
      if (o.colorScheme) await page.emulateMedia({ colorScheme: o.colorScheme });
      await page.goto(`chrome-extension://${extensionId}/${name}`);
      return page;
    },
    send: async (msg) => {
      if (!messenger || messenger.isClosed()) {
        messenger = await context.newPage();
        await messenger.goto(`chrome-extension://${extensionId}/options.html`);
      }
      return messenger.evaluate((m) => chrome.runtime.sendMessage(m), msg);
    },
    close: () => context.close(),
  };
  return tend;
}

/**
 * Records every request the extension's service worker makes, which Playwright's context `request` event does
 * not see: the DevTools Protocol's Network domain on the worker's target, attached from a page's CDP session
 * (Playwright opens CDP sessions on pages only). A worker started later (after a stop, or a restart) is attached
 * as it appears. Returns the list it fills (URLs) and a stop function.
 */
export async function recordWorkerRequests(tend: Tend): Promise<{ urls: string[]; stop: () => Promise<void> }> {
  const urls: string[] = [];
  const page = await tend.context.newPage();
  await page.goto(`chrome-extension://${tend.extensionId}/options.html`);
  const cdp = await tend.context.newCDPSession(page);
  const attached = new Set<string>();
  let next = 1;
  const attach = async (info: { targetId: string; type: string; url: string }) => {
    if (info.type !== 'service_worker' || !info.url.startsWith(`chrome-extension://${tend.extensionId}/`)) return;
    if (attached.has(info.targetId)) return;
    attached.add(info.targetId);
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: next++, method: 'Network.enable', params: {} }),
    });
  };
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { method?: string; params?: { request?: { url?: string } } };
    if (m.method === 'Network.requestWillBeSent' && m.params?.request?.url) urls.push(m.params.request.url);
  });
  cdp.on('Target.targetCreated', (e) => void attach(e.targetInfo).catch(() => undefined));
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  for (const t of (await cdp.send('Target.getTargets')).targetInfos) await attach(t);
  if (attached.size === 0) throw new Error('no service worker of the extension to record');
  return {
    urls,
    stop: async () => {
      await cdp.detach().catch(() => undefined);
      await page.close();
    },
  };
}

/** Requests that left for a host: anything but the extension itself and the fixture hosts served by route(). */
export function leakedRequests(
  requests: string[],
  served: string[] = ['https://mail.google.com/', 'https://calendar.google.com/'],
): string[] {
  return requests.filter(
    (u) =>
      !u.startsWith('chrome-extension://') &&
      !u.startsWith('data:') &&
      !u.startsWith('about:') &&
      !served.some((s) => u.startsWith(s)),
  );
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/**
 * Stops the extension's service worker the way Chrome does after 30 s idle (globals gone, state on disk kept),
 * through the DevTools Protocol of an extension page.
 */
export async function workerStopper(t: Tend, page: Page) {
  const cdp = await t.context.newCDPSession(page);
  const status = new Map<string, string>();
  let stops = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: any[] }) => {
    for (const v of e.versions) {
      if (!String(v.scriptURL).includes(t.extensionId)) continue;
      if (v.runningStatus === 'stopping' && status.get(v.versionId) === 'running') stops++;
      status.set(v.versionId, v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  return {
    /** Asks Chrome to stop every running version (Chrome may let one finish an event first). */
    stopRunning: async (): Promise<void> => {
      const running = [...status].filter(([, s]) => s === 'running').map(([id]) => id);
      for (const versionId of running) await cdp.send('ServiceWorker.stopWorker', { versionId });
    },
    /** The versions running now. */
    running: () => [...status].filter(([, s]) => s === 'running').map(([id]) => id),
    /** How many times a running worker went down. */
    stops: () => stops,
    close: () => cdp.detach().catch(() => undefined),
  };
}

/** Polls `fn` until it returns a truthy value (or throws after `timeoutMs`). */
export async function until<T>(fn: () => Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const start = Date.now();
  let last: T | undefined;
  while (Date.now() - start < timeoutMs) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 500)})`);
}

/** One record's value from the extension's `kv` table (IndexedDB `tend`), read in the service worker. */
export async function readKv(tend: Tend, key: string): Promise<unknown> {
  return tend.worker.evaluate(
    (k) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('tend');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('kv')) {
            db.close();
            resolve(undefined);
            return;
          }
          const req = db.transaction('kv').objectStore('kv').get(k);
          req.onsuccess = () => {
            db.close();
            resolve((req.result as { value?: unknown } | undefined)?.value);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    key,
  );
}

/** The ids of the open tabs whose URL matches a match pattern (e.g. `https://mail.google.com/*`). */
export async function tabIds(tend: Tend, pattern: string): Promise<number[]> {
  return tend.worker.evaluate(
    async (p) => ((await chrome.tabs.query({ url: p })) as { id?: number }[]).flatMap((t) => (t.id ? [t.id] : [])),
    pattern,
  );
}

/** Writes one record into the extension's `kv` table (e.g. the `tab:<id>` view the sidebar follows). */
export async function writeKv(tend: Tend, key: string, value: unknown): Promise<void> {
  await tend.worker.evaluate(
    ({ k, v }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tend');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('kv', 'readwrite');
          tx.objectStore('kv').put({ key: k, value: v });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { k: key, v: value },
  );
}

/** The id of the tab an extension page runs in. */
export async function pageTabId(page: Page): Promise<number> {
  return page.evaluate(async () => ((await chrome.tabs.getCurrent()) as { id: number }).id);
}

/**
 * axe-core's serious and critical violations on a page, in words ("serious color-contrast: .x, .y"). axe is
 * injected through the DevTools protocol, which the extension pages' CSP does not govern.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const found = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
  )) as { id: string; impact: string; nodes: string[] }[];
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.join(', ')}`);
}
