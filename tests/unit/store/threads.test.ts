import { describe, expect, it, vi } from 'vitest';
import type { Thread } from '@/lib/core/model';
import { THREAD_WINDOW_MS } from '@/lib/engine/followups';
import { importBackup, validateBackup } from '@/lib/store/backup';
import type { TendDB } from '@/lib/store/db';
import { refreshNudgeList } from '@/lib/store/nudge-list';
import {
  allThreads,
  countThreads,
  mergeThreads,
  normalizeThread,
  oldPack,
  readRecentThreads,
  readThread,
  readThreads,
  recentThreads,
  THREAD_PACKS,
  threadPackOf,
} from '@/lib/store/threads';
import { DAY, freshDb, T0 } from './helpers';

const ME = 'me@example.com';
const thread = (id: string, at = T0, from = 'ann@example.com'): Thread => ({
  id,
  account: ME,
  threadId: id,
  subject: `s ${id}`,
  people: [from],
  lastAt: at,
  closed: false,
  messages: [{ id: `${id}-${at}`, at, from, to: [ME], direction: 'received', asks: false }],
});
const OLD = T0 - 200 * DAY;

/** Where each id is stored: 'own' (a record of its own, from an earlier Tend), a pack number, or nowhere. */
async function tiers(db: TendDB, ids: string[]) {
  const own = new Set(await db.threads.toCollection().primaryKeys());
  const packs = await db.threadPacks.toArray();
  return ids.map((id) => {
    const inPacks = packs.filter((p) => p.threads.some((t) => t.id === id)).map((p) => p.pack);
    if (own.has(id) && inPacks.length) return 'both';
    if (own.has(id)) return 'own';
    return inPacks.length === 1 ? inPacks[0] : inPacks.length ? 'many packs' : 'nowhere';
  });
}

