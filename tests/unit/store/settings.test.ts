/**
 * The settings record read through the schema (lib/store/settings.ts): a record of this version as stored, and one
 * with a setting the schema refuses keeps every other setting, that one at its default. The popup's first paint
 * reads the zone without the schema (lib/store/settings-key.ts) and agrees with it.
 */
import { DEFAULT_SETTINGS, Settings } from '@/lib/core/model';
import { readSettings } from '@/lib/store/settings';
import { storedTimeZone } from '@/lib/store/settings-key';
import { resolveTimeZone } from '@/lib/time/zoned-time';

const mine = Settings.parse({
  timeZone: 'Asia/Tokyo',
  work: { start: '08:00', end: '16:00', days: [1, 2, 3, 4], lunchStart: '12:00', lunchEnd: '12:45' },
  notifications: { dailyCap: 2, quietStart: '19:00' },
  replyNeededDays: 2,
  selfAddresses: ['me@home.example'],
});

it('reads a valid record as stored, and none, or one not an object, as the defaults', () => {
  expect(readSettings(mine)).toEqual(mine);
  expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  expect(readSettings('settings')).toEqual(DEFAULT_SETTINGS);
  expect(readSettings(null)).toEqual(DEFAULT_SETTINGS);
});

it('keeps every setting the schema accepts when one is refused, that one at its default', () => {
  // A later version's value for the slot length, and a day cap out of range: each group takes its default alone.
  const stored = { ...mine, slots: { ...mine.slots, minutes: 45 }, replyNeededDays: -1, future: { x: 1 } };
  const read = readSettings(stored);
  expect(read.slots).toEqual(DEFAULT_SETTINGS.slots);
  expect(read.replyNeededDays).toBe(DEFAULT_SETTINGS.replyNeededDays);
  expect(read.work).toEqual(mine.work);
  expect(read.notifications).toEqual(mine.notifications);
  expect(read.timeZone).toBe('Asia/Tokyo');
  expect(read.selfAddresses).toEqual(['me@home.example']);
  expect(Settings.safeParse(read).success).toBe(true);
  expect('future' in read).toBe(false);
});

it("gives the popup's first paint the zone the rest of Tend counts days in, whatever else the record holds", () => {
  const zone = (value: unknown) => resolveTimeZone(readSettings(value).timeZone);
  const cases: unknown[] = [
    mine,
    { ...mine, slots: { minutes: 45 } },
    { ...mine, timeZone: 'Mars/Olympus_Mons' },
    { ...mine, timeZone: 'x'.repeat(65) },
    { ...mine, timeZone: 7 },
    { timeZone: '' },
    { work: 'nine to five', timeZone: 'America/Sao_Paulo' },
  ];
  for (const value of cases) expect(resolveTimeZone(storedTimeZone(value))).toBe(zone(value));
  // The cases do reach both: a zone of the record, and the browser's.
  expect(zone({ work: 'nine to five', timeZone: 'America/Sao_Paulo' })).toBe('America/Sao_Paulo');
  expect(zone({ ...mine, timeZone: 'Mars/Olympus_Mons' })).toBe(resolveTimeZone(''));
});
