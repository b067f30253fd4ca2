import type { StorageArea } from '@/lib/sync/driver';

/**
 * A `storage.local` / `storage.sync` stand-in: values are copied through JSON as the browser does, every write
 * is logged with its time, and a write can be made to fail (a quota, a rate limit) the way the browser refuses.
 */
export interface MemoryArea extends StorageArea {
  data: Map<string, unknown>;
  writes: { at: number; op: 'set' | 'remove'; keys: string[] }[];
  /** The next `times` writes fail with `message` (0 ends a failure). */
  failNext: (message: string, times?: number) => void;
  /** A quota in bytes (keys plus JSON) the area enforces on `set`, as Chrome's sync area does. */
  quotaBytes?: number;
}

export function memoryArea(now: () => number = Date.now, quotaBytes?: number): MemoryArea {
  const data = new Map<string, unknown>();
  const writes: MemoryArea['writes'] = [];
  let fail: string | undefined;
  let failures = 0;
  const size = () => {
    let n = 0;
    for (const [k, v] of data) n += new TextEncoder().encode(k + JSON.stringify(v)).length;
    return n;
  };
  const area: MemoryArea = {
    data,
    writes,
    quotaBytes,
    failNext: (m, times = 1) => {
      fail = m;
      failures = times;
    },
    get: async (keys) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of data) if (keys === null || keys.includes(k)) out[k] = JSON.parse(JSON.stringify(v));
      return out;
    },
    set: async (items) => {
      if (fail && failures > 0) {
        failures--;
        throw new Error(fail);
      }
      const before = new Map(data);
      for (const [k, v] of Object.entries(items)) data.set(k, JSON.parse(JSON.stringify(v)));
      if (area.quotaBytes !== undefined && size() > area.quotaBytes) {
        data.clear();
        for (const [k, v] of before) data.set(k, v);
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      writes.push({ at: now(), op: 'set', keys: Object.keys(items) });
    },
    remove: async (keys) => {
      for (const k of keys) data.delete(k);
      writes.push({ at: now(), op: 'remove', keys });
    },
  };
  return area;
}
