import { PromiseRecord, Thread } from '@/lib/core/model';
import { exportBackup, importBackup, validateBackup } from '@/lib/store/backup';
import { recentContacts } from '@/lib/store/contact-search';
import { type History, openPromises, SCHEMA_VERSIONS, type TendDB } from '@/lib/store/db';
import { allHistories, HISTORY_PACKS, readHistories, readHistory, writeHistories } from '@/lib/store/histories';
import { newContact, recordInteractions } from '@/lib/store/interactions';
import { manualSummary } from '@/lib/store/summary';
import { countThreads, mergeThreads, readRecentThreads, readThreads, THREAD_PACKS } from '@/lib/store/threads';
import { DAY, freshDb, T0 } from './helpers';
import { migrate } from './migration-harness';

const latest = SCHEMA_VERSIONS.at(-1)?.version ?? 0;

describe('schema migrations', () => {
  it('declares ascending versions', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it.each(SCHEMA_VERSIONS.map((v) => v.version))(
    'opens a version %i store as the latest and keeps its data',
    async (from) => {
      const result = await migrate({
        from,
        seed: async (old) => {
          await old.table('contacts').put(newContact('ann@example.com', 'Ann', T0));
          const history: History = {
            contact: 'ann@example.com',
            items: [{ key: 'gmail:msg:x:1:ann@example.com', at: T0, direction: 'received', source: 'gmail' }],
          };
          // A record each until version 4, packed since version 5.
          if (from < 5) await old.table('histories').put(history);
          else await writeHistories(old, [history]);
          await old.table('kv').put({ key: 'settings', value: { replyNeededDays: 4 } });
        },
        check: async (db) => ({
          version: db.verno,
          contact: await db.contacts.get('ann@example.com'),
          history: await readHistory(db, 'ann@example.com'),
          settings: await db.kv.get('settings'),
        }),
      });
      expect(result.version).toBe(latest);
      expect(result.contact?.name).toBe('Ann');
      expect(result.history?.items).toHaveLength(1);
      expect(result.settings?.value).toEqual({ replyNeededDays: 4 });
    },
  );
});

describe('schema version 1 to 2: promises indexed by status', () => {
  const ann = 'ann@example.com';
  const bo = 'bo@example.com';
  const threadKey = 'me@example.com/18c1a2b3c4d5';

  /** What a version-1 Tend wrote: every table, the records as its code made them. */
  async function seedV1(old: TendDB) {
    await old.table('contacts').bulkPut([
      {
        ...newContact(ann, 'Ann Lee', T0 - 90 * DAY),
        tags: ['client'],
        notes: 'Met at the summit',
        cadence: { mode: 'fixed', days: 30, toleranceDays: 7 },
        summary: { lastAt: T0 - 2 * DAY, count: 2, sent: 1, received: 1, meetings: 0, inferredDays: null },
      },
      newContact(bo, 'Bo Ray', T0 - 30 * DAY),
    ]);
    await old.table('histories').bulkPut([
      {
        contact: ann,
        items: [
          { key: `gmail:msg:me@example.com:18c1:${ann}`, at: T0 - 3 * DAY, direction: 'received', source: 'gmail' },
          { key: `gmail:msg:me@example.com:18c2:${ann}`, at: T0 - 2 * DAY, direction: 'sent', source: 'gmail' },
        ],
      },
    ]);
    await old.table('threads').bulkPut([
      {
        id: threadKey,
        account: 'me@example.com',
        threadId: '18c1a2b3c4d5',
        subject: 'The deck',
        // A version-1 backup import kept the same person and the same message twice.
        people: [ann, ann, bo],
        messages: [
          { id: '18c1', at: T0 - 3 * DAY, from: ann, direction: 'received', asks: true, to: ['me@example.com'] },
          { id: '18c2', at: T0 - 2 * DAY, from: 'me@example.com', direction: 'sent', asks: false, to: [ann] },
          { id: '18c1', at: T0 - 3 * DAY, from: ann, direction: 'received', asks: true, to: ['me@example.com'] },
        ],
        lastAt: T0 - 2 * DAY,
        closed: false,
      },
      {
        id: 'me@example.com/18c9',
        account: 'me@example.com',
        threadId: '18c9',
        subject: 'Lunch',
        people: [bo],
        messages: [{ id: '18c9', at: T0 - DAY, from: bo, direction: 'received', asks: false, to: [] }],
        lastAt: T0 - DAY,
        closed: true,
      },
    ]);
    const promise = { threadKey, messageId: '18c2', contacts: [ann], text: "I'll send the deck by Friday" };
    await old.table('promises').bulkPut([
      {
        ...promise,
        id: `${threadKey}:18c2:0`,
        madeAt: T0 - 2 * DAY,
        dueAt: T0 + DAY,
        status: 'open',
        suggestDone: false,
      },
      { ...promise, id: `${threadKey}:18c2:1`, madeAt: T0 - 2 * DAY, status: 'done', suggestDone: false },
      // Written without the fields the schema defaults (status, suggestDone).
      { ...promise, id: `${threadKey}:18c2:2`, madeAt: T0 - 2 * DAY },
    ]);
    await old.table('events').put({
      id: 'ev1',
      start: T0 + DAY,
      end: T0 + DAY + 3_600_000,
      title: 'Coffee',
      allDay: false,
      attendees: [bo],
      source: 'calendar',
      busy: true,
    });
    await old.table('nudgeState').bulkPut([
      { key: `contact:${ann}`, snoozedUntil: T0 + 7 * DAY },
      { key: `contact:${bo}`, muted: true },
    ]);
    await old.table('notified').put({ id: 'digest:2026-11-02', at: T0 });
    await old.table('kv').put({ key: 'settings', value: { replyNeededDays: 4 } });
  }

  it('keeps every record, normalises duplicated thread data, and the status index lists open promises', async () => {
    const r = await migrate({
      from: 1,
      seed: seedV1,
      check: async (db) => ({
        version: db.verno,
        indexes: db.promises.schema.indexes.map((i) => i.name),
        contacts: await db.contacts.toArray(),
        history: await readHistory(db, ann),
        threads: await db.threads.toArray(),
        promises: await db.promises.toArray(),
        open: await openPromises(db),
        done: await db.promises.where('status').equals('done').primaryKeys(),
        events: await db.events.count(),
        states: await db.nudgeState.toArray(),
        notified: await db.notified.count(),
        settings: await db.kv.get('settings'),
        recent: (await recentContacts(db, 1)).map((c) => c.email),
      }),
    });
    expect(r.version).toBe(latest);
    expect(r.indexes).toContain('status');

    expect(r.contacts.map((c) => c.email).sort()).toEqual([ann, bo]);
    const a = r.contacts.find((c) => c.email === ann);
    expect(a?.cadence).toEqual({ mode: 'fixed', days: 30, toleranceDays: 7 });
    expect(a?.notes).toBe('Met at the summit');
    expect(r.recent).toEqual([ann]);
    expect(r.history?.items.map((i) => i.key)).toHaveLength(2);

    const deck = r.threads.find((t) => t.id === threadKey);
    expect(deck?.people).toEqual([ann, bo]);
    expect(deck?.messages.map((m) => m.id)).toEqual(['18c1', '18c2']);
    expect(deck?.messages[0]?.asks).toBe(true);
    const lunch = r.threads.find((t) => t.id === 'me@example.com/18c9');
    expect(lunch?.closed).toBe(true);
    for (const t of r.threads) expect(Thread.safeParse(t).success).toBe(true);

    expect(r.promises).toHaveLength(3);
    for (const p of r.promises) expect(PromiseRecord.safeParse(p).success).toBe(true);
    expect(r.open.map((p) => p.id).sort()).toEqual([`${threadKey}:18c2:0`, `${threadKey}:18c2:2`]);
    expect(r.open.find((p) => p.id.endsWith(':2'))).toMatchObject({ status: 'open', suggestDone: false });
    expect(r.done).toEqual([`${threadKey}:18c2:1`]);

    expect(r.events).toBe(1);
    expect(r.states).toEqual([
      { key: `contact:${ann}`, snoozedUntil: T0 + 7 * DAY },
      { key: `contact:${bo}`, muted: true },
    ]);
    expect(r.notified).toBe(1);
    expect(r.settings?.value).toEqual({ replyNeededDays: 4 });
  });

  it('the migrated store still exports a backup that validates and imports into a fresh store', async () => {
    const doc = await migrate({ from: 1, seed: seedV1, check: (db) => exportBackup(db, T0) });
    const v = validateBackup(JSON.parse(JSON.stringify(doc)));
    if (!v.ok) throw new Error(v.errors.join('; '));
    const fresh = freshDb();
    await importBackup(fresh, v.backup, T0);
    expect((await openPromises(fresh)).length).toBe(2);
    expect(await exportBackup(fresh, T0)).toEqual(doc);
    fresh.close();
  });

  it('a store already at version 2 opens without rewriting anything', async () => {
    const r = await migrate({
      from: 2,
      seed: async (db) => {
        await db.table('promises').put({
          id: 'p1',
          threadKey,
          messageId: 'm',
          contacts: [],
          text: 'I will call',
          madeAt: T0,
          status: 'open',
          suggestDone: false,
        });
      },
      check: async (db) => ({ version: db.verno, open: await openPromises(db) }),
    });
    expect(r.version).toBe(latest);
    expect(r.open.map((p) => p.id)).toEqual(['p1']);
  });
});

/** A thread with Ann of one received message, as every version since 1 stored it. */
const threadWith = (id: string, at: number, closed = false): Thread => ({
  id: `me@example.com/${id}`,
  account: 'me@example.com',
  threadId: id,
  subject: id,
  people: ['ann@example.com'],
  lastAt: at,
  closed,
  messages: [{ id: `${id}m${at}`, at, from: 'ann@example.com', direction: 'received', asks: false, to: [] }],
});

describe('schema version 2 to 3: older threads packed', () => {
  const old = (id: string, at: number) => threadWith(id, at);

  it('keeps the threads a version-2 store holds where they are, found, counted and merged there', async () => {
    const r = await migrate({
      from: 2,
      seed: async (db) => {
        await db.table('threads').bulkPut([old('18a1', T0 - 300 * DAY), old('18a2', T0 - DAY)]);
      },
      check: async (db) => {
        await mergeThreads(db, [{ ...old('18a1', T0 - 299 * DAY), closed: true }, old('18a3', T0 - 400 * DAY)], T0);
        return {
          version: db.verno,
          own: await db.threads.toCollection().primaryKeys(),
          packed: (await db.threadPacks.toArray()).flatMap((p) => p.threads.map((t) => t.id)),
          found: (await readThreads(db, ['me@example.com/18a1', 'me@example.com/18a3'])).map((t) => [
            t?.messages.length,
            t?.closed,
          ]),
          count: await countThreads(db),
        };
      },
    });
    expect(r.version).toBe(latest);
    expect(r.own).toEqual(['me@example.com/18a1', 'me@example.com/18a2']);
    expect(r.packed).toEqual(['me@example.com/18a3']);
    expect(r.found).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(r.count).toBe(3);
  });
});

describe('schema version 3 to 4: threads repacked into fewer, larger packs', () => {
  const thread = (id: string, at: number) => threadWith(id, at, id.endsWith('7'));

  it('keeps every thread, in its tier, found, counted and merged in its new pack', async () => {
    // What schema 3 wrote: 600 threads over its 256 hashes, recent packs below 256 and old ones from 256 on (the
    // upgrade keeps the tier a pack says, whatever the hash that put it there).
    const recent = Array.from({ length: 300 }, (_, i) => thread(`18b${i}`, T0 - (i % 20) * DAY));
    const old = Array.from({ length: 300 }, (_, i) => thread(`17a${i}`, T0 - (200 + i) * DAY));
    const r = await migrate({
      from: 3,
      seed: async (db) => {
        const packs = new Map<number, Thread[]>();
        const put = (pack: number, t: Thread) => {
          packs.set(pack, [...(packs.get(pack) ?? []), t]);
        };
        for (const [i, t] of recent.entries()) put(i % 256, t);
        for (const [i, t] of old.entries()) put(256 + (i % 256), t);
        await db
          .table('threadPacks')
          .bulkPut([...packs].map(([pack, threads]) => ({ pack, size: threads.length, threads })));
      },
      check: async (db) => {
        const before = await db.threadPacks.toArray();
        const found = await readThreads(
          db,
          [...recent, ...old].map((t) => t.id),
        );
        await mergeThreads(db, [{ ...thread('17a5', T0), messages: [] }], T0);
        return {
          version: db.verno,
          packs: before.map((p) => p.pack),
          tiers: before.flatMap((p) => p.threads.map((t) => [t.id, p.pack < THREAD_PACKS] as const)),
          found,
          moved: await readRecentThreads(db, ['me@example.com/17a5']),
          count: await countThreads(db),
        };
      },
    });
    expect(r.version).toBe(latest);
    expect(r.packs.length).toBeLessThanOrEqual(2 * THREAD_PACKS);
    expect(Math.max(...r.packs)).toBeLessThan(2 * THREAD_PACKS);
    expect(new Map(r.tiers)).toEqual(
      new Map([...recent.map((t) => [t.id, true] as const), ...old.map((t) => [t.id, false] as const)]),
    );
    expect(r.tiers).toHaveLength(600);
    expect(r.found).toEqual([...recent, ...old]);
    // A thread that moved again comes back to its recent pack, with what it had.
    expect(r.moved[0]?.messages).toHaveLength(1);
    expect(r.count).toBe(600);
  });
});

describe('schema version 4 to 5: histories packed', () => {
  const item = (email: string, k: number) => ({
    key: `gmail:msg:me@example.com:${k}:${email}`,
    at: T0 - k * DAY,
    direction: k % 2 ? ('sent' as const) : ('received' as const),
    source: 'gmail' as const,
  });

  it("moves every person's history into its pack, drops the old table, and records on top of it", async () => {
    // What schema 4 wrote: 700 people, a record each, with 1 to 5 touches.
    const people = Array.from({ length: 700 }, (_, i) => `p${i}@example.com`);
    const seeded = people.map((e, i) => ({
      contact: e,
      items: Array.from({ length: 1 + (i % 5) }, (_, k) => item(e, 5 - k)),
    }));
    const r = await migrate({
      from: 4,
      seed: async (db) => {
        await db.table('contacts').bulkPut(people.map((e) => newContact(e, '', T0)));
        await db.table('histories').bulkPut(seeded);
      },
      check: async (db) => {
        const found = await readHistories(db, people);
        const packs = await db.historyPacks.toCollection().primaryKeys();
        await db.transaction('rw', db.contacts, db.historyPacks, db.kv, () =>
          recordInteractions(db, [{ contact: 'p3@example.com', ...item('p3@example.com', 0) }], {}, T0),
        );
        return {
          version: db.verno,
          tables: db.tables.map((t) => t.name),
          stores: [...db.backendDB().objectStoreNames],
          found,
          packs,
          p3: (await readHistory(db, 'p3@example.com'))?.items.length,
          p4: (await readHistory(db, 'p4@example.com'))?.items.length,
          all: (await allHistories(db)).length,
        };
      },
    });
    expect(r.version).toBe(latest);
    expect(r.tables).not.toContain('histories');
    expect(r.stores).not.toContain('histories');
    expect(r.found).toEqual(seeded);
    expect(r.packs.length).toBeGreaterThan(HISTORY_PACKS * 0.9);
    expect(r.packs.every((p) => typeof p === 'number' && p >= 0 && p < HISTORY_PACKS)).toBe(true);
    // The new touch joined p3's four, and nobody else's history moved.
    expect(r.p3).toBe(5);
    expect(r.p4).toBe(5);
    expect(r.all).toBe(700);
  });
});

describe('schema version 5 to 6: summaries count touches logged by hand', () => {
  it('counts them for the people who have any, and writes nobody else', async () => {
    const manual = (k: number) => ({
      key: `manual:${k}`,
      at: T0 - k * DAY,
      direction: 'meeting' as const,
      source: 'manual' as const,
      kind: 'call' as const,
    });
    const mail = {
      key: 'gmail:msg:me@example.com:1:bo@example.com',
      at: T0,
      direction: 'sent' as const,
      source: 'gmail' as const,
    };
    const r = await migrate({
      from: 5,
      seed: async (db) => {
        await db.table('contacts').bulkPut(['ann@example.com', 'bo@example.com'].map((e) => newContact(e, '', T0)));
        await writeHistories(db, [
          { contact: 'ann@example.com', items: [manual(2), manual(1)] },
          { contact: 'bo@example.com', items: [mail] },
        ]);
      },
      check: async (db) => ({
        ann: (await db.contacts.get('ann@example.com'))?.summary,
        bo: (await db.contacts.get('bo@example.com'))?.summary,
      }),
    });
    expect(r.ann).toMatchObject({ manual: 2, manualSig: manualSummary([manual(2), manual(1)]).manualSig });
    expect(r.ann?.manualSig).toMatch(/^[0-9a-z]+$/);
    expect(r.bo).toEqual(newContact('bo@example.com', '', T0).summary);
  });
});
