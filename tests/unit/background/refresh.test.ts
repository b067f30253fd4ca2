import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALARM_DIGEST, createRefresher } from '@/entrypoints/background/refresh';
import { freshDb } from '../store/helpers';

beforeEach(() => fakeBrowser.reset());

const digestAlarm = () => fakeBrowser.alarms.get(ALARM_DIGEST);

describe('the digest alarm', () => {
  it('is planned at the next digest time, after now', async () => {
    await createRefresher(freshDb()).now();
    const alarm = await digestAlarm();
    expect(alarm?.scheduledTime).toBeGreaterThan(Date.now());
  });

  it('is kept when it is due: a refresh between the digest time and the alarm does not skip the digest', async () => {
    // The digest time has just come and the browser has not dispatched the alarm yet.
    const due = Date.now() - 5_000;
    await fakeBrowser.alarms.create(ALARM_DIGEST, { when: due });
    await createRefresher(freshDb()).now();
    expect((await digestAlarm())?.scheduledTime).toBe(due);
  });

  it('is moved when it is far from the next digest time (the settings moved it)', async () => {
    const stale = Date.now() + 3 * 86_400_000 + 7 * 3_600_000;
    await fakeBrowser.alarms.create(ALARM_DIGEST, { when: stale });
    await createRefresher(freshDb()).now();
    const alarm = await digestAlarm();
    expect(alarm?.scheduledTime).not.toBe(stale);
    expect(alarm?.scheduledTime).toBeGreaterThan(Date.now());
  });
});
