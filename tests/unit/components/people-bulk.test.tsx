// @vitest-environment happy-dom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PeopleTable } from '@/components/people/people-table';
import { stubLayout } from '@/tests/support/layout';
import { personRow as row } from '@/tests/support/person-row';

stubLayout();

const rows = [
  row('ann@x.example', { overdue: true }),
  row('bo@x.example', { tags: ['client'] }),
  row('cy@x.example', { tags: ['client'] }),
];

function setup() {
  const user = userEvent.setup();
  const onBulk = vi.fn(async (_a: unknown, e: string[]) => ({ ok: true as const, changed: e.length }));
  render(
    <PeopleTable rows={rows} now={0} onOpen={vi.fn()} onBulk={onBulk} initialRect={{ width: 1000, height: 440 }} />,
  );
  return { user, onBulk, count: () => screen.getByText(/people ·/).textContent };
}

it('acts only on the selected people the filter shows, and says who it leaves alone', async () => {
  const { user, onBulk, count } = setup();
  await user.click(screen.getByRole('checkbox', { name: 'Select ann' }));
  await user.selectOptions(screen.getByLabelText('Show', { exact: true }), 'tag:client');
  expect(count()).toBe('2 of 3 people · 0 selected (1 more hidden by the search or filter, left alone)');
  await user.click(screen.getByRole('checkbox', { name: 'Select everyone shown' }));
  await user.click(screen.getByRole('button', { name: 'Mute' }));
  expect(onBulk.mock.calls[0]?.[1]).toEqual(['bo@x.example', 'cy@x.example']);
  // Unticking "everyone shown" drops the shown people only; Ann, hidden, stays selected.
  await user.click(screen.getByRole('checkbox', { name: 'Select everyone shown' }));
  await user.selectOptions(screen.getByLabelText('Show', { exact: true }), 'all');
  expect(count()).toBe('3 of 3 people · 1 selected');
  expect((screen.getByRole('checkbox', { name: 'Select ann' }) as HTMLInputElement).checked).toBe(true);
});

it('after "Not a person", drops from the selection only the people it removed', async () => {
  const { user, onBulk, count } = setup();
  await user.click(screen.getByRole('checkbox', { name: 'Select ann' }));
  await user.click(screen.getByRole('checkbox', { name: 'Select bo' }));
  await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'bo');
  await user.click(screen.getByRole('button', { name: 'Not a person' }));
  expect(onBulk.mock.calls[0]?.[1]).toEqual(['bo@x.example']);
  await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
  expect(count()).toBe('3 of 3 people · 1 selected');
});
