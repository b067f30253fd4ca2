/**
 * Collects every benchmark's JSON line (bench/.tmp/*.json) into bench/results.json and the README table.
 */

import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

interface Result {
  id: string;
  label: string;
  value: number;
  unit: string;
  budget: number | null;
  note?: string;
}

const results: Result[] = [];
for (const f of readdirSync('bench/.tmp')
  .filter((x) => x.endsWith('.json'))
  .sort()) {
  const text = readFileSync(`bench/.tmp/${f}`, 'utf8').trim();
  if (!text) throw new Error(`${f}: the benchmark printed nothing`);
  results.push(...(JSON.parse(text).results as Result[]));
}

const chromium = (() => {
  try {
    return execSync('/usr/bin/chromium --version', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  chromium,
  os: `${os.type()} ${os.release()}`,
};
writeFileSync(
  'bench/results.json',
  `${JSON.stringify({ ranAt: new Date().toISOString(), machine, results }, null, 2)}\n`,
);

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
const rows = results.map((r) => {
  const within = r.budget === null ? '—' : r.value <= r.budget ? 'yes' : '**no**';
  return `| ${r.label} | ${fmt(r.value)} ${r.unit} | ${r.budget === null ? '—' : `${r.budget} ${r.unit}`} | ${within} | ${r.note ?? ''} |`;
});
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.chromium}.`,
  '',
  '| What | Measured | Budget | Within | Note |',
  '|---|---|---|---|---|',
  ...rows,
].join('\n');
const readme = readFileSync('README.md', 'utf8');
const next = readme.replace(
  /<!-- bench:start -->[\s\S]*<!-- bench:end -->/,
  `<!-- bench:start -->\n${table}\n<!-- bench:end -->`,
);
writeFileSync('README.md', next);
console.log(table);
const over = results.filter((r) => r.budget !== null && r.value > r.budget);
if (over.length) console.log(`\n${over.length} over budget: ${over.map((r) => r.id).join(', ')}`);
