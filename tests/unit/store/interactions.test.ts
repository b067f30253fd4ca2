import { allInteractions, historyOf, mergeHistory, recordInteractions } from '@/lib/store/interactions';
import { DAY, freshDb, T0, touch } from './helpers';

describe('recordInteractions', () => {
  it('creates contacts with names and a summary', async () => {
    const db = freshDb();
    const r = await db.transaction('rw', db.contacts, db.historyPacks, db.kv, () =>
      recordInteractions(
        db,
        [
          touch('ann@example.com', T0, 'received'),
          touch('ann@example.com', T0 + DAY, 'sent'),
          touch('bo@example.com', T0, 'sent'),
        ],
        { 'ann@example.com': 'Ann Lee', 'bo@example.com': 'me' },
        T0 + 2 * DAY,
      ),
    );
    expect(r).toEqual({ added: 3, created: 2 });
    const ann = await db.contacts.get('ann@example.com');
    expect(ann?.name).toBe('Ann Lee');
    expect(ann?.summary).toMatchObject({
      count: 2,
      sent: 1,
      received: 1,
      lastAt: T0 + DAY,
      lastSentAt: T0 + DAY,
      lastReceivedAt: T0,
    });
    // "me" is Gmail's word for the user, never a name for someone else.
    expect((await db.contacts.get('bo@example.com'))?.name).toBe('');
  });

  it('records the same interaction twice as one', async () => {
    const db = freshDb();
    const batch = [touch('ann@example.com', T0, 'received')];
    const write = () =>
      db.transaction('rw', db.contacts, db.historyPacks, db.kv, () => recordInteractions(db, batch, {}, T0));
    await write();
    const again = await write();
    expect(again.added).toBe(0);
    expect(await allInteractions(db)).toHaveLength(1);
  });

  it('keeps history newest first when read back', async () => {
    const db = freshDb();
    await db.transaction('rw', db.contacts, db.historyPacks, db.kv, () =>
      recordInteractions(
        db,
        [touch('a@example.com', T0 + DAY, 'sent'), touch('a@example.com', T0, 'received')],
        {},
        T0,
      ),
    );
    const h = await historyOf(db, 'a@example.com');
    expect(h.map((i) => i.at)).toEqual([T0 + DAY, T0]);
    expect(h[0]?.contact).toBe('a@example.com');
  });
});

describe('mergeHistory', () => {
  const coarse = (at: number) => ({
    key: `row:${at}`,
    at,
    direction: 'received' as const,
    source: 'gmail' as const,
    threadId: 't1',
    coarse: true,
  });
  const fine = (id: string, at: number) => ({
    key: `msg:${id}`,
    at,
    direction: 'received' as const,
    source: 'gmail' as const,
    threadId: 't1',
  });

  it('lets a thread row give way to the messages of the opened thread', () => {
    const rowAt = T0 + 30_000; // the row shows minutes; the message has seconds
    const afterRow = mergeHistory([], [coarse(rowAt)]);
    expect(afterRow).toHaveLength(1);
    const afterOpen = mergeHistory(afterRow ?? [], [fine('m1', T0 - DAY), fine('m2', T0)]);
    expect(afterOpen?.map((i) => i.key)).toEqual(['msg:m1', 'msg:m2']);
  });

  it('keeps a row that says the thread moved after the messages it knows', () => {
    const merged = mergeHistory([fine('m1', T0)], [coarse(T0 + DAY)]);
    expect(merged?.map((i) => i.key)).toEqual(['msg:m1', `row:${T0 + DAY}`]);
  });

  it('drops a row seen again after the thread was opened', () => {
    expect(mergeHistory([fine('m1', T0)], [coarse(T0)])).toBeNull();
  });

  it('returns null when nothing is new', () => {
    expect(mergeHistory([fine('m1', T0)], [fine('m1', T0)])).toBeNull();
  });

  it('makes a row first seen in the inbox a sent touch when the Sent view shows it, never the other way', () => {
    const inbox = coarse(T0);
    const sent = { ...coarse(T0), direction: 'sent' as const };
    const merged = mergeHistory([inbox], [sent]);
    expect(merged).toEqual([{ ...inbox, direction: 'sent' }]);
    expect(mergeHistory(merged ?? [], [inbox])).toBeNull();
    // A message-level touch is what the opened thread said: a row never rewrites it.
    const msg = { ...fine('m1', T0), key: 'row:x' };
    expect(mergeHistory([msg], [{ ...msg, direction: 'sent' as const }])).toBeNull();
  });
});
