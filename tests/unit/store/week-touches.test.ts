import { updateSettings } from '@/lib/store/settings';
import { touchesSince } from '@/lib/store/week-touches';
import { DAY, freshDb, recordTouches, T0, touch } from './helpers';

describe('touchesSince', () => {
  it('reads the touches since a time of people only, with the earliest touch known among them', async () => {
    const db = freshDb();
    await recordTouches(db, [
      touch('ann@example.com', T0 - 400 * DAY, 'sent'),
      touch('ann@example.com', T0 - 20 * DAY, 'received'),
      touch('ann@example.com', T0 - 2 * DAY, 'meeting'),
      touch('bo@example.com', T0 - 3 * DAY, 'sent', { mass: true }),
      touch('old@example.com', T0 - 900 * DAY, 'sent'), // not touched lately: its history is not read
      touch('ignored@example.com', T0 - DAY, 'received'),
    ]);
    await updateSettings(db, (s) => ({ ...s, ignoredAddresses: ['ignored@example.com'], timeZone: 'Europe/Berlin' }));
    const r = await touchesSince(db, T0 - 30 * DAY);
    expect(r.timeZone).toBe('Europe/Berlin');
    // Ann's first touch is 400 days back, but Tend also knew old@ 900 days back: its history starts there.
    expect(r.historyStart).toBe(T0 - 900 * DAY);
    expect(r.items.map((i) => [i.contact, (T0 - i.at) / DAY, i.direction, i.mass ?? false]).sort()).toEqual(
      [
        ['ann@example.com', 2, 'meeting', false],
        ['ann@example.com', 20, 'received', false],
        ['bo@example.com', 3, 'sent', true],
      ].sort(),
    );
  });

  it('starts the history before the window when someone Tend knows was last in touch before it', async () => {
    const db = freshDb();
    await recordTouches(db, [
      touch('new@example.com', T0 - 5 * DAY, 'sent'),
      touch('quiet@example.com', T0 - 200 * DAY, 'sent'),
      touch('no-reply@shop.example', T0 - 600 * DAY, 'received'),
    ]);
    // Everyone touched lately is new, but Tend has watched for longer: quiet weeks before count as weeks.
    expect((await touchesSince(db, T0 - 91 * DAY)).historyStart).toBe(T0 - 200 * DAY);
  });

  it('has no history start in an empty store', async () => {
    expect(await touchesSince(freshDb(), T0)).toEqual({ items: [], timeZone: '' });
  });
});
