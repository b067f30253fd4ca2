/**
 * Keeps the user-authored layer in step with the store, the local safety copy and (when the user switched it on)
 * the browser's sync. Every storage is passed in, so unit tests drive it with plain maps and a fake clock.
 *
 * One pass, always in this order and one at a time:
 * 1. read the store's user fields (a snapshot) and stamp every field that differs from the layer: the user's
 *    edits, whichever path made them (the sidebar, Options, a backup import, a notice's button);
 * 2. merge what another browser wrote, if any (per-field last-writer-wins, lib/sync/layer.ts);
 * 3. write into the store what the layer holds and it does not (a field edited again in the meantime is left
 *    alone: the next pass stamps it), creating records the store lacks when it is new (rebuilt from the copy)
 *    or another browser created them;
 * 4. save the layer, its clock and the store's epoch to `storage.local` (the safety copy);
 * 5. when sync is on, pack the layer and write the items that changed, debounced and within the write limits.
 * The store holds an epoch id; a store without the copy's epoch is new (its IndexedDB was lost): it is rebuilt.
 */
import { type Hlc, newNodeId, startClock } from './hlc';
import { type Layer, mergeLayers, type RecordChange, readLayer, reconcile, type Snapshot, stampEdits } from './layer';
import { CHROME_SYNC_LIMITS, isItemKey, packLayer, type SyncLimits, type Unsynced, unpackItems } from './pack';
import { CHROME_RATE_LIMITS, nextWriteAt, pruneLog, type RateLimits } from './rate';

