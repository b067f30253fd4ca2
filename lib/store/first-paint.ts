/**
 * What the popup shows first, read straight from IndexedDB while React and Dexie are still loading: the
 * precomputed nudge list, the health records, the most recent contacts and the zone days are told in. Only reads,
 * never creates the database; the live queries take over as soon as they have answered. Plain IndexedDB (no Dexie)
 * so that this module loads in the popup's first, tiny script.
 */

import type { Contact, HealthState } from '../core/model';
import { asHealthState } from './health';
import { asNudgeList, NUDGE_LIST_KEY, type NudgeList } from './nudge-cache';
import { SETTINGS_KEY, storedTimeZone } from './settings-key';

export interface FirstPaint {
  nudges: NudgeList | undefined;
  health: HealthState[];
  contacts: Contact[];
  /** The zone set in Options, if any (the browser's otherwise): the first render tells days as the live one. */
  timeZone?: string | undefined;
}

const HEALTH_KEYS = ['health:gmail', 'health:calendar'] as const;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openExisting(idb: IDBFactory, name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const req = idb.open(name);
    // No database yet (a new user): do not create one; Dexie creates it with its schema.
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => (req.error?.name === 'AbortError' ? resolve(undefined) : reject(req.error));
    req.onblocked = () => resolve(undefined);
  });
}

/** The first screen's data, or undefined when there is no store yet (or not of the expected shape). */
export async function readFirstPaint(idb: IDBFactory, name: string, recent = 20): Promise<FirstPaint | undefined> {
  const db = await openExisting(idb, name);
  if (!db) return undefined;
  try {
    if (!db.objectStoreNames.contains('kv') || !db.objectStoreNames.contains('contacts')) return undefined;
    const tx = db.transaction(['kv', 'contacts'], 'readonly');
    const kv = tx.objectStore('kv');
    const contactsStore = tx.objectStore('contacts');
    const byLastAt = contactsStore.indexNames.contains('summary.lastAt') ? contactsStore.index('summary.lastAt') : null;
    const contacts: Contact[] = [];
    const walk = byLastAt
      ? new Promise<void>((resolve, reject) => {
          const cur = byLastAt.openCursor(null, 'prev');
          cur.onsuccess = () => {
            const c = cur.result;
            if (!c || contacts.length >= recent) return resolve();
            contacts.push(c.value as Contact);
            c.continue();
          };
          cur.onerror = () => reject(cur.error);
        })
      : Promise.resolve();
    const [list, settings, ...health] = await Promise.all([
      request(kv.get(NUDGE_LIST_KEY)),
      request(kv.get(SETTINGS_KEY)),
      ...HEALTH_KEYS.map((k) => request(kv.get(k))),
      walk,
    ]);
    return {
      nudges: asNudgeList((list as { value?: unknown } | undefined)?.value),
      health: health
        .slice(0, HEALTH_KEYS.length)
        .map((r) => asHealthState((r as { value?: unknown } | undefined)?.value))
        .filter((h): h is HealthState => h !== undefined),
      contacts,
      timeZone: storedTimeZone((settings as { value?: unknown } | undefined)?.value),
    };
  } finally {
    db.close();
  }
}
