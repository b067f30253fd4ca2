import type { Interaction } from '@/lib/core/model';
import { aliasIndex } from '@/lib/store/aliases';
import { SCHEMA_VERSIONS, TendDB } from '@/lib/store/db';
import { recordInteractions } from '@/lib/store/interactions';

let n = 0;

/** A fresh, empty database (fake-indexeddb), unique per call. */
export function freshDb(versions = SCHEMA_VERSIONS): TendDB {
  n += 1;
  return new TendDB(`tend-test-${n}-${Math.random().toString(36).slice(2)}`, versions);
}

export const T0 = Date.UTC(2026, 10, 2, 15, 0);
export const DAY = 86_400_000;

export function touch(
  contact: string,
  at: number,
  direction: Interaction['direction'],
  extra: Partial<Interaction> = {},
): Interaction {
  return {
    key: `gmail:msg:me@example.com:${contact}:${at}:${direction}`,
    contact,
    at,
    direction,
    source: direction === 'meeting' ? 'calendar' : 'gmail',
    ...extra,
  };
}

/** Records touches as a capture does (one transaction over the tables it writes), at `now`. */
export function recordTouches(db: TendDB, touches: Interaction[], names: Record<string, string> = {}, now = T0) {
  return db.transaction('rw', db.contacts, db.historyPacks, db.kv, async () =>
    recordInteractions(db, touches, names, now, await aliasIndex(db)),
  );
}
