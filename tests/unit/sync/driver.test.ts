import type { PromiseRecord } from '@/lib/core/model';
import { contactNudgeKey as contactKey } from '@/lib/engine/nudge-keys';
import { mergePeople, removeAddress } from '@/lib/store/addresses';
import { aliasIndex } from '@/lib/store/aliases';
import { setPromiseStatus, updateContact } from '@/lib/store/contacts';
import type { TendDB } from '@/lib/store/db';
import { allHistories, readHistory } from '@/lib/store/histories';
import { deleteTouch, editTouch, logTouch, restoreTouch } from '@/lib/store/manual-touches';
import { applyNudgeAction } from '@/lib/store/nudge-state';
import { getSettings, updateSettings } from '@/lib/store/settings';
import { applyUserChanges, userLayerStore } from '@/lib/store/user-layer';
import { createLayerDriver, type LayerDriver, LOCAL_LAYER_KEY } from '@/lib/sync/driver';
import { CHROME_SYNC_LIMITS, ITEM_PREFIX } from '@/lib/sync/pack';
import { type MemoryArea, memoryArea } from '../../support/memory-storage';
import { DAY, freshDb, recordTouches, T0, touch } from '../store/helpers';

const ANN = 'ann@example.com';
const PROMISE: PromiseRecord = {
  id: 'me@example.com/t1:m1:0',
  threadKey: 'me@example.com/t1',
  messageId: 'm1',
  contacts: [ANN],
  text: 'I will send you the deck by Friday',
  madeAt: T0 - 86_400_000,
  status: 'open',
  suggestDone: false,
};
const MONTHLY = { mode: 'fixed' as const, days: 30, toleranceDays: 7 };

/** Timers that never fire by themselves: `settle()` runs what is pending, so tests decide when. */
const manual = { set: () => ({}), clear: () => {} };

interface Browser {
  db: TendDB;
  local: MemoryArea;
  sync: MemoryArea;
  driver: LayerDriver;
  clock: { now: number };
  errors: unknown[];
}

function browser(opts: { db?: TendDB; local?: MemoryArea; skewMs?: number; quota?: number } = {}): Browser {
  const clock = { now: T0 + (opts.skewMs ?? 0) };
  const db = opts.db ?? freshDb();
  const local = opts.local ?? memoryArea(() => clock.now);
  const sync = memoryArea(() => clock.now, opts.quota ?? CHROME_SYNC_LIMITS.quotaBytes);
  const errors: unknown[] = [];
  const driver = createLayerDriver({
    local,
    sync,
    store: userLayerStore(db),
    now: () => clock.now,
    timers: manual,
    report: (what, e) => errors.push([what, e]),
  });
  return { db, local, sync, driver, clock, errors };
}

/** The browser's own sync carrying `from`'s items to `to`, and `to` hearing of the change. */
async function carry(from: Browser, to: Browser): Promise<void> {
  const items = await from.sync.get(null);
  const old = await to.sync.get(null);
  await to.sync.set(items);
  const changes = Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v, oldValue: old[k] }]));
  to.driver.syncChanged(changes);
  await to.driver.settle();
}

/** `from` records what was just done in its store; a minute later `to` hears of it through sync. */
async function passTo(from: Browser, to: Browser): Promise<void> {
  from.driver.edited();
  await from.driver.settle();
  to.clock.now += 60_000;
  await carry(from, to);
}

async function editAnn(b: Browser, change: Parameters<typeof updateContact>[2]) {
  const r = await updateContact(b.db, ANN, change, b.clock.now);
  expect(r.ok).toBe(true);
  b.driver.edited();
  await b.driver.settle();
}

