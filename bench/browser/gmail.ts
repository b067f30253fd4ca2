/**
 * Gmail content-script cost, in Chromium:
 * - the built content script's size;
 * - scanning a 100-row thread list and a 50-message thread with the same extractors the script uses;
 * - a Gmail-like page that mutates for 10 s, with and without Tend loaded, in the same run: main-thread
 *   time (CDP Performance.getMetrics TaskDuration) and the ratio between the two.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { EXTENSION, fixture, launchTend, ROOT } from '../../tests/e2e/harness';
import { anchorNote } from '../anchors';

const results: { id: string; label: string; value: number; unit: string; budget: number | null; note?: string }[] = [];

// 1. Size of the built Gmail content script.
const csDir = path.join(EXTENSION, 'content-scripts');
const gmailJs = readdirSync(csDir).find((f) => f.startsWith('gmail') && f.endsWith('.js'));
if (!gmailJs) throw new Error('no built Gmail content script');
results.push({
  id: 'gmail-content-script-size',
  label: 'Gmail content script, built and minified',
  value: statSync(path.join(csDir, gmailJs)).size / 1024,
  unit: 'KB',
  budget: 25,
  note: await anchorNote(),
});

// 2. Scan cost with the real extractors, bundled for the page.
const bundle = await build({
  stdin: {
    contents: `import { parseThreadList, parseOpenThread } from './lib/capture/gmail-extract';
      globalThis.TendScan = { parseThreadList, parseOpenThread };`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  write: false,
  minify: true,
});
const scanJs = bundle.outputFiles[0]?.text ?? '';

/** Grows a fixture to `n` copies of its first `selector` element, each with its own ids. */
function grow(html: string, selector: string, n: number): string {
  return html.replace(
    '</body>',
    `<script>
    (() => {
      const first = document.querySelector(${JSON.stringify(selector)});
      if (!first) throw new Error('fixture has no ${selector}');
      const parent = first.parentNode;
      const all = parent.querySelectorAll(${JSON.stringify(selector)});
      for (let i = all.length; i < ${n}; i++) {
        const c = first.cloneNode(true);
        for (const el of [c, ...c.querySelectorAll('*')]) {
          for (const a of ['data-thread-id', 'data-legacy-thread-id', 'data-message-id', 'data-legacy-message-id']) {
            const v = el.getAttribute(a);
            if (v) el.setAttribute(a, v.replace(/[0-9a-f]{4}$/, (i + 4096).toString(16).slice(-4)));
          }
        }
        parent.appendChild(c);
      }
    })();
  </script></body>`,
  );
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  // Each sample times 10 scans in a row (the browser's clock is coarse, 0.1 ms), after 30 warm-up scans; three
  // fresh loads of the page, 40 samples each, and the median of all 120.
  const median = async (html: string, expr: string) => {
    const all: number[] = [];
    let size = 0;
    for (let load = 0; load < 3; load++) {
      await page.setContent(html);
      await page.addScriptTag({ content: scanJs });
      const r = await page.evaluate((code) => {
        const fn = new Function(code) as () => unknown;
        for (let i = 0; i < 30; i++) fn();
        const times: number[] = [];
        let n = 0;
        for (let i = 0; i < 40; i++) {
          const t0 = performance.now();
          for (let k = 0; k < 10; k++) {
            const r = fn() as { rows?: unknown[]; thread?: { messages: unknown[] } };
            n = r.rows?.length ?? r.thread?.messages.length ?? 0;
          }
          times.push((performance.now() - t0) / 10);
        }
        return { times, size: n };
      }, expr);
      all.push(...r.times);
      size = r.size;
    }
    all.sort((a, b) => a - b);
    return { ms: all[Math.floor(all.length / 2)] ?? Number.NaN, size, fastest: all[0] ?? Number.NaN };
  };
  const list = await median(
    grow(fixture('gmail/inbox.html'), 'tr.zA', 100),
    'return TendScan.parseThreadList(document)',
  );
  if (list.size < 100) throw new Error(`the list scan saw ${list.size} rows, not 100`);
  results.push({
    id: 'gmail-scan-list',
    label: 'Scan a 100-row thread list (Chromium, median)',
    value: list.ms,
    unit: 'ms',
    budget: 2,
    note: `median of 120 samples of 10 scans; fastest ${list.fastest.toFixed(2)} ms`,
  });
  const thread = await median(
    grow(fixture('gmail/thread-long.html'), 'div.adn', 50),
    'return TendScan.parseOpenThread(document, { self: ["me@example.com"] })',
  );
  if (thread.size < 50) throw new Error(`the thread scan saw ${thread.size} messages, not 50`);
  results.push({
    id: 'gmail-scan-thread',
    label: 'Scan a 50-message thread (Chromium, median)',
    value: thread.ms,
    unit: 'ms',
    budget: 2,
    note: `median of 120 samples of 10 scans; fastest ${thread.fastest.toFixed(2)} ms`,
  });
} finally {
  await browser.close();
}

