// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { SlotList } from '@/components/slot-list';
import { calendarWeekUrl } from '@/lib/core/gmail-links';
import { civilDate, dayRangeWords } from '@/lib/time/day-ranges';
import { civilDayNumber } from '@/lib/time/zoned-time';

const week = [civilDayNumber(2026, 12, 7), civilDayNumber(2026, 12, 11)] as const;
const unseen = [{ words: dayRangeWords(week, 'en-US'), href: calendarWeekUrl('ana@example.com', civilDate(week[0])) }];
const props = { timeZone: 'UTC', calendarHref: () => '', onDownload: () => {}, onCopy: () => '' };

describe('SlotList on days Tend has not seen', () => {
  it('names the week it has not seen and links to that week in Calendar, beside the slots it has', () => {
    const slots = [{ start: Date.UTC(2026, 11, 2, 12), end: Date.UTC(2026, 11, 2, 12, 30), moment: 'lunch', why: '' }];
    render(<SlotList {...props} slots={slots} unseen={unseen} />);
    const note = screen.getByRole('list', { name: 'Days Tend has not seen' });
    expect(note.textContent?.replace(/[\u2009\u202f]/g, ' ')).toMatch(
      /^Tend has not seen your calendar for Dec 7 – 11\./,
    );
    const link = within(note).getByRole('link', { name: /^Open Calendar for Dec 7\s–\s11$/ });
    expect(link.getAttribute('href')).toBe('https://calendar.google.com/calendar/u/ana%40example.com/r/week/2026/12/7');
    expect(link.getAttribute('target')).toBe('_blank');
    // The slot Tend can stand behind is still offered.
    expect(screen.getByRole('list', { name: 'Free slots' }).children).toHaveLength(1);
  });

  it('says why no slot is offered and still links to the weeks to open', () => {
    render(
      <SlotList
        {...props}
        slots={[]}
        unseen={unseen}
        reason="Tend has not seen your calendar for any working day in the next 14 days."
      />,
    );
    expect(screen.getByText('Tend has not seen your calendar for any working day in the next 14 days.')).toBeTruthy();
    expect(screen.getByRole('link', { name: /^Open Calendar for Dec 7/ })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Free slots' })).toBeNull();
  });

  it('shows no note when every day was seen', () => {
    render(<SlotList {...props} slots={[]} unseen={[]} reason="Your calendar is full" />);
    expect(screen.queryByRole('list', { name: 'Days Tend has not seen' })).toBeNull();
  });
});
