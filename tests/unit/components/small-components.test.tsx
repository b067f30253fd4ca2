// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { EmptyState, NEW_USER_TEXT } from '@/components/empty-state';
import { HealthBanner } from '@/components/health-banner';
import { RecentContacts } from '@/components/recent-contacts';
import { SearchBox } from '@/components/search-box';
import { SlotList } from '@/components/slot-list';

const DAY = 86_400_000;
const NOW = new Date(2025, 2, 12, 15, 0).getTime();

describe('RecentContacts', () => {
  const contacts = [
    { email: 'ada@example.org', name: 'Ada Lovelace', summary: { lastAt: NOW - 3 * DAY } },
    { email: 'bob@example.org', name: '', summary: { lastAt: NOW - 21 * DAY } },
  ];
  it('is a region and a list named "Recent contacts" holding each display name and last contact', () => {
    render(<RecentContacts contacts={contacts} now={NOW} />);
    expect(screen.getByRole('region', { name: 'Recent contacts' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Recent contacts' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('Ada Lovelace');
    expect(items[0]?.textContent).toContain('ada@example.org');
    expect(items[0]?.textContent).toContain('last contact 3 days ago');
    expect(items[1]?.textContent).toContain('bob@example.org');
    expect(items[1]?.textContent).toContain('last contact 3 weeks ago');
  });
  it('renders nothing while loading', () => {
    const { container } = render(<RecentContacts contacts={undefined} now={NOW} />);
    expect(container.textContent).toBe('');
  });
  it('says when a search finds nobody', () => {
    render(<RecentContacts contacts={[]} now={NOW} query="zed" />);
    expect(screen.getByText('Nobody matches.')).toBeTruthy();
    expect(screen.getByText('Matching “zed”')).toBeTruthy();
  });
});

function Harness({ onChange }: { onChange: (q: string) => void }) {
  const [q, setQ] = useState('');
  return (
    <SearchBox
      value={q}
      onChange={(v) => {
        setQ(v);
        onChange(v);
      }}
    />
  );
}

describe('SearchBox', () => {
  it('is labelled "Search people", reports what is typed, and Escape clears it', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const user = userEvent.setup();
    const box = screen.getByLabelText('Search people') as HTMLInputElement;
    expect(screen.getByRole('searchbox', { name: 'Search people' })).toBe(box);
    await user.type(box, 'ada');
    expect(onChange).toHaveBeenLastCalledWith('ada');
    await user.keyboard('{Escape}');
    expect(box.value).toBe('');
  });
});

describe('EmptyState', () => {
  it('tells a new user what to do', () => {
    render(<EmptyState knowsPeople={false} />);
    expect(screen.getByText(NEW_USER_TEXT)).toBeTruthy();
    expect(NEW_USER_TEXT).toBe('Open Gmail and browse your inbox; Tend learns as you read.');
  });
  it('is calm once Tend knows people', () => {
    render(<EmptyState knowsPeople />);
    expect(screen.queryByText(NEW_USER_TEXT)).toBeNull();
    expect(screen.getByText('Nobody is waiting on you today.')).toBeTruthy();
  });
});

describe('HealthBanner', () => {
  it('is silent while every source is recognised', () => {
    render(<HealthBanner health={[{ source: 'gmail' }, { source: 'calendar' }]} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
  it('alerts for each source not recognised, with the date', () => {
    const since = new Date(2025, 2, 10).getTime();
    render(
      <HealthBanner
        health={[
          { source: 'gmail', failingSince: since, problem: 'no thread-list rows' },
          { source: 'calendar', failingSince: since },
        ]}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("Gmail's layout was not recognised since");
    expect(alert.textContent).toContain('2025');
    expect(alert.textContent).toContain('Tend is not learning from it');
    expect(alert.textContent).toContain("Calendar's layout was not recognised since");
  });
  it('names the language of Gmail dates that keep failing', () => {
    const since = new Date(2025, 2, 10).getTime();
    render(
      <HealthBanner
        health={[{ source: 'gmail', failingSince: since, problem: '7 dates could not be read', lang: 'ja' }]}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('The dates are written in Japanese (ja).');
  });
});

describe('SlotList', () => {
  const slots = [
    { start: Date.UTC(2025, 2, 13, 12, 0), end: Date.UTC(2025, 2, 13, 12, 30), moment: 'lunch', why: 'Over lunch' },
    { start: Date.UTC(2025, 2, 14, 8, 0), end: Date.UTC(2025, 2, 14, 8, 30), moment: 'before-work', why: '' },
  ];
  it('offers each booking action', async () => {
    const onDownload = vi.fn();
    const onCopy = vi.fn(async () => 'Would Thu 12:00 or Fri 8:00 work for a coffee?');
    render(
      <SlotList
        slots={slots}
        timeZone="UTC"
        calendarHref={(s) => `https://calendar.google.com/calendar/render?action=TEMPLATE&s=${s.start}`}
        onDownload={onDownload}
        onCopy={onCopy}
      />,
    );
    const user = userEvent.setup();
    const links = screen.getAllByRole('link', { name: 'Add to Google Calendar' });
    expect(links).toHaveLength(2);
    expect(links[0]?.getAttribute('href')).toContain(`s=${slots[0]?.start}`);
    await user.click(screen.getAllByRole('button', { name: /Download \.ics/ })[1] as HTMLElement);
    expect(onDownload).toHaveBeenCalledWith(slots[1]);
    await user.click(screen.getByRole('button', { name: 'Copy as text' }));
    expect(onCopy).toHaveBeenCalled();
    expect(await screen.findByText('Copied: Would Thu 12:00 or Fri 8:00 work for a coffee?')).toBeTruthy();
  });
  it('says why when nothing fits', () => {
    render(
      <SlotList
        slots={[]}
        reason="Your calendar is full for 14 days"
        timeZone="UTC"
        calendarHref={() => ''}
        onDownload={() => {}}
        onCopy={() => ''}
      />,
    );
    expect(screen.getByText('Your calendar is full for 14 days')).toBeTruthy();
  });
});