describe('the safety copy in storage.local', () => {
  it('keeps notes, rhythms, tags, key dates, settings, mutes and promise status, and rebuilds a lost store', async () => {
    const a = browser();
    await a.driver.start();
    await editAnn(a, {
      name: 'Ann Lee',
      notes: 'Met at the summit',
      cadence: MONTHLY,
      tags: ['client'],
      dates: [{ kind: 'birthday', label: '', month: 3, day: 14, leadDays: 2 }],
      details: { family: 'two kids' },
    });
    await updateSettings(a.db, (s) => ({ ...s, replyNeededDays: 5, ignoredDomains: ['spam.example'] }));
    await applyNudgeAction(a.db, { key: contactKey('bo@example.com'), action: 'mute' }, T0);
    await a.db.promises.put(PROMISE);
    await setPromiseStatus(a.db, PROMISE.id, 'done');
    a.driver.edited();
    await a.driver.settle();
    expect(a.local.data.has(LOCAL_LAYER_KEY)).toBe(true);

    // The IndexedDB store is lost; the extension starts again with the same storage.local.
    const b = browser({ local: a.local });
    a.clock.now += 60_000;
    await b.driver.start();
    const ann = await b.db.contacts.get(ANN);
    expect(ann).toMatchObject({
      name: 'Ann Lee',
      notes: 'Met at the summit',
      cadence: MONTHLY,
      tags: ['client'],
      dates: [{ kind: 'birthday', month: 3, day: 14, leadDays: 2 }],
      details: { family: 'two kids', background: '' },
      summary: { count: 0 },
    });
    expect(await allHistories(b.db).then((h) => h.length)).toBe(0);
    const settings = await getSettings(b.db);
    expect(settings.replyNeededDays).toBe(5);
    expect(settings.ignoredDomains).toEqual(['spam.example']);
    expect(await b.db.nudgeState.get(contactKey('bo@example.com'))).toEqual({
      key: contactKey('bo@example.com'),
      muted: true,
    });
    // The promise comes back when the mail it was made in is read again (open, as captures make it): kept.
    expect(await b.db.promises.count()).toBe(0);
    await b.db.promises.put(PROMISE);
    b.driver.edited();
    await b.driver.settle();
    expect((await b.db.promises.get(PROMISE.id))?.status).toBe('done');
    expect(b.errors).toEqual([]);
  });

  it('a contact the store removed (one of the user’s own addresses) is not brought back by a later pass', async () => {
    const a = browser();
    await a.driver.start();
    await editAnn(a, { notes: 'me, in fact' });
    await a.db.contacts.delete(ANN);
    a.driver.edited();
    await a.driver.settle();
    expect(await a.db.contacts.get(ANN)).toBeUndefined();
  });

  it('two people merged into one stay one when the store is rebuilt from the copy', async () => {
    const a = browser();
    await a.driver.start();
    // People are learnt from mail; merging needs both in the store.
    await recordTouches(a.db, [
      touch(ANN, T0 - 86_400_000, 'received'),
      touch('ann.lee@home.org', T0 - 86_400_000, 'received'),
    ]);
    await editAnn(a, { name: 'Ann Lee', notes: 'Met at the summit' });
    await updateContact(a.db, 'ann.lee@home.org', { notes: 'Likes tea.', tags: ['friend'] }, a.clock.now);
    a.driver.edited();
    await a.driver.settle();
    expect((await mergePeople(a.db, ANN, 'ann.lee@home.org', a.clock.now)).ok).toBe(true);
    a.driver.edited();
    await a.driver.settle();

    const b = browser({ local: a.local });
    a.clock.now += 60_000;
    await b.driver.start();
    expect(await b.db.contacts.get('ann.lee@home.org')).toBeUndefined();
    expect(await b.db.contacts.get(ANN)).toMatchObject({
      notes: 'Met at the summit\n\nLikes tea.',
      tags: ['friend'],
      aliases: ['ann.lee@home.org'],
    });
    expect(b.errors).toEqual([]);
  });

  it('"Delete all data" forgets the copy: nothing comes back at the next start', async () => {
    const a = browser();
    await a.driver.start();
    await editAnn(a, { notes: 'gone soon' });
    await a.driver.forget();
    await a.db.contacts.clear();
    await a.db.kv.clear();
    await a.driver.start();
    expect(await a.db.contacts.count()).toBe(0);
  });

  it('"Delete all data" while a pass is under way: the emptied store is not rebuilt from the copy', async () => {
    const a = browser();
    await a.driver.start();
    await editAnn(a, { notes: 'gone soon' });
    expect(await logTouch(a.db, ANN, { kind: 'call', at: T0 - DAY }, T0)).toMatchObject({ ok: true });
    // A pass is running (the user's last edit) when the store is emptied.
    a.driver.edited();
    const passing = a.driver.settle();
    await a.driver.forget(async () => {
      await Promise.all(a.db.tables.map((t) => t.clear()));
    });
    await passing;
    a.driver.edited();
    await a.driver.settle();
    expect(await a.db.contacts.count()).toBe(0);
    // A pass after it starts a new copy, of nothing.
    expect((await a.local.get([LOCAL_LAYER_KEY]))[LOCAL_LAYER_KEY]).toMatchObject({ records: {} });
    const again = browser({ db: a.db, local: a.local });
    await again.driver.start();
    expect(await a.db.contacts.count()).toBe(0);
    expect(await allHistories(a.db)).toEqual([]);
  });

  it('a field the user edits while a change is being applied keeps the user’s value', async () => {
    const a = browser();
    await editAnn(a, { notes: 'mine, just typed' });
    const r = await applyUserChanges(
      a.db,
      [{ rid: `c:${ANN}`, create: false, fields: { notes: { from: 'what the pass saw', to: 'from elsewhere' } } }],
      T0,
    );
    expect(r).toEqual({ created: [], refused: [] });
    expect((await a.db.contacts.get(ANN))?.notes).toBe('mine, just typed');
  });

  it('an invalid record from another browser is refused and named, the rest applied', async () => {
    const a = browser();
    const r = await applyUserChanges(
      a.db,
      [
        { rid: 'c:ann@example.com', create: true, fields: { notes: { from: '', to: 'x'.repeat(30_000) } } },
        { rid: 'c:bo@example.com', create: true, fields: { notes: { from: '', to: 'fine' } } },
      ],
      T0,
    );
    expect(r).toEqual({ created: ['c:bo@example.com'], refused: ['c:ann@example.com'] });
  });
});

