/**
 * Runs parseIcs over generated cases in a separate process, so that a case that never returns is reported
 * (by the parent, which kills this process) instead of freezing the test run.
 *
 * Usage: FUZZ_SEED=<seed> node --import tsx tests/unit/fuzz/ics-runner.ts <out.log> <start index> <end index>
 * Case i is made here from (FUZZ_SEED, i) by tests/unit/fuzz/ics-cases.ts, one at a time.
 * Writes `S <i>` before and `E <i> <verdict>` after each case, synchronously, so the parent knows which case
 * was running when it had to stop the process. A verdict is `ok refused`, `ok <n> events` or `FAIL <reason>`.
 */
import { appendFileSync } from 'node:fs';
import { CalendarEvent } from '../../../lib/core/model';
import { parseIcs } from '../../../lib/ingest/ics';
import { mutatedCase } from './ics-cases';

const [outFile, startArg, endArg] = process.argv.slice(2) as [string, string, string];
const seed = Number(process.env.FUZZ_SEED);
const { from, to, now } = JSON.parse(process.env.ICS_OPTS ?? '{}') as { from: number; to: number; now: number };
const opts = { now: new Date(now), from: new Date(from), to: new Date(to) };

function verdict(text: string): string {
  let r: ReturnType<typeof parseIcs>;
  try {
    r = parseIcs(text, opts);
  } catch (e) {
    return `FAIL threw ${String(e).slice(0, 200)}`;
  }
  if (!r.ok) {
    if (r.errors.length === 0 || r.errors.some((e) => typeof e !== 'string' || e.length === 0))
      return 'FAIL ok:false without errors';
    return 'ok refused';
  }
  if (!Number.isInteger(r.skipped) || r.skipped < 0) return `FAIL skipped=${r.skipped}`;
  for (const e of r.events) {
    const v = CalendarEvent.safeParse(e);
    const what = JSON.stringify(e).slice(0, 200);
    if (!v.success)
      return `FAIL event does not validate (${v.error.issues[0]?.path.join('.')}: ${v.error.issues[0]?.message}): ${what}`;
    if (e.start > e.end) return `FAIL starts after it ends: ${what}`;
    if (!(e.start < to && e.end >= from)) return `FAIL outside the window: ${what}`;
  }
  return `ok ${r.events.length} events`;
}

if (!Number.isInteger(seed)) throw new Error('FUZZ_SEED must be set to an integer');
const end = Number(endArg);
for (let i = Number(startArg); i < end; i++) {
  const text = mutatedCase(seed, i);
  appendFileSync(outFile, `S ${i}\n`);
  const t = performance.now();
  const v = verdict(text);
  appendFileSync(outFile, `E ${i} ${Math.round(performance.now() - t)} ${v.replace(/\n/g, ' ')}\n`);
}
