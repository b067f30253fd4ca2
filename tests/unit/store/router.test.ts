/** The background's handlers over a real store: the parts the surfaces lean on. */
import { dispatch } from '@/lib/messages';
import { createHandlers } from '@/lib/router';
import { updateSettings } from '@/lib/settings';
import { freshDb } from './helpers';

// Friday 27 November 2026, 23:30 in Tokyo, 15:30 in Berlin: "tomorrow" differs by zone.
const NOW = Date.UTC(2026, 10, 27, 14, 30);

describe('nudge-action', () => {
  it('a named snooze is read in the time zone of the settings, not the runtime', async () => {
    const db = freshDb();
    await updateSettings(db, (s) => ({ ...s, timeZone: 'Asia/Tokyo' }));
    let changes = 0;
    const handlers = createHandlers({ db, now: () => NOW, changed: () => changes++ });
    const reply = await dispatch(
      { type: 'nudge-action', key: 'contact:ann@example.com', action: 'snooze', for: 'tomorrow' },
      handlers,
    );
    expect(reply).toMatchObject({ ok: true });
    // 8:00 on Saturday 28 November in Tokyo.
    expect((await db.nudgeState.get('contact:ann@example.com'))?.snoozedUntil).toBe(Date.UTC(2026, 10, 27, 23, 0));
    expect(changes).toBe(1);
  });

  it('a snooze with neither a time nor a name is refused and changes nothing', async () => {
    const db = freshDb();
    const handlers = createHandlers({ db, now: () => NOW, changed: () => {} });
    const reply = await dispatch({ type: 'nudge-action', key: 'contact:ann@example.com', action: 'snooze' }, handlers);
    expect(reply).toMatchObject({ ok: false });
    expect(await db.nudgeState.count()).toBe(0);
  });

  it('an unknown named time is a malformed message', async () => {
    const db = freshDb();
    const handlers = createHandlers({ db, now: () => NOW, changed: () => {} });
    const reply = await dispatch(
      { type: 'nudge-action', key: 'contact:ann@example.com', action: 'snooze', for: 'someday' },
      handlers,
    );
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/malformed "nudge-action"/) });
  });
});
