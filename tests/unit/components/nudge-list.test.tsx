// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NudgeSections } from '@/components/nudge-list';
import type { NudgeLike } from '@/components/types';

const nudges: NudgeLike[] = [
  {
    key: 'n1',
    kind: 'reply-needed',
    contact: 'ada@example.org',
    name: 'Ada Lovelace',
    reason: 'Waiting for your reply since Tuesday',
    at: 1,
    subject: 'Engines',
    threadId: 't1',
  },
  { key: 'n2', kind: 'awaiting-reply', contact: 'bob@example.org', name: '', reason: 'You asked 6 days ago', at: 2 },
  {
    key: 'n3',
    kind: 'overdue',
    contact: 'cy@example.org',
    name: 'Cy Young',
    reason: 'Monthly · last email 7 weeks ago',
    at: 3,
  },
  {
    key: 'n4',
    kind: 'promise',
    contact: 'di@example.org',
    name: 'Di',
    reason: 'You promised the deck by Friday',
    at: 4,
  },
];

function setup(extra: Partial<Parameters<typeof NudgeSections>[0]> = {}) {
  const props = {
    onWrite: vi.fn(),
    onSnooze: vi.fn(),
    onDone: vi.fn(),
    onOpenThread: vi.fn(),
    renderSchedule: vi.fn((n: NudgeLike) => <p>{`slots for ${n.contact}`}</p>),
    ...extra,
  };
  render(<NudgeSections nudges={nudges} {...props} />);
  return { user: userEvent.setup(), ...props };
}

const rowOf = (name: string) => screen.getByRole('group', { name: `Actions for ${name}` });

it('shows each kind under its heading, with the name (or address) and the reason', () => {
  setup();
  for (const [title, name, reason] of [
    ['Reply needed', 'Ada Lovelace', 'Waiting for your reply since Tuesday'],
    ['Follow up', 'bob@example.org', 'You asked 6 days ago'],
    ['Overdue', 'Cy Young', 'Monthly · last email 7 weeks ago'],
    ['Promises', 'Di', 'You promised the deck by Friday'],
  ] as const) {
    const section = screen.getByRole('region', { name: new RegExp(`^${title}`) });
    expect(within(section).getByText(name)).toBeTruthy();
    expect(within(section).getByText(reason)).toBeTruthy();
  }
  expect(screen.queryByRole('region', { name: /Key dates/ })).toBeNull();
});

it('Write and Done call back with the nudge', async () => {
  const { user, onWrite, onDone } = setup();
  await user.click(within(rowOf('Cy Young')).getByRole('button', { name: 'Write' }));
  expect(onWrite).toHaveBeenCalledWith(nudges[2]);
  await user.click(within(rowOf('Di')).getByRole('button', { name: 'Done' }));
  expect(onDone).toHaveBeenCalledWith(nudges[3]);
});

it('Snooze offers tomorrow and next week', async () => {
  const { user, onSnooze } = setup();
  const snooze = within(rowOf('Ada Lovelace')).getByRole('button', { name: 'Snooze' });
  expect(snooze.getAttribute('aria-expanded')).toBe('false');
  await user.click(snooze);
  expect(snooze.getAttribute('aria-expanded')).toBe('true');
  await user.click(screen.getByRole('button', { name: 'Next week' }));
  expect(onSnooze).toHaveBeenCalledWith(nudges[0], 'next-week');
});

it('Schedule opens the slot panel for that person', async () => {
  const { user } = setup();
  expect(screen.queryByText('slots for bob@example.org')).toBeNull();
  await user.click(within(rowOf('bob@example.org')).getByRole('button', { name: 'Schedule' }));
  expect(screen.getByText('slots for bob@example.org')).toBeTruthy();
});

it("lists sections in the engine's one order (NUDGE_KIND_ORDER), the same as the digest", () => {
  setup();
  const titles = screen.getAllByRole('region').map((r) => r.getAttribute('aria-label') ?? r.textContent ?? '');
  const order = ['Promises', 'Reply needed', 'Follow up', 'Overdue'];
  const seen = order.map((t) => titles.findIndex((x) => x.startsWith(t)));
  expect(seen.every((i) => i >= 0)).toBe(true);
  expect([...seen].sort((a, b) => a - b)).toEqual(seen);
});

