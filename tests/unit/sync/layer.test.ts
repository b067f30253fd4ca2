import fc from 'fast-check';
import { encodeStamp, type Hlc, startClock } from '@/lib/sync/hlc';
import {
  fieldDefault,
  type Layer,
  layerValue,
  mergeLayers,
  readLayer,
  reconcile,
  type Snapshot,
  stampEdits,
  touchDeleted,
  type Value,
} from '@/lib/sync/layer';

const snap = (values: Snapshot['values'], present = Object.keys(values)): Snapshot => ({
  values,
  present: new Set(present),
});

/** One browser: its layer and clock, editing through snapshots as the driver does. */
class Copy {
  layer: Layer = {};
  clock: Hlc;
  values: Snapshot['values'] = {};
  constructor(node: string) {
    this.clock = startClock(node);
  }
  edit(rid: string, field: string, value: Value, now: number) {
    this.values = { ...this.values, [rid]: { ...this.values[rid], [field]: value } };
    const r = stampEdits(this.layer, snap(this.values), new Set(Object.keys(this.layer)), this.clock, now);
    this.layer = r.layer;
    this.clock = r.clock;
  }
  receive(remote: Layer) {
    const m = mergeLayers(this.layer, remote, this.clock);
    this.layer = m.layer;
    this.clock = m.clock ?? this.clock;
  }
}

describe('stamping edits', () => {
  it('stamps only fields that differ from the layer, and a cleared field as a tombstone', () => {
    const a = new Copy('aaaa');
    a.edit('c:ann@example.com', 'notes', 'Met at the summit', 1000);
    a.edit('c:ann@example.com', 't:client', true, 1001);
    const before = a.layer['c:ann@example.com']?.notes;
    a.edit('c:ann@example.com', 't:client', true, 2000);
    expect(a.layer['c:ann@example.com']?.notes).toBe(before);
    a.edit('c:ann@example.com', 'notes', '', 3000);
    expect(a.layer['c:ann@example.com']?.notes?.[1]).toBe('');
    expect(a.layer['c:ann@example.com']?.notes?.[0]).toBe(encodeStamp(3000, 0, 'aaaa'));
  });

  it('a record that just appeared at its defaults is not an edit: the layer fills it', () => {
    const layer: Layer = { 'c:ann@example.com': { notes: [encodeStamp(5, 0, 'bbbb'), 'From the safety copy'] } };
    const s = snap({}, ['c:ann@example.com']);
    const r = stampEdits(layer, s, new Set(), startClock('aaaa'), 9000);
    expect(r.edits).toBe(0);
    const changes = reconcile(r.layer, s, () => false);
    expect(changes).toEqual([
      { rid: 'c:ann@example.com', create: false, fields: { notes: { from: '', to: 'From the safety copy' } } },
    ]);
    // The same record cleared by the user (it was there at the last pass) is an edit that wins.
    const cleared = stampEdits(layer, s, new Set(['c:ann@example.com']), startClock('aaaa'), 9000);
    expect(cleared.edits).toBe(1);
    expect(layerValue(cleared.layer, 'c:ann@example.com', 'notes')).toBe('');
  });

  it('a captured name alone does not enter the layer; a blank name is never an edit', () => {
    const s = snap({ 'c:bo@example.com': { name: 'Bo' } });
    expect(stampEdits({}, s, new Set(), startClock('aaaa'), 1).edits).toBe(0);
    const layer: Layer = {
      'c:bo@example.com': { name: [encodeStamp(1, 0, 'bbbb'), 'Bo'], notes: [encodeStamp(1, 1, 'bbbb'), 'n'] },
    };
    const blank = snap({ 'c:bo@example.com': { notes: 'n' } });
    const r = stampEdits(readLayer(layer).layer, blank, new Set(['c:bo@example.com']), startClock('aaaa'), 5);
    expect(r.edits).toBe(0);
  });

  it('knows each field default (robot rules and tag rhythms default to Tend’s own)', () => {
    expect(fieldDefault('s', 'rr:no-reply@*')).toBe(true);
    expect(fieldDefault('s', 'rr:me@*')).toBe(false);
    expect(fieldDefault('s', 'tc:client')).toEqual({ days: 30, toleranceDays: 14 });
    expect(fieldDefault('s', 'replyNeededDays')).toBe(3);
    expect(fieldDefault('c:x@y.z', 'cad')).toEqual({ mode: 'auto' });
    expect(fieldDefault('n:contact:x@y.z', 'm')).toBe(false);
    expect(fieldDefault('p:1', 'st')).toBe('open');
  });
});

