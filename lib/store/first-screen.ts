/**
 * A page's last rendered first screen, kept in the extension origin's `localStorage`: synchronous, so a tiny
 * classic script (entrypoints/kept-paint, on both pages) can put it on screen while the page is still
 * parsing, before any module, React, Dexie or IndexedDB. React then replaces it with what the store says now
 * (the popup's is written by entrypoints/popup/first-screen.tsx from the same read its first render uses; the
 * People view's by entrypoints/people/first-screen.ts from its table in the default view). Each page has its key.
 *
 * A record is ignored (and removed) when it is not valid JSON, not of this shape, of another format version, or
 * written by another build of the popup (its script and stylesheet names, which carry content hashes): markup
 * from another build must never be shown with this build's styles. Imports nothing, so the paint script stays tiny.
 */

/**
 * How many rows the kept screen holds. The popup is at most 600 px tall and shows about four rows, so five fill it
 * whatever their height; the rows below come with the fresh render a few hundred milliseconds later. Every row
 * costs the first paint, seen or not: in Chromium here, a static page of a kept screen of 12 rows painted its
 * first row 32 ms after a page of that row alone, of 6 rows 24 ms, of 3 rows 8 ms (medians of 15 loads).
 */
export const KEPT_ROWS = 5;

/** The popup's kept first screen. */
export const FIRST_SCREEN_KEY = 'tend:first-screen';
/** The People view's. */
export const PEOPLE_SCREEN_KEY = 'tend:people-screen';
/** Each page that keeps a screen, by its path in the extension, with its key. */
export const KEPT_PAGES = { '/popup.html': FIRST_SCREEN_KEY, '/people.html': PEOPLE_SCREEN_KEY } as const;
export type KeptPagePath = keyof typeof KEPT_PAGES;
/** Every kept screen ("Delete all data" forgets them all: they name people). */
export const KEPT_SCREEN_KEYS = Object.values(KEPT_PAGES);

/**
 * The kept screen of the page at `pathname` (the paint script serves both pages), or null for another page, and
 * for a page opened on a view other than the one it opens on (`?filter=`: the People view's Drifting filter from
 * the popup): what was kept is the opening view, and painting it there would show the wrong people first.
 */
export function keptScreenKey(pathname: string, search = ''): string | null {
  if (new URLSearchParams(search).has('filter')) return null;
  for (const [path, key] of Object.entries(KEPT_PAGES)) if (pathname.endsWith(path)) return key;
  return null;
}
export const FIRST_SCREEN_VERSION = 1;
/** A first screen is a few dozen rows; anything near this is not one, and is not kept. */
export const FIRST_SCREEN_MAX_CHARS = 256 * 1024;

export interface FirstScreen {
  v: typeof FIRST_SCREEN_VERSION;
  /** The build that rendered it (see `buildId`). */
  build: string;
  /** The nudge list's `computedAt` it shows, or null when there was none. */
  computedAt: number | null;
  savedAt: number;
  /** The root's markup, as React rendered it. */
  html: string;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The meta element in which the build names each kept page (wxt.config.ts). */
export const BUILD_META = 'tend-build';

/** A build's name from the files it loads, as the build writes it into the page and as `buildId` reads it. */
export function nameBuild(files: readonly string[]): string {
  return files.join(' ');
}

/**
 * Which build of the page this is: the names of the scripts and stylesheets the page loads, hashed by content at
 * build time. The build writes them into the head (`<meta name="tend-build">`), since the page's module script
 * sits at the end of its body, after the paint script; a page the build did not name (the dev server) is named by
 * the scripts and stylesheets in its head (`document.head`).
 */
export function buildId(head: ParentNode): string {
  const named = head.querySelector(`meta[name="${BUILD_META}"]`)?.getAttribute('content');
  if (named) return named;
  return nameBuild(
    Array.from(head.querySelectorAll('script[src], link[rel="stylesheet"]')).map(
      (e) => e.getAttribute('src') ?? e.getAttribute('href') ?? '',
    ),
  );
}

function isFirstScreen(x: unknown): x is FirstScreen {
  const r = x as Partial<FirstScreen> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.v === FIRST_SCREEN_VERSION &&
    typeof r.build === 'string' &&
    (r.computedAt === null || typeof r.computedAt === 'number') &&
    typeof r.savedAt === 'number' &&
    typeof r.html === 'string' &&
    r.html.length > 0 &&
    r.html.length <= FIRST_SCREEN_MAX_CHARS
  );
}

function safely<T>(f: () => T, otherwise: T): T {
  try {
    return f();
  } catch {
    return otherwise;
  }
}

/** The kept first screen of this build, or undefined; a record that cannot be used is removed. */
export function readFirstScreen(
  storage: Store,
  build: string,
  key: string = FIRST_SCREEN_KEY,
): FirstScreen | undefined {
  const raw = safely(() => storage.getItem(key), null);
  if (raw === null) return undefined;
  const parsed = safely<unknown>(() => JSON.parse(raw), undefined);
  if (isFirstScreen(parsed) && parsed.build === build) return parsed;
  forgetFirstScreen(storage, key);
  return undefined;
}

