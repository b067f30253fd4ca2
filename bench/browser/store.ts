/**
 * In the built extension, in Chromium: ingesting 100,000 interactions (5,000 contacts) through the
 * background's import, recomputing the nudge list, and the popup's first useful paint on that store.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION, launchTend, until } from '../../tests/e2e/harness';
import { synthBackup } from '../../tests/support/synth';

const NOW = Date.now();
const CONTACTS = 5_000;
const INTERACTIONS = 100_000;

const tend = await launchTend();
const results = [];
try {
  // Realistic Gmail thread ids: about 25,000 threads, each a record of its own beside the packed histories.
  const backup = synthBackup({ contacts: CONTACTS, interactions: INTERACTIONS, now: NOW, events: 500, threads: true });
  const page = await tend.openPage('options.html');
  // The backup file's text is handed to the page first, so the figure is the background's work, not the test's
  // IPC setup. Options sends the file's text as it is (one string crosses to the background in one copy).
  await page.evaluate((text) => {
    (globalThis as any).__backup = text;
  }, JSON.stringify(backup));
  // Baseline, same browser, same moment: what IndexedDB alone costs to store the same records (the packed
  // histories, the contacts with their index, the threads with theirs), plain puts in one transaction per table.
  const floorMs = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const b = JSON.parse((globalThis as any).__backup);
        const open = indexedDB.open('bench-floor', 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('histories', { keyPath: 'contact' });
          open.result.createObjectStore('contacts', { keyPath: 'email' }).createIndex('last', 'summary.lastAt');
          open.result.createObjectStore('threads', { keyPath: 'id' }).createIndex('lastAt', 'lastAt');
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const t0 = performance.now();
          const byContact = new Map<string, unknown[]>();
          for (const it of b.interactions) {
            const list = byContact.get(it.contact) ?? [];
            list.push({ ...it, at: Date.parse(it.at) });
            byContact.set(it.contact, list);
          }
          const tx = open.result.transaction(['histories', 'contacts', 'threads'], 'readwrite');
          for (const [contact, items] of byContact) tx.objectStore('histories').put({ contact, items });
          for (const c of b.contacts) tx.objectStore('contacts').put({ ...c, summary: { lastAt: 0, count: 0 } });
          for (const t of b.threads) tx.objectStore('threads').put({ ...t, lastAt: Date.parse(t.lastAt) });
          tx.oncomplete = () => resolve(performance.now() - t0);
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  const ingestMs = await page.evaluate(async () => {
    const t0 = performance.now();
    const r = await (globalThis as any).chrome.runtime.sendMessage({
      type: 'import',
      backup: (globalThis as any).__backup,
    });
    if (!r.ok) throw new Error(JSON.stringify(r).slice(0, 500));
    return performance.now() - t0;
  });
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  results.push({
    id: 'ingest-100k',
    label: 'Ingest 100,000 interactions for 5,000 contacts and ~25,000 threads (import, bounded transactions)',
    value: ingestMs,
    unit: 'ms',
    budget: 5000,
    note: `${backup.threads.length.toLocaleString('en-US')} threads; the backup's JSON text passed to the background + parse + validation + merge + summaries + writes; IndexedDB alone, the same records in plain puts, took ${floorMs.toFixed(0)} ms in the same run (${(ingestMs / floorMs).toFixed(1)}×); load average ${load}`,
  });

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

  // First useful paint: from navigation start until the first nudge row is on screen. A page of the same
  // extension with nothing in it, opened the same way in between, is the floor the browser (and the test's
  // own instrumentation) sets on this machine; the difference is Tend's own share.
  writeFileSync(
    path.join(EXTENSION, 'bench-blank.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>blank</title></head><body><div id="root"></div></body></html>',
  );
  const paints: number[] = [];
  const blanks: number[] = [];
  for (let i = 0; i < 9; i++) {
    for (const page of ['bench-blank.html', 'popup.html']) {
      const p = await tend.context.newPage();
      await p.addInitScript(() => {
        const obs = new MutationObserver(() => {
          if (document.querySelector('main li, [role="list"] li, [role="listitem"]')) {
            (globalThis as any).__firstUseful = performance.now();
            obs.disconnect();
          }
        });
        obs.observe(document, { childList: true, subtree: true });
      });
      await p.goto(`chrome-extension://${tend.extensionId}/${page}`);
      if (page === 'popup.html') {
        const t = await until(
          () => p.evaluate(() => (globalThis as any).__firstUseful as number | undefined),
          'popup rows',
          30_000,
        );
        paints.push(t ?? Number.NaN);
      } else {
        await p.waitForLoadState('load');
        blanks.push(
          await p.evaluate(
            () =>
              (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
          ),
        );
      }
      await p.close();
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const popup = median(paints);
  const floor = median(blanks);
  results.push({
    id: 'popup-first-paint',
    label: 'Popup first useful paint, 5,000 contacts / 100,000 interactions (median of 9)',
    value: popup,
    unit: 'ms',
    budget: 100,
    note: `from navigation start; min ${Math.min(...paints).toFixed(0)} max ${Math.max(...paints).toFixed(0)}; an empty page of the extension takes ${floor.toFixed(0)} ms here`,
  });
  results.push({
    id: 'popup-first-paint-own',
    label: "Popup first useful paint, Tend's own share (minus an empty extension page)",
    value: popup - floor,
    unit: 'ms',
    budget: null,
    note: 'script load, store open, one nudge-list read, first render',
  });

  // The People view: from navigation start until the first body row of the 5,000-person table is on screen,
  // against the same empty page's floor.
  const people: number[] = [];
  for (let i = 0; i < 7; i++) {
    const p = await tend.context.newPage();
    await p.addInitScript(() => {
      const obs = new MutationObserver(() => {
        if (document.querySelector('tbody tr[aria-rowindex="2"]')) {
          (globalThis as any).__firstRows = performance.now();
          obs.disconnect();
        }
      });
      obs.observe(document, { childList: true, subtree: true });
    });
    await p.goto(`chrome-extension://${tend.extensionId}/people.html`);
    people.push(
      (await until(
        () => p.evaluate(() => (globalThis as any).__firstRows as number | undefined),
        'people rows',
        30_000,
      )) ?? Number.NaN,
    );
    await p.close();
  }
  const firstRows = median(people);
  results.push({
    id: 'people-first-rows',
    label: 'People view first rows, 5,000 contacts (median of 7)',
    value: firstRows,
    unit: 'ms',
    budget: 100,
    note: `from navigation start; min ${Math.min(...people).toFixed(0)} max ${Math.max(...people).toFixed(0)}; Tend's own share ${(firstRows - floor).toFixed(0)} ms over the empty page; reads every contact once, renders only the rows in view`,
  });
} finally {
  await tend.close();
}
console.log(JSON.stringify({ results }));