it('works from the keyboard: Tab to an action, Enter to use it, Escape to close a panel', async () => {
  // Without the promise (whose section comes first), the first focusable thing is Ada's thread subject, then her
  // Write button.
  const { user, onWrite, onSnooze } = setup({ nudges: nudges.filter((n) => n.kind !== 'promise') });
  await user.tab();
  expect(document.activeElement?.textContent).toBe('Engines');
  await user.tab();
  expect(document.activeElement?.textContent).toBe('Write');
  await user.keyboard('{Enter}');
  expect(onWrite).toHaveBeenCalledWith(nudges[0]);
  await user.tab();
  await user.tab();
  expect(document.activeElement?.textContent).toBe('Snooze');
  await user.keyboard(' ');
  // Opening the menu puts focus on its first choice; Escape closes it and gives focus back.
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Tomorrow' }));
  await user.keyboard('{Escape}');
  expect(screen.queryByRole('button', { name: 'Tomorrow' })).toBeNull();
  expect(document.activeElement?.textContent).toBe('Snooze');
  await user.keyboard('{Enter}');
  await user.keyboard('{Enter}');
  expect(onSnooze).toHaveBeenCalledWith(nudges[0], 'tomorrow');
});

it('opens the thread from its subject', async () => {
  const { user, onOpenThread } = setup();
  await user.click(screen.getByRole('button', { name: 'Engines' }));
  expect(onOpenThread).toHaveBeenCalledWith(nudges[0]);
});

it('shows a screenful per section and the rest on request, counting what is left', async () => {
  const many: NudgeLike[] = Array.from({ length: 32 }, (_, i) => ({
    key: `o${i}`,
    kind: 'overdue',
    contact: `p${i}@example.org`,
    name: `Person ${i}`,
    reason: 'Monthly · last email 7 weeks ago',
    at: i,
  }));
  render(<NudgeSections nudges={many} onWrite={vi.fn()} onSnooze={vi.fn()} onDone={vi.fn()} />);
  const user = userEvent.setup();
  const section = screen.getByRole('region', { name: /^Overdue/ });
  expect(within(section).getByText('32')).toBeTruthy();
  const rows = () =>
    within(section)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.row-name')?.textContent);
  expect(rows()).toEqual(['Person 0', 'Person 1', 'Person 2', 'Person 3', 'Person 4']);
  await user.click(within(section).getByRole('button', { name: 'Show 20 more (27 left)' }));
  expect(rows()).toHaveLength(25);
  expect(rows()[5]).toBe('Person 5');
  await user.click(within(section).getByRole('button', { name: 'Show 7 more (7 left)' }));
  expect(rows()).toHaveLength(32);
  expect(within(section).queryByRole('button', { name: /more/ })).toBeNull();
});

it('an Overdue nudge shows how late it is in colour, with the words for a screen reader', () => {
  const DAY = 86_400_000;
  const now = Date.now();
  const late: NudgeLike = {
    key: 'n5',
    kind: 'overdue',
    contact: 'eve@example.org',
    name: 'Eve',
    reason: 'Monthly · last email 9 weeks ago',
    at: now - 63 * DAY,
    dueAt: now - 33 * DAY,
  };
  render(
    <NudgeSections nudges={[late, nudges[0] as NudgeLike]} onWrite={vi.fn()} onSnooze={vi.fn()} onDone={vi.fn()} />,
  );
  const reason = screen.getByText(
    (_, el) => el?.tagName === 'P' && el.textContent === 'well overdue: Monthly · last email 9 weeks ago',
  );
  expect(reason.className).toBe('row-reason due-4');
  expect(reason.querySelector('.due-dot')?.getAttribute('aria-hidden')).toBe('true');
  // A reply needed is not on a rhythm's scale: no colour.
  expect(screen.getByText('Waiting for your reply since Tuesday').className).toBe('row-reason');
});

it('names a promise made to no person (only to lists or robots) plainly, with no page to open', async () => {
  const onOpenPerson = vi.fn();
  render(
    <NudgeSections
      nudges={[
        {
          key: 'p1',
          kind: 'promise',
          contact: '',
          name: '',
          reason: "You said you'd send the notes",
          at: 5,
          subject: 'Team sync',
        },
      ]}
      onWrite={vi.fn()}
      onSnooze={vi.fn()}
      onDone={vi.fn()}
      onOpenPerson={onOpenPerson}
    />,
  );
  expect(screen.getByText('Your promise')).toBeTruthy();
  expect(screen.getByRole('group', { name: 'Actions for Your promise' })).toBeTruthy();
  // Every button has a name, and none opens a person's page.
  for (const b of screen.getAllByRole('button')) expect(b.textContent?.trim()).not.toBe('');
  expect(screen.queryByRole('button', { name: 'Your promise' })).toBeNull();
});