// 3. A mutating Gmail page for 10 s, with and without Tend, in the same run.
const MUTATOR = `<script>
  (() => {
    const rows = () => document.querySelectorAll('tr.zA');
    let n = 0;
    const tick = () => {
      const all = rows();
      const row = all[n % all.length];
      if (row) {
        const c = row.cloneNode(true);
        for (const el of [c, ...c.querySelectorAll('[data-thread-id]')]) el.setAttribute('data-thread-id', '#thread-f:' + (1780000000000000000n + BigInt(n)).toString());
        const t = c.querySelector('span[title]');
        if (t) t.textContent = (n % 12 + 1) + ':' + String(n % 60).padStart(2, '0') + ' PM';
        row.parentNode.insertBefore(c, all[0]);
        if (all.length > 60) all[all.length - 1].remove();
      }
      const box = document.getElementById('bench-noise') || document.body.appendChild(Object.assign(document.createElement('div'), { id: 'bench-noise' }));
      box.textContent = 'tick ' + n;
      n++;
    };
    window.__benchTimer = setInterval(tick, 50);
  })();
</script>`;
const mutating = fixture('gmail/inbox.html').replace('</body>', `${MUTATOR}</body>`);

async function mainThreadSeconds(withTend: boolean): Promise<{ task: number; script: number }> {
  const tend = await launchTend();
  try {
    if (!withTend) {
      // Same browser build and flags; the extension's content scripts are switched off for this profile by
      // serving the page at an address they do not match.
    }
    const url = withTend
      ? 'https://mail.google.com/mail/u/0/#inbox'
      : 'https://mail.google.com.invalid.test/mail/u/0/#inbox';
    await tend.context.route(
      withTend ? 'https://mail.google.com/**' : 'https://mail.google.com.invalid.test/**',
      (route) => route.fulfill({ contentType: 'text/html', body: mutating }),
    );
    const page = await tend.context.newPage();
    const cdp = await tend.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url);
    await page.waitForTimeout(1_000);
    const before = await cdp.send('Performance.getMetrics');
    await page.waitForTimeout(10_000);
    const after = await cdp.send('Performance.getMetrics');
    const get = (m: { metrics: { name: string; value: number }[] }, name: string) =>
      m.metrics.find((x) => x.name === name)?.value ?? 0;
    return {
      task: get(after, 'TaskDuration') - get(before, 'TaskDuration'),
      // JavaScript alone (the page's and the content script's): far steadier than layout and paint.
      script: get(after, 'ScriptDuration') - get(before, 'ScriptDuration'),
    };
  } finally {
    await tend.close();
  }
}

// Pairs in alternating order (the machine's own drift falls on both sides).
type Cost = { task: number; script: number };
const runs: { without: Cost; with: Cost }[] = [];
for (let i = 0; i < 4; i++) {
  if (i % 2 === 0) {
    const w = await mainThreadSeconds(false);
    runs.push({ without: w, with: await mainThreadSeconds(true) });
  } else {
    const t = await mainThreadSeconds(true);
    runs.push({ with: t, without: await mainThreadSeconds(false) });
  }
}
const median4 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return ((s[1] ?? 0) + (s[2] ?? 0)) / 2;
};
// Tend adds JavaScript only (it reads attributes and text, never layout): its cost is the JavaScript time it
// adds, against the page's whole main-thread time. The raw ratio of main-thread totals is given beside it: on
// a shared 2-core machine the layout and paint of the mutating page swing it by ±15 % from one run to the next.
const added = runs.map((r) => ((r.with.script - r.without.script) / r.without.task) * 100);
const raw = runs.map((r) => ((r.with.task - r.without.task) / r.without.task) * 100).sort((a, b) => a - b);
const mean = (xs: number[]) => (xs.reduce((s, x) => s + x, 0) / xs.length) * 1000;
results.push({
  id: 'gmail-mutating-overhead',
  label: 'Main-thread time Tend adds to a Gmail page mutating for 10 s (its JavaScript vs the page without Tend)',
  value: median4(added),
  unit: '%',
  budget: 5,
  note: `median of ${runs.length} pairs in alternating order; JavaScript without ${mean(runs.map((r) => r.without.script)).toFixed(0)} ms, with ${mean(runs.map((r) => r.with.script)).toFixed(0)} ms, of ${mean(runs.map((r) => r.without.task)).toFixed(0)} ms main-thread time; raw ratio of main-thread totals ${median4(raw).toFixed(1)} % (pairs ${raw[0]?.toFixed(1)} % to ${raw.at(-1)?.toFixed(1)} %)`,
});
console.log(JSON.stringify({ results }));
