// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PersonCard } from '@/components/person-card';
import { cadenceFromValue, cadenceValue, RhythmPicker } from '@/components/rhythm-picker';
import type { Contact, Interaction } from '@/lib/core/model';
import { newContact } from '@/lib/store/interactions';

const DAY = 86_400_000;
const NOW = new Date(2025, 2, 12, 15, 0).getTime();

function contact(over: Partial<Contact> = {}): Contact {
  return {
    ...newContact('ada@example.org', 'Ada Lovelace', NOW - 100 * DAY),
    summary: { count: 12, sent: 6, received: 5, meetings: 1, inferredDays: 21, lastAt: NOW - 3 * DAY },
    ...over,
  };
}

const history: Interaction[] = [
  {
    key: 'm2',
    contact: 'ada@example.org',
    at: NOW - 3 * DAY,
    direction: 'received',
    source: 'gmail',
    subject: 'Engines',
  },
  {
    key: 'e1',
    contact: 'ada@example.org',
    at: NOW - 10 * DAY,
    direction: 'meeting',
    source: 'calendar',
    subject: 'Coffee',
  },
];

describe('RhythmPicker', () => {
  it.each([
    [{ mode: 'off' } as const, 'off'],
    [{ mode: 'auto' } as const, 'auto'],
    [{ mode: 'fixed', days: 30, toleranceDays: 15 } as const, 'monthly'],
    [{ mode: 'fixed', days: 10, toleranceDays: 0 } as const, 'custom:10'],
  ])('shows %j as %s', (c, v) => {
    expect(cadenceValue(c)).toBe(v);
  });

  it('saves the choice as a cadence setting', async () => {
    const onChange = vi.fn();
    render(
      <RhythmPicker
        cadence={{ mode: 'auto' }}
        description="Auto: you usually talk every ~3 weeks."
        onChange={onChange}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Rhythm' });
    expect(screen.getByText('Auto: you usually talk every ~3 weeks.')).toBeTruthy();
    const names = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(names).toEqual([
      "Don't track",
      'Auto',
      'Weekly',
      'Every 2 weeks',
      'Monthly',
      'Every 2 months',
      'Quarterly',
      'Every 6 months',
      'Yearly',
    ]);
    await userEvent.setup().selectOptions(select, 'Quarterly');
    expect(onChange).toHaveBeenCalledWith({ mode: 'fixed', days: 91, toleranceDays: 46 });
    await userEvent.setup().selectOptions(select, "Don't track");
    expect(onChange).toHaveBeenLastCalledWith({ mode: 'off' });
  });

  it('keeps a custom rhythm when re-chosen', () => {
    const prev = { mode: 'fixed', days: 10, toleranceDays: 3 } as const;
    expect(cadenceFromValue('custom:10', prev)).toBe(prev);
  });
});

describe('PersonCard', () => {
  function setup(c = contact()) {
    const onChange = vi.fn(async () => ({ ok: true as const }));
    render(
      <PersonCard
        contact={c}
        history={history}
        now={NOW}
        rhythm={{ description: 'Auto: you usually talk every ~3 weeks.', due: 'due in 5 days' }}
        onChange={onChange}
        schedule={() => <p>the slots</p>}
      />,
    );
    return { onChange };
  }

  it('shows the person, last contact, rhythm and a timeline', () => {
    setup();
    const card = screen.getByRole('article', { name: 'Ada Lovelace' });
    expect(card.textContent).toContain('ada@example.org');
    expect(card.textContent).toContain('3 days ago');
    expect(card.textContent).toContain('you usually talk every ~3 weeks');
    expect(card.textContent).toContain('due in 5 days');
    const timeline = screen.getByRole('list', { name: 'Recent emails and meetings' });
    expect(
      within(timeline)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['They wrote · Engines3 days ago', 'Meeting · Coffee10 days ago']);
  });

  it('saves the rhythm picked', async () => {
    const { onChange } = setup();
    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Rhythm' }), 'Monthly');
    expect(onChange).toHaveBeenCalledWith({ cadence: { mode: 'fixed', days: 30, toleranceDays: 15 } });
    expect(await screen.findByText('Saved')).toBeTruthy();
  });

  it('saves notes after a pause in typing, not on every key', async () => {
    vi.useFakeTimers();
    try {
      const { onChange } = setup();
      const notes = screen.getByRole('textbox', { name: 'Notes' });
      fireEvent.change(notes, { target: { value: 'Met at the' } });
      fireEvent.change(notes, { target: { value: 'Met at the conference' } });
      expect(onChange).not.toHaveBeenCalled();
      await act(async () => {
        vi.advanceTimersByTime(500);
      });
      expect(onChange).toHaveBeenCalledTimes(1);
      expect(onChange).toHaveBeenCalledWith({ notes: 'Met at the conference' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('saves a detail when leaving the field', async () => {
    const { onChange } = setup();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Interests' }), 'sailing');
    await user.tab();
    expect(onChange).toHaveBeenCalledWith({ details: { interests: 'sailing' } });
  });

  it('adds and removes tags', async () => {
    const { onChange } = setup(contact({ tags: ['client'] }));
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Tags' }), 'mentor{Enter}');
    expect(onChange).toHaveBeenCalledWith({ tags: ['client', 'mentor'] });
    await user.click(screen.getByRole('button', { name: 'Remove tag client' }));
    expect(onChange).toHaveBeenLastCalledWith({ tags: [] });
  });

  it('adds a key date and shows why one is refused', async () => {
    const onChange = vi.fn(async () => ({ ok: false as const, errors: ['dates.0: there is no day 31 in month 2'] }));
    render(<PersonCard contact={contact()} history={[]} now={NOW} rhythm={{ description: '' }} onChange={onChange} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add a date' }));
    expect(onChange).toHaveBeenCalledWith({
      dates: [expect.objectContaining({ kind: 'birthday', day: 1, leadDays: 0 })],
    });
    expect(await screen.findByText('dates.0: there is no day 31 in month 2')).toBeTruthy();
    expect(screen.getByText('Not saved')).toBeTruthy();
  });

  it('shows free slots on demand', async () => {
    setup();
    expect(screen.queryByText('the slots')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Find a time' }));
    expect(screen.getByText('the slots')).toBeTruthy();
  });
});
