/**
 * In the built extension, in Chromium: ingesting 100,000 interactions (5,000 contacts) through the
 * background's import, recomputing the nudge list, and the popup's first useful paint on that store. (The People
 * view's first rows and scrolling: bench/browser/people.ts.)
 */

import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { THREAD_WINDOW_MS } from '../../lib/engine/followups';
import { historyPackOf } from '../../lib/store/histories';
import { oldPack, threadPackOf } from '../../lib/store/threads';
import { EXTENSION, launchTend, readKv, type Tend, until } from '../../tests/e2e/harness';
import { synthBackup } from '../../tests/support/synth';
import { fromFile, keptPageServed, ONE_ROW_PAGE, paintTimes, writeOneRowPage } from '../first-paint';
import { median, range } from '../stats';

const NOW = Date.now();
const CONTACTS = 5_000;
const INTERACTIONS = 100_000;

// TEND_BENCH_PROFILE=<dir> keeps the browser profile there and, when it already holds the 5,000-contact store,
// skips the import (and its row): for measuring the surfaces again without paying the ingest each time.
const reuse = process.env.TEND_BENCH_PROFILE;
const tend = await launchTend(reuse ? { userDataDir: reuse } : {});
const results = [];
const seeded = async () => {
  const list = (await readKv(tend, 'nudges')) as { nudges: unknown[] } | undefined;
  return (list?.nudges.length ?? 0) > 0;
};
try {
  if (!(reuse && (await seeded()))) await ingest();

  // First useful paint (bench/first-paint.ts): the first nudge row's name, against the page holding one
  // such row, in the same run; the difference is Tend's own share. Five pages in rotating order, so load drifts
  // evenly: the floor; the popup as opened every day, served by the awake background with its last rendered
  // first screen in its markup (entrypoints/background/kept-pages.ts); the same popup read from its file, as
  // while the background sleeps (its first screen painted from localStorage by /kept-paint.js); the popup without
  // a kept screen (the first opening after install, an update or "Delete all data"); and a static page.
  writeOneRowPage();
  const FIRST_SCREEN_KEY = 'tend:first-screen';
  const ROW = '#root main .row .row-name';
  const timed = (file: string, kept: string | null | undefined) =>
    paintTimes(tend, file, {
      selector: ROW,
      keep: kept === undefined ? undefined : { key: FIRST_SCREEN_KEY, value: kept },
    });
  // The popup keeps its first screen after its first render: open it once and keep a copy to restore each time.
  const warm = await tend.openPage('popup.html');
  const keptScreen = await until(
    () => warm.evaluate((k) => localStorage.getItem(k), FIRST_SCREEN_KEY),
    'the kept first screen',
    30_000,
  );
  await keptPageServed(warm, '/popup.html');
  await warm.close();
  // A second baseline: the same first screen as a static page (the popup's inline stylesheet and the kept markup,
  // no script at all): what painting this screen costs before any of Tend's code runs.
  const popupHtml = readFileSync(path.join(EXTENSION, 'popup.html'), 'utf8');
  const inlineCss = popupHtml.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
  writeFileSync(
    path.join(EXTENSION, 'bench-kept-static.html'),
    `<!doctype html><html lang="en"><head><meta charset="UTF-8"><meta name="color-scheme" content="light dark"><title>static</title><style>${inlineCss}</style></head><body class="popup"><div id="root">${(JSON.parse(keptScreen) as { html: string }).html}</div></body></html>`,
  );
  const RUNS = 11;
  const blanks: number[] = [];
  const served: number[] = [];
  const file: number[] = [];
  const fresh: number[] = [];
  const cold: number[] = [];
  const statics: number[] = [];
  let byWorker = 0;
  let cachedShown = 0;
  const kinds = ['blank', 'served', 'file', 'cold', 'static'] as const;
  for (let i = 0; i < RUNS; i++) {
    for (let j = 0; j < kinds.length; j++) {
      const kind = kinds[(i + j) % kinds.length];
      if (kind === 'blank') blanks.push((await timed(ONE_ROW_PAGE, undefined)).fresh);
      else if (kind === 'static') statics.push((await timed('bench-kept-static.html', undefined)).fresh);
      else if (kind === 'cold') cold.push((await timed(fromFile('popup.html'), null)).fresh);
      else {
        const t = await timed(kind === 'served' ? 'popup.html' : fromFile('popup.html'), keptScreen);
        if (t.byWorker !== (kind === 'served')) throw new Error(`popup ${kind}: answered by the worker: ${t.byWorker}`);
        if (t.cached !== undefined) cachedShown++;
        (kind === 'served' ? served : file).push(Math.min(t.cached ?? Number.POSITIVE_INFINITY, t.fresh));
        if (kind === 'served') byWorker++;
        fresh.push(t.fresh);
      }
    }
  }
  const popup = median(served);
  const floor = median(blanks);
  results.push({
    id: 'popup-first-paint',
    label: 'Popup first useful paint, 5,000 contacts / 100,000 interactions, background awake (median of 11)',
    value: popup,
    unit: 'ms',
    budget: 100,
    note: `from navigation start to the first nudge row's name painted (Element Timing); served by the background worker with the kept first screen in its markup in ${byWorker} of ${RUNS}; ${range(served)}; an extension page holding one such row paints it in ${floor.toFixed(0)} ms here (${range(blanks)})`,
  });
  results.push({
    id: 'popup-first-paint-own',
    label: "Popup first useful paint, background awake, Tend's own share (minus that page)",
    value: popup - floor,
    unit: 'ms',
    budget: 30,
    note: `the page with its stylesheet inline and the kept screen in its markup, no script before the paint; the same first screen as a static page (its stylesheet and markup, no script) paints in ${median(statics).toFixed(0)} ms in the same runs (${range(statics)}), the cost of the screen itself`,
  });
  results.push({
    id: 'popup-first-paint-file',
    label: 'Popup first useful paint, background asleep (the page read from its file)',
    value: median(file),
    unit: 'ms',
    budget: 100,
    note: `same runs; ${range(file)}; Tend's own share ${(median(file) - floor).toFixed(0)} ms (budget 30): the blocking ${(statSync(path.join(EXTENSION, 'kept-paint.js')).size / 1024).toFixed(1)} KB /kept-paint.js fetched from the extension's files and reading localStorage, before any module; the kept screen painted the first row in ${cachedShown} of ${2 * RUNS} kept openings, served or read`,
  });
  results.push({
    id: 'popup-fresh-paint',
    label: "Popup's fresh paint (the store's answer rendered by React in place of the kept screen)",
    value: median(fresh),
    unit: 'ms',
    budget: null,
    note: `same runs, served and read; ${range(fresh)}; without a kept screen (first opening) the first useful paint is ${median(cold).toFixed(0)} ms (${range(cold)}): script load, store open, one nudge-list read, first render`,
  });
  await captureCost();
} finally {
  await tend.close();
}
console.log(JSON.stringify({ results }));

