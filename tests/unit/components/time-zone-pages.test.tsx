// @vitest-environment happy-dom
/**
 * The pages take the zone from the settings (settings.timeZone), as the background does for the nudges: the person
 * page, the sidebar's card, the popup's recent contacts and the People view tell a touch's day as it is there, not
 * in the browser's zone. The touch is placed where the two zones disagree about how many days ago it was.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { shortDate } from '@/components/format';
import { livePeopleRows } from '@/components/live/people-rows';
import { LivePersonPage } from '@/components/live/person-page';
import { LivePerson } from '@/components/live/thread-panel';
import { BackupSection } from '@/components/options/data-section';
import { PeopleTable } from '@/components/people/people-table';
import { App as Popup } from '@/entrypoints/popup/App';
import { renderFirstScreen } from '@/entrypoints/popup/first-screen';
import { DEFAULT_SETTINGS } from '@/lib/core/model';
import { getDb } from '@/lib/store/db';
import { type FirstPaint, readFirstPaint } from '@/lib/store/first-paint';
import { saveSettings } from '@/lib/store/settings';
import { relativeWords } from '@/lib/time/relative';
import { runtimeZone, startOfZonedDay } from '@/lib/time/zoned-time';
import { stubLayout } from '@/tests/support/layout';
import { recordTouches, touch } from '../store/helpers';

const ANN = 'ann@example.org';
const MINUTE = 60_000;

/**
 * A zone other than the browser's and an instant three days ago there that the browser's zone counts as another
 * number of days ago: where a page that used the browser's zone would say something else.
 */
function disagreement(now: number): { zone: string; at: number } {
  for (const zone of ['Pacific/Auckland', 'America/Los_Angeles'])
    for (const minutes of [30, 6 * 60, 12 * 60, 18 * 60, 23 * 60 + 30]) {
      const at = startOfZonedDay(now, zone, -3) + minutes * MINUTE;
      if (relativeWords(at, now, zone) !== relativeWords(at, now, runtimeZone())) return { zone, at };
    }
  throw new Error('no zone disagrees with the browser here');
}

stubLayout();

let zone: string;
let at: number;

beforeEach(async () => {
  fakeBrowser.reset();
  fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: true }));
  const db = getDb();
  await Promise.all(db.tables.map((t) => t.clear()));
  const now = Date.now();
  ({ zone, at } = disagreement(now));
  expect((await saveSettings(db, { ...DEFAULT_SETTINGS, timeZone: zone })).ok).toBe(true);
  await recordTouches(db, [touch(ANN, at, 'received', { subject: 'Plans' })], { [ANN]: 'Ann Lee' }, now);
});

it('the person page: last contact and the timeline, in days of the zone set', async () => {
  render(<LivePersonPage email={ANN} />);
  await screen.findByRole('heading', { level: 1, name: /Ann Lee/ }, { timeout: 3000 });
  const now = Date.now();
  expect(relativeWords(at, now, zone)).toBe('3 days ago');
  const timeline = screen.getByRole('list', { name: 'Every touch with Ann Lee' });
  expect(within(timeline).getByText(/ · /).textContent).toBe(`3 days ago · ${shortDate(at, undefined, now, zone)}`);
  const facts = screen.getAllByRole('definition');
  expect(facts[0]?.textContent).toBe('3 days ago');
});

it("the sidebar's card says the last contact in days of the zone set", async () => {
  render(<LivePerson email={ANN} now={Date.now()} />);
  await screen.findByRole('heading', { name: /Ann Lee/ }, { timeout: 3000 });
  expect(screen.getAllByRole('definition')[0]?.textContent).toBe('3 days ago');
  expect(within(screen.getByRole('list', { name: 'Recent emails and meetings' })).getByText('3 days ago')).toBeTruthy();
});

it("the popup's recent contacts, once the settings are read", async () => {
  render(<Popup />);
  const list = await screen.findByRole('list', { name: 'Recent contacts' }, { timeout: 3000 });
  await vi.waitFor(() => expect(list.textContent).toContain('last contact 3 days ago'), { timeout: 3000 });
});

it("the popup's first read finds the zone, and its first render, kept as the next popup's screen, uses it", async () => {
  const db = getDb();
  db.close();
  const first = await readFirstPaint(indexedDB, db.name);
  await db.open();
  expect(first?.timeZone).toBe(zone);
  // Rendered off the page in one synchronous commit, before any live query answers: only the first read's zone.
  expect(renderFirstScreen(first as FirstPaint)).toContain('last contact 3 days ago');
});

it('the People view reads the zone with its rows, and its table tells days in it', async () => {
  const read = await livePeopleRows().first;
  expect(read?.timeZone).toBe(zone);
  render(
    <PeopleTable
      rows={read?.rows ?? []}
      now={read?.at ?? 0}
      timeZone={read?.timeZone}
      onOpen={vi.fn()}
      onBulk={vi.fn()}
      initialRect={{ width: 1000, height: 440 }}
    />,
  );
  expect(screen.getByText('3 days ago', { selector: 'td' }).className).toBe('col-lastAt');
});

it('the backup file is named for the day in the zone set', async () => {
  const save = vi.fn();
  render(
    <BackupSection
      onExport={async () => ({ ok: true as const, backup: {} })}
      onImport={vi.fn()}
      save={save}
      // 01:00 on New Year's Day in Auckland, still the 31st in UTC.
      now={() => Date.UTC(2025, 11, 31, 12)}
      timeZone="Pacific/Auckland"
    />,
  );
  await userEvent.setup().click(screen.getByRole('button', { name: 'Export backup' }));
  expect(save).toHaveBeenCalledWith('tend-backup-2026-01-01.json', expect.any(String));
});
