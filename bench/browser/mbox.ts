/**
 * In the built extension, in Chromium: importing a generated Takeout-like mailbox (about 450 MB, 40,000
 * messages, ~3 KB header blocks, 4 % with a 200 KB base64 attachment, 30 % sent) through the real Options page,
 * end to end (file chosen → summary shown). Generated to /tmp at bench time, never committed.
 *
 * Peak memory: the resident size of Chromium's extension processes (the Options page and its worker run
 * there), sampled every 100 ms from /proc, above what they used before the import began.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { launchTend } from '../../tests/e2e/harness';
import { writeTakeoutMbox } from '../../tests/support/mbox-gen';

const MESSAGES = 40_000;
const cores = cpus().length;
let tend: Awaited<ReturnType<typeof launchTend>>;
const dir = '/tmp/tend-bench-mbox';
mkdirSync(dir, { recursive: true });
const file = `${dir}/All mail Including Spam and Trash.mbox`;
const size = await writeTakeoutMbox(file, {
  messages: MESSAGES,
  attachmentShare: 0.04,
  attachmentBytes: 200_000,
  sentShare: 0.3,
  headerBytes: 3000,
  people: 3000,
  now: Date.now(),
});

/** Extension processes of THIS browser (others may run on the machine): descendants of its main process. */
function extensionPids(): string[] {
  const parent = new Map<string, string>();
  const cmd = new Map<string, string>();
  for (const pid of execSync('ls /proc', { encoding: 'utf8' }).split(/\s+/)) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      parent.set(pid, readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] ?? '');
      cmd.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      // gone
    }
  }
  const roots = [...cmd].filter(([, c]) => c.includes(tend.userDataDir)).map(([p]) => p);
  const ours = (pid: string): boolean => {
    for (let p = pid, k = 0; p && k < 10; p = parent.get(p) ?? '', k++) if (roots.includes(p)) return true;
    return false;
  };
  return [...cmd].filter(([p, c]) => c.includes('--extension-process') && ours(p)).map(([p]) => p);
}

/** Resident bytes of Chromium's extension processes. */
function extensionRss(): number {
  let total = 0;
  for (const pid of extensionPids()) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/** CPU seconds (user + system) the extension processes have used: a figure the machine's load does not inflate. */
function extensionCpuSeconds(): number {
  let ticks = 0;
  for (const pid of extensionPids()) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

/** One import into a fresh browser profile: wall time, the worker's split, CPU and memory. */
async function importOnce() {
  tend = await launchTend();
  try {
    const page = await tend.openPage('options.html');
    const input = page.getByLabel('Import mail history (.mbox)');
    await input.waitFor();
    await page.evaluate(() => {
      const el = document.querySelector('input[type="file"][accept^=".mbox"]');
      el?.addEventListener('change', () => ((globalThis as any).__t0 = performance.now()), { capture: true });
    });
    // Baseline, same browser, same moment: reading the same file in the importer's slices and doing nothing else.
    await page.evaluate(() => {
      const el = document.createElement('input');
      el.type = 'file';
      el.id = 'bench-floor';
      el.hidden = true;
      document.body.append(el);
    });
    await page.setInputFiles('#bench-floor', file);
    const floorMs = await page.evaluate(async () => {
      const f = (document.querySelector('#bench-floor') as HTMLInputElement).files?.[0];
      if (!f) throw new Error('no file');
      const t0 = performance.now();
      for (let at = 0; at < f.size; at += 4 * 1024 * 1024) await f.slice(at, at + 4 * 1024 * 1024).arrayBuffer();
      return performance.now() - t0;
    });
    await new Promise((r) => setTimeout(r, 1000));
    const base = extensionRss();
    const cpu0 = extensionCpuSeconds();
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, extensionRss());
    }, 100);
    await input.setInputFiles(file);
    // No named functions inside: tsx would wrap them in a helper the page does not have.
    const handle = await page.waitForFunction(
      () => {
        const t = document.querySelector('#mail-history [role="status"]')?.textContent ?? '';
        return t.length > 0 ? { ms: performance.now() - (globalThis as any).__t0, text: t } : null;
      },
      null,
      { timeout: 0, polling: 50 },
    );
    const out = (await handle.jsonValue()) as { ms: number; text: string };
    clearInterval(sampler);
    const cpu = extensionCpuSeconds() - cpu0;
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    if (!out.text.startsWith('Imported')) throw new Error(`the import failed: ${out.text}`);
    const timings = await page.evaluate(
      () =>
        new Promise<{ readMs: number; parseMs: number; commitMs: number; finishMs: number } | null>((resolve) => {
          const open = indexedDB.open('tend');
          open.onsuccess = () => {
            const req = open.result.transaction('kv').objectStore('kv').getAll();
            req.onsuccess = () => {
              const rec = (req.result as { key: string; value: any }[]).find((r) => r.key.startsWith('mbox-import:'));
              resolve(rec?.value?.summary?.timings ?? null);
            };
          };
        }),
    );
    return { seconds: out.ms / 1000, text: out.text, timings, floorMs, cpu, peak, base, load };
  } finally {
    await tend.close();
  }
}