describe('sync between two browsers', () => {
  it('B shows A’s notes, tags and rhythm; a conflicting edit ends the same on both', async () => {
    const a = browser();
    const b = browser({ skewMs: -90 * 60_000 }); // B's clock is 90 minutes slow
    await a.driver.start();
    await b.driver.start();
    await editAnn(a, { name: 'Ann Lee', notes: 'Met at the summit', tags: ['client', 'mentor'], cadence: MONTHLY });
    expect((await a.driver.setSyncEnabled(true)).on).toBe(true);
    await a.driver.settle();
    await b.driver.setSyncEnabled(true);
    await carry(a, b);
    expect(await b.db.contacts.get(ANN)).toMatchObject({
      name: 'Ann Lee',
      notes: 'Met at the summit',
      tags: ['client', 'mentor'],
      cadence: MONTHLY,
    });

    // Both edit Ann while apart: A first, then B (on its slow clock), each also something of its own.
    a.clock.now += 60_000;
    await editAnn(a, { notes: 'A: moved to Lisbon', tags: ['client'] });
    b.clock.now += 120_000;
    await editAnn(b, { notes: 'B: moved to Porto', details: { interests: 'sailing' } });
    // B's clock is behind: B's later edit still loses to A's unless B had seen A's; here it had not.
    await carry(a, b);
    await carry(b, a);
    await carry(a, b);
    const [annA, annB] = [await a.db.contacts.get(ANN), await b.db.contacts.get(ANN)];
    for (const key of ['notes', 'tags', 'cadence', 'details', 'name'] as const)
      expect(annB?.[key]).toEqual(annA?.[key]);
    expect(annA?.notes).toBe('A: moved to Lisbon');
    expect(annA?.tags).toEqual(['client']);
    expect(annA?.details.interests).toBe('sailing');
    // Once B has seen A's edit, B's next edit wins despite its slow clock.
    b.clock.now += 1_000;
    await editAnn(b, { notes: 'B, after reading A' });
    await carry(b, a);
    expect((await a.db.contacts.get(ANN))?.notes).toBe('B, after reading A');
    // Converged: neither writes again.
    const writes = a.sync.writes.length + b.sync.writes.length;
    await carry(a, b);
    await carry(b, a);
    expect(a.sync.writes.length + b.sync.writes.length).toBe(writes + 2); // the two carries themselves
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('a merge made in one browser merges there too: one person, both histories once; removing the address splits it back', async () => {
    const HOME = 'ann.lee@home.org';
    const a = browser();
    const b = browser({ skewMs: -5 * 60_000 });
    // Both browsers learnt both addresses from mail, each its own touches and one the same (seen in both).
    const shared = touch(HOME, T0 - 3 * DAY, 'received');
    await recordTouches(a.db, [touch(ANN, T0 - DAY, 'received'), touch(HOME, T0 - 2 * DAY, 'sent'), shared]);
    await recordTouches(b.db, [touch(ANN, T0 - 4 * DAY, 'sent'), touch(HOME, T0 - 5 * DAY, 'received'), shared]);
    await a.driver.start();
    await b.driver.start();
    expect((await a.driver.setSyncEnabled(true)).on).toBe(true);
    await b.driver.setSyncEnabled(true);
    await editAnn(a, { name: 'Ann Lee', notes: 'Met at the summit' });
    await updateContact(a.db, HOME, { notes: 'Likes tea.', tags: ['friend'] }, a.clock.now);
    a.driver.edited();
    await a.driver.settle();
    await carry(a, b);
    expect((await b.db.contacts.get(HOME))?.notes).toBe('Likes tea.');

    a.clock.now += 60_000;
    expect((await mergePeople(a.db, ANN, HOME, a.clock.now)).ok).toBe(true);
    await passTo(a, b);

    // B: one person, with B's own touches of both addresses, the shared one once; mail from the other address
    // is filed under Ann from now on; what was written about either is there once.
    expect(await b.db.contacts.get(HOME)).toBeUndefined();
    const annB = await b.db.contacts.get(ANN);
    expect(annB).toMatchObject({ aliases: [HOME], notes: 'Met at the summit\n\nLikes tea.', tags: ['friend'] });
    const historyB = (await allHistories(b.db)).find((h) => h.contact === ANN)?.items ?? [];
    expect(historyB.map((i) => i.at).sort()).toEqual([T0 - 5 * DAY, T0 - 4 * DAY, T0 - 3 * DAY].sort());
    expect(annB?.summary.count).toBe(3);
    expect((await aliasIndex(b.db)).get(HOME)).toBe(ANN);
    await recordTouches(b.db, [touch(HOME, T0, 'received')]);
    expect(await b.db.contacts.get(HOME)).toBeUndefined();
    expect((await b.db.contacts.get(ANN))?.summary.lastAt).toBe(T0);
    // Converged: the two browsers say the same of Ann, and neither writes again.
    await carry(b, a);
    await carry(a, b);
    const writes = a.sync.writes.length + b.sync.writes.length;
    await carry(a, b);
    await carry(b, a);
    expect(a.sync.writes.length + b.sync.writes.length).toBe(writes + 2);
    for (const key of ['notes', 'tags', 'aliases', 'name'] as const)
      expect((await b.db.contacts.get(ANN))?.[key]).toEqual((await a.db.contacts.get(ANN))?.[key]);

    // A takes the address off again: in B too, the touches seen with it leave Ann for a person of their own.
    a.clock.now += 60_000;
    expect((await removeAddress(a.db, ANN, HOME, a.clock.now)).ok).toBe(true);
    await passTo(a, b);
    expect((await b.db.contacts.get(ANN))?.aliases).toEqual([]);
    expect((await aliasIndex(b.db)).has(HOME)).toBe(false);
    const home = (await allHistories(b.db)).find((h) => h.contact === HOME)?.items ?? [];
    expect(home.map((i) => i.at).sort()).toEqual([T0 - 5 * DAY, T0 - 3 * DAY, T0].sort());
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('a refused write shows as an error in the status, is retried, and never throws', async () => {
    const a = browser();
    await a.driver.start();
    await a.driver.setSyncEnabled(true);
    a.sync.failNext('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded', 1_000);
    await editAnn(a, { notes: 'will sync later' });
    expect((await a.driver.status()).error).toMatch(/MAX_WRITE_OPERATIONS_PER_MINUTE/);
    expect(a.sync.data.size).toBe(0);
    expect(a.errors).toEqual([]);
    a.sync.failNext('', 0);
    a.driver.edited();
    await a.driver.settle(); // the retry
    const st = await a.driver.status();
    expect(st.error).toBeUndefined();
    expect([...a.sync.data.keys()].some((k) => k.startsWith(ITEM_PREFIX))).toBe(true);
  });

  it('over quota: the sync area stays within it, Options learns what is not synced, nothing is dropped here', async () => {
    const a = browser();
    await a.driver.start();
    for (let i = 0; i < 400; i++)
      await updateContact(a.db, `p${i}@example.com`, { notes: `${i} `.padEnd(400, 'x') }, T0 + i);
    a.driver.edited();
    await a.driver.setSyncEnabled(true);
    await a.driver.settle();
    const st = await a.driver.status();
    expect(st.bytes).toBeLessThanOrEqual(CHROME_SYNC_LIMITS.quotaBytes);
    expect(st.unsynced.length).toBeGreaterThan(100);
    expect(st.records).toBe(400);
    expect(st.error).toBeUndefined();
    const layer = (a.local.data.get(LOCAL_LAYER_KEY) as { records: Record<string, unknown> }).records;
    expect(Object.keys(layer)).toHaveLength(400);
    expect(await a.db.contacts.count()).toBe(400);
  }, 60_000);

  it('a steady stream of another browser’s changes does not hold back this browser’s write', async () => {
    // Timers on a virtual clock: advancing it fires what is due, in order.
    const clock = { now: T0 };
    const due: { at: number; fn: () => void; live: boolean }[] = [];
    const timers = {
      set: (fn: () => void, ms: number) => {
        const t = { at: clock.now + ms, fn, live: true };
        due.push(t);
        return t;
      },
      clear: (t: unknown) => {
        (t as { live: boolean }).live = false;
      },
    };
    const advance = async (ms: number) => {
      const end = clock.now + ms;
      for (;;) {
        const next = due.filter((t) => t.live && t.at <= end).sort((x, y) => x.at - y.at)[0];
        if (!next) break;
        next.live = false;
        clock.now = next.at;
        next.fn();
        await driver.status(); // queued behind what `fn` started: waits for it without firing other timers
      }
      clock.now = end;
    };
    const db = freshDb();
    const sync = memoryArea(() => clock.now);
    const driver = createLayerDriver({
      local: memoryArea(() => clock.now),
      sync,
      store: userLayerStore(db),
      now: () => clock.now,
      timers,
    });
    await driver.start();
    await driver.setSyncEnabled(true);
    await updateContact(db, ANN, { notes: 'mine' }, clock.now);
    driver.edited();
    const other = browser();
    await other.driver.setSyncEnabled(true);
    // The other browser edits Bo every second and its items keep arriving here.
    for (let i = 0; i < 12; i++) {
      other.clock.now = clock.now;
      await updateContact(other.db, 'bo@example.com', { notes: `theirs ${i}` }, other.clock.now);
      other.driver.edited();
      await other.driver.settle();
      const items = await other.sync.get(null);
      await sync.set(items);
      driver.syncChanged(Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v }])));
      await advance(1_000);
      if (JSON.stringify(await sync.get(null)).includes('"mine"')) break;
    }
    expect(JSON.stringify(await sync.get(null))).toContain('"mine"');
    expect(clock.now - T0).toBeLessThanOrEqual(8_000);
  });

  it('a burst of edits writes within the rate limits', async () => {
    const a = browser();
    await a.driver.start();
    await a.driver.setSyncEnabled(true);
    // 300 edits, one every 200 ms for a minute, each followed by the driver's pending work, then a quiet minute.
    for (let i = 0; i < 310; i++) {
      a.clock.now += i < 300 ? 200 : 6_000;
      await updateContact(a.db, ANN, { notes: `edit ${i}` }, a.clock.now);
      a.driver.edited();
      await a.driver.settle();
    }
    const times = a.sync.writes.map((w) => w.at);
    const maxInMinute = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));
    console.log(`[rate] 300 edits in a minute: ${times.length} writes, at most ${maxInMinute} in a minute`);
    expect(maxInMinute).toBeLessThanOrEqual(120);
    expect(maxInMinute).toBeGreaterThan(100);
    // The last edit reached the sync area once the limit allowed.
    const st = await a.driver.status();
    expect(st.waitingUntil).toBeUndefined();
    const b = browser();
    await b.driver.setSyncEnabled(true);
    await carry(a, b);
    expect((await b.db.contacts.get(ANN))?.notes).toBe('edit 309');
  }, 60_000);
});

