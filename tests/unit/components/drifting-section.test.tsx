// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DriftingSection } from '@/components/live/drifting';
import type { Contact } from '@/lib/core/model';
import { getDb } from '@/lib/store/db';
import { newContact } from '@/lib/store/interactions';
import { peopleRows } from '@/lib/store/people-table';

const DAY = 86_400_000;
const NOW = Date.now();

/** Someone you usually talk to weekly, quiet for `quietDays`. */
function weekly(i: number, quietDays: number): Contact {
  const c = newContact(`friend${i}@example.org`, `Friend ${i}`, NOW - 300 * DAY);
  const at = NOW - quietDays * DAY;
  return {
    ...c,
    summary: { count: 20, sent: 10, received: 10, meetings: 0, inferredDays: 7, lastAt: at, lastTouchAt: at },
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  const db = getDb();
  await Promise.all(db.tables.map((t) => t.clear()));
});

it('counts everyone drifting (as the People view would) and lists the five most adrift', async () => {
  await getDb().contacts.bulkPut([
    ...Array.from({ length: 8 }, (_, i) => weekly(i, 30 + i * 10)),
    // On their rhythm: not drifting.
    weekly(8, 3),
  ]);
  const inPeopleView = (await peopleRows(getDb(), NOW)).filter((r) => r.drifting).length;
  expect(inPeopleView).toBe(8);
  render(<DriftingSection />);
  const heading = await screen.findByRole('heading', { name: /Drifting/ }, { timeout: 3000 });
  expect(heading.textContent).toBe(`Drifting ${inPeopleView}`);
  const section = heading.closest('section') as HTMLElement;
  expect(within(section).getAllByRole('listitem')).toHaveLength(5);
  expect(
    within(section)
      .getAllByRole('button')
      .map((b) => b.textContent),
  ).toEqual(['Friend 7', 'Friend 6', 'Friend 5', 'Friend 4', 'Friend 3', 'See all 8 in People']);
  // All of them: the People view, opened on its Drifting filter.
  within(section).getByRole('button', { name: 'See all 8 in People' }).click();
  await vi.waitFor(async () =>
    expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContainEqual(
      expect.stringMatching(/\/people\.html\?filter=drifting$/),
    ),
  );
});

it('lists someone drifting from the rhythm of their tag', async () => {
  // Monthly by their tag (client, a default), nothing inferred, quiet 200 days.
  const lee = weekly(1, 200);
  await getDb().contacts.put({
    ...lee,
    name: 'Lee Park',
    tags: ['client'],
    summary: { ...lee.summary, inferredDays: null },
  });
  render(<DriftingSection />);
  const heading = await screen.findByRole('heading', { name: /Drifting/ }, { timeout: 3000 });
  expect(heading.textContent).toBe('Drifting 1');
  expect(screen.getByText(/^Gone quiet: .* since you last talked; usually every ~month$/)).toBeTruthy();
});
