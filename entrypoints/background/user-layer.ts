import { browser } from 'wxt/browser';
import type { TendDB } from '@/lib/store/db';
import { userLayerStore } from '@/lib/store/user-layer';
import { createLayerDriver, type LayerDriver, type StorageArea } from '@/lib/sync/driver';

/** `browser.storage.<area>` as the driver sees it. */
function area(name: 'local' | 'sync'): StorageArea {
  const a = browser.storage[name];
  return {
    get: (keys) => a.get(keys) as Promise<Record<string, unknown>>,
    set: (items) => a.set(items),
    remove: (keys) => a.remove(keys),
  };
}

/**
 * The safety copy of what the user wrote (storage.local) and, when switched on, the browser's sync: the driver
 * in lib/sync/driver.ts with the real storage areas, and the sync area's changes from other browsers fed to it.
 */
export function createUserLayer(db: TendDB, applied: () => void): LayerDriver {
  const driver = createLayerDriver({
    local: area('local'),
    sync: area('sync'),
    store: userLayerStore(db),
    now: Date.now,
    applied,
  });
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName === 'sync') driver.syncChanged(changes);
  });
  return driver;
}
