// @vitest-environment happy-dom
/**
 * The popup keeps its first screen: the markup is the popup's own first render for what the store holds (not the
 * live page with its search, open panels and Drifting), kept again when what it shows changes, never for a new
 * user, and painted back by the paint script exactly as kept.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { keepFirstScreen, renderFirstScreen } from '@/entrypoints/popup/first-screen';
import type { Contact } from '@/lib/core/model';
import type { Nudge } from '@/lib/engine/nudges';
import type { FirstPaint } from '@/lib/store/first-paint';
import { FIRST_SCREEN_KEY, KEPT_ROWS, paintFirstScreen, readFirstScreen } from '@/lib/store/first-screen';
import { newContact } from '@/lib/store/interactions';

const DAY = 86_400_000;
const NOW = Date.now();

function person(email: string, name: string, lastDaysAgo: number): Contact {
  const c = newContact(email, name, NOW - 400 * DAY);
  return { ...c, summary: { ...c.summary, count: 3, lastAt: NOW - lastDaysAgo * DAY } };
}

/** A nudge as the background lists it (only what the first screen shows matters here). */
const nudge = (kind: Nudge['kind'], email: string, name: string, reason: string, daysAgo: number): Nudge => ({
  key: `${kind}:${email}`,
  kind,
  contact: email,
  name,
  reason,
  score: 10 - daysAgo / 10,
  at: NOW - daysAgo * DAY,
});
const ada = nudge('reply-needed', 'ada@example.org', 'Ada Lovelace', 'Waiting for your reply since Tuesday', 3);
const cy = nudge('overdue', 'cy@example.org', 'Cy Young', 'Monthly · last email 7 weeks ago', 49);

const first = (nudges: Nudge[], computedAt = NOW): FirstPaint => ({
  nudges: { computedAt, nudges },
  health: [],
  contacts: [person('ada@example.org', 'Ada Lovelace', 3), person('bo@example.org', 'Bo Berg', 10)],
});

// The popup's head as built, in a template: it names the build and loads nothing.
const head = document.createElement('template');
head.innerHTML = '<script type="module" src="/chunks/popup-T.js"></script>';

beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
});

const nudgeNames = (html: string) => {
  const t = document.createElement('template');
  t.innerHTML = html;
  return [...t.content.querySelectorAll('main section')]
    .filter((s) => !s.querySelector('h2')?.textContent?.startsWith('Recent contacts'))
    .map((s) => [...s.querySelectorAll('.row-name')].map((e) => e.textContent));
};

it("renders the popup's first screen for what the store holds: sections, rows with names, recent contacts", () => {
  const html = renderFirstScreen(first([ada, cy]));
  expect(nudgeNames(html)).toEqual([['Ada Lovelace'], ['Cy Young']]);
  expect(html).toContain('Recent contacts');
  expect(html).toContain('Bo Berg');
  expect(html).toContain('Search people');
  expect(html).not.toContain('Drifting');
});

it('keeps the screen after a quiet moment, again when it changes, and paints it back as kept', async () => {
  const root = document.createElement('div');
  let data = first([ada, cy]);
  let reads = 0;
  const stop = keepFirstScreen(root, {
    read: async () => {
      reads += 1;
      return data;
    },
    storage: localStorage,
    head: head.content,
    quietMs: 20,
  });
  try {
    await vi.waitFor(() => expect(readFirstScreen(localStorage, '/chunks/popup-T.js')).toBeDefined());
    const k1 = readFirstScreen(localStorage, '/chunks/popup-T.js');
    expect(k1?.computedAt).toBe(NOW);
    expect(nudgeNames(k1?.html ?? '')).toEqual([['Ada Lovelace'], ['Cy Young']]);

    // The live page changes (the list was recomputed: Ada is done): kept again, from the store's answer.
    data = first([cy], NOW + 1);
    root.append(document.createElement('p'));
    await vi.waitFor(() => expect(readFirstScreen(localStorage, '/chunks/popup-T.js')?.computedAt).toBe(NOW + 1));
    const k2 = readFirstScreen(localStorage, '/chunks/popup-T.js');
    expect(nudgeNames(k2?.html ?? '')).toEqual([['Cy Young']]);
    expect(reads).toBe(2);

    // The paint script puts exactly that back.
    const page = document.createElement('div');
    expect(paintFirstScreen(page, localStorage, '/chunks/popup-T.js')).toBe(true);
    expect(page.innerHTML).toBe(k2?.html);
  } finally {
    stop();
  }
});

it('keeps nothing, and forgets what was kept, when nobody is known (the welcome is never painted from memory)', async () => {
  localStorage.setItem(FIRST_SCREEN_KEY, 'kept before');
  const root = document.createElement('div');
  let done = false;
  const stop = keepFirstScreen(root, {
    read: async () => {
      done = true;
      return { nudges: { computedAt: NOW, nudges: [] }, health: [], contacts: [] };
    },
    storage: localStorage,
    head: head.content,
    quietMs: 10,
  });
  await vi.waitFor(() => expect(done).toBe(true));
  await vi.waitFor(() => expect(localStorage.getItem(FIRST_SCREEN_KEY)).toBeNull());
  stop();
});

it('a store that cannot be read keeps nothing and throws nothing', async () => {
  const root = document.createElement('div');
  let tried = false;
  const stop = keepFirstScreen(root, {
    read: async () => {
      tried = true;
      throw new Error('store closed');
    },
    storage: localStorage,
    head: head.content,
    quietMs: 10,
  });
  await vi.waitFor(() => expect(tried).toBe(true));
  await new Promise((r) => setTimeout(r, 20));
  expect(localStorage.getItem(FIRST_SCREEN_KEY)).toBeNull();
  stop();
});

it('keeps only the rows that fill the popup: the first five, and no section after the last of them', () => {
  const many = Array.from({ length: 4 }, (_, i) =>
    nudge('reply-needed', `r${i}@example.org`, `Reply ${i}`, 'Waiting for your reply since Tuesday', 3 + i),
  );
  const later = Array.from({ length: 4 }, (_, i) =>
    nudge('overdue', `o${i}@example.org`, `Overdue ${i}`, 'Monthly · last email 7 weeks ago', 40 + i),
  );
  const html = renderFirstScreen(first([...many, ...later]));
  expect(KEPT_ROWS).toBe(5);
  // Four in the first section, the first of the second, and Recent contacts (below them) not at all.
  expect(nudgeNames(html)).toEqual([['Reply 0', 'Reply 1', 'Reply 2', 'Reply 3'], ['Overdue 0']]);
  expect(html).not.toContain('Recent contacts');
  expect(html).toContain('Search people');
  // With fewer rows than that, nothing is taken away.
  expect(nudgeNames(renderFirstScreen(first([ada, cy])))).toEqual([['Ada Lovelace'], ['Cy Young']]);
});