/**
 * Keeps `screen` unless the kept one already shows the same markup of the same build (a write costs a few ms of
 * the main thread; nothing changed, nothing written). Answers whether it wrote. A screen too large to be one, or
 * a storage that refuses (quota, disabled), writes nothing and throws nothing.
 */
export function saveFirstScreen(
  storage: Store,
  screen: Omit<FirstScreen, 'v'>,
  key: string = FIRST_SCREEN_KEY,
): boolean {
  const record: FirstScreen = { v: FIRST_SCREEN_VERSION, ...screen };
  if (!isFirstScreen(record)) return false;
  const kept = readFirstScreen(storage, screen.build, key);
  if (kept && kept.html === record.html && kept.computedAt === record.computedAt) return false;
  return safely(() => {
    storage.setItem(key, JSON.stringify(record));
    return true;
  }, false);
}

/** Removes the kept first screen (no store any more, "Delete all data"). */
export function forgetFirstScreen(storage: Store, key: string = FIRST_SCREEN_KEY): void {
  safely(() => storage.removeItem(key), undefined);
}

/**
 * Marks the root while it shows the kept screen. The kept screen is for the eye only: inert (nothing in it can
 * be focused or clicked, since React replaces it) and hidden from assistive technology, which meets the live
 * page a moment later instead of a copy that is about to vanish.
 */
export const CACHED_ATTR = 'data-first-screen';

/** The root's marks while it shows the kept screen saved at `savedAt`: one list for painting, serving, releasing. */
function keptMarks(savedAt: number): [string, string][] {
  return [
    [CACHED_ATTR, String(savedAt)],
    ['inert', ''],
    ['aria-hidden', 'true'],
  ];
}

/**
 * Puts the kept first screen into `root` (empty, as the page parses), inert and hidden from assistive technology
 * until React replaces it. Answers
 * whether it painted. Never throws: a page that cannot paint the kept screen simply waits for React.
 */
export function paintFirstScreen(
  root: HTMLElement | null,
  storage: Store,
  build: string,
  key: string = FIRST_SCREEN_KEY,
): boolean {
  if (!root || root.childElementCount > 0) return false;
  const kept = readFirstScreen(storage, build, key);
  if (!kept) return false;
  return safely(() => {
    root.innerHTML = kept.html;
    for (const [name, value] of keptMarks(kept.savedAt)) root.setAttribute(name, value);
    return true;
  }, false);
}

/** How many of the People view's rows in sight its kept screen paints at once (entrypoints/people/first-screen.ts). */
export const KEPT_PEOPLE_ROWS = 5;

/** The template holding the kept rows painted a frame after the first ones; its value is their height in px. */
export const LATER_ROWS_ATTR = 'data-later-rows';

/**
 * Puts the kept rows held back from the first paint in place (the People view, a frame after the kept screen is
 * on screen), the spacer below shrinking by as much: the kept screen is then whole until React replaces it.
 * Nothing to do without such a template.
 */
export function showLaterRows(root: ParentNode): void {
  const template = root.querySelector<HTMLTemplateElement>(`template[${LATER_ROWS_ATTR}]`);
  if (!template) return;
  template.remove();
  const spacer = root.querySelector<HTMLElement>('.people-scroll tbody > tr.spacer');
  if (!spacer) return;
  const height = Number.parseFloat(template.getAttribute(LATER_ROWS_ATTR) ?? '') || 0;
  spacer.before(...template.content.querySelectorAll('tbody > tr'));
  spacer.style.height = `${Math.max(0, (Number.parseFloat(spacer.style.height) || 0) - height)}px`;
}

/** React's first render is on screen: the root is the live page again. */
export function releaseFirstScreen(root: HTMLElement): void {
  for (const [name] of keptMarks(0)) root.removeAttribute(name);
}

/**
 * Where Chromium's background serves each kept page from while it is awake (entrypoints/background/kept-pages.ts):
 * the page itself with its kept screen already in the markup, so the first paint needs no script at all (the
 * blocking /kept-paint.js costs a fetch from the extension's files, 25-30 ms here). Written by the pages with
 * their kept screens (components/kept-page.ts); emptied when a new build installs and by "Delete all data".
 */
export const KEPT_PAGES_CACHE = 'tend-kept-pages';

/**
 * A kept page's key in that cache. The Cache API keys only http(s) requests, never the extension's own scheme, so
 * the key is the page's path under a reserved name that cannot resolve (RFC 2606 `.invalid`); nothing ever
 * fetches it.
 */
export function keptPageKey(path: string): string {
  return `https://kept-pages.invalid${path}`;
}

/** How the page's file marks the empty root and loads the paint script (entrypoints/popup/index.html, people). */
const EMPTY_ROOT = '<div id="root"></div>';
/** The paint script's element in a page's markup (the build orders the module after it: wxt.config.ts). */
export const PAINT_SCRIPT = /<script\b[^>]*\ssrc="\/kept-paint\.js"[^>]*><\/script>/;

