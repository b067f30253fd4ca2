// @vitest-environment happy-dom
/** The popup's kept first screen in localStorage: written on change, read back, versioned, corrupt → ignored. */
import {
  buildId,
  CACHED_ATTR,
  FIRST_SCREEN_KEY,
  FIRST_SCREEN_MAX_CHARS,
  FIRST_SCREEN_VERSION,
  forgetFirstScreen,
  keptScreenKey,
  PEOPLE_SCREEN_KEY,
  paintFirstScreen,
  readFirstScreen,
  releaseFirstScreen,
  saveFirstScreen,
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

it('names the kept screen of the page the paint script runs in, and none for another page', () => {
  expect(keptScreenKey('/popup.html')).toBe(FIRST_SCREEN_KEY);
  expect(keptScreenKey('/people.html')).toBe(PEOPLE_SCREEN_KEY);
  expect(keptScreenKey('/options.html')).toBeNull();
  expect(keptScreenKey('/sidepanel.html')).toBeNull();
});
