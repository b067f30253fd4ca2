/**
 * ICS import (lib/ingest/ics.ts) under random, truncated and mutated calendar files: never throws; either ok:false
 * with errors, or ok:true with events that validate against lib/core/model.ts, start <= end, and touch the
 * requested window.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CalendarEvent } from '@/lib/core/model';
import { parseIcs } from '@/lib/ingest/ics';
import { NOW } from './arbitraries';
import { hostileLine, mutatedCase, VALID } from './ics-cases';
import { check, nastyString, prototypeIsClean, Reached, runs, SEED, TEST_TIMEOUT_MS } from './support';

vi.setConfig({ testTimeout: TEST_TIMEOUT_MS });

const DAY = 86_400_000;
/**
 * A single case that has used this much CPU has hung (normal cases take milliseconds; the slowest ~1 s). CPU
 * time of the runner, not wall time: on a machine busy with other work a slow wall clock is not a hang.
 */
const CASE_LIMIT_MS = 8_000;

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); wall time elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of the line (11 and 12 after the command), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Date.now();
  }
}
/** Loading the runner (tsx, ical.js, fast-check) on a busy machine: not counted against a case. */
const STARTUP_LIMIT_MS = 90_000;
const OPTS = { now: new Date(NOW), from: new Date(NOW - 365 * DAY), to: new Date(NOW + 90 * DAY) };

function checkResult(text: string, reached: Reached<'a refusal in words' | 'events'>): void {
  const r = parseIcs(text, OPTS);
  reached.hit('a refusal in words', !r.ok);
  reached.hit('events', r.ok && r.events.length > 0);
  if (!r.ok) {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) expect(typeof e === 'string' && e.length > 0).toBe(true);
    return;
  }
  expect(Number.isInteger(r.skipped) && r.skipped >= 0).toBe(true);
  for (const e of r.events) {
    const v = CalendarEvent.safeParse(e);
    if (!v.success)
      throw new Error(
        `event does not validate (${v.error.issues[0]?.path.join('.')}: ${v.error.issues[0]?.message}): ${JSON.stringify(e).slice(0, 300)}`,
      );
    expect(e.start).toBeLessThanOrEqual(e.end);
    // Touches the window [from, to).
    expect(e.start).toBeLessThan(OPTS.to.getTime());
    expect(e.end).toBeGreaterThanOrEqual(OPTS.from.getTime());
  }
  expect(prototypeIsClean()).toBe(true);
}

