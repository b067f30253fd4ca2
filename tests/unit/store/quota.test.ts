import Dexie from 'dexie';
import { vi } from 'vitest';
import { type BackupV1, describeCounts, ImportStoppedError, importBackup, validateBackup } from '@/lib/store/backup';
import { NewerStoreError, type TendDB } from '@/lib/store/db';
import { inHistoryOrder, readHistory } from '@/lib/store/histories';
import { allInteractions } from '@/lib/store/interactions';
import {
  checkRoom,
  classifyWriteError,
  readSaveFailures,
  type SaveFailure,
  SMALL_WRITE_BYTES,
  StoreWriteError,
  saveFailureText,
  saveOrSay,
  WRITE_RESERVE_BYTES,
  writeReserve,
  writeTransaction,
} from '@/lib/store/quota';
import { countThreads } from '@/lib/store/threads';
import { freshDb, T0 } from './helpers';

const iso = (ms: number) => new Date(ms).toISOString();
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const abort = () => new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError');

describe('classifyWriteError', () => {
  it('reads a full disk wherever the browser or Dexie put it', () => {
    expect(classifyWriteError(quota())).toBe('disk-full');
    expect(classifyWriteError(new Dexie.QuotaExceededError('full'))).toBe('disk-full');
    // Dexie's AbortError wrapping the native cause.
    expect(classifyWriteError(new Dexie.AbortError('aborted', quota()))).toBe('disk-full');
    // A failed open on a full disk, as Chromium words it.
    expect(
      classifyWriteError(
        new Dexie.OpenFailedError(
          'QuotaExceededError Encountered full disk while opening backing store for indexedDB.open.',
        ),
      ),
    ).toBe('disk-full');
    // The shape seen in the issue: a BulkError of aborted requests; only the transaction's own error says why.
    const bulk = new Dexie.BulkError('histories.bulkPut(): 2915 of 3460 operations failed', { 0: abort(), 1: abort() });
    expect(classifyWriteError(bulk)).toBe('aborted');
    expect(classifyWriteError(bulk, quota())).toBe('disk-full');
    expect(classifyWriteError(bulk, new DOMException('IO error: FILE_ERROR_NO_SPACE', 'UnknownError'))).toBe(
      'disk-full',
    );
  });

  it('tells a newer store, an abort and anything else apart, and never throws', () => {
    expect(classifyWriteError(new NewerStoreError(3, 2))).toBe('newer-store');
    expect(classifyWriteError(new DOMException('x', 'VersionError'))).toBe('newer-store');
    expect(classifyWriteError(abort())).toBe('aborted');
    expect(classifyWriteError(new TypeError('boom'))).toBe('other');
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    for (const e of [null, undefined, 'disk', 42, hostile, Object.create(null)])
      expect(classifyWriteError(e)).toBe('other');
  });
});

describe('writeTransaction', () => {
  it('rolls back the whole transaction and says why, with what was not saved', async () => {
    const db = freshDb();
    await db.kv.put({ key: 'before', value: 1 });
    const err = await writeTransaction(db, [db.kv], 'a test write', async () => {
      await db.kv.put({ key: 'half', value: 2 });
      throw new Dexie.AbortError('aborted', quota());
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as StoreWriteError).reason).toBe('disk-full');
    expect((err as StoreWriteError).message).toBe('Tend could not save: the disk is full (not saved: a test write)');
    expect(await db.kv.get('half')).toBeUndefined();
    expect(await db.kv.get('before')).toEqual({ key: 'before', value: 1 });
  });
});

