/**
 * Where threads are kept, and the one way to read and write them.
 *
 * A thread as a record of its own costs IndexedDB what a whole packed history does (../shared/docs/storage-costs.md):
 * a first import of 100,000 interactions brings about 25,000 threads, and storing them one record each took about
 * three quarters of the import's time in IndexedDB (7.5 of 10 s in one run). So threads share records,
 * `threadPacks`, chosen by a hash of the thread's id. Few large packs beat many small ones: Chromium stores a
 * value over about 64 KB as a file of its own beside the database rather than in it, and the same 25,000 threads
 * took 1.1-1.5 s in 512 packs of about 43 KB, 0.4 s in 128 packs of about 136 KB (in a page, plain puts, three
 * runs each). A Gmail capture then rewrites a pack of about a hundred threads: a few milliseconds. Two tiers:
 * - recent packs (0 … THREAD_PACKS-1): threads that moved within the follow-up window (THREAD_WINDOW_MS). The nudge
 *   list reads these packs only, and keeps the threads within its window.
 * - old packs (THREAD_PACKS … 2·THREAD_PACKS-1): the rest. Read only by id (a Gmail capture, the thread panel,
 *   an import that merges), and only for a thread not found in its recent pack, or all at once (a backup).
 * A thread is in exactly one pack: the recent or the old one of its hash. Whenever a recent pack is written, the
 * threads in it that have left the window move to its old pack, and a packed thread that moves again comes back.
 * The tier is decided with the writer's `now`; a reader whose clock is earlier than a writer's (a clock set back)
 * misses, until they move again, the threads that writer packed as old. Each pack's `size` is indexed, so
 * counting reads no thread.
 *
 * Threads stored by an earlier Tend (schema 2) are records of their own in `threads`, indexed by `lastAt`; they
 * stay there, are found there first, and the nudge list reads them through that index. Schema 3 packed threads
 * over 256 hashes; version 4 repacks them (repackThreads).
 */
import type { Transaction } from 'dexie';
import type { Thread, ThreadMessage } from '../core/model';
import { sameJson } from '../core/same-json';
import { THREAD_WINDOW_MS } from '../engine/followups';
import { bulkGetExisting } from './bulk';
import type { TendDB, ThreadPack } from './db';
import { byKey, groupByPack, inPackOrder, packHash } from './pack-hash';

/** How many hashes the threads are spread over (each with a recent and an old pack). */
export const THREAD_PACKS = 64;

/** How many hashes schema 3 spread them over. */
const V3_THREAD_PACKS = 256;

/** The hash a thread id belongs to. */
export function threadPackOf(id: string): number {
  return packHash(id) % THREAD_PACKS;
}

/** The old pack of a hash (the recent one is the hash itself). */
export const oldPack = (hash: number) => THREAD_PACKS + hash;

const MAX_THREAD_PEOPLE = 500;
const MAX_THREAD_MESSAGES = 2000;

/**
 * A thread in its one stored form: people once each, messages once per id (a later copy of a message adds to
 * the earlier one), oldest first (a stable sort: messages of the same minute keep their order), capped as the
 * schema caps them. Normalising twice changes nothing.
 */
export function normalizeThread(t: Thread, earlier: readonly ThreadMessage[] = []): Thread {
  const byId = new Map<string, ThreadMessage>();
  for (const m of earlier) byId.set(m.id, m);
  for (const m of t.messages) {
    const prev = byId.get(m.id);
    byId.set(m.id, prev ? { ...prev, ...m } : m);
  }
  const messages = [...byId.values()].sort((a, b) => a.at - b.at).slice(-MAX_THREAD_MESSAGES);
  return { ...t, people: [...new Set(t.people)].slice(0, MAX_THREAD_PEOPLE), messages };
}

/**
 * Version 4 of the schema: the threads schema 3 packed over V3_THREAD_PACKS hashes, repacked over THREAD_PACKS,
 * each in the tier it was in (no clock is read: the next write of a recent pack ages its threads as usual).
 */