// Three imports, each into a fresh profile: the machine is shared, and one run can meet another program's work.
const RUNS = 3;
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await importOnce());
rmSync(dir, { recursive: true, force: true });
const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
const { seconds, text, timings, floorMs, cpu, base, load } = sorted[Math.floor(RUNS / 2)] as (typeof runs)[number];
const peak = Math.max(...runs.map((r) => r.peak - r.base));
const spread = `median of ${RUNS} imports, each into a fresh profile (${sorted.map((r) => r.seconds.toFixed(1)).join(', ')} s)`;
const results = [];
{
  const split = timings
    ? `; in the worker: reading the file ${(timings.readMs / 1000).toFixed(1)} s, scanning and reading messages ${(timings.parseMs / 1000).toFixed(1)} s, writing chunks ${(timings.commitMs / 1000).toFixed(1)} s, nudge list ${(timings.finishMs / 1000).toFixed(1)} s`
    : '';
  const mb = size / 1e6;
  results.push(
    {
      id: 'mbox-import-seconds',
      label: `Import a ${Math.round(mb)} MB Takeout-like mailbox (${MESSAGES.toLocaleString('en-US')} messages) through Options, end to end`,
      value: seconds,
      unit: 's',
      budget: Math.round((mb / 25) * 10) / 10,
      note: `budget = 25 MB/s; ${spread}; ${text}${split}`,
    },
    {
      id: 'mbox-import-mbps',
      label: 'Mailbox import speed',
      value: mb / seconds,
      unit: 'MB/s',
      budget: null,
      note: `target ≥ 25 MB/s, goal 100 MB/s; ${Math.round(MESSAGES / seconds).toLocaleString('en-US')} messages/s; load average ${load} on ${cores} cores; reading the same file alone in the same run: ${(floorMs / 1000).toFixed(1)} s (${(mb / (floorMs / 1000)).toFixed(0)} MB/s)`,
    },
    {
      id: 'mbox-import-mb-per-cpu-second',
      label: 'Mailbox import per CPU second (extension processes, user + system)',
      value: mb / cpu,
      unit: 'MB/s',
      budget: null,
      note: `${cpu.toFixed(1)} CPU seconds for ${Math.round(mb)} MB; unlike the wall time, not inflated by other work on the machine`,
    },
    {
      id: 'mbox-import-peak-memory',
      label: 'Mailbox import peak memory (extension processes, above idle; the highest of the runs)',
      value: peak / 2 ** 20,
      unit: 'MiB',
      budget: null,
      note: `RSS sampled every 100 ms; ${Math.round(base / 2 ** 20)} MiB before the median run; the file is ${Math.round(mb)} MB`,
    },
  );
}
console.log(JSON.stringify({ results }));
