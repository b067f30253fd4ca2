// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dueScale, nudgeDueScale } from '@/components/due-scale';
import { visibleRows } from '@/components/people/people-model';
import { PeopleTable } from '@/components/people/people-table';
import { PEOPLE_PAGE_PATH, peopleFilterFromSearch, peoplePagePath } from '@/lib/core/pages';
import type { PersonRow } from '@/lib/store/people-table';
import { stubLayout } from '@/tests/support/layout';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 2);

function row(i: number, over: Partial<PersonRow> = {}): PersonRow {
  return {
    email: `p${i}@co${i % 3}.example`,
    name: `Person ${String(i).padStart(4, '0')}`,
    org: `co${i % 3}.example`,
    lastAt: NOW - i * DAY,
    rhythmDays: i % 4 ? 30 : undefined,
    rhythmSource: 'inferred',
    dueAt: i % 4 ? NOW + (30 - i) * DAY : undefined,
    dueRatio: i % 4 ? i / 30 : undefined,
    overdue: i % 4 !== 0 && i > 30,
    drifting: i % 7 === 0,
    strength: (i % 10) / 10,
    tags: i % 2 ? ['client'] : [],
    muted: i % 11 === 0,
    ...over,
  };
}

stubLayout();

const rows = Array.from({ length: 2000 }, (_, i) => row(i));

describe('visibleRows and dueScale', () => {
  it('filters, searches and sorts (missing values last either way)', () => {
    const o = { filter: 'all' as const, query: '', sort: 'dueAt' as const, desc: false };
    expect(visibleRows(rows, o)[0]?.dueAt).toBe(NOW - 1969 * DAY);
    expect(visibleRows(rows, { ...o, desc: true }).at(-1)?.dueAt).toBeUndefined();
    expect(visibleRows(rows, { ...o, filter: 'tag:Client' })).toHaveLength(1000);
    expect(visibleRows(rows, { ...o, filter: 'no-rhythm' })).toHaveLength(500);
    expect(visibleRows(rows, { ...o, query: 'person 0042' }).map((r) => r.email)).toEqual(['p42@co0.example']);
    expect(visibleRows(rows, { ...o, sort: 'strength', desc: true })[0]?.strength).toBe(0.9);
  });

  it('sorts by every column either way, people without a value last both ways', () => {
    const few = [
      row(1, { org: 'b.example', tags: ['mentor'], rhythmDays: 7 }),
      row(2, { org: 'a.example', tags: [], rhythmDays: undefined }),
      row(3, { org: 'c.example', tags: ['Client'], rhythmDays: 91, lastAt: undefined }),
    ];
    const order = (sort: Parameters<typeof visibleRows>[1]['sort'], desc = false) =>
      visibleRows(few, { filter: 'all', query: '', sort, desc }).map((r) => r.email.slice(0, 2));
    expect(order('org')).toEqual(['p2', 'p1', 'p3']);
    expect(order('org', true)).toEqual(['p3', 'p1', 'p2']);
    expect(order('lastAt')).toEqual(['p2', 'p1', 'p3']);
    expect(order('lastAt', true)).toEqual(['p1', 'p2', 'p3']);
    expect(order('rhythmDays')).toEqual(['p1', 'p3', 'p2']);
    expect(order('rhythmDays', true)).toEqual(['p3', 'p1', 'p2']);
    expect(order('tags')).toEqual(['p3', 'p1', 'p2']);
    expect(order('tags', true)).toEqual(['p1', 'p3', 'p2']);
    expect(order('name', true)).toEqual(['p3', 'p2', 'p1']);
  });

  it('filters overdue, drifting and muted people, and finds people by their other addresses', () => {
    const o = { query: '', sort: 'name' as const, desc: false };
    const ids = (filter: Parameters<typeof visibleRows>[1]['filter'], query = '') =>
      visibleRows(rows.slice(0, 40), { ...o, filter, query }).map((r) =>
        Number(r.email.slice(1, r.email.indexOf('@'))),
      );
    expect(ids('overdue')).toEqual([31, 33, 34, 35, 37, 38, 39]);
    expect(ids('drifting')).toEqual([0, 7, 14, 21, 28, 35]);
    expect(ids('muted')).toEqual([0, 11, 22, 33]);
    const merged = [row(1), row(2, { aliases: ['ann.lee@home.org'] })];
    expect(visibleRows(merged, { ...o, filter: 'all', query: 'home.org' }).map((r) => r.email)).toEqual([
      'p2@co2.example',
    ]);
  });

  it('puts each row on a scale from on time to well overdue, in words', () => {
    const scale = (dueRatio: number) => dueScale({ dueRatio, rhythmDays: 30, muted: false, overdue: dueRatio >= 1 });
    expect([0.2, 0.8, 1.2, 3].map((r) => scale(r).words)).toEqual(['on time', 'due soon', 'overdue', 'well overdue']);
  });

  it('calls a person past their due date but not overdue (an allowance, a snooze) "due", not overdue', () => {
    expect(dueScale({ dueRatio: 1.21, rhythmDays: 14, muted: false, overdue: false })).toEqual({
      step: 2,
      words: 'due',
    });
    expect(dueScale({ dueRatio: 1.21, rhythmDays: 14, muted: false, overdue: true }).step).toBe(3);
  });

  it('calls a row well overdue from its own ratio (a tolerance), else from twice the rhythm', () => {
    const at = (dueRatio: number, worstRatio?: number) =>
      dueScale({ dueRatio, ...(worstRatio ? { worstRatio } : {}), rhythmDays: 30, muted: false, overdue: true }).step;
    expect([1.2, 44 / 30 - 0.01, 44 / 30, 1.5].map((r) => at(r, 44 / 30))).toEqual([3, 3, 4, 4]);
    expect([1.2, 1.99, 2].map((r) => at(r, 2))).toEqual([3, 3, 4]);
    expect([1.2, 1.99, 2].map((r) => at(r))).toEqual([3, 3, 4]);
  });

  it("puts the popup's Overdue nudges on the same scale, and no other kind", () => {
    const monthly = { kind: 'overdue' as const, at: NOW - 40 * DAY, dueAt: NOW - 10 * DAY };
    expect(nudgeDueScale(monthly, NOW)).toEqual({ step: 3, words: 'overdue' });
    expect(nudgeDueScale({ ...monthly, at: NOW - 60 * DAY, dueAt: NOW - 30 * DAY }, NOW)).toEqual({
      step: 4,
      words: 'well overdue',
    });
    // Every 30 days, at worst 14 days later: well overdue from day 44, not 60.
    const tolerant = { ...monthly, at: NOW - 45 * DAY, dueAt: NOW - 15 * DAY, worstAt: NOW - DAY };
    expect(nudgeDueScale(tolerant, NOW)).toEqual({ step: 4, words: 'well overdue' });
    expect(nudgeDueScale({ ...tolerant, worstAt: NOW + DAY }, NOW)).toEqual({ step: 3, words: 'overdue' });
    expect(nudgeDueScale({ ...monthly, kind: 'reply-needed' as const }, NOW)).toBeNull();
    expect(nudgeDueScale({ kind: 'overdue', at: NOW - DAY }, NOW)).toBeNull();
  });
});