describe('merging copies', () => {
  const ANN = 'c:ann@example.com';

  it('concurrent edits of the same field: the later edit wins on both, whichever arrives first', () => {
    const a = new Copy('aaaa');
    const b = new Copy('bbbb');
    a.edit(ANN, 'notes', 'from A', 1000);
    b.edit(ANN, 'notes', 'from B', 2000);
    const [la, lb] = [a.layer, b.layer];
    a.receive(lb);
    b.receive(la);
    expect(a.layer).toEqual(b.layer);
    expect(layerValue(a.layer, ANN, 'notes')).toBe('from B');
  });

  it('concurrent edits of different fields of one person are both kept', () => {
    const a = new Copy('aaaa');
    const b = new Copy('bbbb');
    a.edit(ANN, 'notes', 'likes tea', 1000);
    b.edit(ANN, 'cad', { mode: 'fixed', days: 30, toleranceDays: 0 }, 1001);
    b.edit(ANN, 't:mentor', true, 1002);
    a.receive(b.layer);
    b.receive(a.layer);
    expect(a.layer).toEqual(b.layer);
    expect(layerValue(a.layer, ANN, 'notes')).toBe('likes tea');
    expect(layerValue(a.layer, ANN, 't:mentor')).toBe(true);
  });

  it('tombstones: a tag removed after it was added stays removed when the older add arrives late', () => {
    const a = new Copy('aaaa');
    const b = new Copy('bbbb');
    a.edit(ANN, 't:client', true, 1000);
    const added = a.layer;
    b.receive(added);
    b.values = { [ANN]: { 't:client': true } };
    b.edit(ANN, 't:client', false, 5000);
    // A receives B's removal, then its own older layer comes back round from a third browser.
    a.receive(b.layer);
    a.receive(added);
    expect(layerValue(a.layer, ANN, 't:client')).toBe(false);
    // Adding it again later wins over the tombstone.
    a.values = { [ANN]: {} };
    a.edit(ANN, 't:client', true, 9000);
    b.receive(a.layer);
    expect(layerValue(b.layer, ANN, 't:client')).toBe(true);
  });

  it('clock skew: a copy whose clock is hours behind still wins with an edit made after it saw the other', () => {
    const ahead = new Copy('aaaa');
    const behind = new Copy('bbbb');
    const HOUR = 3_600_000;
    ahead.edit(ANN, 'notes', 'written at 12:00 on a fast clock', 12 * HOUR);
    behind.receive(ahead.layer);
    behind.values = { [ANN]: { notes: 'written at 12:00 on a fast clock' } };
    behind.edit(ANN, 'notes', 'written later on a slow clock', 10 * HOUR);
    ahead.receive(behind.layer);
    expect(layerValue(ahead.layer, ANN, 'notes')).toBe('written later on a slow clock');
  });

  it('a copy back after months never overwrites newer data', () => {
    const old = new Copy('aaaa');
    const current = new Copy('bbbb');
    old.edit(ANN, 'notes', 'March', Date.UTC(2026, 2, 1));
    current.receive(old.layer);
    current.values = { [ANN]: { notes: 'March' } };
    current.edit(ANN, 'notes', 'November', Date.UTC(2026, 10, 1));
    // The old copy wakes up and sends what it had first; then it hears the news.
    const before = current.layer;
    current.receive(old.layer);
    expect(current.layer).toEqual(before);
    old.receive(current.layer);
    expect(layerValue(old.layer, ANN, 'notes')).toBe('November');
  });

  it('out-of-order arrival: any order and any repetition of the same layers gives the same result', () => {
    let runs = 0;
    let conflicts = 0;
    const fields = ['notes', 'cad', 't:client', 't:mentor', 'd.family'];
    const edit = fc.record({
      copy: fc.integer({ min: 0, max: 2 }),
      rid: fc.constantFrom(ANN, 'c:bo@example.com', 's'),
      field: fc.constantFrom(...fields),
      value: fc.oneof(fc.string({ maxLength: 5 }), fc.boolean()),
      at: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), fc.infiniteStream(fc.nat()), (edits, seeds) => {
        runs++;
        const writers = new Map<string, Set<number>>();
        for (const e of edits)
          writers.set(`${e.rid}/${e.field}`, (writers.get(`${e.rid}/${e.field}`) ?? new Set()).add(e.copy));
        if ([...writers.values()].some((w) => w.size > 1)) conflicts++;
        const copies = [new Copy('aaaa'), new Copy('bbbb'), new Copy('cccc')];
        const sent: Layer[] = [];
        for (const e of edits) {
          const c = copies[e.copy] as Copy;
          c.edit(e.rid, e.field, e.value, e.at);
          sent.push(c.layer);
        }
        // Two receivers get every snapshot ever sent, in different shuffled orders, some twice.
        const order = (n: number) => {
          const idx = sent.map((_, i) => i);
          const it = seeds[Symbol.iterator]();
          for (let i = idx.length - 1; i > 0; i--) {
            const j = (it.next().value as number) % (i + 1);
            [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
          }
          return [...idx, ...idx.slice(0, n)];
        };
        const r1 = new Copy('dddd');
        const r2 = new Copy('eeee');
        for (const i of order(0)) r1.receive(sent[i] as Layer);
        for (const i of order(3).reverse()) r2.receive(sent[i] as Layer);
        expect(r1.layer).toEqual(r2.layer);
        // And the copies themselves converge once each has the others' final layer.
        for (const c of copies) for (const o of copies) c.receive(o.layer);
        expect(copies[0]?.layer).toEqual(r1.layer);
        expect(copies[1]?.layer).toEqual(copies[2]?.layer);
      }),
      { numRuns: 300 },
    );
    console.log(`[fuzz] layer merge order: ${runs} runs, ${conflicts} with one field edited on two copies`);
    expect(runs).toBe(300);
    // The interesting path (the same field written on two copies) is taken by a good share of the runs.
    expect(conflicts / runs).toBeGreaterThan(0.3);
  });

  it('a touch logged by hand: its absence after a pass is a delete, its presence an edit; a deleted one is never made again', () => {
    const T = 'm:manual:x-1';
    const coffee = { t: ['ann@example.com', 1_000, 'meeting', 'coffee', ''] };
    const clock = startClock('aaaa');
    // Logged: present, never seen: the touch is stamped, whole.
    const logged = stampEdits({}, snap({ [T]: coffee }), new Set(), clock, 10);
    expect(logged.edits).toBe(1);
    expect(layerValue(logged.layer, T, 't')).toEqual(coffee.t);
    // Not in a store that never had it (a store being rebuilt, or one another copy's touch has not reached):
    // nothing is stamped, and the rebuild makes it.
    const rebuilt = stampEdits(logged.layer, snap({}), new Set(), logged.clock, 20);
    expect(rebuilt.edits).toBe(0);
    expect(reconcile(rebuilt.layer, snap({}), () => true)).toEqual([
      { rid: T, create: true, fields: { t: { from: null, to: coffee.t } } },
    ]);
    // Gone from a store that had it at the last pass: deleted, once; the tombstone keeps nothing of what it said.
    const deleted = stampEdits(logged.layer, snap({}), new Set([T]), logged.clock, 30);
    expect(deleted.edits).toBe(1);
    expect(deleted.layer[T]?.t?.[1]).toBeNull();
    expect(touchDeleted(deleted.layer, T)).toBe(true);
    expect(touchDeleted(logged.layer, T)).toBe(false);
    expect(touchDeleted({}, T)).toBe(false);
    expect(stampEdits(deleted.layer, snap({}), new Set([T]), deleted.clock, 40).edits).toBe(0);
    // A deleted touch is not made again, even in a store being rebuilt; where it still is, it goes.
    expect(reconcile(deleted.layer, snap({}), () => true)).toEqual([]);
    expect(reconcile(deleted.layer, snap({ [T]: coffee }), () => false)).toEqual([
      { rid: T, create: false, fields: { t: { from: coffee.t, to: null } } },
    ]);
    // Back in the store (Undo, a backup) after the delete was recorded: put back, whether seen or not.
    for (const seen of [new Set<string>(), new Set([T])]) {
      const back = stampEdits(deleted.layer, snap({ [T]: coffee }), seen, deleted.clock, 50);
      expect(layerValue(back.layer, T, 't')).toEqual(coffee.t);
      expect(reconcile(back.layer, snap({ [T]: coffee }), () => false)).toEqual([]);
    }
    // Held under another address of the same person (this store merged the other way round): where it is.
    const home = { t: ['ann.lee@home.org', 1_000, 'meeting', 'coffee', ''] };
    const aliased = { ...snap({ [T]: home }), aliases: new Map([['ann@example.com', 'ann.lee@home.org']]) };
    expect(stampEdits(logged.layer, aliased, new Set([T]), logged.clock, 55).edits).toBe(0);
    expect(reconcile(logged.layer, aliased, () => false)).toEqual([]);
    // Two browsers: the later of a delete and an edit wins the touch, whichever came first.
    const note = { t: ['ann@example.com', 1_000, 'meeting', 'coffee', 'Lisbon plans'] };
    const editedAfter = stampEdits(logged.layer, snap({ [T]: note }), new Set([T]), startClock('bbbb'), 60);
    const both = mergeLayers(deleted.layer, editedAfter.layer).layer;
    expect(mergeLayers(editedAfter.layer, deleted.layer).layer).toEqual(both);
    expect(layerValue(both, T, 't')).toEqual(note.t);
    const editedBefore = stampEdits(logged.layer, snap({ [T]: note }), new Set([T]), startClock('bbbb'), 25);
    expect(touchDeleted(mergeLayers(deleted.layer, editedBefore.layer).layer, T)).toBe(true);
    expect(touchDeleted(mergeLayers(editedBefore.layer, deleted.layer).layer, T)).toBe(true);
  });

  it('reads untrusted layers without throwing and drops what is malformed', () => {
    const { layer, dropped } = readLayer({
      [ANN]: { notes: [encodeStamp(1, 0, 'aaaa'), 'ok'], bad: ['nope', 1], worse: 5 },
      'x:unknown': { a: [encodeStamp(1, 0, 'aaaa'), 1] },
      __proto__: { polluted: true },
    });
    expect(layer).toEqual({ [ANN]: { notes: [encodeStamp(1, 0, 'aaaa'), 'ok'] } });
    expect(dropped).toBe(3);
    expect(readLayer('junk').dropped).toBe(1);
    // A touch has one field; anything else beside it (an older draft's fields) is dropped, not compared for ever.
    const t = [encodeStamp(1, 0, 'aaaa'), ['ann@example.com', 1, 'meeting', null, '']];
    expect(readLayer({ 'm:manual:k': { t, x: [encodeStamp(1, 0, 'aaaa'), true] } })).toEqual({
      layer: { 'm:manual:k': { t } },
      dropped: 1,
    });
  });
});
