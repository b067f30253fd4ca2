// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dateInputValue } from '@/components/format';
import { touchDay } from '@/components/person/log-touch';
import { PersonPage, type PersonPageProps, strengthWord, strengthWords } from '@/components/person/person-page';
import { monthlyTouches } from '@/components/person/touch-strip';
import { RecentContacts } from '@/components/recent-contacts';
import type { Interaction } from '@/lib/core/model';
import { newContact } from '@/lib/store/interactions';

const DAY = 86_400_000;
const NOW = new Date(2025, 2, 12, 15, 0).getTime();

const history: Interaction[] = [
  {
    key: 'manual:a',
    contact: 'ada@example.org',
    at: NOW - DAY,
    direction: 'meeting',
    source: 'manual',
    kind: 'coffee',
    note: 'Talked engines',
  },
  {
    key: 'm2',
    contact: 'ada@example.org',
    at: NOW - 3 * DAY,
    direction: 'received',
    source: 'gmail',
    subject: 'Engines',
  },
  { key: 'm1', contact: 'ada@example.org', at: NOW - 40 * DAY, direction: 'sent', source: 'gmail', subject: 'Hello' },
  {
    key: 'old',
    contact: 'ada@example.org',
    at: NOW - 500 * DAY,
    direction: 'sent',
    source: 'gmail',
    subject: 'Long ago',
  },
];

function props(over: Partial<PersonPageProps> = {}): PersonPageProps {
  return {
    contact: {
      ...newContact('ada@example.org', 'Ada Lovelace', NOW - 600 * DAY),
      aliases: ['ada@home.org'],
      summary: { count: 4, sent: 2, received: 1, meetings: 1, inferredDays: 21, lastAt: NOW - DAY },
    },
    history,
    now: NOW,
    rhythm: { description: 'Auto: you usually talk every ~3 weeks.', due: 'due in 3 weeks' },
    strength: { now: 0.62, yearAgo: 0.4 },
    open: [
      {
        key: 'thread:t:reply-needed',
        kind: 'reply-needed',
        contact: 'ada@example.org',
        name: 'Ada',
        reason: 'Ada wrote 4 days ago',
        at: NOW,
      },
    ],
    muted: false,
    onChange: vi.fn(async () => ({ ok: true as const })),
    onMute: vi.fn(async () => ({ ok: true as const })),
    onLogTouch: vi.fn(async () => ({ ok: true as const })),
    onDeleteTouch: vi.fn(async () => ({ ok: true as const })),
    onRestoreTouch: vi.fn(async () => ({ ok: true as const })),
    onAddAddress: vi.fn(async () => ({ ok: true as const })),
    onRemoveAddress: vi.fn(async () => ({ ok: true as const, moved: 2 })),
    onMerge: vi.fn(async () => ({ ok: true as const })),
    ...over,
  };
}

