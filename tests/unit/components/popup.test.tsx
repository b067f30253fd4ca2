// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/entrypoints/popup/App';
import { App as Sidebar } from '@/entrypoints/sidepanel/App';
import type { Contact } from '@/lib/core/model';
import type { Nudge } from '@/lib/engine/nudges';
import { getDb } from '@/lib/store/db';
import { newContact } from '@/lib/store/interactions';

const DAY = 86_400_000;
const NOW = Date.now();

function person(email: string, name: string, lastDaysAgo: number): Contact {
  const c = newContact(email, name, NOW - 400 * DAY);
  return { ...c, summary: { ...c.summary, count: 3, lastAt: NOW - lastDaysAgo * DAY } };
}

const nudges: Nudge[] = [
  {
    key: 'thread:me@x.org/t1:reply-needed',
    kind: 'reply-needed',
    contact: 'ada@example.org',
    name: 'Ada Lovelace',
    reason: 'Waiting for your reply since Tuesday',
    score: 9,
    at: NOW - 3 * DAY,
    threadId: 't1',
    account: 'me@x.org',
    subject: 'Engines',
  },
  {
    key: 'contact:cy@example.org',
    kind: 'overdue',
    contact: 'cy@example.org',
    name: 'Cy Young',
    reason: 'Monthly · last email 7 weeks ago',
    score: 5,
    at: NOW - 49 * DAY,
  },
];

let messages: unknown[];

afterEach(() => vi.restoreAllMocks());

beforeEach(async () => {
  fakeBrowser.reset();
  messages = [];
  fakeBrowser.runtime.onMessage.addListener((msg: unknown) => {
    messages.push(msg);
    return Promise.resolve({ ok: true });
  });
  const db = getDb();
  await Promise.all(db.tables.map((t) => t.clear()));
});

async function seed() {
  const db = getDb();
  await db.contacts.bulkPut([
    person('ada@example.org', 'Ada Lovelace', 3),
    person('bob@example.org', 'Bob Stone', 10),
    person('cy@example.org', 'Cy Young', 49),
  ]);
  await db.kv.put({ key: 'nudges', value: { computedAt: NOW, nudges } });
}

it('tells a new user what to do', async () => {
  render(<App />);
  expect(await screen.findByText('Open Gmail and browse your inbox; Tend learns as you read.')).toBeTruthy();
  expect(screen.queryByRole('list', { name: 'Recent contacts' })).toBeNull();
});

it('paints nudges by section and recent contacts, and updates live', async () => {
  await seed();
  render(<App />);
  const reply = await screen.findByRole('region', { name: /^Reply needed/ });
  expect(within(reply).getByText('Ada Lovelace')).toBeTruthy();
  expect(screen.getByRole('region', { name: /^Overdue/ }).textContent).toContain('Monthly · last email 7 weeks ago');
  const list = await screen.findByRole('list', { name: 'Recent contacts' });
  const items = within(list).getAllByRole('listitem');
  expect(items.map((li) => ['Ada Lovelace', 'Bob Stone', 'Cy Young'].find((n) => li.textContent?.includes(n)))).toEqual(
    ['Ada Lovelace', 'Bob Stone', 'Cy Young'],
  );
  expect(items[0]?.textContent).toContain('last contact 3 days ago');
  await getDb().contacts.put(person('dee@example.org', 'Dee New', 0));
  expect(await within(list).findByText('Dee New')).toBeTruthy();
});

it('searches people by name or address', async () => {
  await seed();
  render(<App />);
  await screen.findByRole('list', { name: 'Recent contacts' });
  const user = userEvent.setup();
  await user.type(screen.getByRole('searchbox', { name: 'Search people' }), 'stone');
  await screen.findByText('Matching “stone”');
  const list = screen.getByRole('list', { name: 'Recent contacts' });
  await vi.waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
  expect(list.textContent).toContain('Bob Stone');
  // Nudges are filtered too.
  expect(screen.queryByRole('region', { name: /^Reply needed/ })).toBeNull();
});