describe('fuzz: ICS import', () => {
  it('the valid calendar itself reads with events in the window', () => {
    const r = parseIcs(VALID.join('\r\n'), OPTS);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.events.length).toBeGreaterThan(10);
    checkResult(VALID.join('\r\n'), new Reached({ 'a refusal in words': 0, events: 0 }));
  });

  it('random text', () => {
    const reached = new Reached({ 'a refusal in words': 0.4, events: 0 });
    const ran = check(
      'parseIcs(random text)',
      fc.oneof(
        nastyString(200),
        fc.string({ maxLength: 500 }),
        fc.array(hostileLine, { maxLength: 10 }).map((ls) => ['BEGIN:VCALENDAR', ...ls, 'END:VCALENDAR'].join('\r\n')),
      ),
      (text) => checkResult(text, reached),
      1500,
    );
    reached.expect('parseIcs(random text)', ran);
  });

  it('truncated valid calendars', () => {
    const text = VALID.join('\r\n');
    // A cut calendar lacks END:VCALENDAR: it is refused whole, in words (3 of 400 cuts fall after it).
    const reached = new Reached({ 'a refusal in words': 0.9, events: 0 });
    const ran = check(
      'parseIcs(truncated)',
      fc.nat({ max: text.length }),
      (n) => checkResult(text.slice(0, n), reached),
      400,
    );
    reached.expect('parseIcs(truncated)', ran);
  });

  it('mutated valid calendars (lines dropped, duplicated, replaced with hostile ones, characters changed)', async () => {
    // Run in a child process: a case that does not return within CASE_LIMIT_MS is reported as a failure
    // instead of freezing the run.
    // The runner makes case i itself from (SEED, i): only the count crosses to it, never the texts.
    const count = runs(300);
    const dir = mkdtempSync(join(tmpdir(), 'tend-ics-fuzz-'));
    const input = (i: number) => {
      const t = mutatedCase(SEED, i);
      return t.length > 2_000 ? `${t.slice(0, 2_000)}…(${t.length} characters)` : t;
    };
    const env = {
      ...process.env,
      FUZZ_SEED: String(SEED),
      ICS_OPTS: JSON.stringify({ now: NOW, from: OPTS.from.getTime(), to: OPTS.to.getTime() }),
    };

    /** Runs cases [from, to) in child processes (a new one after a hang), stopping at the first failure. */
    const reached = new Reached({ 'a refusal in words': 0.02, events: 0.7 });
    async function runRange(from: number, to: number, outFile: string): Promise<{ ran: number; failures: string[] }> {
      writeFileSync(outFile, '');
      const failures: string[] = [];
      let ran = from;
      let next = from;
      while (next < to && failures.length === 0) {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(__dirname, 'ics-runner.ts'), outFile, String(next), String(to)],
          { env, stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += String(d);
        });
        const hung = await new Promise<boolean>((resolve) => {
          // Until this child writes its first line it is loading, which is not a case.
          const loaded = readFileSync(outFile, 'utf8').length;
          let size = -1;
          let since = Date.now();
          let sinceCpu = cpuMs(child.pid);
          const timer = setInterval(() => {
            const now = readFileSync(outFile, 'utf8').length;
            if (now !== size) {
              size = now;
              since = Date.now();
              sinceCpu = cpuMs(child.pid);
            } else if (
              size === loaded ? Date.now() - since > STARTUP_LIMIT_MS : cpuMs(child.pid) - sinceCpu > CASE_LIMIT_MS
            ) {
              clearInterval(timer);
              child.kill('SIGKILL');
              resolve(true);
            }
          }, 100);
          child.on('exit', () => {
            clearInterval(timer);
            resolve(false);
          });
        });
        let last = next - 1;
        for (const l of readFileSync(outFile, 'utf8').split('\n')) {
          const m = /^E (\d+) (\d+) (.*)$/.exec(l);
          if (!m) continue;
          const i = Number(m[1]);
          last = Math.max(last, i);
          reached.hit('a refusal in words', m[3] === 'ok refused');
          reached.hit('events', /^ok [1-9]\d* events$/.test(m[3] ?? ''));
          if (!m[3]?.startsWith('ok') && !failures.some((f) => f.startsWith(`case ${i}:`)))
            failures.push(`case ${i}: ${m[3]}\n--- input ---\n${input(i)}`);
        }
        ran = last + 1;
        if (!hung && ran >= to) break;
        failures.push(
          hung
            ? `case ${ran}: parseIcs did not return within ${CASE_LIMIT_MS / 1000} s of CPU time\n--- input ---\n${input(ran)}`
            : `case ${ran}: the runner stopped: ${stderr.slice(0, 500)}`,
        );
        next = ran + 1;
      }
      return { ran: ran - from + (failures.length ? 1 : 0), failures };
    }

    // Two children at once: the machine has two cores and this process only waits.
    const half = Math.ceil(count / 2);
    const parts = await Promise.all([
      runRange(0, half, join(dir, 'out-0.log')),
      runRange(half, count, join(dir, 'out-1.log')),
    ]);
    const failures = parts.flatMap((p) => p.failures);
    const ran = parts.reduce((n, p) => n + p.ran, 0);
    console.log(`[fuzz] parseIcs(mutated calendar): ${ran} runs${failures.length ? ' (FAILED)' : ''}`);
    if (failures.length) throw new Error(failures.join('\n\n').slice(0, 6000));
    reached.expect('parseIcs(mutated calendar)', ran);
  });

  it('a file over 10 MB is refused with a clear error', () => {
    const big = `${VALID.slice(0, -1).join('\r\n')}\r\nX-PAD:${'x'.repeat(10 * 1024 * 1024)}\r\nEND:VCALENDAR`;
    const r = parseIcs(big, OPTS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toMatch(/too large/);
    console.log('[fuzz] parseIcs(over 10 MB): 1 runs');
  });
});