/** A backup of `people` contacts with `each` interactions, a thread per person and a few events. */
function backup(people: number, each: number): BackupV1 {
  const contacts = Array.from({ length: people }, (_, i) => ({ email: `p${i}@example.com`, name: `P ${i}` }));
  const interactions = contacts.flatMap((c, i) =>
    Array.from({ length: each }, (_, k) => ({
      contact: c.email,
      at: iso(T0 - (k + 1) * 86_400_000 - i * 1000),
      direction: k % 2 ? 'sent' : 'received',
      source: 'gmail',
      messageId: `m${i}-${k}`,
      threadId: `t${i}`,
    })),
  );
  const threads = contacts.map((c, i) => ({
    id: `me@example.com/t${i}`,
    account: 'me@example.com',
    threadId: `t${i}`,
    people: [c.email],
    messages: [
      { id: `m${i}-0`, at: iso(T0 - 86_400_000), from: c.email, direction: 'received', to: ['me@example.com'] },
    ],
    lastAt: iso(T0 - 86_400_000),
  }));
  const events = Array.from({ length: 5 }, (_, i) => ({
    id: `ev${i}`,
    start: iso(T0 + i * 3_600_000),
    end: iso(T0 + i * 3_600_000 + 1_800_000),
    source: 'calendar',
  }));
  const v = validateBackup({
    format: 'tend-backup',
    version: 1,
    exportedAt: iso(T0),
    contacts,
    interactions,
    threads,
    events,
  });
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return v.backup;
}

async function snapshot(db: TendDB) {
  return {
    contacts: (await db.contacts.toArray()).map((c) => c.email).sort(),
    interactions: (await allInteractions(db)).length,
    threads: await countThreads(db),
    events: await db.events.count(),
  };
}

