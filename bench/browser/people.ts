/**
 * The People view at 5,000 contacts, in the built extension in Chromium: the first rows from navigation start
 * (against an empty page of the same extension opened the same way in the same run: the floor this machine
 * sets), and the frame times while the table scrolls (requestAnimationFrame deltas, the scroll moved one step per
 * frame, as a fast wheel or a dragged scrollbar does), against the same frames on the empty page.
 */

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION, launchTend, until } from '../../tests/e2e/harness';
import { synthBackup } from '../../tests/support/synth';
import { fromFile, keptPageServed, ONE_ROW_PAGE, paintTimes, writeOneRowPage } from '../first-paint';
import { median, quantile } from '../stats';

const NOW = Date.now();
const CONTACTS = 5_000;
const INTERACTIONS = 100_000;
const RUNS = 9;
const FRAMES = 600;
/** A frame at 60 Hz. */
const BUDGET_MS = 1000 / 60;
/**
 * requestAnimationFrame's timestamps jitter by a fraction of a millisecond around the display's 16.7 ms (the empty
 * page's p95 is 16.7 or 16.8 on a quiet host): a frame is on time within 1 ms of it, here and in the share below.
 */
const JITTER_MS = 1;

/**
 * In the page: scroll `selector` by `step` px every frame for `frames` frames; resolves to the deltas between
 * frames. Plain JavaScript in a string: tsx would wrap a function's inner names in a helper the page lacks.
 */
const SCROLL_FRAMES = `({ selector, frames, step }) => new Promise((resolve) => {
  const el = selector ? document.querySelector(selector) : null;
  const deltas = [];
  let last = 0, n = 0, dir = 1;
  const tick = (t) => {
    if (last) deltas.push(t - last);
    last = t;
    if (el) {
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - step) dir = -1;
      else if (el.scrollTop <= 0) dir = 1;
      el.scrollTop += dir * step;
    }
    if (++n <= frames) requestAnimationFrame(tick);
    else resolve(deltas);
  };
  requestAnimationFrame(tick);
})`;

function scrollFrames(page: Page, o: { selector: string | null; frames: number; step: number }): Promise<number[]> {
  return page.evaluate(`(${SCROLL_FRAMES})(${JSON.stringify(o)})`) as Promise<number[]>;
}

