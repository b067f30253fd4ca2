// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { KeyDatesEditor } from '@/components/key-dates';
import type { KeyDate } from '@/lib/core/model';

const wedding: KeyDate = { kind: 'other', label: 'Wedding', month: 6, day: 1, leadDays: 0 };
const graduation: KeyDate = { kind: 'other', label: 'Graduation', month: 7, day: 2, leadDays: 7 };
const birthday: KeyDate = { kind: 'birthday', label: '', month: 3, day: 12, leadDays: 1 };

/** The editor over a store that saves at once, recording every save. */
function Saving({ initial, saved }: { initial: KeyDate[]; saved: KeyDate[][] }) {
  const [dates, setDates] = useState(initial);
  return (
    <KeyDatesEditor
      dates={dates}
      onChange={(d) => {
        saved.push(d);
        setDates(d);
      }}
    />
  );
}

const labels = () => screen.queryAllByRole('textbox').map((e) => (e as HTMLInputElement).value);

describe('key dates', () => {
  it('after removing the first date, the box left shows the next date’s own label and saves nothing onto it', async () => {
    const saved: KeyDate[][] = [];
    render(<Saving initial={[wedding, graduation]} saved={saved} />);
    await userEvent.setup().click(screen.getByRole('button', { name: /^Remove Wedding/ }));
    expect(labels()).toEqual(['Graduation']);
    const box = screen.getByRole('textbox');
    fireEvent.focus(box);
    fireEvent.blur(box);
    expect(saved).toEqual([[graduation]]);
  });

  it('shows a label changed elsewhere, except in the box the user is typing in', async () => {
    const onChange = vi.fn();
    const { rerender } = render(<KeyDatesEditor dates={[wedding, graduation]} onChange={onChange} />);
    rerender(<KeyDatesEditor dates={[{ ...wedding, label: 'Our wedding' }, graduation]} onChange={onChange} />);
    expect(labels()).toEqual(['Our wedding', 'Graduation']);

    const user = userEvent.setup();
    const second = screen.getAllByRole('textbox')[1] as HTMLInputElement;
    await user.click(second);
    await user.keyboard(' 2025');
    // Sync removes the first date while the user types in the second: their text stays with its date.
    rerender(<KeyDatesEditor dates={[graduation]} onChange={onChange} />);
    expect(labels()).toEqual(['Graduation 2025']);
    await user.tab();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith([{ ...graduation, label: 'Graduation 2025' }]);
  });

  it('a change the store has not shown yet is not undone by the next one', async () => {
    // The store answers later (a live query): the dates given stay the old ones meanwhile.
    const onChange = vi.fn();
    render(<KeyDatesEditor dates={[wedding, graduation]} onChange={onChange} />);
    const user = userEvent.setup();
    await user.click(screen.getAllByRole('textbox')[1] as HTMLElement);
    await user.keyboard(' party');
    // Leaving the box for Remove saves the label first, then the removal builds on it.
    await user.click(screen.getByRole('button', { name: /^Remove Wedding/ }));
    expect(onChange.mock.calls).toEqual([
      [[wedding, { ...graduation, label: 'Graduation party' }]],
      [[{ ...graduation, label: 'Graduation party' }]],
    ]);
    expect(labels()).toEqual(['Graduation party']);
  });

  it('shows the stored dates again when a save is refused', async () => {
    const onChange = vi.fn();
    const { rerender } = render(<KeyDatesEditor dates={[birthday]} onChange={onChange} />);
    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Month of Birthday' }), 'Feb');
    expect((screen.getByRole('combobox', { name: 'Month of Birthday' }) as HTMLSelectElement).value).toBe('2');
    rerender(<KeyDatesEditor dates={[birthday]} errors={['dates.0: no']} onChange={onChange} />);
    expect((screen.getByRole('combobox', { name: 'Month of Birthday' }) as HTMLSelectElement).value).toBe('3');
  });

  it('names every control after the date it belongs to', () => {
    render(
      <KeyDatesEditor
        dates={[birthday, graduation, { ...wedding, label: '' }, { ...graduation, month: 9 }]}
        onChange={() => {}}
      />,
    );
    const names = (role: string) => screen.getAllByRole(role).map((e) => e.getAttribute('aria-label'));
    expect(names('spinbutton')).toEqual([
      'Day of Birthday',
      'Day of Graduation (2)',
      'Day of Date 3',
      'Day of Graduation (4)',
    ]);
    expect(names('textbox')).toEqual(['Name of Graduation (2)', 'Name of Date 3', 'Name of Graduation (4)']);
    expect(screen.getByRole('combobox', { name: 'Kind of Birthday' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Month of Date 3' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Remind me of Graduation (2)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove Graduation · 2 Sep' })).toBeTruthy();
  });
});
