// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
/** The popup's kept first screen in localStorage: written on change, read back, versioned, corrupt → ignored. */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AFTER_PAINT_ATTR,
  BUILD_META,
  buildId,
  CACHED_ATTR,
  FIRST_SCREEN_KEY,
  FIRST_SCREEN_MAX_CHARS,
  FIRST_SCREEN_VERSION,
  type FirstScreen,
  forgetFirstScreen,
  KEPT_END_ID,
  KEPT_PAGES,
  KEPT_PEOPLE_ROWS,
  keptPage,
  keptPageKey,
  keptScreenKey,
  LATER_ROWS_ATTR,
  loadedAfterPaint,
  nameBuild,
  PEOPLE_SCREEN_KEY,
  paintFirstScreen,
  readFirstScreen,
  releaseFirstScreen,
  saveFirstScreen,
  startAfterPaint,
} from '@/lib/store/first-screen';

/** A Storage in memory that counts writes. */
class MemoryStorage {
  items = new Map<string, string>();
  writes = 0;
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.writes += 1;
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

const BUILD = '/chunks/popup-AAAA.js /assets/health-BBBB.css';
const HTML =
  '<div class="page"><main><section><ul class="rows"><li class="row">Ada Lovelace</li></ul></section></main></div>';
const screen = (html = HTML, computedAt: number | null = 1000) => ({ build: BUILD, computedAt, savedAt: 2000, html });

it('keeps a screen and reads it back for the same build', () => {
  const s = new MemoryStorage();
  expect(saveFirstScreen(s, screen())).toBe(true);
  expect(readFirstScreen(s, BUILD)).toEqual({ v: FIRST_SCREEN_VERSION, ...screen() });
});

it('writes only when what it shows changed', () => {
  const s = new MemoryStorage();
  expect(saveFirstScreen(s, screen())).toBe(true);
  expect(saveFirstScreen(s, { ...screen(), savedAt: 9999 })).toBe(false);
  expect(s.writes).toBe(1);
  expect(saveFirstScreen(s, screen(HTML.replace('Ada', 'Cy')))).toBe(true);
  expect(saveFirstScreen(s, screen(HTML.replace('Ada', 'Cy'), 1001))).toBe(true);
  expect(s.writes).toBe(3);
  expect(readFirstScreen(s, BUILD)?.html).toContain('Cy Lovelace');
});

it('ignores, and removes, a screen another build or format version wrote', () => {
  const s = new MemoryStorage();
  saveFirstScreen(s, screen());
  expect(readFirstScreen(s, '/chunks/popup-CCCC.js /assets/health-BBBB.css')).toBeUndefined();
  expect(s.items.has(FIRST_SCREEN_KEY)).toBe(false);

  s.setItem(FIRST_SCREEN_KEY, JSON.stringify({ ...screen(), v: FIRST_SCREEN_VERSION + 1 }));
  expect(readFirstScreen(s, BUILD)).toBeUndefined();
  expect(s.items.has(FIRST_SCREEN_KEY)).toBe(false);
});

it.each([
  ['not JSON', '{"v":1,"build":'],
  ['JSON null', 'null'],
  ['an array', '[1,2]'],
  ['a string', '"<div>"'],
  ['no markup', JSON.stringify({ v: 1, build: BUILD, computedAt: 1, savedAt: 2 })],
  ['empty markup', JSON.stringify({ v: 1, build: BUILD, computedAt: 1, savedAt: 2, html: '' })],
  ['markup of the wrong type', JSON.stringify({ v: 1, build: BUILD, computedAt: 1, savedAt: 2, html: 42 })],
  ['a time of the wrong type', JSON.stringify({ v: 1, build: BUILD, computedAt: '1', savedAt: 2, html: HTML })],
  ['no save time', JSON.stringify({ v: 1, build: BUILD, computedAt: 1, html: HTML })],
  [
    'markup too large',
    JSON.stringify({ v: 1, build: BUILD, computedAt: 1, savedAt: 2, html: 'x'.repeat(FIRST_SCREEN_MAX_CHARS + 1) }),
  ],
])('a corrupt record (%s) is ignored, removed, and never painted', (_, raw) => {
  const s = new MemoryStorage();
  s.setItem(FIRST_SCREEN_KEY, raw);
  expect(readFirstScreen(s, BUILD)).toBeUndefined();
  expect(s.items.has(FIRST_SCREEN_KEY)).toBe(false);
  const root = document.createElement('div');
  s.setItem(FIRST_SCREEN_KEY, raw);
  expect(paintFirstScreen(root, s, BUILD)).toBe(false);
  expect(root.innerHTML).toBe('');
  expect(root.hasAttribute('inert')).toBe(false);
});

it('does not keep what cannot be a first screen, and survives a storage that refuses', () => {
  const s = new MemoryStorage();
  expect(saveFirstScreen(s, screen('x'.repeat(FIRST_SCREEN_MAX_CHARS + 1)))).toBe(false);
  expect(saveFirstScreen(s, screen(''))).toBe(false);
  expect(s.writes).toBe(0);

  const full = new MemoryStorage();
  full.setItem = () => {
    throw new DOMException('quota', 'QuotaExceededError');
  };
  expect(saveFirstScreen(full, screen())).toBe(false);

  const broken = new MemoryStorage();
  broken.getItem = () => {
    throw new DOMException('denied', 'SecurityError');
  };
  expect(readFirstScreen(broken, BUILD)).toBeUndefined();
  expect(paintFirstScreen(document.createElement('div'), broken, BUILD)).toBe(false);
});

it('forgets the kept screen', () => {
  const s = new MemoryStorage();
  saveFirstScreen(s, screen());
  forgetFirstScreen(s);
  expect(readFirstScreen(s, BUILD)).toBeUndefined();
});

it('paints the kept screen into the empty root, inert and hidden from assistive technology until React releases it', () => {
  const s = new MemoryStorage();
  saveFirstScreen(s, screen());
  const root = document.createElement('div');
  expect(paintFirstScreen(root, s, BUILD)).toBe(true);
  expect(root.querySelector('li.row')?.textContent).toBe('Ada Lovelace');
  expect(root.getAttribute(CACHED_ATTR)).toBe('2000');
  expect(root.hasAttribute('inert')).toBe(true);
  expect(root.getAttribute('aria-hidden')).toBe('true');
  releaseFirstScreen(root);
  expect([CACHED_ATTR, 'inert', 'aria-hidden'].filter((a) => root.hasAttribute(a))).toEqual([]);
  expect(root.querySelector('li.row')?.textContent).toBe('Ada Lovelace');
});

it('paints nothing without a kept screen, into a root React already filled, or without a root', () => {
  const s = new MemoryStorage();
  const root = document.createElement('div');
  expect(paintFirstScreen(root, s, BUILD)).toBe(false);
  expect(root.hasAttribute(CACHED_ATTR)).toBe(false);
  saveFirstScreen(s, screen());
  root.innerHTML = '<p>React</p>';
  expect(paintFirstScreen(root, s, BUILD)).toBe(false);
  expect(root.innerHTML).toBe('<p>React</p>');
  expect(paintFirstScreen(null, s, BUILD)).toBe(false);
});

it("names a build by its head's scripts and stylesheets, not by its preloads", () => {
  // A template's content loads nothing: the same elements as popup.html's head, without fetching them.
  const head = document.createElement('template');
  head.innerHTML =
    '<script type="module" src="/chunks/popup-AAAA.js"></script><link rel="modulepreload" href="/chunks/db-X.js"><link rel="stylesheet" href="/assets/health-BBBB.css">';
  expect(buildId(head.content)).toBe(BUILD);
});

it('names a build as the build named it in the page, where its module script is no longer in the head', () => {
  const head = document.createElement('template');
  head.innerHTML = `<meta name="${BUILD_META}" content="${nameBuild(['/chunks/popup-AAAA.js', '/assets/health-BBBB.css'])}"><link rel="stylesheet" href="/assets/health-BBBB.css" disabled>`;
  expect(buildId(head.content)).toBe(BUILD);
  // Another build's module script, same stylesheet: another build.
  head.innerHTML = `<meta name="${BUILD_META}" content="${nameBuild(['/chunks/popup-CCCC.js', '/assets/health-BBBB.css'])}"><link rel="stylesheet" href="/assets/health-BBBB.css" disabled>`;
  expect(buildId(head.content)).not.toBe(BUILD);
});

it('names the kept screen of the page the paint script runs in, and none for another page', () => {
  expect(keptScreenKey('/popup.html')).toBe(FIRST_SCREEN_KEY);
  expect(keptScreenKey('/people.html')).toBe(PEOPLE_SCREEN_KEY);
  // Opened on another view than its own: nothing kept is painted. Another query (the bench's) changes nothing.
  expect(keptScreenKey('/people.html', '?filter=drifting')).toBeNull();
  expect(keptScreenKey('/popup.html', '?from=file')).toBe(FIRST_SCREEN_KEY);
  expect(keptScreenKey('/options.html')).toBeNull();
  expect(keptScreenKey('/sidepanel.html')).toBeNull();
});

/** People rows `from` to `to` (exclusive), as the table marks them. */
const rowsHtml = (from: number, to: number) =>
  Array.from(
    { length: to - from },
    (_, i) => `<tr aria-rowindex="${from + i + 2}"><td>Person ${from + i}</td></tr>`,
  ).join('');

describe('the page served with its kept screen (keptPage)', () => {
  // The pages' own files, as written (the build keeps the root and the paint script as they are).
  const template = (page: 'popup' | 'people') =>
    readFileSync(path.join(__dirname, '../../../entrypoints', page, 'index.html'), 'utf8');
  const record = (html = HTML): FirstScreen => ({ v: FIRST_SCREEN_VERSION, ...screen(html) });

  it.each(['popup', 'people'] as const)(
    "puts the kept screen into the %s page's root, marked as the paint script marks it, without the script",
    (page) => {
      const served = keptPage(template(page), record());
      expect(served).not.toBeNull();
      const doc = new DOMParser().parseFromString(served ?? '', 'text/html');
      const root = doc.getElementById('root') as HTMLElement;
      expect(root.innerHTML).toBe(HTML);
      expect(root.getAttribute(CACHED_ATTR)).toBe('2000');
      expect(root.hasAttribute('inert')).toBe(true);
      expect(root.getAttribute('aria-hidden')).toBe('true');
      expect(doc.querySelector('script[src="/kept-paint.js"]')).toBeNull();
      // Its rendering waits for the whole kept screen: the element it names comes right after the root.
      const expectLink = doc.head.querySelector('link[rel="expect"]');
      expect(expectLink?.getAttribute('blocking')).toBe('render');
      expect(expectLink?.getAttribute('href')).toBe(`#${KEPT_END_ID}`);
      expect(root.nextElementSibling?.id).toBe(KEPT_END_ID);
      expect(doc.querySelectorAll(`#${KEPT_END_ID}`)).toHaveLength(1);
      // Everything else of the page is as the file has it: its module, its title, its body's class.
      const file = new DOMParser().parseFromString(template(page), 'text/html');
      expect(doc.title).toBe(file.title);
      expect(doc.body.className).toBe(file.body.className);
      expect([...doc.querySelectorAll('script[type="module"]')].map((s) => s.getAttribute('src'))).toEqual(
        [...file.querySelectorAll('script[type="module"]')].map((s) => s.getAttribute('src')),
      );
      // Painted by the paint script from localStorage, the root would hold exactly the same.
      const painted = file.getElementById('root') as HTMLElement;
      const s = new MemoryStorage();
      saveFirstScreen(s, screen());
      expect(paintFirstScreen(painted, s, BUILD)).toBe(true);
      expect(painted.outerHTML).toBe(root.outerHTML);
    },
  );

  it('with afterPaint, names the module on the paint script, loaded without blocking, instead of loading it', () => {
    const file = template('people');
    const served = keptPage(file, record(), { afterPaint: true }) ?? '';
    const doc = new DOMParser().parseFromString(served, 'text/html');
    // The kept screen as without it.
    expect(doc.getElementById('root')?.outerHTML).toBe(
      new DOMParser().parseFromString(keptPage(file, record()) ?? '', 'text/html').getElementById('root')?.outerHTML,
    );
    // One script: the paint script, not blocking, naming the file's module; no module script of its own.
    const module = new DOMParser().parseFromString(file, 'text/html').querySelector('script[type="module"]');
    const scripts = [...doc.querySelectorAll('script')];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.getAttribute('src')).toBe('/kept-paint.js');
    expect(scripts[0]?.async).toBe(true);
    expect(scripts[0]?.getAttribute(AFTER_PAINT_ATTR)).toBe(module?.getAttribute('src'));
    expect(module?.getAttribute('src')).toBeTruthy();
    // A file without a module script has nothing to load later: not served.
    expect(
      keptPage(file.replace(/<script type="module"[^>]*><\/script>/, ''), record(), { afterPaint: true }),
    ).toBeNull();
  });

  it('loads the named module two frames on, the rows held back from the first paint put in place first', () => {
    const frames: (() => void)[] = [];
    const run = () => {
      for (const f of frames.splice(0)) f();
    };
    // A document of its own.
    const doc = new DOMParser().parseFromString(
      `<div id="root"><div class="people-scroll"><table><tbody>${rowsHtml(0, KEPT_PEOPLE_ROWS)}<tr class="spacer" style="height: 500px"></tr></tbody></table></div><template ${LATER_ROWS_ATTR}="88"><table><tbody>${rowsHtml(KEPT_PEOPLE_ROWS, KEPT_PEOPLE_ROWS + 2)}</tbody></table></template></div>`,
      'text/html',
    );
    startAfterPaint(doc, '/chunks/people-X.js', (f) => frames.push(f));
    const modules = () => [...doc.querySelectorAll('script[type="module"]')].map((s) => s.getAttribute('src'));
    const rows = () => doc.querySelectorAll('#root .people-scroll tbody tr[aria-rowindex]').length;
    run();
    // The first frame is the one that paints the kept screen: nothing yet.
    expect(modules()).toEqual([]);
    expect(loadedAfterPaint(doc)).toBe(false);
    expect(rows()).toBe(KEPT_PEOPLE_ROWS);
    run();
    expect(rows()).toBe(KEPT_PEOPLE_ROWS + 2);
    expect(doc.querySelector(`template[${LATER_ROWS_ATTR}]`)).toBeNull();
    expect((doc.querySelector('tr.spacer') as HTMLElement).style.height).toBe('412px');
    expect(modules()).toEqual(['/chunks/people-X.js']);
    expect(loadedAfterPaint(doc)).toBe(true);
    expect(frames).toHaveLength(0);
  });

  it('keeps markup with "$" in it as written (a name, a subject: never read as a replacement pattern)', () => {
    const html = '<p class="row-name">$&amp; $1 $$ $` Cash</p>';
    const served = keptPage(template('popup'), record(html)) ?? '';
    expect(new DOMParser().parseFromString(served, 'text/html').getElementById('root')?.innerHTML).toBe(html);
  });

  it('serves nothing from a file of another shape, or for what cannot be a kept screen', () => {
    const popup = template('popup');
    expect(keptPage(popup.replace('<div id="root"></div>', '<div id="app"></div>'), record())).toBeNull();
    expect(keptPage(popup.replace(/<script[^>]*kept-paint[^>]*><\/script>/, ''), record())).toBeNull();
    expect(
      keptPage(popup.replace('<div id="root"></div>', '<div id="root"></div><div id="root"></div>'), record()),
    ).toBeNull();
    expect(keptPage(popup, record(''))).toBeNull();
    expect(keptPage(popup.replace('</head>', ''), record())).toBeNull();
    expect(keptPage(popup, record('x'.repeat(FIRST_SCREEN_MAX_CHARS + 1)))).toBeNull();
  });

  it('keys a page in the cache by an address that can never be fetched (the cache refuses the extension scheme)', () => {
    expect(Object.keys(KEPT_PAGES)).toEqual(['/popup.html', '/people.html']);
    for (const path of Object.keys(KEPT_PAGES)) {
      const key = new URL(keptPageKey(path));
      expect(key.protocol).toBe('https:');
      expect(key.hostname.endsWith('.invalid')).toBe(true);
      expect(key.pathname).toBe(path);
    }
  });
});
