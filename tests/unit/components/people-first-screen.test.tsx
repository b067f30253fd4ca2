// @vitest-environment happy-dom
/**
 * The People view keeps its opening screen (the table's default view, at the top) so the next opening paints
 * the first rows before any module; a view the user searched, sorted, filtered or selected in is never kept,
 * nor an empty one; the paint script puts it back exactly as kept, inert until React replaces it.
 */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PeopleTable } from '@/components/people/people-table';
import { keepPeopleScreen, openingMarkup } from '@/entrypoints/people/first-screen';
import {
  CACHED_ATTR,
  FIRST_SCREEN_KEY,
  KEPT_PEOPLE_ROWS,
  LATER_ROWS_ATTR,
  PEOPLE_SCREEN_KEY,
  paintFirstScreen,
  readFirstScreen,
  showLaterRows,
} from '@/lib/store/first-screen';
import type { PersonRow } from '@/lib/store/people-table';
import { stubLayout } from '@/tests/support/layout';

const NOW = Date.UTC(2026, 10, 2);
const DAY = 86_400_000;
const BUILD = '/chunks/people-T.js';
const row = (i: number): PersonRow => ({
  email: `p${i}@example.org`,
  name: `Person ${i}`,
  org: 'example.org',
  lastAt: NOW - i * DAY,
  rhythmDays: 30,
  rhythmSource: 'inferred',
  dueAt: NOW + (30 - i) * DAY,
  dueRatio: i / 30,
  overdue: i > 30,
  drifting: false,
  strength: 0.5,
  tags: [],
  muted: false,
});

const head = document.createElement('template');
head.innerHTML = `<script type="module" src="${BUILD}"></script>`;

stubLayout();
beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
afterEach(() => vi.useRealTimers());

function view(rows: PersonRow[]) {
  const { container } = render(
    <PeopleTable
      rows={rows}
      now={NOW}
      onOpen={() => undefined}
      onBulk={async () => ({ ok: true, changed: 0 })}
      initialRect={{ width: 1000, height: 440 }}
    />,
  );
  return container;
}

it('keeps the opening view once it is still, and paints it back inert, under its own key', async () => {
  const root = view(Array.from({ length: 200 }, (_, i) => row(i)));
  const stop = keepPeopleScreen(root, { storage: localStorage, head: head.content, quietMs: 50 });
  await act(() => vi.advanceTimersByTimeAsync(100));
  stop();
  const kept = readFirstScreen(localStorage, BUILD, PEOPLE_SCREEN_KEY);
  // Sorted by when they are due: the longest overdue first.
  expect(kept?.html).toContain('Person 199');
  // The popup's kept screen is another record.
  expect(localStorage.getItem(FIRST_SCREEN_KEY)).toBeNull();

  const page = document.createElement('div');
  expect(paintFirstScreen(page, localStorage, BUILD, PEOPLE_SCREEN_KEY)).toBe(true);
  expect(page.innerHTML).toBe(kept?.html);
  expect(page.hasAttribute(CACHED_ATTR)).toBe(true);
  expect(page.hasAttribute('inert')).toBe(true);
  // The first KEPT_PEOPLE_ROWS rows are painted at once; the others in sight wait in a template, their height in
  // the spacer, and come a frame later: then the kept table is the live one, row for row.
  const names = (el: ParentNode) =>
    [...el.querySelectorAll('tbody tr[aria-rowindex] .col-name')].map((c) => c.textContent);
  const spacer = (el: ParentNode) => (el.querySelector('tbody tr.spacer') as HTMLElement | null)?.style.height;
  const live = names(root);
  expect(live.length).toBeGreaterThan(KEPT_PEOPLE_ROWS);
  expect(names(page)).toEqual(live.slice(0, KEPT_PEOPLE_ROWS));
  const held = page.querySelector(`template[${LATER_ROWS_ATTR}]`) as HTMLTemplateElement;
  expect(names(held.content)).toEqual(live.slice(KEPT_PEOPLE_ROWS));
  // (Their height is measured: no layout here, so the spacer's sum is checked in the browser, people-view.test.ts.)
  expect(held.getAttribute(LATER_ROWS_ATTR)).toBe('0');
  showLaterRows(page);
  expect(names(page)).toEqual(live);
  expect(page.querySelector('template')).toBeNull();
  expect(spacer(page)).toBe(spacer(root));
  expect(page.innerHTML).toBe(root.innerHTML);
  showLaterRows(page);
  expect(page.innerHTML).toBe(root.innerHTML);
  // Another build's markup is never painted.
  expect(paintFirstScreen(document.createElement('div'), localStorage, '/chunks/people-U.js', PEOPLE_SCREEN_KEY)).toBe(
    false,
  );
});

it('keeps nothing while the view is searched, sorted or selected in, or while the kept screen shows', async () => {
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  const root = view(Array.from({ length: 50 }, (_, i) => row(i)));
  expect(openingMarkup(root)).not.toBeNull();
  await user.type(screen.getByLabelText('Search'), 'Person 4');
  expect(openingMarkup(root)).toBeNull();
  await user.clear(screen.getByLabelText('Search'));
  expect(openingMarkup(root)).not.toBeNull();
  await user.click(screen.getByRole('button', { name: /^Name/ }));
  expect(openingMarkup(root)).toBeNull();
  await user.click(screen.getByRole('button', { name: /^Next due/ }));
  expect(openingMarkup(root)).not.toBeNull();
  await user.click(screen.getByRole('checkbox', { name: 'Select everyone shown' }));
  expect(openingMarkup(root)).toBeNull();
  await user.click(screen.getByRole('checkbox', { name: 'Select everyone shown' }));
  expect(openingMarkup(root)).not.toBeNull();
  root.setAttribute(CACHED_ATTR, '1');
  expect(openingMarkup(root)).toBeNull();
});

it('keeps nothing for a view without people, and forgets what was kept', async () => {
  localStorage.setItem(PEOPLE_SCREEN_KEY, 'kept before');
  const root = view([]);
  const stop = keepPeopleScreen(root, { storage: localStorage, head: head.content, quietMs: 50 });
  await act(() => vi.advanceTimersByTimeAsync(100));
  stop();
  expect(localStorage.getItem(PEOPLE_SCREEN_KEY)).toBeNull();
});
