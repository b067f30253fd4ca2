// @vitest-environment happy-dom
/**
 * Snooze until a chosen day, muting a person from their card, and what is open with a person across threads.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dateInputValue } from '@/components/format';
import { LivePerson } from '@/components/live/thread-panel';
import { NudgeSections, snoozeDateUntil } from '@/components/nudge-list';
import { OPEN_MAX, openNudgesOf } from '@/components/person/open-with';
import type { SaveResult } from '@/components/person/use-person-save';
import { PersonCard } from '@/components/person-card';
import { App } from '@/entrypoints/popup/App';
import type { Contact } from '@/lib/core/model';
import type { Nudge } from '@/lib/engine/nudges';
import { SNOOZE_HOUR } from '@/lib/engine/snooze';
import { getDb } from '@/lib/store/db';
import { newContact } from '@/lib/store/interactions';
import { CY_OVERDUE } from '@/tests/support/nudges';

const DAY = 86_400_000;

/** 8:00 on the day `days` from today, in the test's (the browser's) zone, and that day as a date input holds it. */
function dayAhead(days: number): { value: string; until: number } {
  const d = new Date();
  const at = new Date(d.getFullYear(), d.getMonth(), d.getDate() + days, SNOOZE_HOUR);
  return { value: dateInputValue(at.getTime()), until: at.getTime() };
}

describe('snoozeDateUntil', () => {
  const now = new Date(2025, 2, 12, 15, 0).getTime();
  it.each([
    ['2025-03-14', new Date(2025, 2, 14, 8, 0).getTime()],
    ['2025-03-13', new Date(2025, 2, 13, 8, 0).getTime()],
    ['2026-01-01', new Date(2026, 0, 1, 8, 0).getTime()],
  ])('%s ends at 8:00 that day in the browser zone', (value, until) => {
    expect(snoozeDateUntil(value, now)).toEqual({ ok: true, until });
  });

  it.each([
    ['', 'Choose a date first.'],
    ['soon', 'That is not a date.'],
    ['2025-02-30', 'That is not a date.'],
    ['2025-03-11', 'That date is in the past: choose a later day.'],
    ['2024-12-31', 'That date is in the past: choose a later day.'],
    ['2025-03-12', '8:00 today has passed: choose a later day.'],
    ['2200-01-01', 'That date is too far away.'],
  ])('%j is refused: %s', (value, error) => {
    expect(snoozeDateUntil(value, now)).toEqual({ ok: false, error });
  });

  it('takes today while its 8:00 is still ahead', () => {
    const early = new Date(2025, 2, 12, 6, 30).getTime();
    expect(snoozeDateUntil('2025-03-12', early)).toEqual({ ok: true, until: new Date(2025, 2, 12, 8).getTime() });
  });

  it('writes a day as a date input does', () => {
    expect(dateInputValue(new Date(2025, 0, 5, 23, 59).getTime())).toBe('2025-01-05');
  });
});