it('Done tells the background and the row goes at once', async () => {
  await seed();
  render(<App />);
  const reply = await screen.findByRole('region', { name: /^Reply needed/ });
  await userEvent.setup().click(within(reply).getByRole('button', { name: 'Done' }));
  expect(messages).toContainEqual({ type: 'nudge-action', key: 'thread:me@x.org/t1:reply-needed', action: 'done' });
  expect(screen.queryByRole('region', { name: /^Reply needed/ })).toBeNull();
});

it('Snooze names the time and leaves its zone to the background', async () => {
  await seed();
  render(<App />);
  const overdue = await screen.findByRole('region', { name: /^Overdue/ });
  const user = userEvent.setup();
  await user.click(within(overdue).getByRole('button', { name: 'Snooze' }));
  await user.click(within(overdue).getByRole('button', { name: 'Tomorrow' }));
  expect(messages[0]).toEqual({
    type: 'nudge-action',
    key: 'contact:cy@example.org',
    action: 'snooze',
    for: 'tomorrow',
  });
});

it('Write opens Gmail compose for that person', async () => {
  await seed();
  const create = vi.spyOn(fakeBrowser.tabs, 'create');
  render(<App />);
  const reply = await screen.findByRole('region', { name: /^Reply needed/ });
  await userEvent.setup().click(within(reply).getByRole('button', { name: 'Write' }));
  const url = new URL(String(create.mock.calls[0]?.[0]?.url));
  expect(url.origin).toBe('https://mail.google.com');
  expect(url.searchParams.get('to')).toBe('ada@example.org');
  expect(url.searchParams.get('su')).toBe('Re: Engines');
});

it('shows the health banner when Gmail is not recognised', async () => {
  await getDb().kv.put({
    key: 'health:gmail',
    value: { source: 'gmail', failingSince: NOW - DAY, unreadableDates: 0 },
  });
  render(<App />);
  expect((await screen.findByRole('alert')).textContent).toContain("Gmail's layout was not recognised since");
});

describe('sidebar', () => {
  it('opened on its own, shows today’s nudges', async () => {
    await seed();
    render(<Sidebar />);
    expect(await screen.findByRole('region', { name: /^Reply needed/ })).toBeTruthy();
  });

  it('follows the thread open in the active tab', async () => {
    await seed();
    const db = getDb();
    const tabId = 7;
    const query = vi.spyOn(fakeBrowser.tabs, 'query');
    query.mockResolvedValue([
      { id: tabId, index: 0, windowId: 1, active: true, highlighted: true, pinned: false, incognito: false },
    ]);
    await db.threads.put({
      id: 'me@x.org/t1',
      account: 'me@x.org',
      threadId: 't1',
      subject: 'Engines',
      people: ['ada@example.org'],
      messages: [],
      lastAt: NOW - DAY,
      closed: false,
    });
    await db.kv.put({
      key: `tab:${tabId}`,
      value: {
        url: 'https://mail.google.com/mail/u/0/#inbox/t1',
        account: 'me@x.org',
        threadKey: 'me@x.org/t1',
        people: ['ada@example.org'],
        at: NOW,
      },
    });
    render(<Sidebar />);
    const card = await screen.findByRole('article', { name: 'Ada Lovelace' });
    expect(card.textContent).toContain('3 days ago');
    expect(screen.getByRole('heading', { name: 'Engines' })).toBeTruthy();
    await userEvent.setup().selectOptions(within(card).getByRole('combobox', { name: 'Rhythm' }), 'Monthly');
    await vi.waitFor(async () =>
      expect((await db.contacts.get('ada@example.org'))?.cadence).toMatchObject({ mode: 'fixed', days: 30 }),
    );
    expect(messages).toContainEqual({ type: 'refresh' });
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });
});