describe('importBackup in bounded transactions', () => {
  it('writes people in chunks of the given size, each chunk its own transaction, and the same result as one', async () => {
    const b = backup(23, 4);
    const chunked = freshDb();
    const spy = vi.spyOn(chunked, 'transaction');
    const counts = await importBackup(chunked, b, T0, { contacts: 5, records: 7 });
    // 23 people in 5s: 5 transactions; 23 threads in 7s: 4; 5 events: 1.
    expect(spy).toHaveBeenCalledTimes(5 + 4 + 1);
    expect(counts).toEqual({ contacts: 23, interactions: 92, events: 5, threads: 23, promises: 0, nudgeState: 0 });
    const whole = freshDb();
    await importBackup(whole, b, T0, { contacts: 1000, records: 1000 });
    expect(await snapshot(chunked)).toEqual(await snapshot(whole));
    expect(await chunked.contacts.toArray()).toEqual(await whole.contacts.toArray());
  });

  it('stops at a clean point when the disk fills: what was there before and the chunks done stay, the rest is counted', async () => {
    const db = freshDb();
    const before = backup(3, 2);
    await importBackup(db, before, T0);
    const stored = await snapshot(db);
    const b = backup(40, 3);
    // The disk fills during the third transaction of contacts.
    let calls = 0;
    const real = db.historyPacks.bulkPut.bind(db.historyPacks);
    vi.spyOn(db.historyPacks, 'bulkPut').mockImplementation((...args: Parameters<typeof real>) => {
      calls++;
      if (calls !== 3) return real(...args);
      return real(...args).then(() => {
        throw new Dexie.AbortError('aborted', quota());
      });
    });
    const err = await importBackup(db, b, T0, { contacts: 10, records: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportStoppedError);
    const stop = err as ImportStoppedError;
    expect(stop.reason).toBe('disk-full');
    // People are written in the order of their history packs (lib/store/histories.ts), 10 a chunk: chunks 1 and 2
    // were saved, and of p0, p1 and p2, who were there before with two of their three touches, those among them.
    const order = inHistoryOrder(b.contacts.map((c) => c.email));
    const known = new Set(stored.contacts);
    const savedPeople = order.slice(0, 20);
    const knownSaved = savedPeople.filter((e) => known.has(e)).length;
    expect(stop.saved.contacts).toBe(20);
    expect(stop.saved.interactions).toBe(20 * 3 - 2 * knownSaved);
    expect(stop.notSavedCounts).toEqual({
      contacts: 20,
      interactions: 60,
      events: 5,
      threads: 40,
      promises: 0,
      nudgeState: 0,
    });
    expect(stop.message).toBe(
      'Tend could not save: the disk is full (not saved: 20 contacts, 60 interactions, 5 events, 40 threads)',
    );
    const after = await snapshot(db);
    // The 20 saved and those there before.
    expect(after.contacts).toEqual([...new Set([...savedPeople, ...known])].sort());
    for (const c of stored.contacts) expect(after.contacts).toContain(c);
    expect(after.threads).toBe(3);
    // The half-written third chunk left nothing behind.
    for (const e of order.slice(20, 30).filter((x) => !known.has(x))) {
      expect(await db.contacts.get(e)).toBeUndefined();
      expect(await readHistory(db, e)).toBeUndefined();
    }

    // Space is back: importing again carries on and adds exactly what was missing.
    vi.restoreAllMocks();
    const rest = await importBackup(db, b, T0, { contacts: 10, records: 10 });
    // The 20 left, with the touches of those of p0, p1 and p2 among them not there before.
    expect(rest.interactions).toBe(20 * 3 - 2 * (known.size - knownSaved));
    const whole = freshDb();
    await importBackup(whole, before, T0);
    await importBackup(whole, b, T0);
    expect(await snapshot(db)).toEqual(await snapshot(whole));
  });

  it('counts in words', () => {
    expect(describeCounts({ contacts: 1200, interactions: 0, events: 0, threads: 3, promises: 0, nudgeState: 2 })).toBe(
      '1,200 contacts, 3 threads, 2 snoozes',
    );
  });
});

describe('room before big work', () => {
  const MB = 1_000_000;
  it('asks for twice the write free, plus the reserve LevelDB needs (4 MB and half of what Tend stores)', () => {
    // 1 MB stored: the reserve is 4.5 MB; a 1 MB write needs 2 MB more.
    expect(checkRoom(MB, { usage: MB, quota: MB + 6.5 * MB })).toEqual({
      ok: true,
      need: MB,
      free: 6.5 * MB,
      required: 6.5 * MB,
    });
    expect(checkRoom(MB + 1, { usage: MB, quota: MB + 6.5 * MB })).toMatchObject({
      ok: false,
      need: MB + 1,
      free: 6.5 * MB,
    });
    expect(writeReserve(0)).toBe(WRITE_RESERVE_BYTES);
    expect(writeReserve(300 * MB)).toBe(WRITE_RESERVE_BYTES + 150 * MB);
    expect(checkRoom(5, { usage: 9, quota: 3 })).toMatchObject({ ok: false, need: 5, free: 0 });
    expect(checkRoom(5, undefined)).toEqual({ ok: true, need: 5 });
    expect(checkRoom(5, {})).toEqual({ ok: true, need: 5 });
  });

  it('refuses a write near a full disk before touching the store, so LevelDB never meets the edge', async () => {
    const db = await freshDb();
    const disk = { usage: 100_000, quota: 100_000 + WRITE_RESERVE_BYTES + 2 * SMALL_WRITE_BYTES + 50_000 };
    db.estimateRoom = async () => disk;
    await writeTransaction(db, [db.kv], 'a first note', () => db.kv.put({ key: 'a', value: 1 }));
    // Another program fills the disk: the next write is refused as a full disk, and nothing of it lands.
    disk.quota = disk.usage + WRITE_RESERVE_BYTES;
    let put = 0;
    const refused = await writeTransaction(db, [db.kv], 'a second note', async () => {
      put++;
      await db.kv.put({ key: 'b', value: 2 });
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreWriteError);
    expect(refused).toMatchObject({ reason: 'disk-full', notSaved: 'a second note' });
    expect(put).toBe(0);
    expect(await db.kv.get('b')).toBeUndefined();
    expect((await db.kv.get('a'))?.value).toBe(1);
  });

  it('once a check finds the disk full, no write reaches the store, not even one that did not check, until there is room', async () => {
    const db = await freshDb();
    const disk = { usage: 100_000, quota: 100 * MB };
    db.estimateRoom = async () => disk;
    await db.kv.put({ key: 'a', value: 1 });
    disk.quota = disk.usage + WRITE_RESERVE_BYTES;
    await expect(
      writeTransaction(db, [db.kv], 'a note', () => db.kv.put({ key: 'b', value: 2 })),
    ).rejects.toMatchObject({
      reason: 'disk-full',
    });
    expect(db.roomLow).toBe(true);
    // A write that asks nothing (a cache, a derived list): refused at once, as a full disk, and nothing lands.
    const unchecked = await db.kv.put({ key: 'c', value: 3 }).catch((e: unknown) => e);
    expect(unchecked).toBeInstanceOf(StoreWriteError);
    expect(classifyWriteError(unchecked)).toBe('disk-full');
    const inTransaction = await db
      .transaction('rw', db.contacts, db.kv, async () => {
        await db.kv.put({ key: 'd', value: 4 });
      })
      .catch((e: unknown) => e);
    expect(classifyWriteError(inTransaction)).toBe('disk-full');
    expect((await db.kv.bulkGet(['a', 'b', 'c', 'd'])).map((r) => r?.value)).toEqual([
      1,
      undefined,
      undefined,
      undefined,
    ]);
    // Reading is never refused.
    expect(await db.kv.count()).toBe(1);
    // Room again: the next write that checks finds it, and every write goes through again.
    disk.quota = 100 * MB;
    await writeTransaction(db, [db.kv], 'a note', () => db.kv.put({ key: 'b', value: 2 }));
    expect(db.roomLow).toBe(false);
    await db.kv.put({ key: 'c', value: 3 });
    expect((await db.kv.bulkGet(['a', 'b', 'c'])).map((r) => r?.value)).toEqual([1, 2, 3]);
  });

  it('saveOrSay: a failed save is a reply in words and told; anything else is thrown', async () => {
    const told: string[] = [];
    const tell = {
      failed: (f: { kind: string; notSaved: string }) => told.push(`${f.kind}: ${f.notSaved}`),
      saved: (k: string) => told.push(`saved ${k}`),
    };
    expect(
      await saveOrSay(
        'contact',
        async () => 7,
        tell,
        () => T0,
      ),
    ).toEqual({ ok: true, value: 7 });
    const full = () => Promise.reject(new StoreWriteError('disk-full', "Ann's notes"));
    expect(await saveOrSay('contact', full, tell, () => T0)).toEqual({
      ok: false,
      reason: 'disk-full',
      error: "Tend could not save: the disk is full (not saved: Ann's notes)",
    });
    await saveOrSay('capture', full, tell, () => T0, 'a Gmail capture (3 rows)');
    await expect(
      saveOrSay(
        'contact',
        () => Promise.reject(new TypeError('a bug')),
        tell,
        () => T0,
      ),
    ).rejects.toThrow('a bug');
    // A refusal of the write's own (an invalid change) saved nothing: it clears nothing either.
    expect(
      await saveOrSay(
        'contact',
        async () => ({ ok: false, errors: ['too long'] }),
        tell,
        () => T0,
      ),
    ).toEqual({
      ok: true,
      value: { ok: false, errors: ['too long'] },
    });
    expect(told).toEqual(['saved contact', "contact: Ann's notes", 'capture: a Gmail capture (3 rows)']);
  });

  it('a big write that does not fit is refused alone: the wall stays down while a small write still fits', async () => {
    const db = await freshDb();
    db.estimateRoom = async () => ({ usage: 0, quota: WRITE_RESERVE_BYTES + 10 * MB });
    const big = writeTransaction(db, [db.kv], 'a big chunk', () => db.kv.put({ key: 'big', value: 1 }), 20 * MB);
    await expect(big).rejects.toMatchObject({ reason: 'disk-full', notSaved: 'a big chunk' });
    expect(db.roomLow).toBe(false);
    await db.kv.put({ key: 'small', value: 2 });
    expect(await db.kv.get('small')).toMatchObject({ value: 2 });
  });

  it('a write stopped by the wall mid-transaction is named in the words of its transaction', async () => {
    const db = await freshDb();
    db.estimateRoom = async () => ({ usage: 0, quota: 100 * MB });
    const failed = await writeTransaction(db, [db.kv], 'a Gmail capture', async () => {
      // Another check, made meanwhile, found the disk full.
      db.roomLow = true;
      await db.kv.put({ key: 'a', value: 1 });
    }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ name: 'StoreWriteError', reason: 'disk-full', notSaved: 'a Gmail capture' });
    db.roomLow = false;
    expect(await db.kv.count()).toBe(0);
  });

  it('a write nested in another transaction does not wait for the estimate (IndexedDB would commit the outer one)', async () => {
    const db = await freshDb();
    // The browser's estimate answers after a moment, as Chromium's does (an IPC round trip).
    db.estimateRoom = () => new Promise((r) => setTimeout(() => r({ usage: 0, quota: 100 * MB }), 5));
    await db.transaction('rw', db.kv, async () => {
      await db.kv.put({ key: 'a', value: 1 });
      await writeTransaction(db, [db.kv], 'a nested note', () => db.kv.put({ key: 'b', value: 2 }));
      await db.kv.put({ key: 'c', value: 3 });
    });
    expect((await db.kv.bulkGet(['a', 'b', 'c'])).map((r) => r?.value)).toEqual([1, 2, 3]);
  });

  it('stops a big import at the chunk the disk cannot take with its reserve, keeping the chunks before it', async () => {
    const db = await freshDb();
    const interactions = Array.from({ length: 40 }, (_, i) => ({
      contact: `p${i}@example.com`,
      at: iso(T0 + i * 60_000),
      direction: 'sent' as const,
      source: 'gmail' as const,
    }));
    const backup = validateBackup({
      format: 'tend-backup',
      version: 1,
      exportedAt: iso(T0),
      contacts: [],
      interactions,
    });
    if (!backup.ok) throw new Error(backup.errors.join('\n'));
    // A disk that takes two chunks of ten people, then has only the reserve left.
    db.estimateRoom = async () => ({
      usage: 0,
      quota: (await allInteractions(db)).length < 20 ? 100 * MB : WRITE_RESERVE_BYTES,
    });
    const stopped = await importBackup(db, backup.backup, T0, { contacts: 10, records: 10 }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ImportStoppedError);
    expect(stopped).toMatchObject({
      reason: 'disk-full',
      saved: { interactions: 20 },
      notSavedCounts: { interactions: 20 },
    });
    expect((await allInteractions(db)).length).toBe(20);
  });
});

describe('save failures', () => {
  it('reads what the session holds, dropping anything malformed, and words it', () => {
    const failures = readSaveFailures({
      capture: { reason: 'disk-full', notSaved: 'a Gmail capture', at: 2 },
      import: { reason: 'disk-full', notSaved: '3 threads of an import', at: 1 },
      settings: { reason: 'bogus', notSaved: 'x', at: 1 },
      contact: 'nope',
    });
    expect(Object.keys(failures).sort()).toEqual(['capture', 'import']);
    expect(saveFailureText(failures)).toEqual({
      title: 'Tend could not save: the disk is full',
      details: ['Not saved: 3 threads of an import', 'Not saved: a Gmail capture'],
    });
    expect(saveFailureText({})).toBeNull();
    expect(readSaveFailures(null)).toEqual({});
  });

  it("keeps a catch-up's failure apart from a capture's: each kind is cleared by its own success only", async () => {
    const told: SaveFailure[] = [];
    const cleared: string[] = [];
    const teller = { failed: (f: SaveFailure) => told.push(f), saved: (k: string) => cleared.push(k) };
    const full = () => Promise.reject(new StoreWriteError('disk-full', 'page 3 of Sent'));
    expect(await saveOrSay('catch-up', full, teller, () => 5)).toMatchObject({ ok: false, reason: 'disk-full' });
    await saveOrSay(
      'capture',
      async () => 1,
      teller,
      () => 6,
    );
    expect(cleared).toEqual(['capture']);
    const failures = readSaveFailures(Object.fromEntries(told.map((f) => [f.kind, f])));
    expect(failures['catch-up']).toEqual({ kind: 'catch-up', reason: 'disk-full', notSaved: 'page 3 of Sent', at: 5 });
    expect(saveFailureText(failures)?.details).toEqual(['Not saved: page 3 of Sent']);
  });
});
