// @vitest-environment happy-dom
/**
 * The views count and show days in the user's zone (settings.timeZone), not the browser's: the dates written,
 * the days a date input holds, the months of the touch strip, the words of the timeline. Every case runs in two
 * zones far apart (Auckland, Los Angeles), on instants whose day there is not their day in UTC: whatever zone the
 * tests run in, at least one of the two is not it, and a view that used the browser's zone would fail it.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { backupFileName, dateInputDay, dateInputValue, lastContactWords, shortDate } from '@/components/format';
import { HealthBanner } from '@/components/health-banner';
import { KeyDatesEditor } from '@/components/key-dates';
import { NudgeSections, snoozeDateUntil } from '@/components/nudge-list';
import { touchDay } from '@/components/person/log-touch';
import { Timeline } from '@/components/person/timeline';
import { monthlyTouches } from '@/components/person/touch-strip';
import { rhythmText } from '@/components/rhythm-words';
import { promiseWhen } from '@/components/thread-summary';
import { DEFAULT_SETTINGS, type Interaction } from '@/lib/core/model';
import { newContact } from '@/lib/store/interactions';
import { CY_OVERDUE } from '@/tests/support/nudges';

const AKL = 'Pacific/Auckland';
const LA = 'America/Los_Angeles';
const utc = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

describe('a day as a date input writes it, a short date, the backup file, in the given zone', () => {
  it.each([
    // 01:00 on New Year's Day in Auckland is still the 31st in UTC.
    [AKL, '2025-12-31T12:00:00Z', '2026-01-01', '1 Jan'],
    // 22:00 on the 31st in Los Angeles is already New Year's Day in UTC.
    [LA, '2026-01-01T06:00:00Z', '2025-12-31', '31 Dec 2025'],
  ])('%s: %s is %s', (zone, iso, key, short) => {
    const at = utc(iso);
    expect(dateInputValue(at, zone)).toBe(key);
    expect(backupFileName(at, zone)).toBe(`tend-backup-${key}.json`);
    // Three days later it is 2026 in both zones: the year is written only when it is not the year of now there.
    expect(shortDate(at, 'en-GB', at + 3 * DAY, zone)).toBe(short);
    expect(shortDate(at, 'en-GB', undefined, zone)).toBe(key === '2026-01-01' ? '1 Jan 2026' : '31 Dec 2025');
  });

  it('reads a date input as a day of the calendar, or nothing', () => {
    expect(dateInputDay(' 2024-02-29 ')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(dateInputDay('2025-02-29')).toBeNull();
    expect(dateInputDay('2025-13-01')).toBeNull();
    expect(dateInputDay('0099-01-01')).toBeNull();
    expect(dateInputDay('soon')).toBeNull();
  });
});

describe('touchDay: the day picked is a day of the zone', () => {
  it.each([
    // 00:30 on the 13th in Auckland (11:30 on the 12th in UTC).
    [AKL, '2025-03-12T11:30:00Z', '2025-03-13', '2025-03-12', '2025-03-11T23:00:00Z', '2025-03-14'],
    // 22:00 on the 12th in Los Angeles (05:00 on the 13th in UTC).
    [LA, '2025-03-13T05:00:00Z', '2025-03-12', '2025-03-11', '2025-03-11T19:00:00Z', '2025-03-13'],
  ])('%s: today is now, yesterday is noon there, tomorrow is refused', (zone, nowIso, today, before, noon, after) => {
    const now = utc(nowIso);
    expect(dateInputValue(now, zone)).toBe(today);
    expect(touchDay(today, now, zone)).toEqual({ ok: true, at: now });
    expect(touchDay(before, now, zone)).toEqual({ ok: true, at: utc(noon) });
    expect(touchDay(after, now, zone)).toEqual({
      ok: false,
      error: 'That day has not come yet: log a touch once it happened.',
    });
  });

  it.each([
    // Auckland leaves summer time on 6 April 2025 (03:00 back to 02:00) and starts it on 28 September.
    [AKL, '2025-04-06', '2025-04-06T00:00:00Z'],
    [AKL, '2025-09-28', '2025-09-27T23:00:00Z'],
    // Los Angeles starts summer time on 9 March 2025 and leaves it on 2 November.
    [LA, '2025-03-09', '2025-03-09T19:00:00Z'],
    [LA, '2025-11-02', '2025-11-02T20:00:00Z'],
  ])('%s on the day the clocks change (%s): noon by the clock of that day', (zone, day, noon) => {
    expect(touchDay(day, utc('2025-12-01T00:00:00Z'), zone)).toEqual({ ok: true, at: utc(noon) });
  });

  it('still refuses what is not a day, or too long ago', () => {
    const now = utc('2025-03-12T11:30:00Z');
    expect(touchDay('2025-02-30', now, AKL)).toEqual({ ok: false, error: 'That is not a date.' });
    expect(touchDay('', now, AKL)).toEqual({ ok: false, error: 'Choose a date.' });
    expect(touchDay('1969-12-31', now, AKL)).toEqual({ ok: false, error: 'That date is too long ago.' });
  });
});

describe('snoozeDateUntil: 8:00 on the day picked, in the zone', () => {
  it.each([
    [AKL, '2025-03-12T11:30:00Z', '2025-03-13', '2025-03-12T19:00:00Z', '2025-03-12'],
    [LA, '2025-03-13T05:00:00Z', '2025-03-13', '2025-03-13T15:00:00Z', '2025-03-11'],
  ])('%s', (zone, nowIso, day, until, past) => {
    const now = utc(nowIso);
    expect(snoozeDateUntil(day, now, zone)).toEqual({ ok: true, until: utc(until) });
    expect(snoozeDateUntil(past, now, zone)).toEqual({
      ok: false,
      error: 'That date is in the past: choose a later day.',
    });
  });

  it("says today's 8:00 has passed by the zone's clock", () => {
    // 22:00 on the 12th in Los Angeles.
    expect(snoozeDateUntil('2025-03-12', utc('2025-03-13T05:00:00Z'), LA)).toEqual({
      ok: false,
      error: '8:00 today has passed: choose a later day.',
    });
  });

  it('ends at 8:00 by the clock of a day the clocks change', () => {
    expect(snoozeDateUntil('2025-03-09', utc('2025-03-01T00:00:00Z'), LA)).toEqual({
      ok: true,
      until: utc('2025-03-09T15:00:00Z'),
    });
  });
});

describe('the snooze menu picks a day of the zone', () => {
  const nudge = CY_OVERDUE;
  afterEach(() => vi.useRealTimers());

  it.each([
    // 09:30 on the 13th in Auckland (20:30 on the 12th in UTC): today's 8:00 has passed there, the 14th comes first.
    [AKL, '2025-03-12T20:30:00Z', '2025-03-14', '2025-03-13T19:00:00Z'],
    // 07:00 on the 13th in Los Angeles (14:00 in UTC): today's 8:00 is still ahead there.
    [LA, '2025-03-13T14:00:00Z', '2025-03-13', '2025-03-13T15:00:00Z'],
  ])('%s: the first day offered, and the instant sent', async (zone, nowIso, min, until) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(utc(nowIso));
    const onSnooze = vi.fn();
    render(<NudgeSections nudges={[nudge]} timeZone={zone} onWrite={vi.fn()} onSnooze={onSnooze} onDone={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Snooze' }));
    const menu = screen.getByRole('group', { name: 'Snooze Cy Young until' });
    const field = within(menu).getByLabelText('Until a date');
    expect(field.getAttribute('min')).toBe(min);
    fireEvent.change(field, { target: { value: min } });
    await user.click(within(menu).getByRole('button', { name: 'Snooze until then' }));
    expect(onSnooze).toHaveBeenCalledExactlyOnceWith(nudge, { until: utc(until) });
  });
});

describe('the touch strip counts months of the zone', () => {
  const touch = (iso: string, direction: Interaction['direction']) => ({
    at: utc(iso),
    direction,
    source: 'gmail' as const,
  });

  it('Auckland: a mail at 01:00 on 1 March there is March, though it is still February in UTC', () => {
    const m = monthlyTouches(
      [touch('2025-02-28T12:00:00Z', 'sent'), touch('2025-01-31T10:30:00Z', 'received')],
      utc('2025-03-12T00:00:00Z'),
      AKL,
    );
    expect(m).toHaveLength(12);
    expect(m[11]?.label).toMatch(/Mar/);
    expect(m[11]?.start).toBe(utc('2025-02-28T11:00:00Z')); // midnight, summer time
    expect(m[11]).toMatchObject({ sent: 1, received: 0 });
    expect(m[10]).toMatchObject({ sent: 0, received: 0 });
    // 23:30 on 31 January there: January.
    expect(m[9]?.label).toMatch(/Jan/);
    expect(m[9]).toMatchObject({ received: 1 });
    // Twelve months back: April 2024, which began in summer time there.
    expect(m[0]?.label).toMatch(/Apr/);
    expect(m[0]?.start).toBe(utc('2024-03-31T11:00:00Z'));
  });

  it('Los Angeles: a mail at 21:00 on 28 February there is February, though it is March in UTC', () => {
    const m = monthlyTouches([touch('2025-03-01T05:00:00Z', 'sent')], utc('2025-03-12T00:00:00Z'), LA);
    expect(m[11]?.label).toMatch(/Mar/);
    expect(m[11]?.start).toBe(utc('2025-03-01T08:00:00Z'));
    expect(m[11]).toMatchObject({ sent: 0 });
    expect(m[10]?.label).toMatch(/Feb/);
    expect(m[10]).toMatchObject({ sent: 1 });
  });
});

describe('the timeline tells the day of the zone', () => {
  const item = (iso: string): Interaction => ({
    key: `k${iso}`,
    contact: 'ada@example.org',
    at: utc(iso),
    direction: 'received',
    source: 'gmail',
    subject: 'Engines',
  });

  it.each([
    // 23:00 on the 12th in Auckland, seen at 09:00 on the 13th there (both the 12th in UTC).
    [AKL, '2025-03-12T20:00:00Z', '2025-03-12T10:00:00Z', 'yesterday'],
    // 13:00 on the 12th in Los Angeles, seen at 22:00 the same day there (the 12th and the 13th in UTC).
    [LA, '2025-03-13T05:00:00Z', '2025-03-12T20:00:00Z', 'today'],
  ])('%s', (zone, nowIso, atIso, words) => {
    render(<Timeline items={[item(atIso)]} now={utc(nowIso)} timeZone={zone} dates label="Every touch" />);
    const when = within(screen.getByRole('list', { name: 'Every touch' })).getByText(new RegExp(`^${words} · `));
    // The 12th in the zone, whatever the locale's order of day and month.
    expect(when.textContent).toMatch(new RegExp(`^${words} · (12 Mar|Mar 12)$`));
  });

  it('says last contact and when a promise is due in days of the zone', () => {
    const now = utc('2025-03-12T20:00:00Z'); // 09:00 on the 13th in Auckland
    expect(lastContactWords(utc('2025-03-12T10:00:00Z'), now, AKL)).toBe('last contact yesterday');
    expect(promiseWhen({ madeAt: now - 5 * DAY, dueAt: utc('2025-03-12T10:00:00Z') }, now, AKL)).toBe(
      'was due yesterday',
    );
  });
});

it("the next touch is said in days of the settings' zone", () => {
  const now = utc('2025-03-12T20:00:00Z'); // 09:00 on the 13th in Auckland
  const dueAt = utc('2025-03-14T10:00:00Z'); // 23:00 on the 14th there, the 14th in UTC too
  const c = newContact('ada@example.org', 'Ada', now - 100 * DAY);
  const ada = {
    ...c,
    cadence: { mode: 'fixed' as const, days: 7, toleranceDays: 0 },
    summary: { ...c.summary, count: 3, sent: 3, lastAt: dueAt - 7 * DAY, lastTouchAt: dueAt - 7 * DAY },
  };
  expect(rhythmText(ada, { ...DEFAULT_SETTINGS, timeZone: AKL }, now).due).toBe('due tomorrow');
  expect(rhythmText(ada, { ...DEFAULT_SETTINGS, timeZone: 'UTC' }, now).due).toBe('due in 2 days');
  // Due at 01:00 on the 14th there, 16 hours away: tomorrow by the calendar, as the People table says, not "today".
  const soon = utc('2025-03-13T12:00:00Z');
  const bo = { ...ada, summary: { ...ada.summary, lastAt: soon - 7 * DAY, lastTouchAt: soon - 7 * DAY } };
  expect(rhythmText(bo, { ...DEFAULT_SETTINGS, timeZone: AKL }, now).due).toBe('due tomorrow');
  // Due at 08:00 on the 13th, an hour ago: today there; and a day later, overdue by a day.
  const past = utc('2025-03-12T19:00:00Z');
  const cy = { ...ada, summary: { ...ada.summary, lastAt: past - 7 * DAY, lastTouchAt: past - 7 * DAY } };
  expect(rhythmText(cy, { ...DEFAULT_SETTINGS, timeZone: AKL }, now).due).toBe('due today');
  expect(rhythmText(cy, { ...DEFAULT_SETTINGS, timeZone: AKL }, now + DAY).due).toBe('overdue by 1 day');
});

describe('a new key date starts on the month of the zone', () => {
  afterEach(() => vi.useRealTimers());
  it.each([
    // 01:00 on 1 March in Auckland; 04:00 on 28 February in Los Angeles (both 28 February in UTC).
    [AKL, '2025-02-28T12:00:00Z', 3],
    // 21:00 on 31 March in Los Angeles (1 April in UTC).
    [LA, '2025-04-01T04:00:00Z', 3],
  ])('%s at %s: month %i', async (zone, nowIso, month) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(utc(nowIso));
    const onChange = vi.fn();
    render(<KeyDatesEditor dates={[]} timeZone={zone} onChange={onChange} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Add a date' }));
    expect(onChange).toHaveBeenCalledWith([expect.objectContaining({ kind: 'birthday', month, day: 1 })]);
  });
});

it('the health banner dates a failure in the zone', () => {
  render(
    <>
      <HealthBanner health={[{ source: 'gmail', failingSince: utc('2025-12-31T12:00:00Z') }]} timeZone={AKL} />
      <HealthBanner health={[{ source: 'calendar', failingSince: utc('2026-01-01T06:00:00Z') }]} timeZone={LA} />
    </>,
  );
  const [gmail, calendar] = screen.getAllByRole('alert');
  expect(gmail?.textContent).toMatch(/since (1 Jan 2026|Jan 1, 2026) /);
  expect(calendar?.textContent).toMatch(/since (31 Dec 2025|Dec 31, 2025) /);
});