describe('the snooze menu: until a date', () => {
  const nudge = CY_OVERDUE;
  function setup() {
    const onSnooze = vi.fn();
    render(<NudgeSections nudges={[nudge]} onWrite={vi.fn()} onSnooze={onSnooze} onDone={vi.fn()} />);
    return { onSnooze, user: userEvent.setup() };
  }

  it('snoozes until 8:00 on the chosen day', async () => {
    const { onSnooze, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Snooze' }));
    const menu = screen.getByRole('group', { name: 'Snooze Cy Young until' });
    const { value, until } = dayAhead(5);
    fireEvent.change(within(menu).getByLabelText('Until a date'), { target: { value } });
    await user.click(within(menu).getByRole('button', { name: 'Snooze until then' }));
    expect(onSnooze).toHaveBeenCalledExactlyOnceWith(nudge, { until });
  });

  it('refuses a day in the past in words, next to the field, and sends nothing', async () => {
    const { onSnooze, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Snooze' }));
    const field = screen.getByLabelText('Until a date');
    fireEvent.change(field, { target: { value: dayAhead(-2).value } });
    await user.click(screen.getByRole('button', { name: 'Snooze until then' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('That date is in the past: choose a later day.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe(alert.id);
    expect(onSnooze).not.toHaveBeenCalled();
    // Choosing another day clears the message; Enter in the field confirms it.
    fireEvent.change(field, { target: { value: dayAhead(1).value } });
    expect(screen.queryByRole('alert')).toBeNull();
    await user.type(field, '{Enter}');
    expect(onSnooze).toHaveBeenCalledExactlyOnceWith(nudge, { until: dayAhead(1).until });
  });

  it('asks for a date when none was chosen', async () => {
    const { onSnooze, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Snooze' }));
    await user.click(screen.getByRole('button', { name: 'Snooze until then' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose a date first.');
    expect(onSnooze).not.toHaveBeenCalled();
  });

  it('offers no day whose 8:00 has passed', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Snooze' }));
    const min = screen.getByLabelText('Until a date').getAttribute('min') ?? '';
    expect(snoozeDateUntil(min, Date.now()).ok).toBe(true);
  });

  it('Escape in the date field closes the menu and gives focus back to Snooze', async () => {
    const { user } = setup();
    const snooze = screen.getByRole('button', { name: 'Snooze' });
    await user.click(snooze);
    const field = screen.getByLabelText('Until a date');
    field.focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Snooze Cy Young until' })).toBeNull();
    expect(document.activeElement).toBe(snooze);
    expect(snooze.getAttribute('aria-expanded')).toBe('false');
  });
});

const NOW = Date.now();

function person(email: string, name: string, over: Partial<Contact> = {}): Contact {
  const c = newContact(email, name, NOW - 400 * DAY);
  return { ...c, summary: { ...c.summary, count: 3, sent: 2, received: 1, lastAt: NOW - 3 * DAY }, ...over };
}

function nudge(over: Partial<Nudge> & Pick<Nudge, 'key' | 'kind' | 'contact'>): Nudge {
  return { name: '', reason: 'a reason', score: 1, at: NOW - DAY, ...over };
}

let messages: unknown[];
let reply: { ok: true } | { ok: false; error: string };

beforeEach(async () => {
  fakeBrowser.reset();
  messages = [];
  reply = { ok: true };
  fakeBrowser.runtime.onMessage.addListener((msg: unknown) => {
    messages.push(msg);
    return Promise.resolve(reply);
  });
  await Promise.all(getDb().tables.map((t) => t.clear()));
});

describe('the popup sends a chosen day', () => {
  it('as `until`, and the row goes at once', async () => {
    const db = getDb();
    await db.contacts.put(person('cy@example.org', 'Cy Young'));
    await db.kv.put({
      key: 'nudges',
      value: {
        computedAt: NOW,
        nudges: [
          nudge({ key: 'contact:cy@example.org', kind: 'overdue', contact: 'cy@example.org', name: 'Cy Young' }),
        ],
      },
    });
    render(<App />);
    const overdue = await screen.findByRole('region', { name: /^Overdue/ });
    const user = userEvent.setup();
    await user.click(within(overdue).getByRole('button', { name: 'Snooze' }));
    const { value, until } = dayAhead(10);
    fireEvent.change(within(overdue).getByLabelText('Until a date'), { target: { value } });
    await user.click(within(overdue).getByRole('button', { name: 'Snooze until then' }));
    expect(messages).toEqual([{ type: 'nudge-action', key: 'contact:cy@example.org', action: 'snooze', until }]);
    expect(screen.queryByRole('region', { name: /^Overdue/ })).toBeNull();
  });
});

describe('muting a person from their card', () => {
  const card = (props: { muted?: boolean; onMute?: (m: boolean) => SaveResult | Promise<SaveResult> }) => (
    <PersonCard
      contact={person('ann@example.org', 'Ann Smith')}
      history={[]}
      now={NOW}
      rhythm={{ description: 'Auto' }}
      onChange={() => ({ ok: true })}
      {...props}
    />
  );

  it('says what muting does, and toggles between Mute and Unmute', async () => {
    const onMute = vi.fn(() => ({ ok: true }) as const);
    const { rerender } = render(card({ muted: false, onMute }));
    const button = screen.getByRole('button', { name: 'Mute' });
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Mute: no reminders about Ann; mail is still counted.',
    );
    await userEvent.setup().click(button);
    expect(onMute).toHaveBeenCalledExactlyOnceWith(true);
    // Shown at once, before the store answers.
    expect(screen.getByRole('button', { name: 'Unmute' })).toBeTruthy();
    expect(screen.getByText('Muted: no reminders about Ann; mail is still counted.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Muted');
    rerender(card({ muted: true, onMute }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Unmute' }));
    expect(onMute).toHaveBeenLastCalledWith(false);
    expect(screen.getByRole('button', { name: 'Mute' })).toBeTruthy();
  });

  it('goes back and says "Not saved" when the background refuses', async () => {
    render(card({ muted: false, onMute: async () => ({ ok: false, errors: ['no'] }) }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Mute' }));
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toBe('Not saved'));
    expect(screen.getByRole('button', { name: 'Mute' })).toBeTruthy();
  });

  it('has no mute button when nothing can mute', () => {
    render(card({}));
    expect(screen.queryByRole('button', { name: /mute/i })).toBeNull();
  });

  it('live: reads the mute from the store and asks the background to change it', async () => {
    const db = getDb();
    await db.contacts.put(person('ann@example.org', 'Ann Smith'));
    await db.nudgeState.put({ key: 'contact:ann@example.org', muted: true });
    render(<LivePerson email="ann@example.org" now={NOW} />);
    const art = await screen.findByRole('article', { name: 'Ann Smith' });
    const unmute = await within(art).findByRole('button', { name: 'Unmute' });
    expect(art.textContent).toContain('Muted: no reminders about Ann; mail is still counted.');
    await userEvent.setup().click(unmute);
    expect(messages).toEqual([{ type: 'nudge-action', key: 'contact:ann@example.org', action: 'unmute' }]);
    await db.nudgeState.put({ key: 'contact:ann@example.org', muted: false });
    await userEvent.setup().click(await within(art).findByRole('button', { name: 'Mute' }));
    expect(messages[1]).toEqual({ type: 'nudge-action', key: 'contact:ann@example.org', action: 'mute' });
  });

  it('live: a refused mute is undone on the card', async () => {
    reply = { ok: false, error: 'the store is closed' };
    await getDb().contacts.put(person('ann@example.org', 'Ann Smith'));
    render(<LivePerson email="ann@example.org" now={NOW} />);
    const art = await screen.findByRole('article', { name: 'Ann Smith' });
    await userEvent.setup().click(within(art).getByRole('button', { name: 'Mute' }));
    await vi.waitFor(() => expect(within(art).getByRole('status').textContent).toBe('Not saved'));
    expect(within(art).getByRole('button', { name: 'Mute' })).toBeTruthy();
  });
});

describe('open with a person, across threads', () => {
  const ann = 'ann@example.org';
  const list: Nudge[] = [
    nudge({
      key: 'thread:me@x.org/t1:reply-needed',
      kind: 'reply-needed',
      contact: ann,
      reason: 'Waiting for your reply since Tuesday',
      subject: 'Budget',
    }),
    nudge({ key: 'contact:ann@example.org', kind: 'overdue', contact: ann, reason: 'Monthly · 7 weeks' }),
    nudge({
      key: 'thread:me@x.org/t2:awaiting-reply',
      kind: 'awaiting-reply',
      contact: ann,
      reason: 'You asked 6 days ago',
      subject: 'Venue',
    }),
    nudge({
      key: 'thread:me@x.org/t3:reply-needed',
      kind: 'reply-needed',
      contact: 'bob@example.org',
      reason: 'Bob waits',
      subject: 'Other',
    }),
    nudge({
      key: 'promise:p1',
      kind: 'promise',
      contact: 'ann.s@old.example.org',
      reason: 'You promised the deck by Friday',
      subject: 'Deck',
    }),
    nudge({ key: 'date:ann@example.org:birthday:2025-03-14', kind: 'key-date', contact: ann, reason: 'Birthday' }),
    nudge({ key: 'appr', kind: 'appreciation', contact: ann, reason: 'Thank them' }),
  ];

  it('keeps their reply-needed, follow-up and promise nudges (aliases too), in order', () => {
    expect(openNudgesOf(list, [ann, 'ann.s@old.example.org']).map((n) => n.key)).toEqual([
      'thread:me@x.org/t1:reply-needed',
      'thread:me@x.org/t2:awaiting-reply',
      'promise:p1',
    ]);
    expect(openNudgesOf(list, ['cy@example.org'])).toEqual([]);
    expect(openNudgesOf(undefined, [ann])).toEqual([]);
  });

  it(`lists at most ${OPEN_MAX}`, () => {
    const many = Array.from({ length: 9 }, (_, i) =>
      nudge({ key: `promise:${i}`, kind: 'promise', contact: ann, reason: `promise ${i}` }),
    );
    expect(openNudgesOf(many, [ann]).map((n) => n.reason)).toEqual([0, 1, 2, 3, 4].map((i) => `promise ${i}`));
  });

  it('live: the card lists them under "Open with Ann", kind, reason and subject', async () => {
    const db = getDb();
    await db.contacts.put(person(ann, 'Ann Smith', { aliases: ['ann.s@old.example.org'] }));
    await db.kv.put({ key: 'nudges', value: { computedAt: NOW, nudges: list } });
    render(<LivePerson email={ann} now={NOW} />);
    const section = await screen.findByRole('region', { name: 'Open with Ann' });
    const items = within(section)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'Reply needed Waiting for your reply since TuesdayBudget',
      'Follow up You asked 6 days agoVenue',
      'Promise You promised the deck by FridayDeck',
    ]);
    expect(section.textContent).not.toContain('Bob waits');
    expect(section.textContent).not.toContain('Birthday');
    // The list follows the store: once nothing is open, the heading goes.
    await db.kv.put({ key: 'nudges', value: { computedAt: NOW + 1, nudges: [] } });
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: 'Open with Ann' })).toBeNull());
  });

  it('shows nothing when nothing is open', async () => {
    await getDb().contacts.put(person(ann, 'Ann Smith'));
    render(<LivePerson email={ann} now={NOW} />);
    await screen.findByRole('article', { name: 'Ann Smith' });
    expect(screen.queryByText(/Open with/)).toBeNull();
  });
});
