import { browser } from 'wxt/browser';
import { nextDigestAt } from '@/lib/engine/notify';
import { recordStartedMeetings } from '@/lib/ingest/ingest';
import type { TendDB } from '@/lib/store/db';
import { resummarizeAll } from '@/lib/store/interactions';
import { refreshNudgeList } from '@/lib/store/nudge-list';
import { getSettings } from '@/lib/store/settings';
import { resolveTimeZone } from '@/lib/time/zoned-time';
import { showDue } from './notifications';

export const ALARM_DIGEST = 'tend-digest';
export const ALARM_TICK = 'tend-tick';
export const ALARM_DAILY = 'tend-daily';

const DEBOUNCE_MS = 1_500;
/** How near its time an alarm counts as at that time (the plan's tolerance for a digest time it already holds). */
const DUE_MS = 60_000;
/** How far back a started meeting is still turned into touches (the tick runs every 30 minutes). */
const MEETINGS_LOOKBACK_MS = 30 * 86_400_000;

export function localZone(settingsZone: string): string {
  return resolveTimeZone(settingsZone);
}

export interface Refresher {
  /** Something changed: recompute the nudge list shortly (many changes in a burst cost one recompute). */
  soon: () => void;
  /** Recompute now and show any immediate notices. */
  now: () => Promise<void>;
  onAlarm: (name: string) => Promise<void>;
  start: () => Promise<void>;
}

export function createRefresher(db: TendDB): Refresher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  /**
   * Recomputes the nudge list and shows what is due. `meetings`: first turn meetings that have begun into
   * touches: meetings begin with time, not with changes, so only the start and the timers look (a burst of
   * Gmail captures does not re-read a month of events each time).
   */
  const run = (kind: 'immediate' | 'digest', { meetings = false } = {}) => {
    running = running
      .then(async () => {
        const now = Date.now();
        if (meetings) {
          try {
            await recordStartedMeetings(db, now, MEETINGS_LOOKBACK_MS);
          } catch (e) {
            console.error('Tend: meetings could not be recorded', e);
          }
        }
        const list = await refreshNudgeList(db, now);
        await showDue(db, list.nudges, kind, now);
        await planDigest();
      })
      .catch((e) => console.error('Tend: refresh failed', e));
    return running;
  };

  /**
   * The digest alarm at the next digest time (kept when it already is; moved when the settings moved it). An
   * alarm due within the minute is kept too: it is about to fire (the browser dispatches an alarm a little late),
   * and the digest it runs plans the next one. The next digest time is always after now, so moving such an alarm
   * to it skipped that day's digest whenever a refresh ran between the digest time and the alarm's dispatch.
   */
  const planDigest = async () => {
    const settings = await getSettings(db);
    const now = Date.now();
    const when = nextDigestAt(settings, now, localZone(settings.timeZone));
    const existing = await browser.alarms.get(ALARM_DIGEST);
    const keep =
      existing && (existing.scheduledTime <= now + DUE_MS || Math.abs(existing.scheduledTime - when) <= DUE_MS);
    if (!keep) await browser.alarms.create(ALARM_DIGEST, { when });
  };

  return {
    soon: () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run('immediate'), DEBOUNCE_MS);
    },
    now: () => run('immediate'),
    onAlarm: async (name) => {
      if (name === ALARM_DIGEST) await run('digest');
      else if (name === ALARM_TICK) await run('immediate', { meetings: true });
      else if (name === ALARM_DAILY) {
        // Inferred rhythms look at the past year: let them age once a day.
        await resummarizeAll(db, Date.now());
        await run('immediate', { meetings: true });
      }
    },
    start: async () => {
      // Every alarm is made sure of first, each on its own: a failing recompute must not leave Tend without its
      // daily digest.
      try {
        if (!(await browser.alarms.get(ALARM_TICK))) await browser.alarms.create(ALARM_TICK, { periodInMinutes: 30 });
        if (!(await browser.alarms.get(ALARM_DAILY)))
          await browser.alarms.create(ALARM_DAILY, { periodInMinutes: 24 * 60 });
        await planDigest();
      } catch (e) {
        console.error('Tend: alarms could not be set', e);
      }
      await run('immediate', { meetings: true });
      // A digest the browser slept through (closed at digest time, alarms lost) is made up now; its id is the
      // day's, so one already shown is not shown again, and one more than 18 hours late is dropped.
      await run('digest');
    },
  };
}