export async function repackThreads(tx: Transaction): Promise<void> {
  const table = tx.table<ThreadPack, number>('threadPacks');
  const stored = await table.toArray();
  if (!stored.length) return;
  const packs = groupByPack(
    stored.flatMap((p) => p.threads.map((t) => ({ t, old: p.pack >= V3_THREAD_PACKS }))),
    ({ t, old }) => (old ? oldPack(threadPackOf(t.id)) : threadPackOf(t.id)),
  );
  await table.clear();
  await table.bulkPut(
    [...packs].map(([pack, moved]) => ({ pack, size: moved.length, threads: moved.map((m) => m.t) })),
  );
}

/** The order a large batch of threads is best written in (inPackOrder): by hash, then by id. */
export function inThreadOrder<T extends Pick<Thread, 'id'>>(list: readonly T[]): T[] {
  return inPackOrder(list, (t) => t.id, threadPackOf);
}

/** The tables a transaction that reads or writes threads must include. */
export function threadTables(db: TendDB) {
  return [db.threads, db.threadPacks];
}

interface Located {
  thread: Thread;
  /** The pack it is in; undefined when it is a record of its own (stored by an earlier Tend). */
  pack?: number;
}

/** Reads these packs into `into`, as maps by thread id (an empty map for a pack not stored yet). */
async function readPacks(db: TendDB, wanted: Iterable<number>, into: Map<number, Map<string, Thread>>) {
  const missing = [...new Set(wanted)].filter((p) => !into.has(p));
  if (!missing.length) return;
  const read = await db.threadPacks.bulkGet(missing);
  missing.forEach((p, i) => {
    into.set(p, new Map((read[i]?.threads ?? []).map((t) => [t.id, t])));
  });
}

/**
 * Finds each id's thread and where it is; `packs` receives every pack read. A thread's recent pack is read first
 * and its old pack only when it is not there, so a batch of recent threads (a Gmail capture) reads no old pack;
 * with `recentOnly`, old packs are not read at all.
 */
async function locate(
  db: TendDB,
  ids: readonly string[],
  packs: Map<number, Map<string, Thread>>,
  recentOnly = false,
): Promise<(Located | undefined)[]> {
  const own = await bulkGetExisting(db.threads, ids);
  const notOwn = ids.filter((_, i) => !own[i]);
  await readPacks(db, notOwn.map(threadPackOf), packs);
  if (!recentOnly) {
    await readPacks(
      db,
      notOwn.filter((id) => !packs.get(threadPackOf(id))?.has(id)).map((id) => oldPack(threadPackOf(id))),
      packs,
    );
  }
  return ids.map((id, i) => {
    const t = own[i];
    if (t) return { thread: t };
    const h = threadPackOf(id);
    for (const p of [h, oldPack(h)]) {
      const found = packs.get(p)?.get(id);
      if (found) return { thread: found, pack: p };
    }
    return undefined;
  });
}

/** The threads stored under `ids`, in the same order, `undefined` where there is none. */
export async function readThreads(db: TendDB, ids: readonly string[]): Promise<(Thread | undefined)[]> {
  if (!ids.length) return [];
  return (await locate(db, ids, new Map())).map((l) => l?.thread);
}

/**
 * The threads under `ids` that moved within the follow-up window, in the same order, `undefined` for the others:
 * records of their own and recent packs only, no old pack. A thread in an old pack last moved before the window
 * of its writer opened, so a caller that needs only threads that moved after a time within the window (a Gmail
 * list row of this week) loses nothing by not reading old packs.
 */
export async function readRecentThreads(db: TendDB, ids: readonly string[]): Promise<(Thread | undefined)[]> {
  if (!ids.length) return [];
  return (await locate(db, ids, new Map(), true)).map((l) => l?.thread);
}

export async function readThread(db: TendDB, id: string): Promise<Thread | undefined> {
  return (await readThreads(db, [id]))[0];
}

/** Threads that moved after `since`, when `since` is no earlier than the follow-up window's start. */
export async function recentThreads(db: TendDB, since: number): Promise<Thread[]> {
  const [own, packs] = await Promise.all([
    db.threads.where('lastAt').above(since).toArray(),
    db.threadPacks.where('pack').below(THREAD_PACKS).toArray(),
  ]);
  return [...own, ...packs.flatMap((p) => p.threads.filter((t) => t.lastAt > since))];
}