/**
 * What IndexedDB alone costs to store the backup's records in Tend's layout, from a page of `t`. Measured in a
 * profile of its own: its 40 MB of writes, measured in the importing profile, left the store compacting them
 * during the import that followed (in two runs of this bench minutes apart, medians of 3: 8.0 s with the floor in the
 * same profile, 7.1 s with it apart, the floor itself 4.6 s both times).
 */
async function floorOnce(t: Tend, text: string, packs: Map<number, string[]>, people: Map<number, string[]>) {
  const page = await t.openPage('options.html');
  await page.evaluate(
    ([json, layout]) => {
      (globalThis as any).__backup = json;
      (globalThis as any).__layout = layout;
    },
    [text, { packs: [...packs], people: [...people] }] as const,
  );
  // Baseline, same run: what IndexedDB alone costs to store the same records in the same layout
  // (the history packs, the contacts with their index, the thread packs), plain puts
  // in one transaction, from a page.
  const floorMs = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const b = JSON.parse((globalThis as any).__backup);
        const layout = (globalThis as any).__layout as { packs: [number, string[]][]; people: [number, string[]][] };
        const open = indexedDB.open('bench-floor', 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('historyPacks', { keyPath: 'pack' });
          open.result.createObjectStore('contacts', { keyPath: 'email' }).createIndex('last', 'summary.lastAt');
          open.result.createObjectStore('threadPacks', { keyPath: 'pack' }).createIndex('size', 'size');
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const t0 = performance.now();
          const byContact = new Map<string, unknown[]>();
          for (const it of b.interactions) {
            const list = byContact.get(it.contact) ?? [];
            const { contact: _, ...item } = it;
            list.push({ ...item, at: Date.parse(it.at) });
            byContact.set(it.contact, list);
          }
          const threads = new Map<string, unknown>();
          for (const t of b.threads) threads.set(t.id, { ...t, lastAt: Date.parse(t.lastAt) });
          const tx = open.result.transaction(['historyPacks', 'contacts', 'threadPacks'], 'readwrite');
          for (const [pack, emails] of layout.people) {
            const histories = emails.flatMap((contact) => {
              const items = byContact.get(contact);
              return items ? [{ contact, items }] : [];
            });
            if (histories.length) tx.objectStore('historyPacks').put({ pack, histories });
          }
          for (const c of b.contacts) tx.objectStore('contacts').put({ ...c, summary: { lastAt: 0, count: 0 } });
          for (const [pack, ids] of layout.packs) {
            tx.objectStore('threadPacks').put({ pack, size: ids.length, threads: ids.map((id) => threads.get(id)) });
          }
          tx.oncomplete = () => resolve(performance.now() - t0);
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.close();
  return floorMs;
}

/** One import of the backup file through Options in `t`, timed from the input's change to "Imported …". */
async function importOnce(t: Tend, file: string) {
  const page = await t.openPage('options.html');
  // The import as the user does it: the file chosen in Options' Backup section, timed from the input's change
  // to the "Imported …" status (the file's bytes go to the background, which parses, validates, merges, writes).
  await page.evaluate(() => {
    const w = globalThis as any;
    document.addEventListener('change', () => (w.__changeAt = performance.now()), true);
    new MutationObserver(() => {
      if (w.__doneAt) return;
      const status = [...document.querySelectorAll('[role=status]')].find((e) =>
        /^(Imported|The backup)/.test(e.textContent ?? ''),
      );
      if (status) {
        w.__doneAt = performance.now();
        w.__status = status.textContent;
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel('Import backup').setInputFiles(file, { timeout: 120_000 });
  await until(() => page.evaluate(() => (globalThis as any).__doneAt as number | undefined), 'the import', 300_000);
  const { ingestMs, status } = await page.evaluate(() => {
    const w = globalThis as any;
    return { ingestMs: w.__doneAt - w.__changeAt, status: String(w.__status) };
  });
  if (!status.startsWith('Imported')) throw new Error(`the import failed: ${status}`);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
  return { page, ingestMs, status, load };
}

/**
 * Imports the 5,000-contact store through Options' Backup section (one row) and waits for its nudge list. The
 * import is timed three times, each into a fresh browser profile, beside IndexedDB's floor measured each time in a
 * profile of its own, and the medians are reported: single imports on this shared machine took 6 to 9 s.
 */
async function ingest() {
  // Realistic Gmail thread ids: about 25,000 threads, most of them older than the follow-up window.
  const backup = synthBackup({ contacts: CONTACTS, interactions: INTERACTIONS, now: NOW, events: 500, threads: true });
  const text = JSON.stringify(backup);
  // The layout Tend stores them in (lib/store/threads.ts): shared packs by a hash of the id, a recent and an old
  // one per hash.
  const windowStart = NOW - THREAD_WINDOW_MS;
  const recent = backup.threads.filter((t) => Date.parse(t.lastAt) > windowStart).length;
  const packs = new Map<number, string[]>();
  // And the people's histories, packed by a hash of their address (lib/store/histories.ts).
  const people = new Map<number, string[]>();
  for (const c of backup.contacts) {
    const p = historyPackOf(c.email);
    people.set(p, [...(people.get(p) ?? []), c.email]);
  }
  for (const t of backup.threads) {
    const h = threadPackOf(t.id);
    const p = Date.parse(t.lastAt) > windowStart ? h : oldPack(h);
    packs.set(p, [...(packs.get(p) ?? []), t.id]);
  }
  // A file on disk: the browser reads it itself (a buffer handed over by Playwright takes half a minute).
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tend-bench-')), 'tend-backup.json');
  writeFileSync(file, text);
  // Each run: the floor in a fresh profile, then the import in another (the last one in the profile the surfaces
  // below are measured in).
  const fresh = async <T>(f: (t: Tend) => Promise<T>) => {
    const t = await launchTend({});
    try {
      return await f(t);
    } finally {
      await t.close();
    }
  };
  const runs: Awaited<ReturnType<typeof importOnce>>[] = [];
  const floors: number[] = [];
  for (let i = 0; i < 3; i++) {
    floors.push(await fresh((t) => floorOnce(t, text, packs, people)));
    runs.push(i < 2 ? await fresh((t) => importOnce(t, file)) : await importOnce(tend, file));
  }
  const last = runs[2] as (typeof runs)[number];
  const ms = runs.map((r) => r.ingestMs);
  const ingestMs = median(ms);
  const floorMs = median(floors);
  results.push({
    id: 'ingest-100k',
    label: 'Ingest 100,000 interactions for 5,000 contacts and ~25,000 threads (a backup file through Options)',
    value: ingestMs,
    unit: 'ms',
    budget: 5000,
    note: `median of 3 imports, each into a fresh profile (${ms.map((x) => (x / 1000).toFixed(1)).join(', ')} s); ${backup.threads.length.toLocaleString('en-US')} threads (${recent.toLocaleString('en-US')} within the follow-up window) in ${packs.size} packs, the histories of ${CONTACTS.toLocaleString('en-US')} people in ${people.size}, a ${(text.length / 1e6).toFixed(0)} MB file; from choosing the file to "${last.status.slice(0, 60)}…": the file handed to the background, parse + validation + merge + summaries + writes; IndexedDB alone, the same records in the same layout in plain puts, took ${floorMs.toFixed(0)} ms in the same runs, in profiles of their own (median; ${floors.map((x) => (x / 1000).toFixed(1)).join(', ')} s; ${(ingestMs / floorMs).toFixed(1)}×); load average ${runs.map((r) => r.load).join(', ')}`,
  });
  const page = last.page;
  // Wait until the background has recomputed the nudge list for the new store.
  const refreshMs = await page.evaluate(async () => {
    const t0 = performance.now();
    await (globalThis as any).chrome.runtime.sendMessage({ type: 'refresh' });
    return performance.now() - t0;
  });
  await until(
    () =>
      page.evaluate(
        () =>
          new Promise((resolve) => {
            const req = indexedDB.open('tend');
            req.onsuccess = () => {
              const tx = req.result.transaction('kv', 'readonly');
              const get = tx.objectStore('kv').get('nudges');
              get.onsuccess = () => resolve(Boolean(get.result && get.result.value.nudges.length > 0));
            };
            req.onerror = () => resolve(false);
          }),
      ),
    'the nudge list',
    120_000,
  );
  void refreshMs;
}

/**
 * What a Gmail capture costs the background on the 5,000-contact store, where each person's history shares a record
 * with about 20 others' (lib/store/histories.ts): an inbox page of 30 rows, each a new message from a different
 * person, through the protocol as the content script sends it, timed until its answer (parse, the recent packs of
 * threads, the people's history packs read and written, summaries). Beside it, the same page sent again, which
 * changes nothing: the cost of the message and the reads alone.
 */
async function captureCost() {
  const page = await tend.openPage('options.html');
  const emails = await page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('tend');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const keys = req.result.transaction('contacts').objectStore('contacts').getAllKeys();
          keys.onsuccess = () => resolve(keys.result as string[]);
        };
      }),
  );
  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  // Gmail's date title in English, e.g. "Wed, Dec 2, 2026 at 9:05 AM", in the browser's zone (the harness's).
  const title = (ms: number) => {
    const d = new Date(new Date(ms).toLocaleString('en-US', { timeZone: 'America/New_York' }));
    const h = d.getHours() % 12 || 12;
    return `${DAYS[d.getDay()]}, ${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()} at ${h}:${String(d.getMinutes()).padStart(2, '0')} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
  };
  const send = (rows: unknown[], batch: string) =>
    page.evaluate(
      async (capture) => {
        const t0 = performance.now();
        const r = await (globalThis as any).chrome.runtime.sendMessage({ type: 'capture-gmail', capture });
        return { ms: performance.now() - t0, ok: r.ok as boolean, stored: r.stored as number, error: r.error };
      },
      {
        batchId: batch,
        account: 'me@tend.example',
        view: 'inbox',
        lang: 'en',
        rows,
        health: { recognised: true },
      },
    );
  const fresh: number[] = [];
  const again: number[] = [];
  const ROUNDS = 9;
  for (let round = 0; round < ROUNDS; round++) {
    // 30 people spread over the address book, other ones each round.
    const rows = Array.from({ length: 30 }, (_, i) => {
      const email = emails[(round * 31 + i * 163) % emails.length] as string;
      return {
        legacyThreadId: `1${(0x9a0000000000000 + round * 1000 + i).toString(16)}`,
        subject: `Bench capture ${round}.${i}`,
        people: [{ email, name: '' }],
        dateTitle: title(Date.now() - (i + 1) * 120_000),
        unread: true,
      };
    });
    const a = await send(rows, `bench-${round}`);
    if (!a.ok || a.stored < 30) throw new Error(`the capture was not stored: ${JSON.stringify(a)}`);
    const b = await send(rows, `bench-${round}-again`);
    if (!b.ok) throw new Error(`the capture sent again failed: ${JSON.stringify(b)}`);
    fresh.push(a.ms);
    again.push(b.ms);
  }
  await page.close();
  results.push({
    id: 'capture-30-people',
    label: 'A Gmail capture of 30 new messages from 30 people, on the 5,000-contact store (through the background)',
    value: median(fresh),
    unit: 'ms',
    budget: null,
    note: `median of ${ROUNDS}, other people each time (${range(fresh)}); from sending the capture to its answer: 30 history packs of about 20 people each read and rewritten, with the summaries and the thread packs; the same page sent again, which changes nothing, took ${median(again).toFixed(0)} ms (${range(again)})`,
  });
}
