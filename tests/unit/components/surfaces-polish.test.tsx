// @vitest-environment happy-dom
/**
 * What the screenshot review changed: the new user's welcome and its buttons, the rhythm picker showing a
 * choice at once, follow-ups and promise dates in plain words, the person card's Write action, short dates
 * without this year's number, and the popup hiding search from someone with nobody to search yet.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CALENDAR_URL, EmptyState, GMAIL_URL, NEW_USER_TEXT } from '@/components/empty-state';
import { shortDate } from '@/components/format';
import { PersonFacts } from '@/components/person/person-head';
import { PersonCard } from '@/components/person-card';
import { RhythmPicker } from '@/components/rhythm-picker';
import { rhythmText } from '@/components/rhythm-words';
import { followUpWords, promiseWhen, ThreadSummary } from '@/components/thread-summary';
import { App } from '@/entrypoints/popup/App';
import { type Contact, DEFAULT_SETTINGS, type PromiseRecord } from '@/lib/core/model';
import { getDb } from '@/lib/store/db';
import { newContact } from '@/lib/store/interactions';

const DAY = 86_400_000;
const NOW = new Date(2025, 2, 12, 15, 0).getTime();

describe('the welcome for a new user', () => {
  it('says what to do and opens Gmail or Calendar', async () => {
    const onOpen = vi.fn();
    render(<EmptyState knowsPeople={false} onOpen={onOpen} />);
    expect(screen.getByText('Welcome to Tend')).toBeTruthy();
    expect(screen.getByText(NEW_USER_TEXT)).toBeTruthy();
    expect(screen.getByText(/nothing is sent anywhere/)).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Open Gmail' }));
    await user.click(screen.getByRole('button', { name: 'Open Calendar' }));
    expect(onOpen.mock.calls).toEqual([[GMAIL_URL], [CALENDAR_URL]]);
    expect(GMAIL_URL).toMatch(/^https:\/\/mail\.google\.com\//);
    expect(CALENDAR_URL).toMatch(/^https:\/\/calendar\.google\.com\//);
  });

  it('has no buttons when nothing can open a tab, and is calm once Tend knows people', () => {
    const { unmount } = render(<EmptyState knowsPeople={false} />);
    expect(screen.queryByRole('button')).toBeNull();
    unmount();
    render(<EmptyState knowsPeople />);
    expect(screen.getByText('All caught up')).toBeTruthy();
    expect(screen.queryByText(NEW_USER_TEXT)).toBeNull();
  });
});

describe('the popup for a new user', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await Promise.all(getDb().tables.map((t) => t.clear()));
  });

  it('shows the welcome without a search box, and the search box once someone is known', async () => {
    const { unmount } = render(<App />);
    expect(await screen.findByText('Welcome to Tend')).toBeTruthy();
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.getByRole('button', { name: 'Open Gmail' })).toBeTruthy();
    unmount();
    await getDb().contacts.put(newContact('ada@example.org', 'Ada Lovelace', NOW));
    render(<App />);
    expect(await screen.findByRole('searchbox', { name: 'Search people' })).toBeTruthy();
    expect(screen.queryByText('Welcome to Tend')).toBeNull();
  });
});

describe('RhythmPicker', () => {
  it('shows the choice at once, before the store answers, and follows a change made elsewhere', async () => {
    const onChange = vi.fn();
    const { rerender } = render(<RhythmPicker cadence={{ mode: 'auto' }} onChange={onChange} />);
    const select = screen.getByRole('combobox', { name: 'Rhythm' }) as HTMLSelectElement;
    await userEvent.setup().selectOptions(select, 'Weekly');
    // The prop has not changed yet (the save is on its way): the picker already says Weekly.
    expect(select.value).toBe('weekly');
    expect(onChange).toHaveBeenCalledWith({ mode: 'fixed', days: 7, toleranceDays: 4 });
    rerender(<RhythmPicker cadence={{ mode: 'fixed', days: 91, toleranceDays: 30 }} onChange={onChange} />);
    expect(select.value).toBe('quarterly');
  });
});

describe('rhythm in words', () => {
  const person = (over: Partial<Contact>): Contact => ({
    ...newContact('ada@example.org', 'Ada', NOW - 100 * DAY),
    summary: { count: 9, sent: 4, received: 5, meetings: 0, inferredDays: 14, lastAt: NOW - 3 * DAY },
    ...over,
  });
  it.each([
    // A rhythm's tolerance as the day it is well overdue from (the colour scale's last step).
    [{ tags: ['client'] }, 'Monthly (at worst every 44 days), from the tag “client”; you usually talk every ~2 weeks.'],
    [
      { cadence: { mode: 'fixed', days: 91, toleranceDays: 30 } as const },
      'Quarterly (at worst every 121 days), set by you; you usually talk every ~2 weeks.',
    ],
    [
      { cadence: { mode: 'fixed', days: 30, toleranceDays: 0 } as const },
      'Monthly, set by you; you usually talk every ~2 weeks.',
    ],
    [{}, 'Auto: you usually talk every ~2 weeks.'],
    [{ cadence: { mode: 'off' } as const }, 'Not tracked: Tend will not remind you about them.'],
  ])('%j reads "%s"', (over, words) => {
    expect(rhythmText(person(over), DEFAULT_SETTINGS, NOW).description).toBe(words);
  });

  it('says when the next touch is due as the popup sees it: Done restarts the clock, a snooze puts it off', () => {
    const touched = (daysAgo: number, over: Partial<Contact> = {}) =>
      person({
        summary: {
          count: 9,
          sent: 4,
          received: 5,
          meetings: 0,
          inferredDays: 14,
          lastAt: NOW - daysAgo * DAY,
          lastTouchAt: NOW - daysAgo * DAY,
        },
        ...over,
      });
    const monthly = touched(40, { cadence: { mode: 'fixed', days: 30, toleranceDays: 7 } });
    expect(rhythmText(monthly, DEFAULT_SETTINGS, NOW).due).toMatch(/^overdue by /);
    expect(rhythmText(monthly, DEFAULT_SETTINGS, NOW, { doneAt: NOW - 2 * DAY }).due).toBe('due in 4 weeks');
    expect(rhythmText(monthly, DEFAULT_SETTINGS, NOW, { snoozedUntil: NOW + 3 * DAY }).due).toBe(
      'snoozed, back in 3 days',
    );
    // An inferred fortnightly rhythm a day past its date: within its allowance, not yet overdue (nor in the popup).
    expect(rhythmText(touched(15), DEFAULT_SETTINGS, NOW).due).toBe('was due yesterday');

    // Each with its step on the People view's colour scale, for the dot beside the words.
    // Overdue, then well overdue past its "at worst" date (30 + 7 days), not at twice the rhythm.
    expect(rhythmText(touched(33, { cadence: monthly.cadence }), DEFAULT_SETTINGS, NOW).dueStep).toBe(3);
    expect(rhythmText(touched(36, { cadence: monthly.cadence }), DEFAULT_SETTINGS, NOW).dueStep).toBe(3);
    expect(rhythmText(monthly, DEFAULT_SETTINGS, NOW).dueStep).toBe(4);
    expect(rhythmText(touched(60, { cadence: monthly.cadence }), DEFAULT_SETTINGS, NOW).dueStep).toBe(4);
    // Without a tolerance, at twice the rhythm.
    const strict = { cadence: { mode: 'fixed', days: 30, toleranceDays: 0 } } as const;
    expect(rhythmText(touched(59, strict), DEFAULT_SETTINGS, NOW).dueStep).toBe(3);
    expect(rhythmText(touched(60, strict), DEFAULT_SETTINGS, NOW).dueStep).toBe(4);
    expect(rhythmText(monthly, DEFAULT_SETTINGS, NOW, { doneAt: NOW - 2 * DAY }).dueStep).toBe(1);
    expect(rhythmText(touched(25, { cadence: monthly.cadence }), DEFAULT_SETTINGS, NOW).dueStep).toBe(2);
    expect(rhythmText(monthly, DEFAULT_SETTINGS, NOW, { snoozedUntil: NOW + 3 * DAY }).dueStep).toBe(2);
    expect(rhythmText(touched(15), DEFAULT_SETTINGS, NOW).dueStep).toBe(2);
    expect(rhythmText(person({ cadence: { mode: 'off' } }), DEFAULT_SETTINGS, NOW).dueStep).toBeUndefined();
  });

  it('shows the step as a dot beside the next touch, which its words already say to a screen reader', () => {
    render(<PersonFacts summary={undefined} now={NOW} due="overdue by 3 weeks" dueStep={3} />);
    const dd = screen.getByText('overdue by 3 weeks');
    expect(dd.className).toBe('due-3');
    expect(dd.querySelector('.due-dot')?.getAttribute('aria-hidden')).toBe('true');
  });
});

describe('follow-ups and promises in words', () => {
  const nameOf = (e: string) => (e === 'ada@example.org' ? 'Ada Lovelace' : e);
  it.each([
    ['reply-needed', 5, 'Ada Lovelace is waiting for your reply: they wrote 5 days ago.'],
    ['reply-needed', 1, 'Ada Lovelace is waiting for your reply: they wrote yesterday.'],
    ['awaiting-reply', 7, 'You are waiting for Ada Lovelace to answer: you wrote 7 days ago.'],
  ] as const)('%s since %i days', (kind, days, words) => {
    expect(followUpWords({ kind, since: NOW - days * DAY, contact: 'ada@example.org' }, NOW, nameOf)).toBe(words);
  });

  it.each([
    [{ dueAt: NOW - DAY, madeAt: NOW - 5 * DAY }, 'was due yesterday'],
    [{ dueAt: NOW + 2 * 3_600_000, madeAt: NOW - 5 * DAY }, 'due today'],
    [{ dueAt: NOW + DAY, madeAt: NOW - 5 * DAY }, 'due tomorrow'],
    [{ dueAt: NOW + 5 * DAY, madeAt: NOW - DAY }, `due in 5 days (${shortDate(NOW + 5 * DAY, undefined, NOW)})`],
    [
      { dueAt: NOW - 9 * DAY, madeAt: NOW - 20 * DAY },
      `was due 9 days ago (${shortDate(NOW - 9 * DAY, undefined, NOW)})`,
    ],
    [{ madeAt: NOW - 2 * DAY }, 'promised 2 days ago, no date set'],
  ])('%j reads "%s"', (p, words) => {
    expect(promiseWhen(p, NOW)).toBe(words);
  });

  it('marks a promise past its date as late, and "Kept" closes it', async () => {
    const p: PromiseRecord = {
      id: 'p1',
      threadKey: 'me@x.org/t1',
      messageId: 'm1',
      contacts: ['ada@example.org'],
      text: "I'll send the deck by Friday.",
      madeAt: NOW - 5 * DAY,
      dueAt: NOW - DAY,
      status: 'open',
      suggestDone: false,
    };
    const onDone = vi.fn();
    render(<ThreadSummary subject="Deck" followUp={null} promises={[p]} now={NOW} onPromiseDone={onDone} />);
    const late = screen.getByText('was due yesterday');
    expect(late.className).toContain('late');
    await userEvent.setup().click(screen.getByRole('button', { name: "Mark kept: I'll send the deck by Friday." }));
    expect(onDone).toHaveBeenCalledWith(p);
  });
});

describe('short dates', () => {
  it('leave out the year when it is this year', () => {
    const d = new Date(2025, 10, 27).getTime();
    expect(shortDate(d, 'en-GB', NOW)).toBe('27 Nov');
    expect(shortDate(d, 'en-GB', new Date(2026, 0, 2).getTime())).toBe('27 Nov 2025');
    expect(shortDate(d, 'en-GB')).toBe('27 Nov 2025');
  });
});

describe('PersonCard actions', () => {
  it('writes to the person and finds a time, from one group named for them', async () => {
    const onWrite = vi.fn();
    render(
      <PersonCard
        contact={newContact('ada@example.org', 'Ada Lovelace', NOW)}
        history={[]}
        now={NOW}
        rhythm={{ description: '' }}
        onChange={() => ({ ok: true })}
        onWrite={onWrite}
        schedule={() => <p>the slots</p>}
      />,
    );
    const group = screen.getByRole('group', { name: 'Actions for Ada Lovelace' });
    const user = userEvent.setup();
    await user.click(within(group).getByRole('button', { name: 'Write' }));
    expect(onWrite).toHaveBeenCalledTimes(1);
    const find = within(group).getByRole('button', { name: 'Find a time' });
    expect(find.getAttribute('aria-expanded')).toBe('false');
    await user.click(find);
    expect(find.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('the slots')).toBeTruthy();
  });

  it('has no action group when there is nothing to do', () => {
    render(
      <PersonCard
        contact={newContact('ada@example.org', 'Ada Lovelace', NOW)}
        history={[]}
        now={NOW}
        rhythm={{ description: '' }}
        onChange={() => ({ ok: true })}
      />,
    );
    expect(screen.queryByRole('group', { name: /^Actions for/ })).toBeNull();
  });
});
