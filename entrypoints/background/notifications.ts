import { browser } from 'wxt/browser';
import { personPagePath } from '@/lib/core/pages';
import { type Notice, planNotifications, targetUrl } from '@/lib/engine/notify';
import type { Nudge } from '@/lib/engine/nudges';
import { snoozeUntil } from '@/lib/engine/snooze';
import type { TendDB } from '@/lib/store/db';
import { applyNudgeAction } from '@/lib/store/nudge-state';
import { writeTransaction } from '@/lib/store/quota';
import { getSettings } from '@/lib/store/settings';
import type { Refresher } from './refresh';
import { localZone } from './refresh';

const DAY = 86_400_000;

/** How a notice reaches the screen (the browser's notifications API; a stub in unit tests). */
export type ShowNotice = (notice: Notice) => Promise<void>;

/**
 * Shows what is due now. Every notice has a stable id and is logged in `notified` in the same step that
 * shows it, so a restart of the worker or the browser never shows it twice. A notice the browser refused to
 * show is taken off the log again, so the next run may try once more. Returns the notices shown.
 */
export async function showDue(
  db: TendDB,
  nudges: Nudge[],
  kind: 'digest' | 'immediate',
  now: number,
  show: ShowNotice = create,
): Promise<Notice[]> {
  const settings = await getSettings(db);
  const sentLog = await db.notified.filter((n) => n.at > now - 2 * DAY).toArray();
  const { notices } = planNotifications({
    nudges,
    settings,
    now,
    timeZone: localZone(settings.timeZone),
    sentLog,
    kind,
  });
  const shown: Notice[] = [];
  for (const notice of notices) {
    const fresh = await writeTransaction(db, [db.notified], 'a notice shown', async () => {
      if (await db.notified.get(notice.id)) return false;
      await db.notified.put({
        id: notice.id,
        at: now,
        url: targetUrl(notice.target),
        nudgeKeys: notice.nudgeKeys,
        actions: notice.buttons.slice(0, 2).map((b) => b.action),
        ...(notice.person ? { person: notice.person } : {}),
      });
      return true;
    });
    if (!fresh) continue;
    try {
      await show(notice);
      shown.push(notice);
    } catch (e) {
      console.error('Tend: a notification could not be shown', e);
      await writeTransaction(db, [db.notified], 'a notice not shown', () => db.notified.delete(notice.id));
    }
  }
  return shown;
}

async function create(notice: Notice): Promise<void> {
  const list = (notice.items?.length ?? 0) > 0;
  const base = {
    type: list ? ('list' as const) : ('basic' as const),
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: notice.title,
    message: notice.message,
    ...(list ? { items: (notice.items ?? []).slice(0, 5) } : {}),
  };
  const withButtons = { ...base, buttons: notice.buttons.slice(0, 2).map((b) => ({ title: b.title })) };
  try {
    await browser.notifications.create(notice.id, withButtons);
  } catch {
    // Firefox has no notification buttons: the notice itself still opens the target.
    await browser.notifications.create(notice.id, base);
  }
}

export interface NoticeDeps {
  /** Opens a URL in a new tab; undefined opens Tend's own page. */
  open: (url: string | undefined) => Promise<void>;
  /** Opens a person's page in Tend (a click on a notice about one person); without it, `open` its URL. */
  openPerson?: (email: string) => Promise<void>;
  /** Takes the notice off the screen. */
  clear: (id: string) => Promise<void>;
  /** The nudge list changed: recompute it. */
  changed: () => void;
  now: () => number;
}

/**
 * A click on the notice itself: open what it is about: the person's page in Tend when it is about one person
 * (its Write/Reply button opens Gmail), else the thread, a compose window or Tend.
 */
export async function onNoticeClicked(db: TendDB, id: string, deps: NoticeDeps): Promise<void> {
  const n = await db.notified.get(id);
  if (n?.person && deps.openPerson) await deps.openPerson(n.person);
  else await deps.open(n?.url);
  await deps.clear(id);
}

/**
 * A click on one of a notice's (at most two) buttons: 'write' and 'open' open its target, 'snooze-week'
 * snoozes its nudges until 8:00 seven days from today in the user's zone (snoozeUntil('week')), 'done'
 * closes them. Returns the action taken, if any.
 */
export async function onNoticeButton(db: TendDB, id: string, index: number, deps: NoticeDeps): Promise<string | null> {
  const n = await db.notified.get(id);
  const action = n?.actions?.[index];
  if (!n || !action) {
    await deps.clear(id);
    return null;
  }
  if (action === 'write' || action === 'open') await deps.open(n.url);
  else if (action === 'snooze-week' || action === 'done') {
    const now = deps.now();
    const zone = localZone((await getSettings(db)).timeZone);
    for (const key of n.nudgeKeys ?? []) {
      await applyNudgeAction(
        db,
        action === 'done' ? { key, action: 'done' } : { key, action: 'snooze', until: snoozeUntil('week', now, zone) },
        now,
      );
    }
    deps.changed();
  }
  await deps.clear(id);
  return action;
}

export function registerNotificationHandlers(db: TendDB, refresher: Refresher): void {
  const deps: NoticeDeps = {
    open: async (url) => {
      await browser.tabs.create({ url: url ?? browser.runtime.getURL('/popup.html') });
    },
    openPerson: async (email) => {
      await browser.tabs.create({ url: browser.runtime.getURL(personPagePath(email)) });
    },
    clear: async (id) => {
      await browser.notifications.clear(id);
    },
    changed: refresher.soon,
    now: Date.now,
  };
  const report = (e: unknown) => console.error('Tend: a notification click failed', e);
  browser.notifications.onClicked.addListener((id) => {
    onNoticeClicked(db, id, deps).catch(report);
  });
  browser.notifications.onButtonClicked?.addListener((id, index) => {
    onNoticeButton(db, id, index, deps).catch(report);
  });
}
