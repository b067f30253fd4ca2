/**
 * Runs parseIcs over generated cases in a separate process, so that a case that never returns is reported
 * (by the parent, which kills this process) instead of freezing the test run.
 *
 * Usage: node --import tsx tests/unit/fuzz/ics-runner.ts <cases.json> <out.log> <start index> [<end index>]
 * Writes `S <i>` before and `E <i> <verdict>` after each case, synchronously, so the parent knows which case
 * was running when it had to stop the process. A verdict is `ok` or `FAIL <reason>`.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { CalendarEvent } from '../../../lib/core/model';
import { parseIcs } from '../../../lib/ingest/ics';

const [casesFile, outFile, startArg, endArg] = process.argv.slice(2) as [string, string, string, string?];
const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as string[];
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
    return 'ok';
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
  return 'ok';
}

const end = endArg === undefined ? cases.length : Math.min(cases.length, Number(endArg));
for (let i = Number(startArg); i < end; i++) {
  appendFileSync(outFile, `S ${i}\n`);
  const t = performance.now();
  const v = verdict(cases[i] ?? '');
  appendFileSync(outFile, `E ${i} ${Math.round(performance.now() - t)} ${v.replace(/\n/g, ' ')}\n`);
}
