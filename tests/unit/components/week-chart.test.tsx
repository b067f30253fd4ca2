// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { paceWords, WeekChart } from '@/components/people/week-chart';
import type { WeekTime } from '@/lib/engine/week-time';

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 30);
const week = { start: START, end: START + 7 * DAY };

function data(over: Partial<WeekTime> = {}): WeekTime {
  return {
    thisWeek: { ...week, touches: 9, meetings: 2, people: 6 },
    previous: [],
    usual: { touches: 10, meetings: 1, people: 7, weeks: 12 },
    ...over,
  };
}

describe('WeekChart', () => {
  it('is a table of this week against the usual, with the bars hidden from screen readers', () => {
    render(<WeekChart data={data()} now={START + 3.5 * DAY} since="Mon, Nov 30" headingId="wk" />);
    expect(screen.getByRole('heading', { name: 'This week' })).toBeTruthy();
    const table = screen.getByRole('table', { name: /Relationship time this week \(since Mon, Nov 30\)/ });
    const cells = (name: string) =>
      within(within(table).getByRole('rowheader', { name }).closest('tr') as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .filter(Boolean);
    expect(cells('Touches')).toEqual(['9', '10']);
    expect(cells('Meetings')).toEqual(['2', '1']);
    expect(cells('People reached')).toEqual(['6', '7']);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['What', 'Since Mon, Nov 30', 'Usual week']);
    // Three bars (in a cell with no text), each with the usual marked; none of it is read out.
    expect(table.querySelectorAll('svg .week-bar')).toHaveLength(3);
    expect(table.querySelectorAll('svg .week-tick')).toHaveLength(3);
    for (const svg of table.querySelectorAll('svg')) expect(svg.closest('[aria-hidden="true"]')).not.toBeNull();
    // Half the week gone, 9 of a usual 10: ahead.
    expect(screen.getByText('9 touches so far: ahead of a usual week (10 in a whole week).')).toBeTruthy();
    expect(screen.getByText(/median of the 12 weeks before this one/)).toBeTruthy();
  });

  it('says when there is no usual week yet, and draws no usual mark', () => {
    const { container } = render(
      <WeekChart data={data({ usual: null })} now={START + DAY} since="Mon, Nov 30" headingId="wk" />,
    );
    expect(screen.getByText(/Not enough history yet for a usual week/)).toBeTruthy();
    expect(container.querySelectorAll('.week-tick')).toHaveLength(0);
    expect(screen.getAllByText('—')).toHaveLength(3);
  });
});

describe('paceWords', () => {
  const w = (touches: number) => ({ ...week, touches, meetings: 0, people: 0 });
  const usual = (touches: number) => ({ touches, meetings: 0, people: 0, weeks: 12 });
  it.each([
    [1, 10, 0.5, '1 touch so far: behind a usual week (10 in a whole week).'],
    [5, 10, 0.5, '5 touches so far: on pace with a usual week (10 in a whole week).'],
    [10, 10, 0.5, '10 touches so far: ahead of a usual week (10 in a whole week).'],
    [3, 0, 0.5, '3 touches so far, more than a usual week.'],
    [0, 0, 0.5, 'No touches yet, as in a usual week.'],
    // Monday morning: nothing yet is on pace, not behind.
    [0, 10, 0.01, '0 touches so far: on pace with a usual week (10 in a whole week).'],
  ])('%i touches against a usual %i, %f of the week gone', (touches, u, share, words) => {
    expect(paceWords(w(touches), usual(u), START + share * 7 * DAY)).toBe(words);
  });
});