describe('touches logged by hand', () => {
  const manualOf = async (b: Browser, email = ANN) =>
    ((await readHistory(b.db, email))?.items ?? []).filter((it) => it.source === 'manual');

  it('the safety copy keeps them (kind, day, note), rebuilds them with the summary, and remembers a delete', async () => {
    const a = browser();
    await a.driver.start();
    await recordTouches(a.db, [touch(ANN, T0 - 3 * DAY, 'received')]);
    const coffee = await logTouch(a.db, ANN, { kind: 'coffee', at: T0 - DAY, note: 'Lisbon plans' }, T0);
    const call = await logTouch(a.db, ANN, { kind: 'call', at: T0 - 2 * DAY }, T0);
    if (!coffee.ok || !call.ok) throw new Error('not logged');
    a.driver.edited();
    await a.driver.settle();
    await deleteTouch(a.db, ANN, call.key, T0);
    a.driver.edited();
    await a.driver.settle();

    // The store is lost: the copy brings back the coffee, not the deleted call, and not the captured mail.
    const b = browser({ local: a.local });
    await b.driver.start();
    expect(await manualOf(b)).toEqual([
      { key: coffee.key, at: T0 - DAY, direction: 'meeting', source: 'manual', kind: 'coffee', note: 'Lisbon plans' },
    ]);
    expect((await b.db.contacts.get(ANN))?.summary).toMatchObject({ count: 1, meetings: 1, manual: 1 });
    // Passes after that change nothing; the deleted call stays deleted.
    b.driver.edited();
    await b.driver.settle();
    expect((await manualOf(b)).map((it) => it.key)).toEqual([coffee.key]);
    expect(b.errors).toEqual([]);
  });

  it('Undo after the delete was recorded puts the touch back for good', async () => {
    const a = browser();
    await a.driver.start();
    const r = await logTouch(a.db, ANN, { kind: 'message', at: T0 - DAY }, T0);
    if (!r.ok) throw new Error('not logged');
    a.driver.edited();
    await a.driver.settle();
    const [it] = await manualOf(a);
    await deleteTouch(a.db, ANN, r.key, T0);
    a.driver.edited();
    await a.driver.settle();
    await restoreTouch(a.db, ANN, it as NonNullable<typeof it>, T0);
    a.driver.edited();
    await a.driver.settle();
    a.driver.edited();
    await a.driver.settle();
    expect((await manualOf(a)).map((x) => x.key)).toEqual([r.key]);
    const b = browser({ local: a.local });
    await b.driver.start();
    expect((await manualOf(b)).map((x) => x.key)).toEqual([r.key]);
  });

  it('sync carries one logged in A to B, an edit back, a move with a merge, and a delete', async () => {
    const a = browser();
    const b = browser({ skewMs: -5 * 60_000 });
    await a.driver.start();
    await b.driver.start();
    await a.driver.setSyncEnabled(true);
    await b.driver.setSyncEnabled(true);
    const r = await logTouch(a.db, HOME, { kind: 'coffee', at: T0 - DAY, note: 'At the station' }, T0);
    if (!r.ok) throw new Error('not logged');
    await passTo(a, b);
    expect(await manualOf(b, HOME)).toMatchObject([{ key: r.key, kind: 'coffee', note: 'At the station' }]);
    expect((await b.db.contacts.get(HOME))?.summary).toMatchObject({ count: 1, manual: 1 });

    // B edits it; A sees the edit.
    const e = await editTouch(b.db, HOME, r.key, { kind: 'call', at: T0 - DAY, note: 'On the phone' }, b.clock.now);
    expect(e.ok).toBe(true);
    await passTo(b, a);
    expect(await manualOf(a, HOME)).toMatchObject([{ key: r.key, kind: 'call', note: 'On the phone' }]);

    // A merges the address into Ann: the touch moves with it there, and in B.
    await recordTouches(a.db, [touch(ANN, T0 - 5 * DAY, 'sent')]);
    await recordTouches(b.db, [touch(ANN, T0 - 5 * DAY, 'sent')]);
    expect((await mergePeople(a.db, ANN, HOME, a.clock.now)).ok).toBe(true);
    await passTo(a, b);
    expect(await manualOf(b, ANN)).toMatchObject([{ key: r.key, kind: 'call' }]);
    expect(await manualOf(b, HOME)).toEqual([]);
    expect((await b.db.contacts.get(ANN))?.summary).toMatchObject({ count: 2, manual: 1 });

    // B deletes it; gone from A, and neither brings it back.
    await deleteTouch(b.db, ANN, r.key, b.clock.now);
    await passTo(b, a);
    expect(await manualOf(a, ANN)).toEqual([]);
    await passTo(a, b);
    expect(await manualOf(b, ANN)).toEqual([]);
    expect((await a.db.contacts.get(ANN))?.summary.manual).toBeUndefined();
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  const HOME = 'ann.lee@home.org';
  /** Two browsers with sync on, each having seen mail from both of Ann's addresses (two people to each). */
  async function bothKnowAnnTwice(): Promise<[Browser, Browser]> {
    const a = browser();
    const b = browser({ skewMs: -60_000 });
    for (const x of [a, b]) {
      await x.driver.start();
      await x.driver.setSyncEnabled(true);
      await recordTouches(x.db, [touch(ANN, T0 - 5 * DAY, 'sent'), touch(HOME, T0 - 4 * DAY, 'sent')]);
    }
    return [a, b];
  }

  it('a deleted touch keeps nothing of what it said; an edit made after the delete elsewhere brings it back whole', async () => {
    const a = browser();
    const b = browser();
    for (const x of [a, b]) {
      await x.driver.start();
      await x.driver.setSyncEnabled(true);
    }
    const r = await logTouch(a.db, ANN, { kind: 'coffee', at: T0 - DAY, note: 'Her divorce; keep it quiet' }, T0);
    if (!r.ok) throw new Error('not logged');
    await passTo(a, b);
    await deleteTouch(a.db, ANN, r.key, a.clock.now);
    a.driver.edited();
    await a.driver.settle();
    expect(JSON.stringify([...a.local.data.values(), ...a.sync.data.values()])).not.toContain('divorce');
    // B, not having heard of the delete, edits the touch ten minutes later: the later writer wins the whole touch.
    b.clock.now = a.clock.now + 10 * 60_000;
    expect((await editTouch(b.db, ANN, r.key, { at: T0 - DAY, note: 'Lunch, not coffee' }, b.clock.now)).ok).toBe(true);
    await passTo(b, a);
    await carry(a, b);
    for (const x of [a, b])
      expect(await manualOf(x)).toMatchObject([{ key: r.key, kind: 'coffee', note: 'Lunch, not coffee' }]);
  });

  it('a touch logged for an address just taken off someone is filed under that address in both browsers', async () => {
    const [a, b] = await bothKnowAnnTwice();
    expect((await mergePeople(a.db, ANN, HOME, a.clock.now)).ok).toBe(true);
    await passTo(a, b);
    expect((await b.db.contacts.get(ANN))?.aliases).toContain(HOME);
    expect((await removeAddress(a.db, ANN, HOME, a.clock.now)).ok).toBe(true);
    const r = await logTouch(a.db, HOME, { kind: 'coffee', at: T0 - DAY }, a.clock.now);
    if (!r.ok) throw new Error('not logged');
    await passTo(a, b);
    await passTo(b, a);
    for (const x of [a, b]) {
      expect((await manualOf(x, HOME)).map((it) => it.key)).toEqual([r.key]);
      expect(await manualOf(x, ANN)).toEqual([]);
    }
  });

  it('two browsers that merged the same two people the other way round leave the touch where each has it', async () => {
    const [a, b] = await bothKnowAnnTwice();
    const r = await logTouch(a.db, HOME, { kind: 'coffee', at: T0 - DAY }, T0);
    if (!r.ok) throw new Error('not logged');
    await passTo(a, b);
    expect((await mergePeople(a.db, ANN, HOME, a.clock.now)).ok).toBe(true);
    expect((await mergePeople(b.db, HOME, ANN, b.clock.now)).ok).toBe(true);
    await passTo(a, b);
    await passTo(b, a);
    const settled = { a: a.sync.writes.length, b: b.sync.writes.length };
    for (let i = 0; i < 3; i++) {
      await passTo(a, b);
      await passTo(b, a);
    }
    // Each carry is one write of the receiver's area; neither browser writes anything of its own any more.
    expect([a.sync.writes.length - settled.a, b.sync.writes.length - settled.b]).toEqual([3, 3]);
    expect((await manualOf(a, ANN)).map((it) => it.key)).toEqual([r.key]);
    expect((await manualOf(b, HOME)).map((it) => it.key)).toEqual([r.key]);
  });

  it('a merge and a delete or an edit of the merged touch, made together in B, both reach A', async () => {
    for (const change of ['delete', 'edit'] as const) {
      const [a, b] = await bothKnowAnnTwice();
      const r = await logTouch(a.db, HOME, { kind: 'coffee', at: T0 - DAY, note: 'old' }, T0);
      if (!r.ok) throw new Error('not logged');
      await passTo(a, b);
      b.clock.now = a.clock.now + 60_000;
      // In A, the merge moves the touch to Ann before the change to it is applied: a move, not an edit made there.
      expect((await mergePeople(b.db, ANN, HOME, b.clock.now)).ok).toBe(true);
      const done =
        change === 'delete'
          ? await deleteTouch(b.db, ANN, r.key, b.clock.now)
          : await editTouch(b.db, ANN, r.key, { at: T0 - DAY, note: 'new' }, b.clock.now);
      expect(done.ok).toBe(true);
      await passTo(b, a);
      await passTo(a, b);
      for (const x of [a, b]) {
        expect(await manualOf(x, HOME)).toEqual([]);
        expect((await manualOf(x, ANN)).map((it) => it.note)).toEqual(change === 'delete' ? [] : ['new']);
      }
    }
  });

  it("a touch from another browser names its person as it likes: filed under the address as Tend writes it, never under one of the user's own", async () => {
    const db = freshDb();
    await recordTouches(db, [touch(ANN, T0 - DAY, 'received')]);
    await updateSettings(db, (s) => ({ ...s, selfAddresses: ['me@example.com'] }));
    const to = (v: unknown) => ({ from: null, to: v as string });
    const r = await applyUserChanges(
      db,
      [
        {
          rid: 'm:manual:x-1',
          create: true,
          fields: { t: to(['Ann@Example.COM', T0 - DAY, 'meeting', 'coffee', '']) },
        },
        { rid: 'm:manual:x-2', create: true, fields: { t: to(['not an address', T0, 'meeting', null, '']) } },
        { rid: 'm:manual:x-3', create: true, fields: { t: to([ANN, 'yesterday', 'meeting']) } },
        // Logged in another browser for an address this one knows as the user's own.
        { rid: 'm:manual:x-4', create: true, fields: { t: to(['Me@Example.com', T0, 'meeting', 'call', '']) } },
      ],
      T0,
    );
    expect(r).toEqual({ created: ['m:manual:x-1'], refused: ['m:manual:x-2', 'm:manual:x-3', 'm:manual:x-4'] });
    expect((await db.contacts.toArray()).map((c) => c.email)).toEqual([ANN]);
    expect((await manualOf({ db } as Browser)).map((it) => it.key)).toEqual(['manual:x-1']);
  });
});