const tend = await launchTend();
const results = [];
try {
  const backup = synthBackup({ contacts: CONTACTS, interactions: INTERACTIONS, now: NOW });
  const setup = await tend.openPage('options.html');
  await setup.evaluate((b) => {
    (globalThis as any).__backup = b;
  }, backup);
  await setup.evaluate(async () => {
    const r = await (globalThis as any).chrome.runtime.sendMessage({
      type: 'import',
      backup: (globalThis as any).__backup,
    });
    if (!r.ok) throw new Error(JSON.stringify(r).slice(0, 500));
  });
  await setup.close();

  writeFileSync(
    path.join(EXTENSION, 'bench-blank.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>blank</title></head><body><div id="root"></div></body></html>',
  );
  // The view keeps its opening screen after it has rendered (entrypoints/people/first-screen.ts): open it once
  // and keep a copy, restored before each "kept" run; "cold" runs remove it (the first opening after install).
  // First rows as the popup's first useful paint is timed (bench/first-paint.ts): the first row's name
  // painted, against the page holding one such row, in rotating order.
  const SCREEN_KEY = 'tend:people-screen';
  const VIEWPORT = { width: 1200, height: 900 };
  const warm = await tend.openPage('people.html');
  await warm.setViewportSize(VIEWPORT);
  const keptScreen = await until(
    () => warm.evaluate((k) => localStorage.getItem(k), SCREEN_KEY),
    'the kept People view',
    60_000,
  );
  await keptPageServed(warm, '/people.html');
  await warm.close();
  writeOneRowPage();
  const ROW = 'tbody tr[aria-rowindex="2"] td.col-name button';
  const firstRows: number[] = [];
  const fileRows: number[] = [];
  const coldRows: number[] = [];
  const blanks: number[] = [];
  // "kept": served by the awake background with the kept view in its markup; "file": the same read from its file
  // (the background asleep), painted by /kept-paint.js; "cold": from its file with nothing kept.
  const kinds = ['floor', 'kept', 'file', 'cold'] as const;
  for (let i = 0; i < RUNS; i++) {
    for (let j = 0; j < kinds.length; j++) {
      const kind = kinds[(i + j) % kinds.length];
      if (kind === 'floor') {
        blanks.push((await paintTimes(tend, ONE_ROW_PAGE, { selector: '.row .row-name', viewport: VIEWPORT })).fresh);
        continue;
      }
      const t = await paintTimes(tend, kind === 'kept' ? 'people.html' : fromFile('people.html'), {
        selector: ROW,
        keep: { key: SCREEN_KEY, value: kind === 'cold' ? null : keptScreen },
        viewport: VIEWPORT,
      });
      if (t.byWorker !== (kind === 'kept')) throw new Error(`People ${kind}: answered by the worker: ${t.byWorker}`);
      if (kind === 'cold') coldRows.push(t.fresh);
      else (kind === 'kept' ? firstRows : fileRows).push(Math.min(t.cached ?? Number.POSITIVE_INFINITY, t.fresh));
    }
  }
  const rows = median(firstRows);
  const floor = median(blanks);
  results.push({
    id: 'people-first-rows',
    label: 'People view first rows, 5,000 contacts / 100,000 interactions, background awake (median of 9)',
    value: rows,
    unit: 'ms',
    budget: 100,
    note: `from navigation start to the first row's name painted (Element Timing); min ${Math.min(...firstRows).toFixed(0)} max ${Math.max(...firstRows).toFixed(0)}; an extension page holding one such row paints it in ${floor.toFixed(0)} ms here (min ${Math.min(...blanks).toFixed(0)} max ${Math.max(...blanks).toFixed(0)}), so Tend's own share is ${(rows - floor).toFixed(0)} ms; the rows are the view kept at its last opening, served by the background worker in the page's markup; read from its file (the background asleep, /kept-paint.js painting the kept view from localStorage) ${median(fileRows).toFixed(0)} ms (min ${Math.min(...fileRows).toFixed(0)} max ${Math.max(...fileRows).toFixed(0)}); without one (the first opening) ${median(coldRows).toFixed(0)} ms (min ${Math.min(...coldRows).toFixed(0)} max ${Math.max(...coldRows).toFixed(0)}): every contact read once, only the rows in view drawn`,
  });

  // Frames while scrolling: the table (44 px rows, 88 px a frame: two rows, 5,300 px a second), and the empty page.
  const people = await tend.context.newPage();
  await people.setViewportSize({ width: 1200, height: 900 });
  await people.goto(`chrome-extension://${tend.extensionId}/people.html`);
  await people.locator('tbody tr[aria-rowindex="2"]').waitFor({ timeout: 30_000 });
  await people.waitForTimeout(500);
  const blank = await tend.context.newPage();
  await blank.goto(`chrome-extension://${tend.extensionId}/bench-blank.html`);
  const table: number[] = [];
  const empty: number[] = [];
  // Alternating halves, so a burst of load on the shared machine falls on both.
  for (let i = 0; i < 4; i++) {
    await people.bringToFront();
    table.push(...(await scrollFrames(people, { selector: '.people-scroll', frames: FRAMES / 4, step: 88 })));
    await blank.bringToFront();
    empty.push(...(await scrollFrames(blank, { selector: null, frames: FRAMES / 4, step: 0 })));
  }
  const rendered = await people.locator('tbody tr.people-row').count();
  const over = (xs: number[], limit: number) => xs.filter((d) => d > limit).length / xs.length;
  const p50 = median(table);
  const p95 = quantile(table, 0.95);
  const share = over(table, BUDGET_MS + JITTER_MS);
  results.push({
    id: 'people-scroll-p95',
    label:
      'People view scrolling at 5,000 contacts: frame time p95 (requestAnimationFrame; a frame at 60 Hz, 1 ms of timer jitter allowed)',
    value: p95,
    unit: 'ms',
    budget: Math.round((BUDGET_MS + JITTER_MS) * 10) / 10,
    note: `${table.length} frames scrolling 88 px each; p50 ${p50.toFixed(1)} ms, max ${Math.max(...table).toFixed(0)} ms; ${rendered} rows in the page; the empty extension page in the same run: p50 ${median(empty).toFixed(1)} ms, p95 ${quantile(empty, 0.95).toFixed(1)} ms`,
  });
  results.push({
    id: 'people-scroll-long-frames',
    label: 'People view scrolling: share of frames over 16.7 ms (a frame at 60 Hz, 1 ms of timer jitter allowed)',
    value: share * 100,
    unit: '%',
    budget: 5,
    note: `the empty extension page in the same run: ${(over(empty, BUDGET_MS + JITTER_MS) * 100).toFixed(1)} %; frames over 33.4 ms (two frames): ${(over(table, 2 * BUDGET_MS) * 100).toFixed(1)} % vs ${(over(empty, 2 * BUDGET_MS) * 100).toFixed(1)} %`,
  });
  await Promise.all([people.close(), blank.close()]);
} finally {
  await tend.close();
}
console.log(JSON.stringify({ results }));