describe('threads in two tiers', () => {
  it('keeps a recent thread in its recent pack and an old one in its old pack, and finds both', async () => {
    const db = freshDb();
    await mergeThreads(db, [thread('recent', T0 - DAY), thread('old', OLD)], T0);
    expect(await tiers(db, ['recent', 'old'])).toEqual([threadPackOf('recent'), oldPack(threadPackOf('old'))]);
    expect(await db.threads.count()).toBe(0);
    expect((await readThreads(db, ['old', 'missing', 'recent'])).map((t) => t?.id)).toEqual([
      'old',
      undefined,
      'recent',
    ]);
    expect((await readThread(db, 'old'))?.lastAt).toBe(OLD);
    expect(await countThreads(db)).toBe(2);
    expect((await allThreads(db)).map((t) => t.id)).toEqual(['old', 'recent']);
    expect((await recentThreads(db, T0 - THREAD_WINDOW_MS)).map((t) => t.id)).toEqual(['recent']);
  });

  it('takes a packed thread out of its pack when it moves again, so the window lists it', async () => {
    const db = freshDb();
    await mergeThreads(db, [thread('a', OLD), thread('b', OLD + 1)], T0);
    const later = T0 + 30 * DAY;
    await mergeThreads(db, [thread('a', later, 'bob@example.com')], later);
    expect(await tiers(db, ['a', 'b'])).toEqual([threadPackOf('a'), oldPack(threadPackOf('b'))]);
    const a = await readThread(db, 'a');
    expect(a?.messages.map((m) => m.at)).toEqual([OLD, later]);
    expect(a?.people).toEqual(['ann@example.com', 'bob@example.com']);
    expect((await recentThreads(db, later - THREAD_WINDOW_MS)).map((t) => t.id)).toEqual(['a']);
    expect(await countThreads(db)).toBe(2);
  });

  it('moves the threads that left the window to the old pack whenever their recent pack is written', async () => {
    const db = freshDb();
    // Two ids of the same hash: writing the second rewrites the pack the first one aged in.
    const first = 'a0';
    const second = Array.from({ length: 5000 }, (_, i) => `b${i}`).find(
      (id) => threadPackOf(id) === threadPackOf(first),
    ) as string;
    const h = threadPackOf(first);
    await mergeThreads(db, [thread(first, T0)], T0);
    expect(await tiers(db, [first])).toEqual([h]);
    const later = T0 + 400 * DAY;
    await mergeThreads(db, [thread(second, later)], later);
    expect(await tiers(db, [first, second])).toEqual([oldPack(h), h]);
    expect((await recentThreads(db, later - THREAD_WINDOW_MS)).map((t) => t.id)).toEqual([second]);
    expect(await countThreads(db)).toBe(2);
  });

  it('keeps a closed flag and the messages of a thread that moves between its packs', async () => {
    const db = freshDb();
    await mergeThreads(db, [thread('a', T0)], T0);
    const later = T0 + 400 * DAY;
    await mergeThreads(db, [{ ...thread('a', T0 + DAY), closed: true }], later);
    expect(await tiers(db, ['a'])).toEqual([oldPack(threadPackOf('a'))]);
    const a = await readThread(db, 'a');
    expect(a?.closed).toBe(true);
    expect(a?.messages).toHaveLength(2);
  });

  it('does not write again what a batch does not change, in either pack or an earlier record of its own', async () => {
    const db = freshDb();
    const batch = Array.from({ length: 50 }, (_, i) => thread(`t${i}`, i % 2 ? OLD : T0));
    await mergeThreads(db, batch, T0);
    // A thread an earlier Tend stored as a record of its own.
    await db.threads.put(thread('legacy', T0));
    const own = vi.spyOn(db.threads, 'bulkPut');
    const packs = vi.spyOn(db.threadPacks, 'bulkPut');
    await mergeThreads(db, [...batch, thread('legacy', T0)], T0);
    expect(own).not.toHaveBeenCalled();
    expect(packs).not.toHaveBeenCalled();
    await mergeThreads(
      db,
      [...batch.slice(0, 48), thread('t48', T0 + 1000), thread('t49', OLD + 1000), thread('legacy', T0 + 1000)],
      T0,
    );
    expect(own.mock.calls.map((c) => c[0].map((t) => t.id))).toEqual([['legacy']]);
    const byNumber = (x: number, y: number) => x - y;
    expect(packs.mock.calls.map((c) => c[0].map((p) => p.pack ?? -1).sort(byNumber))).toEqual([
      [threadPackOf('t48'), oldPack(threadPackOf('t49'))].sort(byNumber),
    ]);
    expect((await readThread(db, 't49'))?.lastAt).toBe(OLD + 1000);
    expect((await readThread(db, 'legacy'))?.messages).toHaveLength(2);
  });

  it('reads recent threads without old packs: records of their own and recent packs only', async () => {
    const db = freshDb();
    await mergeThreads(db, [thread('recent', T0 - DAY), thread('old', OLD)], T0);
    await db.threads.put(thread('legacy', OLD));
    const reads = vi.spyOn(db.threadPacks, 'bulkGet');
    expect((await readRecentThreads(db, ['old', 'recent', 'legacy', 'missing'])).map((t) => t?.id)).toEqual([
      undefined,
      'recent',
      'legacy',
      undefined,
    ]);
    expect(reads.mock.calls.flatMap((c) => c[0] as number[]).filter((p) => p >= THREAD_PACKS)).toEqual([]);
  });

  it('reads no old pack for a batch of threads found in their recent packs', async () => {
    const db = freshDb();
    const batch = Array.from({ length: 40 }, (_, i) => thread(`r${i}`, T0 - DAY));
    await mergeThreads(db, batch, T0);
    const reads = vi.spyOn(db.threadPacks, 'bulkGet');
    await mergeThreads(
      db,
      batch.map((t) => thread(t.id, T0)),
      T0,
    );
    expect(
      await readThreads(
        db,
        batch.map((t) => t.id),
      ),
    ).toHaveLength(40);
    const read = reads.mock.calls.flatMap((c) => c[0] as number[]);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((p) => p >= THREAD_PACKS)).toEqual([]);
  });

  it('imports a backup writing each pack once, or twice where a chunk ends inside it', async () => {
    const db = freshDb();
    const threads = Array.from({ length: 3_000 }, (_, i) =>
      thread(`me/${(0x18a0000000000 + i * 7919).toString(16)}`, OLD),
    );
    const doc = validateBackup({
      format: 'tend-backup',
      version: 1,
      exportedAt: new Date(T0).toISOString(),
      contacts: [],
      interactions: [],
      threads: threads.map((t) => ({
        ...t,
        lastAt: new Date(t.lastAt).toISOString(),
        messages: t.messages.map((m) => ({ ...m, at: new Date(m.at).toISOString() })),
      })),
    });
    if (!doc.ok) throw new Error(doc.errors.join('; '));
    const packs = vi.spyOn(db.threadPacks, 'bulkPut');
    await importBackup(db, doc.backup, T0, { contacts: 250, records: 500 });
    const written = packs.mock.calls.flatMap((c) => c[0].map((p) => p.pack));
    expect(packs.mock.calls.length).toBe(6);
    // Six chunks: five of them end inside a pack, which the next chunk writes again.
    expect(written.length - new Set(written).size).toBeLessThanOrEqual(5);
    expect(new Set(written).size).toBe(new Set(threads.map((t) => threadPackOf(t.id))).size);
    expect(new Set(written).size).toBeGreaterThan(THREAD_PACKS * 0.9);
    expect(await countThreads(db)).toBe(3_000);
    expect(await db.threads.count()).toBe(0);
    expect((await allThreads(db)).length).toBe(3_000);
  });

  it('refreshes the nudge list from the window alone, with packed threads in the store', async () => {
    const db = freshDb();
    const sent = (id: string, at: number): Thread => ({
      ...thread(id, at),
      messages: [{ id: `${id}-s`, at, from: ME, to: ['ann@example.com'], direction: 'sent', asks: true }],
    });
    await mergeThreads(db, [sent('old', OLD), sent('new', T0 - 5 * DAY)], T0);
    // An in-window thread put straight into an old pack: the window reads recent packs only, so it is not listed
    // (the tier decides, not the time filter).
    const h = threadPackOf('planted');
    const planted = sent('planted', T0 - 2 * DAY);
    await db.threadPacks.put({ pack: oldPack(h), size: 1, threads: [planted] });
    expect((await recentThreads(db, T0 - THREAD_WINDOW_MS)).map((t) => t.id)).toEqual(['new']);
    await db.threadPacks.delete(oldPack(h));
    const list = await refreshNudgeList(db, T0);
    const threadKeys = list.nudges.flatMap((n) => ('threadKey' in n ? [n.threadKey] : []));
    expect(threadKeys).toContain('new');
    expect(threadKeys).not.toContain('old');
  });

  it('agrees with a plain map of merged threads over random batches and clocks', async () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    let cases = 0;
    let moved = 0;
    for (let run = 0; run < 12; run++) {
      const db = freshDb();
      const model = new Map<string, Thread>();
      let now = T0;
      for (let step = 0; step < 8; step++) {
        now += Math.floor(rand() * 60) * DAY;
        const batch = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => {
          const id = `t${Math.floor(rand() * 40)}`;
          return thread(id, now - Math.floor(rand() * 300) * DAY, rand() < 0.5 ? 'ann@example.com' : 'bob@example.com');
        });
        const before = await tiers(
          db,
          batch.map((t) => t.id),
        );
        await mergeThreads(db, batch, now);
        cases++;
        for (const t of batch) {
          const old = model.get(t.id);
          model.set(
            t.id,
            old
              ? normalizeThread(
                  {
                    ...old,
                    people: [...old.people, ...t.people],
                    messages: t.messages,
                    lastAt: Math.max(old.lastAt, t.lastAt),
                  },
                  old.messages,
                )
              : normalizeThread(t),
          );
        }
        const after = await tiers(
          db,
          batch.map((t) => t.id),
        );
        moved += before.filter(
          (b, i) => typeof b === 'number' && b >= THREAD_PACKS && after[i] === threadPackOf(batch[i]?.id ?? ''),
        ).length;
        const ids = [...model.keys()];
        expect(await readThreads(db, ids)).toEqual(ids.map((id) => model.get(id)));
        const where = await tiers(db, ids);
        expect(where.filter((w) => w === 'both' || w === 'nowhere' || w === 'many packs')).toEqual([]);
        ids.forEach((id, i) => {
          expect([threadPackOf(id), oldPack(threadPackOf(id))]).toContain(where[i]);
        });
        expect(await countThreads(db)).toBe(model.size);
        // Every thread within the window is listed by the window's index.
        const windowStart = now - THREAD_WINDOW_MS;
        const listed = new Set((await recentThreads(db, windowStart)).map((t) => t.id));
        for (const t of model.values()) if (t.lastAt > windowStart) expect(listed.has(t.id)).toBe(true);
      }
    }
    expect(cases).toBe(96);
    // The interesting path: packed threads that moved again and came out of their pack.
    expect(moved).toBeGreaterThan(5);
  });
});
