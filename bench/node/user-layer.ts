/**
 * The user-authored layer's cost at 5,000 contacts (600 of them with notes, tags or a rhythm, 200 nudge states,
 * 300 promises, 100,000 interactions, of them 400 touches logged by hand with 200 people spread over the packs): one pass of the driver with nothing edited (what every worker start and every edit pays: read
 * the store's user fields, compare with the layer, save the copy), against reading the contacts table alone
 * (the floor any such pass pays) in the same run; and packing the layer for storage.sync. fake-indexeddb stands
 * in for Chromium's IndexedDB. Prints one JSON line.
 *   npx tsx bench/node/user-layer.ts
 */
import 'fake-indexeddb/auto';
import type { Contact, NudgeState, PromiseRecord } from '../../lib/core/model';
import { type History, type HistoryItem, TendDB } from '../../lib/store/db';
import { writeHistories } from '../../lib/store/histories';
import { newContact } from '../../lib/store/interactions';
import { summarize } from '../../lib/store/summary';
import { userLayerStore } from '../../lib/store/user-layer';
import { createLayerDriver, LOCAL_LAYER_KEY, type StorageArea } from '../../lib/sync/driver';
import type { Layer } from '../../lib/sync/layer';
import { packLayer } from '../../lib/sync/pack';
import { median } from '../stats';

const CONTACTS = 5_000;
const NOW = Date.UTC(2026, 10, 1, 12);

function area(): StorageArea {
  const data = new Map<string, string>();
  return {
    get: async (keys) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of data) if (keys === null || keys.includes(k)) out[k] = JSON.parse(v);
      return out;
    },
    set: async (items) => {
      for (const [k, v] of Object.entries(items)) data.set(k, JSON.stringify(v));
    },
    remove: async (keys) => {
      for (const k of keys) data.delete(k);
    },
  };
}

async function main() {
  const db = new TendDB('bench-user-layer');
  const contacts: Contact[] = [];
  for (let i = 0; i < CONTACTS; i++) {
    const c = newContact(`person${i}@company${i % 400}.example`, `Person ${i}`, NOW);
    if (i % 25 === 0) c.notes = `Met at conference ${i}; two kids; prefers mornings and short calls.`;
    if (i % 20 === 0) c.tags = ['client'];
    if (i % 50 === 0) c.cadence = { mode: 'fixed', days: 30, toleranceDays: 7 };
    contacts.push(c);
  }
  // 20 touches each; every 25th person also two logged by hand (the histories the pass must read).
  const histories: History[] = contacts.map((c, i) => {
    const items: HistoryItem[] = Array.from({ length: 20 }, (_, k) => ({
      key: `gmail:msg:me@example.com:${i}-${k}:${c.email}`,
      at: NOW - (k + 1) * 5 * 86_400_000,
      direction: k % 2 ? 'sent' : 'received',
      source: 'gmail',
      threadId: `t${i}-${k}`,
      messageId: `${i}-${k}`,
      subject: 'About the renewal terms for next year',
    }));
    if (i % 25 === 0)
      for (const k of [1, 2])
        items.push({
          key: `manual:${i}-${k}`,
          at: NOW - k * 86_400_000,
          direction: 'meeting',
          source: 'manual',
          kind: 'coffee',
          note: 'Coffee near the office',
        });
    items.sort((a, b) => a.at - b.at);
    c.summary = summarize(items, NOW);
    return { contact: c.email, items };
  });
  const states: NudgeState[] = Array.from({ length: 200 }, (_, i) => ({
    key: `contact:person${i}@x.example`,
    muted: true,
  }));
  const promises: PromiseRecord[] = Array.from({ length: 300 }, (_, i) => ({
    id: `p${i}`,
    threadKey: 't',
    messageId: `m${i}`,
    contacts: [],
    text: 'I will send it',
    madeAt: NOW,
    status: i % 3 === 0 ? 'done' : 'open',
    suggestDone: false,
  }));
  await db.transaction('rw', [db.contacts, db.nudgeState, db.promises, db.historyPacks], async () => {
    await writeHistories(db, histories);
    await db.contacts.bulkPut(contacts);
    await db.nudgeState.bulkPut(states);
    await db.promises.bulkPut(promises);
  });
  const local = area();
  const driver = createLayerDriver({
    local,
    sync: area(),
    store: userLayerStore(db),
    now: () => NOW,
    timers: { set: () => ({}), clear: () => {} },
  });
  await driver.start();
  const passes: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < 17; i++) {
    // Alternate the two, so a busy moment of the host touches both alike.
    let t = performance.now();
    await db.contacts.toArray();
    floor.push(performance.now() - t);
    t = performance.now();
    driver.edited();
    await driver.settle();
    passes.push(performance.now() - t);
  }
  const layer = ((await local.get([LOCAL_LAYER_KEY]))[LOCAL_LAYER_KEY] as { records: Layer }).records;
  const packs: number[] = [];
  let packed = packLayer(layer);
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    packed = packLayer(layer);
    packs.push(performance.now() - t);
  }
  const records = Object.keys(layer).length;
  const copyBytes = JSON.stringify(layer).length;
  const results = [
    {
      id: 'user-layer-pass',
      label: 'Safety copy pass with nothing edited, 5,000 contacts (read user fields, compare, save the copy)',
      value: median(passes),
      unit: 'ms',
      budget: null,
      note: `median of 17; reading the contacts table alone ${median(floor).toFixed(1)} ms in the same run; ${records} records in the layer, ${(copyBytes / 1024).toFixed(0)} KB in storage.local; runs at worker start and 2 s after an edit`,
    },
    {
      id: 'user-layer-pack',
      label: 'Pack that layer into storage.sync items',
      value: median(packs),
      unit: 'ms',
      budget: null,
      note: `${(packed.bytes / 1024).toFixed(1)} KB in ${Object.keys(packed.items).length} items of the 100 KB / 512 allowed; ${packed.unsynced.length} records left out`,
    },
  ];
  console.log(JSON.stringify({ results }));
}

await main();
