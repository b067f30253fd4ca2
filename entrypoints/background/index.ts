import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { saveTeller } from '@/components/save-failures';
import { dispatch } from '@/lib/ingest/messages';
import { createHandlers } from '@/lib/ingest/router';
import { ensureAliasIndex } from '@/lib/store/aliases';
import { getDb } from '@/lib/store/db';
import { createCatchUp } from './catch-up';
import { serveKeptPages } from './kept-pages';
import { registerNotificationHandlers } from './notifications';
import { createRefresher } from './refresh';
import { isTrustedSender } from './senders';
import { listenForTransfers } from './transfers';
import { createUserLayer } from './user-layer';

// The background only wires: messages -> lib/router, alarms -> refresh + notifications, clicks -> actions.
export default defineBackground(() => {
  serveKeptPages(globalThis);
  const db = getDb();
  const refresher = createRefresher(db);
  // What the user wrote: kept in storage.local (rebuilt from it when the store is new) and, if on, synced.
  const layer = createUserLayer(db, refresher.soon);
  const catchUp = createCatchUp(db, refresher.soon, saveTeller);
  const handlers = createHandlers({
    db,
    now: Date.now,
    changed: refresher.soon,
    catchUp,
    estimate: () => navigator.storage.estimate(),
    saves: saveTeller,
    layer,
  });
  // Tend's store is the user's only copy: ask the browser never to clear it (with `unlimitedStorage` Chrome
  // and Firefox grant this without asking).
  navigator.storage?.persist?.().catch(() => undefined);

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    const trusted = isTrustedSender(raw, sender, browser.runtime.id);
    if (!trusted.ok) {
      sendResponse(trusted);
      return false;
    }
    dispatch(raw, handlers, { tabId: sender.tab?.id, url: sender.url }).then(sendResponse);
    return true;
  });
  listenForTransfers((message, url) => dispatch(message, handlers, { url }));

  browser.alarms.onAlarm.addListener((alarm) => {
    // An edit made from a page while the worker slept is stamped at the next tick at the latest.
    layer.edited();
    return refresher.onAlarm(alarm.name);
  });
  registerNotificationHandlers(db, {
    ...refresher,
    soon: () => {
      refresher.soon();
      layer.edited();
    },
  });

  // No walk runs in a background just started: a catch-up saved as running was cut short (lib/ingest/catch-up.ts).
  void catchUp.settle().catch((e) => console.error('Tend: catch-up', e));
  // Alarms do not survive every restart the same way in every browser: recreate them whenever we start.
  void ensureAliasIndex(db).catch((e) => console.error('Tend: alias index', e));
  void layer.start();
  refresher.start();
});
