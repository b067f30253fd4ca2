import { encodeStamp } from '@/lib/sync/hlc';
import type { Layer } from '@/lib/sync/layer';
import { bytesOf, CHROME_SYNC_LIMITS, ITEM_PREFIX, packLayer, TOUCH_ITEM_PREFIX, unpackItems } from '@/lib/sync/pack';
import { CHROME_RATE_LIMITS, nextWriteAt } from '@/lib/sync/rate';

/** `n` people with notes of `noteLength` characters, edited one after another (the last most recently). */
function people(n: number, noteLength: number): Layer {
  const layer: Layer = {};
  for (let i = 0; i < n; i++) {
    const s = encodeStamp(1_000_000 + i, 0, 'aaaa');
    layer[`c:person${String(i).padStart(4, '0')}@example.com`] = {
      name: [s, `Person ${i}`],
      notes: [s, 'n'.repeat(noteLength)],
      't:client': [s, true],
    };
  }
  return layer;
}

/** A touch logged by hand as the layer holds it, every field under one stamp. */
function touchRecord(s: string, note: string): Layer[string] {
  return { t: [s, ['ann@example.com', 1_700_000_000_000, 'meeting', 'coffee', note]] };
}

describe('packing into storage.sync items', () => {
  it('a layer that fits comes back whole, in items within the item limit, the same items every time', () => {
    const layer: Layer = { ...people(200, 120), s: { replyNeededDays: [encodeStamp(5, 0, 'aaaa'), 4] } };
    const packed = packLayer(layer);
    expect(packed.unsynced).toEqual([]);
    expect(unpackItems(packed.items).layer).toEqual(layer);
    for (const [k, v] of Object.entries(packed.items)) expect(bytesOf({ [k]: v })).toBeLessThanOrEqual(8_192);
    expect(packed.bytes).toBe(bytesOf(packed.items));
    expect(packed.bytes).toBeLessThanOrEqual(CHROME_SYNC_LIMITS.quotaBytes);
    expect(packLayer(structuredClone(layer)).items).toEqual(packed.items);
    console.log(
      `[pack] 200 people with 120-character notes: ${packed.bytes} bytes in ${Object.keys(packed.items).length} items`,
    );
  });

  it('over quota: settings and the most recent edits are synced, the rest listed as not synced', () => {
    const layer: Layer = { ...people(1_500, 200), s: { maxThreadPeople: [encodeStamp(1, 0, 'aaaa'), 30] } };
    const packed = packLayer(layer);
    expect(packed.bytes).toBeLessThanOrEqual(CHROME_SYNC_LIMITS.quotaBytes);
    expect(packed.bytes).toBeGreaterThan(CHROME_SYNC_LIMITS.quotaBytes * 0.9);
    expect(Object.keys(packed.items).length).toBeLessThanOrEqual(CHROME_SYNC_LIMITS.maxItems);
    const synced = unpackItems(packed.items).layer;
    expect(synced.s).toEqual(layer.s);
    // Every record is either synced whole or listed, never both, never neither.
    const listed = new Set(packed.unsynced.map((u) => u.rid));
    for (const rid of Object.keys(layer)) expect(rid in synced !== listed.has(rid)).toBe(true);
    expect(packed.unsynced.every((u) => u.reason === 'no-room')).toBe(true);
    // The newest person is synced, the oldest is not.
    expect('c:person1499@example.com' in synced).toBe(true);
    expect(listed.has('c:person0000@example.com')).toBe(true);
  });

  it('touches logged by hand take only the room the rest leaves, the most recent first', () => {
    // 400 people's notes (older edits) and 1,000 coffees logged since (newer): more than fits.
    const touches: Layer = {};
    for (let i = 0; i < 1_000; i++) {
      const s = encodeStamp(2_000_000 + i, 0, 'aaaa');
      touches[`m:manual:${String(i).padStart(4, '0')}`] = {
        t: [s, [`person${i % 400}@example.com`, 1_700_000_000_000 + i, 'meeting', 'coffee', 'Coffee near the office']],
      };
    }
    const layer: Layer = { ...people(400, 80), ...touches };
    const packed = packLayer(layer);
    const synced = unpackItems(packed.items).layer;
    const listed = new Set(packed.unsynced.map((u) => u.rid));
    expect(Object.keys(synced).filter((r) => r.startsWith('c:'))).toHaveLength(400);
    const syncedTouches = Object.keys(synced).filter((r) => r.startsWith('m:'));
    expect(syncedTouches.length).toBeGreaterThan(20);
    expect(syncedTouches.length).toBeLessThan(1_000);
    expect('m:manual:0999' in synced).toBe(true);
    expect(listed.has('m:manual:0000')).toBe(true);
    for (const rid of Object.keys(layer)) expect(rid in synced !== listed.has(rid)).toBe(true);
    // A tenth of the area stays free for a Tend from before touches, which counts it all as its own.
    expect(packed.bytes).toBeLessThanOrEqual(CHROME_SYNC_LIMITS.quotaBytes * 0.9);
    expect(packed.bytes).toBeGreaterThan(CHROME_SYNC_LIMITS.quotaBytes * 0.8);
    // In items of their own: the `tend.` items are what a Tend from before touches writes for the rest, so the two
    // agree on them and neither rewrites the other's.
    const rest = Object.fromEntries(Object.entries(packed.items).filter(([k]) => k.startsWith(ITEM_PREFIX)));
    expect(rest).toEqual(packLayer(people(400, 80)).items);
    for (const [k, v] of Object.entries(packed.items))
      expect(Object.keys(v.r).every((rid) => rid.startsWith('m:') === k.startsWith(TOUCH_ITEM_PREFIX))).toBe(true);
  });

  it('deleted touches take room only after every live one', () => {
    const layer: Layer = { 'm:live': touchRecord(encodeStamp(1, 0, 'aaaa'), 'n'.repeat(2_000)) };
    for (let i = 0; i < 300; i++) {
      const s = encodeStamp(1_000 + i, 0, 'aaaa');
      layer[`m:gone${i}`] = { t: [s, null] };
    }
    const packed = packLayer(layer, { ...CHROME_SYNC_LIMITS, quotaBytes: 8_000 });
    const listed = new Set(packed.unsynced.map((u) => u.rid));
    expect(listed.has('m:live')).toBe(false);
    expect(listed.size).toBeGreaterThan(0);
    expect([...listed].every((rid) => rid.startsWith('m:gone'))).toBe(true);
  });

  it('a field larger than an item is listed as too large; the rest of the person still syncs', () => {
    const s = encodeStamp(9, 0, 'aaaa');
    const layer: Layer = { 'c:ann@example.com': { notes: [s, 'x'.repeat(12_000)], 't:client': [s, true] } };
    const packed = packLayer(layer);
    expect(packed.unsynced).toEqual([{ rid: 'c:ann@example.com', field: 'notes', reason: 'too-large' }]);
    expect(unpackItems(packed.items).layer).toEqual({ 'c:ann@example.com': { 't:client': [s, true] } });
  });

  it('a record too big for one item is split over several and comes together again', () => {
    const s = encodeStamp(9, 0, 'aaaa');
    const fields = Object.fromEntries(
      ['background', 'preferences', 'family', 'interests'].map((d) => [`d.${d}`, [s, d.repeat(250)]]),
    );
    const layer = { 'c:ann@example.com': fields } as unknown as Layer;
    const packed = packLayer(layer);
    expect(Object.keys(packed.items).length).toBeGreaterThan(1);
    expect(unpackItems(packed.items).layer).toEqual(layer);
  });

  it('reading: other keys are ignored, a newer format is counted and left alone, junk is dropped', () => {
    const packed = packLayer(people(3, 10));
    const r = unpackItems({
      ...packed.items,
      'other.key': 1,
      [`${ITEM_PREFIX}90`]: { v: 2, r: {} },
      [`${ITEM_PREFIX}91`]: 'junk',
    });
    expect(Object.keys(r.layer)).toHaveLength(3);
    expect(r.newer).toBe(1);
    expect(r.dropped).toBe(1);
  });
});

describe('write-rate limits', () => {
  it('never lets more than 120 writes into a minute or 1,800 into an hour', () => {
    const log: number[] = [];
    let now = 0;
    // A writer that wants to write every 100 ms for three hours, waiting whenever the limits say so.
    while (now < 3 * 3_600_000) {
      const at = nextWriteAt(log, now, CHROME_RATE_LIMITS, 2);
      now = Math.max(now, at);
      if (now >= 3 * 3_600_000) break;
      log.push(now, now);
      now += 100;
    }
    const over = (window: number, limit: number) =>
      log.some((t, i) => log.filter((u, j) => j >= i && u < t + window).length > limit);
    expect(over(60_000, 120)).toBe(false);
    expect(over(3_600_000, 1_800)).toBe(false);
    // It did use what the limits allow: 1,800 writes in each of the three hours.
    expect(log.length).toBe(3 * 1_800);
  });

  it('an operation count above a limit can never be written at once', () => {
    expect(nextWriteAt([], 0, CHROME_RATE_LIMITS, 121)).toBe(Number.POSITIVE_INFINITY);
    expect(nextWriteAt([], 5, CHROME_RATE_LIMITS, 0)).toBe(5);
  });
});
