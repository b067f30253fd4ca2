import { browser } from 'wxt/browser';
import type { TendDB } from '@/lib/db';
import { type Notice, planNotifications, targetUrl } from '@/lib/notify';
import { applyNudgeAction } from '@/lib/nudge-state';
import type { Nudge } from '@/lib/nudges';
import { snoozeUntil } from '@/lib/nudges';
import { getSettings } from '@/lib/settings';
import type { Refresher } from './refresh';
import { localZone } from './refresh';

const DAY = 86_400_000;

/**
 * Shows what is due now. Every notice has a stable id and is logged in `notified` in the same step that
 * shows it, so a restart of the worker or the browser never shows it twice.
 */
export async function showDue(db: TendDB, nudges: Nudge[], kind: 'digest' | 'immediate', now: number): Promise<void> {
  const settings = await getSettings(db);
  const sentLog = await db.notified
    .where('id')
    .above('')
    .filter((n) => n.at > now - 2 * DAY)
    .toArray();
  const { notices } = planNotifications({
    nudges,
    settings,
    now,
    timeZone: localZone(settings.timeZone),
    sentLog,
    kind,
  });
  for (const notice of notices) {
    const fresh = await db.transaction('rw', db.notified, async () => {
      if (await db.notified.get(notice.id)) return false;
      await db.notified.put({
        id: notice.id,
        at: now,
        url: targetUrl(notice.target),
        nudgeKeys: notice.nudgeKeys,
        actions: notice.buttons.map((b) => b.action),
      });
      return true;
    });
    if (fresh) await create(notice);
  }
}

async function create(notice: Notice): Promise<void> {
  const base = {
    type: notice.items?.length ? ('list' as const) : ('basic' as const),
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: notice.title,
    message: notice.message,
    ...(notice.items?.length ? { items: notice.items.slice(0, 5) } : {}),
  };
  const withButtons = { ...base, buttons: notice.buttons.slice(0, 2).map((b) => ({ title: b.title })) };
  try {
    await browser.notifications.create(notice.id, withButtons);
  } catch {
    // Firefox has no notification buttons: the notice itself still opens the target.
    await browser.notifications.create(notice.id, base);
  }
}

async function open(url: string | undefined): Promise<void> {
  await browser.tabs.create({ url: url ?? browser.runtime.getURL('/popup.html') });
}

export function registerNotificationHandlers(db: TendDB, refresher: Refresher): void {
  browser.notifications.onClicked.addListener(async (id) => {
    const n = await db.notified.get(id);
    await open(n?.url);
    await browser.notifications.clear(id);
  });
  browser.notifications.onButtonClicked?.addListener(async (id, index) => {
    const n = await db.notified.get(id);
    const action = n?.actions?.[index];
    if (!n || !action) return;
    if (action === 'write' || action === 'open') await open(n.url);
    else if (action === 'snooze-week' || action === 'done') {
      const now = Date.now();
      for (const key of n.nudgeKeys ?? []) {
        await applyNudgeAction(
          db,
          action === 'done' ? { key, action: 'done' } : { key, action: 'snooze', until: snoozeUntil('next-week', now) },
          now,
        );
      }
      refresher.soon();
    }
    await browser.notifications.clear(id);
  });
}