/** The element after a served page's kept screen, which its first paint waits for (`keptPage`). */
export const KEPT_END_ID = 'tend-kept-end';

/** A page's module script, as the build writes it (one per page); its address is group 1. */
const MODULE_SCRIPT = /<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>/;

/**
 * The served pages whose module loads only once the kept screen is on screen (`keptPage`, `startAfterPaint`).
 * The People view's module starts nothing before its first paint anyway (entrypoints/people/main.tsx), yet
 * fetching and compiling it and its imports while that paint was made delayed it: static variants of the served
 * page (31 interleaved loads) painted the first row in a median 152 ms with the module and its preloads, 148 ms
 * with the module alone and 136 ms with neither, against 104 ms for a page of one row. The popup's module starts
 * its first read of the store at once, and its kept screen is small (its page's own share is under 10 ms): it
 * keeps its module as the file has it.
 */
export const MODULE_AFTER_PAINT: ReadonlySet<KeptPagePath> = new Set(['/people.html']);

/** On a served page's paint script: the module it loads once the kept screen is on screen. */
export const AFTER_PAINT_ATTR = 'data-after-paint';

/**
 * The page `template` (its file, as built) with `screen` in its root, marked as paintFirstScreen marks it, and
 * without the paint script, which would have nothing left to paint. Null when the file is not of that shape (no
 * empty root, or no paint script): the page is then served from its file, as it always could be.
 *
 * The page's rendering waits until the whole kept screen is parsed (`<link rel="expect" blocking="render">`,
 * Chromium 124+, the only browser that serves kept pages). Without it the parser, out of time in the middle of
 * the People view's table (a 10 ms budget, on a slow machine), let the browser paint the part above it, and laid
 * out and painted the page a second time to show the first rows (traces: 20 ms each).
 *
 * With `afterPaint` (MODULE_AFTER_PAINT), the page's module script gives way to the paint script, loaded without
 * blocking and naming the module (AFTER_PAINT_ATTR): nothing but that small file is fetched before the first
 * paint, and the module follows two frames later (`startAfterPaint`). Null for a file without a module script.
 */
export function keptPage(template: string, screen: FirstScreen, { afterPaint = false } = {}): string | null {
  const root = template.indexOf(EMPTY_ROOT);
  if (root < 0 || template.indexOf(EMPTY_ROOT, root + 1) >= 0 || !PAINT_SCRIPT.test(template)) return null;
  if (!template.includes('</head>') || !isFirstScreen(screen)) return null;
  const module = template.match(MODULE_SCRIPT)?.[1];
  if (afterPaint && !module) return null;
  const marks = keptMarks(screen.savedAt).map(([name, value]) => (value ? `${name}="${value}"` : name));
  const filled = `<div id="root" ${marks.join(' ')}>${screen.html}</div><div id="${KEPT_END_ID}" hidden></div>`;
  const expect = `<link rel="expect" href="#${KEPT_END_ID}" blocking="render">`;
  // The address as the file's attribute had it, between the same double quotes.
  const starter = afterPaint ? `<script async src="/kept-paint.js" ${AFTER_PAINT_ATTR}="${module}"></script>` : '';
  // Functions, so that "$" in the markup (a name, a subject) is never read as a replacement pattern.
  const page = afterPaint ? template.replace(MODULE_SCRIPT, '') : template;
  return page
    .replace(PAINT_SCRIPT, () => starter)
    .replace('</head>', () => `${expect}</head>`)
    .replace(EMPTY_ROOT, () => filled);
}

/** Runs `then` at the next frame. */
type Frame = (then: () => void) => void;
const nextFrame: Frame = (then) => requestAnimationFrame(() => then());

/**
 * Two frames on, when the kept screen's first paint is on screen: puts the rows held back from it in place
 * (`showLaterRows`), then runs `then`. The one moment both ways a page shows its kept screen go on from: the
 * People view's module (entrypoints/people/main.tsx) and the served page's paint script (`startAfterPaint`).
 */
export function afterKeptPaint(doc: Document, then: () => void, frame: Frame = nextFrame): void {
  frame(() =>
    frame(() => {
      const root = doc.getElementById('root');
      if (root) showLaterRows(root);
      then();
    }),
  );
}

/**
 * The served page's paint script, on a page whose kept screen came in its markup (`keptPage` with `afterPaint`):
 * once that screen is on screen (`afterKeptPaint`), loads the page's module `src`, marked as loaded so
 * (`loadedAfterPaint`).
 */
export function startAfterPaint(doc: Document, src: string, frame: Frame = nextFrame): void {
  afterKeptPaint(
    doc,
    () => {
      const script = doc.createElement('script');
      script.type = 'module';
      script.src = src;
      script.setAttribute(AFTER_PAINT_ATTR, '');
      doc.body.append(script);
    },
    frame,
  );
}

/** Whether the page's module was loaded by `startAfterPaint`: the kept screen is on screen already. */
export function loadedAfterPaint(doc: Document): boolean {
  return doc.querySelector(`script[type="module"][${AFTER_PAINT_ATTR}]`) !== null;
}