describe('PeopleTable', () => {
  it('renders only the rows in view of 2,000, sorts by a header, filters, selects and bulk-tags', async () => {
    const user = userEvent.setup();
    const onBulk = vi.fn(async (_a: unknown, emails: string[]) => ({ ok: true as const, changed: emails.length }));
    const onOpen = vi.fn();
    render(
      <PeopleTable rows={rows} now={NOW} onOpen={onOpen} onBulk={onBulk} initialRect={{ width: 1000, height: 440 }} />,
    );
    const table = screen.getByRole('table', { name: 'People' });
    const bodyRows = () => within(table).getAllByRole('row').slice(1);
    expect(bodyRows().length).toBeGreaterThan(5);
    expect(bodyRows().length).toBeLessThan(40);
    expect(screen.getByText('2,000 of 2,000 people · 0 selected')).toBeTruthy();

    await user.click(within(table).getByRole('button', { name: /^Name/ }));
    expect(within(table).getByRole('columnheader', { name: /^Name/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(within(bodyRows()[0] as HTMLElement).getByRole('button', { name: 'Person 0000' })).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Show', { exact: true }), 'tag:client');
    expect(screen.getByText('1,000 of 2,000 people · 0 selected')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Select everyone shown' }));
    expect(screen.getByText('1,000 of 2,000 people · 1,000 selected')).toBeTruthy();
    await user.type(screen.getByLabelText('Tag to add'), 'conference');
    await user.click(screen.getByRole('button', { name: 'Add tag' }));
    expect(onBulk).toHaveBeenCalledWith({ kind: 'tag', tag: 'conference' }, expect.any(Array));
    expect(onBulk.mock.calls[0]?.[1]).toHaveLength(1000);
    expect(screen.getByText('Done: 1000 of 1000 changed.')).toBeTruthy();

    await user.click(within(bodyRows()[0] as HTMLElement).getByRole('button', { name: 'Person 0001' }));
    expect(onOpen).toHaveBeenCalledWith('p1@co1.example');
  }, 30_000);

  it('opens on the filter its address names (the popup\'s "See all in People"), and not on one it does not know', () => {
    const drifting = rows.filter((r) => r.drifting).length;
    const view = (search: string) => {
      const filter = peopleFilterFromSearch(search);
      const r = render(
        <PeopleTable
          rows={rows}
          now={NOW}
          onOpen={vi.fn()}
          onBulk={vi.fn()}
          initialRect={{ width: 1000, height: 440 }}
          {...(filter ? { initialFilter: filter } : {})}
        />,
      );
      const text = [
        (screen.getByLabelText('Show', { exact: true }) as HTMLSelectElement).value,
        screen.getByText(/ of 2,000 people/).textContent,
      ];
      r.unmount();
      return text;
    };
    expect(view(peoplePagePath('drifting').slice(PEOPLE_PAGE_PATH.length))).toEqual([
      'drifting',
      `${drifting} of 2,000 people · 0 selected`,
    ]);
    expect(view('?filter=tag%3Aclient')).toEqual(['tag:client', '1,000 of 2,000 people · 0 selected']);
    expect(view('?filter=everyone-twice')).toEqual(['all', '2,000 of 2,000 people · 0 selected']);
    expect(view('?filter=tag%3A')).toEqual(['all', '2,000 of 2,000 people · 0 selected']);
    expect(view('')).toEqual(['all', '2,000 of 2,000 people · 0 selected']);
    expect(peoplePagePath()).toBe(PEOPLE_PAGE_PATH);
  });

  it('sets a rhythm only when asked: choosing in the list (by arrow keys too) applies nothing', async () => {
    const user = userEvent.setup();
    const onBulk = vi.fn(async (_a: unknown, emails: string[]) => ({ ok: true as const, changed: emails.length }));
    render(
      <PeopleTable rows={rows} now={NOW} onOpen={vi.fn()} onBulk={onBulk} initialRect={{ width: 1000, height: 440 }} />,
    );
    const first = within(screen.getByRole('table', { name: 'People' })).getAllByRole('row')[1] as HTMLElement;
    await user.click(within(first).getByRole('checkbox'));
    const list = screen.getByLabelText('Rhythm to set') as HTMLSelectElement;
    await user.click(screen.getByRole('button', { name: 'Set rhythm' }));
    expect(screen.getByText('Choose a rhythm first.')).toBeTruthy();
    // Each step of the arrow keys through the closed list is a change event.
    for (const value of ['auto', 'weekly', 'biweekly', 'monthly']) await user.selectOptions(list, value);
    expect(list.value).toBe('monthly');
    expect(onBulk).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Set rhythm' }));
    // The same rhythm the person page's picker sets (half the rhythm as tolerance): one writer, one record.
    expect(onBulk).toHaveBeenCalledWith({ kind: 'rhythm', cadence: { mode: 'fixed', days: 30, toleranceDays: 15 } }, [
      expect.stringMatching(/@co\d\.example$/),
    ]);
    expect(screen.getByText('Done: 1 of 1 changed.')).toBeTruthy();
    // The tag box takes no more than a tag may hold.
    expect((screen.getByLabelText('Tag to add') as HTMLInputElement).maxLength).toBe(60);
  });

  it('offers the bulk actions once someone is selected, in the room the line about them took', async () => {
    const user = userEvent.setup();
    const onBulk = vi.fn(async (_a: unknown, emails: string[]) => ({ ok: true as const, changed: emails.length }));
    render(
      <PeopleTable
        rows={rows.slice(0, 5)}
        now={NOW}
        onOpen={vi.fn()}
        onBulk={onBulk}
        initialRect={{ width: 1000, height: 440 }}
      />,
    );
    const bar = screen.getByRole('group', { name: 'With the selected people' });
    expect(within(bar).queryByRole('button')).toBeNull();
    expect(within(bar).getByText(/^Select people to tag them/)).toBeTruthy();
    await user.click(screen.getAllByRole('checkbox')[1] as HTMLElement);
    expect(within(bar).queryByText(/^Select people to tag them/)).toBeNull();
    await user.click(within(bar).getByRole('button', { name: 'Not a person' }));
    expect(onBulk).toHaveBeenCalledTimes(1);
    // Those it took off the list are no longer selected: the actions go, the outcome stays said, and focus,
    // which was on the button, stays in the bar.
    expect(within(bar).queryByRole('button')).toBeNull();
    expect(within(bar).getByRole('status').textContent).toBe('Done: 1 of 1 changed.');
    expect(document.activeElement).toBe(bar);
    await user.click(screen.getAllByRole('checkbox')[2] as HTMLElement);
    await user.click(screen.getAllByRole('checkbox')[2] as HTMLElement);
    expect(within(bar).queryByRole('button')).toBeNull();
  });
});
