/**
 * The popup's first useful paint, measured in Node: with 5,000 contacts and 100,000 interactions stored
 * (packed per contact, as lib/store/db.ts keeps them), read what the popup reads before painting (the nudge-list
 * record and the first 20 contacts through the `summary.lastAt` index) and render the nudge sections and the
 * recent-contacts list to HTML. fake-indexeddb stands in for Chromium's IndexedDB; the browser figure comes
 * from the e2e run. Prints one JSON line.
 *   npx tsx bench/node/popup-first-paint.ts
 */
import { writeHistories } from '../../lib/store/histories';
import 'fake-indexeddb/auto';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { NudgeSections } from '../../components/nudge-list';
import { RecentContacts } from '../../components/recent-contacts';
import type { NudgeLike } from '../../components/types';
import type { Contact } from '../../lib/core/model';
import { recentContacts, searchContacts } from '../../lib/store/contact-search';
import { type History, type HistoryItem, TendDB } from '../../lib/store/db';
import { newContact } from '../../lib/store/interactions';
import { readNudgeList } from '../../lib/store/nudge-cache';
import { summarize } from '../../lib/store/summary';
import { median } from '../stats';

const CONTACTS = 5_000;
const INTERACTIONS = 100_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 1, 12);
const KINDS = ['reply-needed', 'awaiting-reply', 'overdue', 'promise'] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

async function seed(db: TendDB) {
  const rand = rng(42);
  const per = INTERACTIONS / CONTACTS;
  const contacts: Contact[] = [];
  const histories: History[] = [];
  for (let i = 0; i < CONTACTS; i++) {
    const email = `person${i}@company${i % 400}.example`;
    const items: HistoryItem[] = [];
    for (let k = 0; k < per; k++) {
      const at = NOW - Math.floor(rand() * 365 * DAY);
      const r = rand();
      items.push({
        key: `gmail:m${i}-${k}`,
        at,
        direction: r < 0.45 ? 'sent' : r < 0.9 ? 'received' : 'meeting',
        source: r < 0.9 ? 'gmail' : 'calendar',
        threadId: `t${i}-${k >> 2}`,
        subject: `Subject ${k}`,
      });
    }
    items.sort((a, b) => a.at - b.at);
    histories.push({ contact: email, items });
    contacts.push({ ...newContact(email, `Person ${i} Example`, NOW - 400 * DAY), summary: summarize(items, NOW) });
  }
  await db.transaction('rw', db.contacts, db.historyPacks, async () => {
    await db.contacts.bulkPut(contacts);
    await writeHistories(db, histories);
  });
  const nudges: NudgeLike[] = Array.from({ length: 40 }, (_, i) => ({
    key: `n${i}`,
    kind: KINDS[i % 4] as NudgeLike['kind'],
    contact: `person${i}@company${i}.example`,
    name: `Person ${i} Example`,
    reason: 'Monthly · last email 7 weeks ago',
    at: NOW - i * DAY,
  }));
  await db.kv.put({ key: 'nudges', value: { computedAt: NOW, nudges } });
}

async function firstPaint(db: TendDB): Promise<number> {
  const t0 = performance.now();
  const [list, recent] = await Promise.all([readNudgeList(db), recentContacts(db, 20)]);
  const html = renderToString(
    createElement('main', null, [
      createElement(NudgeSections, {
        key: 'n',
        nudges: (list?.nudges ?? []) as NudgeLike[],
        onWrite: () => {},
        onSnooze: () => {},
        onDone: () => {},
        renderSchedule: () => null,
      }),
      createElement(RecentContacts, { key: 'r', contacts: recent, now: NOW }),
    ]),
  );
  if (!html.includes('Recent contacts')) throw new Error('nothing rendered');
  return performance.now() - t0;
}

async function main() {
  const db = new TendDB('bench-popup');
  await db.open();
  const tSeed = performance.now();
  await seed(db);
  const seedMs = performance.now() - tSeed;
  for (let i = 0; i < 3; i++) await firstPaint(db);
  const runs: number[] = [];
  for (let i = 0; i < 15; i++) runs.push(await firstPaint(db));
  const search: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await searchContacts(db, 'person 4999', 20);
    search.push(performance.now() - t);
  }
  await db.delete();
  console.log(
    JSON.stringify({
      results: [
        {
          id: 'popup-first-paint-node',
          label: 'Popup first paint data + render (5,000 contacts, 100,000 interactions; Node, fake-indexeddb)',
          value: Number(median(runs).toFixed(2)),
          unit: 'ms',
          budget: 100,
          note: `median of ${runs.length} after 3 warm-ups; reads 1 kv record + 20 contacts via index; seeding took ${Math.round(seedMs)} ms`,
        },
        {
          id: 'popup-search-node',
          label: 'Search people, worst case (a query that scans all 5,000 contacts)',
          value: Number(median(search).toFixed(2)),
          unit: 'ms',
          budget: null,
          note: 'runs only while typing (150 ms debounce)',
        },
      ],
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