describe('PersonPage', () => {
  it('shows the facts, strength against a year ago, open items and every touch with dates', () => {
    render(<PersonPage {...props()} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeTruthy();
    expect(screen.getByText('Strong now (62 of 100), up from fair (40) a year ago.')).toBeTruthy();
    expect(screen.getByText('Ada wrote 4 days ago')).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Every touch with Ada Lovelace' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('strong')?.textContent)).toEqual([
      'Coffee',
      'They wrote',
      'You wrote',
      'You wrote',
    ]);
    expect(rows[0]?.textContent).toContain('Talked engines');
    // Only the touch logged by hand can be edited or deleted.
    expect(within(list).getAllByRole('button', { name: /^Edit/ })).toHaveLength(1);
    expect(within(list).getAllByRole('button', { name: /^Delete/ })).toHaveLength(1);
    expect(screen.getByRole('list', { name: 'Addresses of Ada Lovelace' }).textContent).toContain('ada@home.org');
  });

  it('logs a touch: a coffee today with a note, through onLogTouch; the form closes and says so', async () => {
    const user = userEvent.setup();
    const p = props();
    render(<PersonPage {...p} />);
    await user.click(screen.getByRole('button', { name: 'Log a touch' }));
    const form = screen.getByRole('form', { name: 'Log a touch with Ada Lovelace' });
    expect((within(form).getByLabelText('When') as HTMLInputElement).value).toBe(dateInputValue(NOW));
    await user.selectOptions(within(form).getByLabelText('What'), 'coffee');
    await user.type(within(form).getByLabelText('Note'), 'Met at the café');
    await user.click(within(form).getByRole('button', { name: 'Log touch' }));
    expect(p.onLogTouch).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'coffee', note: 'Met at the café' }),
      undefined,
    );
    expect(screen.queryByRole('form', { name: /Log a touch/ })).toBeNull();
    expect(screen.getByText('Touch logged')).toBeTruthy();
  });

  it('edits a logged touch with its key, and shows a refusal in words', async () => {
    const user = userEvent.setup();
    const p = props({
      onLogTouch: vi.fn(async () => ({ ok: false as const, error: 'That touch is no longer there.' })),
    });
    render(<PersonPage {...p} />);
    await user.click(screen.getByRole('button', { name: /^Edit Coffee/ }));
    const form = screen.getByRole('form', { name: 'Edit a touch with Ada Lovelace' });
    expect((within(form).getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Talked engines');
    await user.click(within(form).getByRole('button', { name: 'Save touch' }));
    expect(p.onLogTouch).toHaveBeenCalledWith({ kind: 'coffee', at: NOW - DAY, note: 'Talked engines' }, 'manual:a');
    expect(within(form).getByRole('alert').textContent).toBe('That touch is no longer there.');
  });

  it("edits a touch with no kind (a backup's) without making it a call, unless another kind is chosen", async () => {
    const user = userEvent.setup();
    const kindless: Interaction = {
      key: 'manual:b',
      contact: 'ada@example.org',
      at: NOW - 2 * DAY,
      direction: 'sent',
      source: 'manual',
      note: 'Sent flowers',
    };
    const p = props({ history: [kindless, ...history] });
    render(<PersonPage {...p} />);
    await user.click(screen.getByRole('button', { name: /^Edit You wrote/ }));
    const what = screen.getByLabelText('What') as HTMLSelectElement;
    expect(what.value).toBe('');
    expect(what.selectedOptions[0]?.textContent).toBe('You wrote (as it is)');
    await user.clear(screen.getByLabelText('Note'));
    await user.type(screen.getByLabelText('Note'), 'Sent flowers and a card');
    await user.click(screen.getByRole('button', { name: 'Save touch' }));
    expect(p.onLogTouch).toHaveBeenLastCalledWith({ at: NOW - 2 * DAY, note: 'Sent flowers and a card' }, 'manual:b');
    await user.click(screen.getByRole('button', { name: /^Edit You wrote/ }));
    await user.selectOptions(screen.getByLabelText('What'), 'Message elsewhere');
    await user.click(screen.getByRole('button', { name: 'Save touch' }));
    expect(p.onLogTouch).toHaveBeenLastCalledWith(
      { kind: 'message', at: NOW - 2 * DAY, note: 'Sent flowers' },
      'manual:b',
    );
    // Deleted and put back: without a kind still.
    await user.click(screen.getByRole('button', { name: /^Delete You wrote/ }));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(p.onRestoreTouch).toHaveBeenLastCalledWith(kindless);
  });

  it('keeps the keyboard where the user is: into the form, back to its button, to Undo after a delete', async () => {
    const user = userEvent.setup();
    const p = props();
    render(<PersonPage {...p} />);
    await user.click(screen.getByRole('button', { name: 'Log a touch' }));
    expect(document.activeElement).toBe(screen.getByLabelText('What'));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log a touch' }));
    await user.click(screen.getByRole('button', { name: /^Edit Coffee/ }));
    expect(document.activeElement).toBe(screen.getByLabelText('What'));
    await user.click(screen.getByRole('button', { name: 'Save touch' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log a touch' }));
    // A delete can be undone at once: the touch comes back as it was, key and all.
    await user.click(screen.getByRole('button', { name: /^Delete Coffee/ }));
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(document.activeElement).toBe(undo);
    expect(undo.parentElement?.textContent).toBe('Deleted: Coffee · Talked engines. Undo');
    await user.click(undo);
    expect(p.onRestoreTouch).toHaveBeenLastCalledWith(history[0]);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log a touch' }));
  });

  it('deletes a logged touch, removes an address and merges with another person by address', async () => {
    const user = userEvent.setup();
    const p = props({ onMerge: vi.fn(async () => ({ ok: false as const, errors: ['zed@x.org is not a contact.'] })) });
    render(<PersonPage {...p} mergeCandidates={[{ email: 'ann@x.org', name: 'Ann' }]} />);
    await user.click(screen.getByRole('button', { name: /^Delete Coffee/ }));
    expect(p.onDeleteTouch).toHaveBeenCalledWith('manual:a');
    await user.click(screen.getByRole('button', { name: 'Remove ada@home.org' }));
    expect(p.onRemoveAddress).toHaveBeenCalledWith('ada@home.org');
    expect(
      screen.getByText(
        'Removed ada@home.org. Its 2 touches went back to ada@home.org as a contact of its own; what you wrote stays here.',
      ),
    ).toBeTruthy();
    await user.type(screen.getByLabelText('Merge with another person'), 'zed@x.org');
    await user.click(screen.getByRole('button', { name: 'Merge' }));
    expect(p.onMerge).toHaveBeenCalledWith('zed@x.org');
    expect(screen.getByRole('alert').textContent).toBe('zed@x.org is not a contact.');
  });

  it('asks before an added address merges a person of its own in, and changes nothing on Cancel', async () => {
    const user = userEvent.setup();
    const p = props({
      onAddAddress: vi.fn(async () => ({
        ok: false as const,
        person: { email: 'bo@x.org', name: 'Bo Ray', touches: 12 },
      })),
    });
    render(<PersonPage {...p} />);
    await user.type(screen.getByLabelText('Add an address'), 'bo@x.org');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    const ask = screen.getByRole('group', { name: 'Merge Bo Ray?' });
    expect(ask.textContent).toContain(
      'bo@x.org is Bo Ray, a person of their own with 12 touches. Merge them into Ada Lovelace?',
    );
    expect(p.onMerge).not.toHaveBeenCalled();
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: 'Merge Bo Ray?' })).toBeNull();
    expect(p.onMerge).not.toHaveBeenCalled();
    expect(screen.getByText('Nothing changed.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await user.click(
      within(screen.getByRole('group', { name: 'Merge Bo Ray?' })).getByRole('button', { name: 'Merge' }),
    );
    expect(p.onMerge).toHaveBeenCalledWith('bo@x.org');
    expect(screen.getByText('Merged Bo Ray into Ada Lovelace: both histories are kept.')).toBeTruthy();
  });

  it('lists the 12 months of touches as a table beside the picture', () => {
    render(<PersonPage {...props()} />);
    const table = screen.getByRole('table');
    const last = within(table).getAllByRole('row').at(-1);
    // This month: one received and one by hand.
    expect([...(last?.querySelectorAll('td') ?? [])].map((td) => td.textContent)).toEqual(['0', '1', '0', '1']);
    expect(screen.getByText(/3 touches with Ada in 12 months/)).toBeTruthy();
  });
});

describe('monthlyTouches, touchDay, strengthWords', () => {
  it('counts the 12 months up to now by kind, ignoring what is older or later', () => {
    const m = monthlyTouches([...history, { at: NOW + DAY, direction: 'sent', source: 'gmail' }], NOW);
    expect(m).toHaveLength(12);
    expect(m.reduce((s, x) => s + x.sent + x.received + x.meeting + x.manual, 0)).toBe(3);
    expect(m[11]).toMatchObject({ received: 1, manual: 1, sent: 0 });
  });

  it('reads a day: today is now, an earlier day is noon there, a later or impossible one is refused', () => {
    expect(touchDay(dateInputValue(NOW), NOW)).toEqual({ ok: true, at: NOW });
    expect(touchDay('2025-03-01', NOW)).toEqual({ ok: true, at: new Date(2025, 2, 1, 12).getTime() });
    expect(touchDay('2025-03-20', NOW)).toMatchObject({ ok: false });
    expect(touchDay('2025-02-30', NOW)).toEqual({ ok: false, error: 'That is not a date.' });
    expect(touchDay('', NOW)).toEqual({ ok: false, error: 'Choose a date.' });
  });

  it('says how strength moved, in words on a five-step scale', () => {
    expect(strengthWords({ now: 0.3, yearAgo: 0.6 })).toBe('Weak now (30 of 100), down from strong (60) a year ago');
    expect(strengthWords({ now: 0.5, yearAgo: 0.52 })).toBe('Fair now (50 of 100), about the same as a year ago (52)');
    expect(strengthWords({ now: 0.85, yearAgo: 0.1 })).toBe(
      'Very strong now (85 of 100), up from faint (10) a year ago',
    );
    // No touch known a year ago is not a score of 0: it says there is nothing to compare with.
    expect(strengthWords({ now: 0.79, yearAgo: null })).toBe(
      'Strong now (79 of 100); no touches a year ago to compare with',
    );
    expect([0, 0.19, 0.2, 0.39, 0.4, 0.59, 0.6, 0.79, 0.8, 1].map(strengthWord)).toEqual([
      'faint',
      'faint',
      'weak',
      'weak',
      'fair',
      'fair',
      'strong',
      'strong',
      'very strong',
      'very strong',
    ]);
  });

  it('draws no year-ago bar when there is nothing to compare with', () => {
    const { container } = render(<PersonPage {...props({ strength: { now: 0.79, yearAgo: null } })} />);
    expect(container.querySelectorAll('.strength meter')).toHaveLength(1);
    expect(screen.getByText('Strong now (79 of 100); no touches a year ago to compare with.')).toBeTruthy();
  });
});

describe('RecentContacts', () => {
  it('opens a person from the popup list', async () => {
    const onOpen = vi.fn();
    render(<RecentContacts contacts={[{ email: 'ann@x.org', name: 'Ann Lee' }]} now={NOW} onOpen={onOpen} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Ann Lee' }));
    expect(onOpen).toHaveBeenCalledWith('ann@x.org');
  });
});