/** The part of `browser.storage.local` / `.sync` the driver uses. */
export interface StorageArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** The store's side (lib/store/user-layer.ts). */
export interface LayerStore {
  snapshot(): Promise<Snapshot & { epoch: string | null }>;
  /** Applies changes in one transaction; returns the records it created and those it refused (invalid). */
  apply(changes: RecordChange[], now: number): Promise<{ created: string[]; refused: string[] }>;
  setEpoch(epoch: string): Promise<void>;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SyncStatus {
  on: boolean;
  /** Records in the layer (people, settings, nudge states, promises the user touched). */
  records: number;
  bytes: number;
  items: number;
  quotaBytes: number;
  maxItems: number;
  /** What the browser's sync does not carry (it stays here). */
  unsynced: Unsynced[];
  lastPushAt?: number;
  lastPullAt?: number;
  /** Waiting for the write limits until then. */
  waitingUntil?: number;
  /** The last write the browser refused, in words (Tend tries again). */
  error?: string;
  /** Items from a newer Tend in the sync area, left alone. */
  newerItems?: number;
}

export const LOCAL_LAYER_KEY = 'tend.layer';
export const LOCAL_SYNC_KEY = 'tend.sync';

interface LocalLayer {
  v: 1;
  node: string;
  clock: { wall: number; count: number };
  epoch: string;
  records: Layer;
  /** Records of the layer the store had at the last pass. */
  seen: string[];
}

interface LocalSync {
  on: boolean;
  writes: number[];
  status: SyncStatus;
  /** What Tend last wrote to the sync area, by key (its own echoes are not merged again). */
  written?: Record<string, string>;
}

export interface DriverDeps {
  local: StorageArea;
  sync: StorageArea;
  store: LayerStore;
  now: () => number;
  timers?: Timers;
  random?: () => number;
  /** After the store was changed from the layer (nudges to recompute). */
  applied?: () => void;
  report?: (what: string, e: unknown) => void;
  limits?: SyncLimits;
  rate?: RateLimits;
  /** Quiet time after an edit before a pass. */
  debounceMs?: number;
  /** Quiet time before writing to the sync area (many passes, one write). */
  pushDelayMs?: number;
  /** Wait after a refused write. */
  retryMs?: number;
}

export interface LayerDriver {
  start(): Promise<void>;
  /** The user edited something: pass soon (debounced). */
  edited(): void;
  /** `storage.onChanged` in the sync area, with the keys that changed and their new values. */
  syncChanged(changes: Record<string, { newValue?: unknown }>): void;
  setSyncEnabled(on: boolean): Promise<SyncStatus>;
  status(): Promise<SyncStatus>;
  /**
   * "Delete all data": `clear` empties the store and the safety copy goes too (sync is switched off here), in one
   * turn of the queue: no pass runs in between, which would see the emptied store as lost and rebuild it from the
   * copy, or copy the store into a new one before it was emptied.
   */
  forget(clear?: () => Promise<void>): Promise<void>;
  /** Runs what is pending now and waits for it (tests, and before the worker sleeps). */
  settle(): Promise<void>;
}

/** Does `remote` hold an entry with a later stamp than `local`'s (same value or not)? */
function hasNewer(remote: Layer, local: Layer): boolean {
  for (const [rid, fields] of Object.entries(remote))
    for (const [field, entry] of Object.entries(fields)) {
      const mine = local[rid]?.[field];
      if (!mine || entry[0] > mine[0]) return true;
    }
  return false;
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);

export function createLayerDriver(deps: DriverDeps): LayerDriver {
  const limits = deps.limits ?? CHROME_SYNC_LIMITS;
  const rate = deps.rate ?? CHROME_RATE_LIMITS;
  const timers: Timers = deps.timers ?? {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const report = deps.report ?? ((what, e) => console.error(`Tend: ${what}`, e));
  const debounceMs = deps.debounceMs ?? 2_000;
  const pushDelayMs = deps.pushDelayMs ?? 5_000;
  const retryMs = deps.retryMs ?? 60_000;

  let queue: Promise<unknown> = Promise.resolve();
  let local: LocalLayer | null | undefined;
  let syncState: LocalSync | undefined;
  const pending = new Map<'pass' | 'pull' | 'push', { handle: unknown; run: () => void; due: number }>();

  /** Runs jobs one at a time; a failing job is reported, never thrown at the caller's user. */
  const enqueue = <T>(what: string, job: () => Promise<T>): Promise<T | undefined> => {
    const p = queue.then(job).catch((e) => {
      report(what, e);
      return undefined;
    });
    queue = p;
    return p;
  };

  /**
   * Runs `run` after `ms`. Passes and pulls are debounced (a new call moves them later); a push is not moved
   * later by a new call, so a steady stream of edits or of other browsers' changes cannot starve it.
   */
  const schedule = (kind: 'pass' | 'pull' | 'push', ms: number, run: () => Promise<unknown>) => {
    const prev = pending.get(kind);
    const due = deps.now() + ms;
    if (prev && kind === 'push' && prev.due <= due) return;
    if (prev) timers.clear(prev.handle);
    const fire = () => {
      pending.delete(kind);
      void run();
    };
    pending.set(kind, { handle: timers.set(fire, ms), run: fire, due });
  };

  const emptyStatus = (on: boolean): SyncStatus => ({
    on,
    records: 0,
    bytes: 0,
    items: 0,
    quotaBytes: limits.quotaBytes,
    maxItems: limits.maxItems,
    unsynced: [],
  });

  async function loadLocal(): Promise<LocalLayer | null> {
    if (local !== undefined) return local;
    const got = await deps.local.get([LOCAL_LAYER_KEY, LOCAL_SYNC_KEY]);
    const raw = got[LOCAL_LAYER_KEY] as Partial<LocalLayer> | undefined;
    if (raw && raw.v === 1 && typeof raw.node === 'string' && typeof raw.epoch === 'string') {
      local = {
        v: 1,
        node: raw.node,
        clock: {
          wall: Number(raw.clock?.wall) || 0,
          count: Number(raw.clock?.count) || 0,
        },
        epoch: raw.epoch,
        records: readLayer(raw.records).layer,
        seen: Array.isArray(raw.seen) ? raw.seen.filter((s): s is string => typeof s === 'string') : [],
      };
    } else local = null;
    const s = got[LOCAL_SYNC_KEY] as Partial<LocalSync> | undefined;
    syncState = {
      on: s?.on === true,
      writes: Array.isArray(s?.writes) ? s.writes.filter((n): n is number => typeof n === 'number') : [],
      status: { ...emptyStatus(s?.on === true), ...(s?.status ?? {}), on: s?.on === true },
      written: s?.written && typeof s.written === 'object' ? s.written : {},
    };
    return local;
  }

  async function saveSync(): Promise<void> {
    if (syncState) await deps.local.set({ [LOCAL_SYNC_KEY]: syncState });
  }

  /** Steps 1-4 of the comment at the top; returns whether the layer changed. */
  async function pass(remote?: Layer): Promise<boolean> {
    const prev = await loadLocal();
    const now = deps.now();
    const snap = await deps.store.snapshot();
    const node = prev?.node ?? newNodeId(deps.random);
    const epoch = prev?.epoch ?? newNodeId(deps.random);
    const fresh = !prev || snap.epoch !== epoch;
    const seen = new Set(fresh ? [] : prev.seen);
    const clock0: Hlc = { ...startClock(node), ...(prev?.clock ?? {}) };
    const stamped = stampEdits(prev?.records ?? {}, snap, seen, clock0, now);
    let layer = stamped.layer;
    let clock = stamped.clock;
    let incoming = new Set<string>();
    if (remote) {
      const m = mergeLayers(layer, remote, clock);
      layer = m.layer;
      clock = m.clock ?? clock;
      incoming = m.incoming;
    }
    const changes = reconcile(layer, snap, fresh ? () => true : (rid) => incoming.has(rid));
    let created: string[] = [];
    if (changes.length) {
      const r = await deps.store.apply(changes, now);
      created = r.created;
      for (const rid of r.refused) report('a synced record was not valid and was left out', rid);
    }
    if (snap.epoch !== epoch) await deps.store.setEpoch(epoch);
    const present = new Set([...snap.present, ...created]);
    const next: LocalLayer = {
      v: 1,
      node,
      clock: { wall: clock.wall, count: clock.count },
      epoch,
      records: layer,
      seen: Object.keys(layer).filter((rid) => present.has(rid)),
    };
    const changed = stamped.edits > 0 || incoming.size > 0 || !prev;
    local = next;
    await deps.local.set({ [LOCAL_LAYER_KEY]: next });
    if (changes.length) deps.applied?.();
    return changed;
  }

  async function pull(): Promise<void> {
    await loadLocal();
    if (!syncState?.on) return;
    const all = await deps.sync.get(null);
    const { layer, newer } = unpackItems(all);
    await pass(layer);
    syncState.status = { ...syncState.status, lastPullAt: deps.now(), newerItems: newer || undefined };
    await saveSync();
    schedule('push', pushDelayMs, () => enqueue('sync write failed', push));
  }

  async function push(): Promise<void> {
    await loadLocal();
    const s = syncState;
    if (!s?.on || !local) return;
    // `local` is reassigned by pass(); read it again after the merge below.
    const current = await deps.sync.get(null);
    // Never write over what another browser put there without merging it first.
    const there = unpackItems(current).layer;
    if (mergeLayers(local.records, there).incoming.size > 0 || hasNewer(there, local.records)) await pass(there);
    const now = deps.now();
    const packed = packLayer(local.records, limits);
    const ours = Object.keys(current).filter(isItemKey);
    const toSet: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(packed.items)) {
      if (JSON.stringify(current[k]) !== JSON.stringify(v)) toSet[k] = v;
    }
    const toRemove = ours.filter((k) => !(k in packed.items));
    const ops = (Object.keys(toSet).length ? 1 : 0) + (toRemove.length ? 1 : 0);
    s.writes = pruneLog(s.writes, now);
    s.status = {
      ...s.status,
      on: true,
      records: Object.keys(local.records).length,
      bytes: packed.bytes,
      items: Object.keys(packed.items).length,
      unsynced: packed.unsynced,
      waitingUntil: undefined,
    };
    if (ops > 0) {
      const at = nextWriteAt(s.writes, now, rate, ops);
      if (at > now) {
        s.status.waitingUntil = at;
        await saveSync();
        schedule('push', at - now, () => enqueue('sync write failed', push));
        return;
      }
      try {
        // Removing first keeps the area under its quota while items are rewritten.
        if (toRemove.length) {
          s.writes.push(now);
          await deps.sync.remove(toRemove);
        }
        if (Object.keys(toSet).length) {
          s.writes.push(now);
          await deps.sync.set(toSet);
        }
        s.written = Object.fromEntries(Object.entries(packed.items).map(([k, v]) => [k, JSON.stringify(v)]));
        s.status.lastPushAt = now;
        s.status.error = undefined;
      } catch (e) {
        s.status.error = describe(e);
        schedule('push', retryMs, () => enqueue('sync write failed', push));
      }
    } else if (!s.status.error) s.status.lastPushAt ??= now;
    await saveSync();
  }

  const passJob = async () => {
    const changed = await pass();
    if (changed && syncState?.on) schedule('push', pushDelayMs, () => enqueue('sync write failed', push));
  };

  return {
    start: async () => {
      await enqueue('the safety copy could not be kept', async () => {
        await passJob();
        if (syncState?.on) await pull();
      });
    },
    edited: () => schedule('pass', debounceMs, () => enqueue('the safety copy could not be kept', passJob)),
    syncChanged: (changes) => {
      const keys = Object.keys(changes).filter(isItemKey);
      if (!keys.length) return;
      // Our own writes come back as changes: only what differs from them is news.
      const written = syncState?.written ?? {};
      const news = keys.some((k) => JSON.stringify(changes[k]?.newValue) !== written[k]);
      if (!news) return;
      schedule('pull', 500, () => enqueue('synced changes could not be merged', pull));
    },
    setSyncEnabled: async (on) => {
      const r = await enqueue('sync could not be switched', async () => {
        await loadLocal();
        const s = syncState as LocalSync;
        s.on = on;
        s.status = { ...s.status, on, error: undefined, waitingUntil: undefined };
        await saveSync();
        if (on) {
          await passJob();
          await pull();
          await push();
        }
        return { ...s.status };
      });
      return r ?? { ...emptyStatus(on), error: 'sync could not be switched' };
    },
    status: async () => {
      const r = await enqueue('sync status', async () => {
        await loadLocal();
        const s = syncState as LocalSync;
        const records = local ? Object.keys(local.records).length : 0;
        if (!s.on && local) {
          // Off: still say what would be synced, so the user can judge before switching on.
          const packed = packLayer(local.records, limits);
          return {
            ...s.status,
            on: false,
            records,
            bytes: packed.bytes,
            items: Object.keys(packed.items).length,
            unsynced: packed.unsynced,
          };
        }
        return { ...s.status, records };
      });
      return r ?? emptyStatus(false);
    },
    forget: async (clear) => {
      for (const [, p] of pending) timers.clear(p.handle);
      pending.clear();
      let failed: unknown;
      await enqueue('the safety copy could not be removed', async () => {
        // The store's own failure is the caller's to report: it is thrown back after the queue has moved on.
        if (clear) await clear().catch((e) => (failed = e ?? new Error('not cleared')));
        if (failed) return;
        await deps.local.remove([LOCAL_LAYER_KEY, LOCAL_SYNC_KEY]);
        local = undefined;
        syncState = undefined;
      });
      if (failed) throw failed;
    },
    settle: async () => {
      for (let i = 0; i < 10 && pending.size > 0; i++) {
        const jobs = [...pending.values()];
        for (const j of jobs) timers.clear(j.handle);
        pending.clear();
        for (const j of jobs) j.run();
        await queue;
      }
      await queue;
    },
  };
}