/** Every stored thread, by id (a backup). */
export async function allThreads(db: TendDB): Promise<Thread[]> {
  const [own, packs] = await Promise.all([db.threads.toArray(), db.threadPacks.toArray()]);
  return [...own, ...packs.flatMap((p) => p.threads)].sort((a, b) => byKey(a.id, b.id));
}

/** How many threads are stored, read from the keys and the packs' size index (no thread is read). */
export async function countThreads(db: TendDB): Promise<number> {
  const [own, sizes] = await Promise.all([db.threads.count(), db.threadPacks.orderBy('size').keys()]);
  return own + sizes.reduce<number>((sum, n) => sum + Number(n), 0);
}

/**
 * Upserts threads, keeping every message either side knows and the user's `closed` flag; `now` decides which
 * threads are recent. Returns how many were given.
 */
export async function mergeThreads(db: TendDB, incoming: readonly Thread[], now: number): Promise<number> {
  if (!incoming.length) return 0;
  const packs = new Map<number, Map<string, Thread>>();
  const ids = [...new Set(incoming.map((t) => t.id))];
  const found = await locate(db, ids, packs);
  const stored = new Map<string, Located>();
  ids.forEach((id, i) => {
    const l = found[i];
    if (l) stored.set(id, l);
  });
  // The same thread twice in one batch: the later copy merges into the earlier one.
  const out = new Map<string, Thread>();
  for (const t of incoming) {
    const old = out.get(t.id) ?? stored.get(t.id)?.thread;
    if (!old) {
      out.set(t.id, normalizeThread(t));
      continue;
    }
    out.set(
      t.id,
      normalizeThread(
        {
          ...old,
          subject: t.subject || old.subject,
          people: [...old.people, ...t.people],
          messages: t.messages,
          lastAt: Math.max(old.lastAt, t.lastAt),
          closed: old.closed || t.closed,
        },
        old.messages,
      ),
    );
  }

  // A thread the batch does not change is not written again (importing the same file twice writes nothing).
  const windowStart = now - THREAD_WINDOW_MS;
  const changed = [...out.values()].filter((t) => {
    const was = stored.get(t.id);
    return !was || !sameJson(was.thread, t);
  });
  // The old packs this batch writes, read before anything changes: for each hash it writes to, the old pack when
  // one of its threads goes there, or its recent pack holds threads that have left the window.
  const aged = (t: Thread) => t.lastAt <= windowStart;
  const ownRecord = (t: Thread) => stored.has(t.id) && stored.get(t.id)?.pack === undefined;
  const hashes = new Set<number>();
  const goingOld = new Set<number>();
  for (const t of changed) {
    if (ownRecord(t)) continue;
    hashes.add(threadPackOf(t.id));
    if (aged(t)) goingOld.add(threadPackOf(t.id));
  }
  await readPacks(
    db,
    [...hashes].filter((h) => goingOld.has(h) || [...(packs.get(h)?.values() ?? [])].some(aged)).map(oldPack),
    packs,
  );

  const own: Thread[] = [];
  const dirty = new Set<number>();
  for (const t of changed) {
    if (ownRecord(t)) {
      own.push(t);
      continue;
    }
    const was = stored.get(t.id);
    if (was?.pack !== undefined) {
      packs.get(was.pack)?.delete(t.id);
      dirty.add(was.pack);
    }
    const h = threadPackOf(t.id);
    const to = aged(t) ? oldPack(h) : h;
    packs.get(to)?.set(t.id, t);
    dirty.add(to);
  }
  // A recent pack being written sends the threads that have left the window to its old pack.
  for (const p of [...dirty]) {
    if (p >= THREAD_PACKS) continue;
    const recent = packs.get(p);
    const old = packs.get(oldPack(p));
    if (!recent || !old) continue;
    for (const t of [...recent.values()]) {
      if (!aged(t)) continue;
      recent.delete(t.id);
      old.set(t.id, t);
      dirty.add(oldPack(p));
    }
  }
  if (own.length) await db.threads.bulkPut(own);
  if (dirty.size) {
    const rows: ThreadPack[] = [...dirty].map((pack) => {
      const m = packs.get(pack) ?? new Map<string, Thread>();
      return { pack, size: m.size, threads: [...m.values()] };
    });
    await db.threadPacks.bulkPut(rows);
  }
  return incoming.length;
}
