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
import { check, nastyString, prototypeIsClean, runs, SEED } from './support';

vi.setConfig({ testTimeout: 120_000 });

const DAY = 86_400_000;
/** A single case that runs longer than this has hung (normal cases take milliseconds; the slowest ~1 s). */
const CASE_LIMIT_MS = 8_000;
const OPTS = { now: new Date(NOW), from: new Date(NOW - 365 * DAY), to: new Date(NOW + 90 * DAY) };

/** A valid calendar: VTIMEZONE, a weekly series with an exception and an EXDATE, all-day and floating events. */
const VALID = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Tend fuzz//EN',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:weekly-1@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Europe/Paris:20260105T090000',
  'DTEND;TZID=Europe/Paris:20260105T093000',
  'RRULE:FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20261231T000000Z',
  'EXDATE;TZID=Europe/Paris:20260112T090000',
  'SUMMARY:Stand-up',
  'ATTENDEE;CN=Ann:mailto:Ann@Example.com',
  'ATTENDEE:mailto:bo.ray@googlemail.com',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:weekly-1@example.com',
  'DTSTAMP:20260101T000000Z',
  'RECURRENCE-ID;TZID=Europe/Paris:20260115T090000',
  'DTSTART;TZID=Europe/Paris:20260115T100000',
  'DTEND;TZID=Europe/Paris:20260115T103000',
  'SUMMARY:Stand-up (moved)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:offsite-2@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20261103',
  'DTEND;VALUE=DATE:20261105',
  'SUMMARY:Offsite',
  'TRANSP:TRANSPARENT',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:coffee-3@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20261030T083000',
  'DURATION:PT45M',
  'SUMMARY:Coffee with Cy',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:call-4@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=America/New_York:20261102T160000',
  'DTEND;TZID=America/New_York:20261102T170000',
  'SUMMARY:Call',
  'STATUS:CONFIRMED',
  'END:VEVENT',
  'END:VCALENDAR',
];

function checkResult(text: string): void {
  const r = parseIcs(text, OPTS);
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

/** A 200,000-character property line (built once). */
const LONG_DESCRIPTION = `DESCRIPTION:${'x'.repeat(200_000)}`;

/** Hostile property lines a mutated file may carry. */
const hostileLine = fc.oneof(
  fc.constantFrom(
    'DTSTART:99991231T000000Z',
    'DTSTART:00010101T000000Z',
    'DTSTART:19000101T000000Z',
    'DTEND:21991231T000000Z',
    'DTEND:30000101T000000Z',
    'DTSTART;VALUE=DATE:19691231',
    'DTEND;VALUE=DATE:20251301',
    'DTSTART;TZID=Mars/Olympus:20261101T090000',
    'DTSTART;TZID=Europe/Paris:20260329T023000',
    'RRULE:FREQ=SECONDLY',
    'RRULE:FREQ=MINUTELY;COUNT=1000000',
    'RRULE:FREQ=DAILY;UNTIL=19700101T000000Z',
    'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    'RRULE:FREQ=WEEKLY;INTERVAL=0',
    'RRULE:FREQ=DAILY;INTERVAL=-1',
    'RRULE:garbage',
    'DURATION:-P1000000W',
    'DURATION:P99999999D',
    'DURATION:P9999999999D',
    'EXDATE:notadate',
    'RECURRENCE-ID:20260108T080000Z',
    'STATUS:CANCELLED',
    'UID:',
    'UID:__proto__',
    'UID:constructor',
    'SUMMARY:__proto__',
    'ATTENDEE:mailto:__proto__@example.com',
    'ATTENDEE:mailto:not-an-address',
    'BEGIN:VEVENT',
    'END:VEVENT',
    'BEGIN:VTIMEZONE',
    'END:VCALENDAR',
    'BEGIN:VCALENDAR',
    ' folded continuation',
    'X-WR-TIMEZONE:Europe/Paris',
  ),
  nastyString(40).map((s) => `SUMMARY:${s}`),
  nastyString(40).map((s) => `UID:${s}`),
  nastyString(30),
  fc.constant(LONG_DESCRIPTION),
);

type LineEdit =
  | { op: 'drop'; at: number }
  | { op: 'dup'; at: number }
  | { op: 'insert'; at: number; line: string }
  | { op: 'replace'; at: number; line: string }
  | { op: 'chars'; at: number; pos: number; s: string };

const lineEdit: fc.Arbitrary<LineEdit> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), line: hostileLine }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), line: hostileLine }),
  fc.record({ op: fc.constant('chars' as const), at: fc.nat(), pos: fc.nat(), s: fc.string({ maxLength: 3 }) }),
);

function applyLineEdits(lines: readonly string[], edits: readonly LineEdit[]): string[] {
  const out = [...lines];
  for (const e of edits) {
    const at = e.at % Math.max(1, out.length);
    switch (e.op) {
      case 'drop':
        out.splice(at, 1);
        break;
      case 'dup':
        out.splice(at, 0, out[at] ?? '');
        break;
      case 'insert':
        out.splice(at, 0, e.line);
        break;
      case 'replace':
        out[at] = e.line;
        break;
      case 'chars': {
        const l = out[at] ?? '';
        const p = e.pos % (l.length + 1);
        out[at] = l.slice(0, p) + e.s + l.slice(p + 1);
        break;
      }
    }
  }
  return out;
}

describe('fuzz: ICS import', () => {
  it('the valid calendar itself reads with events in the window', () => {
    const r = parseIcs(VALID.join('\r\n'), OPTS);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.events.length).toBeGreaterThan(10);
    checkResult(VALID.join('\r\n'));
  });

  it('random text', () => {
    check(
      'parseIcs(random text)',
      fc.oneof(
        nastyString(200),
        fc.string({ maxLength: 500 }),
        fc.array(hostileLine, { maxLength: 10 }).map((ls) => ['BEGIN:VCALENDAR', ...ls, 'END:VCALENDAR'].join('\r\n')),
      ),
      checkResult,
      1500,
    );
  });

  it('truncated valid calendars', () => {
    const text = VALID.join('\r\n');
    check('parseIcs(truncated)', fc.nat({ max: text.length }), (n) => checkResult(text.slice(0, n)), 400);
  });

  it('mutated valid calendars (lines dropped, duplicated, replaced with hostile ones, characters changed)', async () => {
    // Run in a child process: a case that does not return within CASE_LIMIT_MS is reported as a failure
    // instead of freezing the run.
    const arb = fc
      .tuple(fc.array(lineEdit, { minLength: 1, maxLength: 6 }), fc.constantFrom('\r\n', '\n'))
      .map(([edits, eol]) => applyLineEdits(VALID, edits).join(eol));
    const cases = fc.sample(arb, { numRuns: runs(300), seed: SEED });
    const dir = mkdtempSync(join(tmpdir(), 'tend-ics-fuzz-'));
    const casesFile = join(dir, 'cases.json');
    writeFileSync(casesFile, JSON.stringify(cases));
    const env = {
      ...process.env,
      ICS_OPTS: JSON.stringify({ now: NOW, from: OPTS.from.getTime(), to: OPTS.to.getTime() }),
    };

    /** Runs cases [from, to) in child processes (a new one after a hang), stopping at the first failure. */
    async function runRange(from: number, to: number, outFile: string): Promise<{ ran: number; failures: string[] }> {
      writeFileSync(outFile, '');
      const failures: string[] = [];
      let ran = from;
      let next = from;
      while (next < to && failures.length === 0) {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(__dirname, 'ics-runner.ts'), casesFile, outFile, String(next), String(to)],
          { env, stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += String(d);
        });
        const hung = await new Promise<boolean>((resolve) => {
          let size = -1;
          let since = Date.now();
          const timer = setInterval(() => {
            const now = readFileSync(outFile, 'utf8').length;
            if (now !== size) {
              size = now;
              since = Date.now();
            } else if (Date.now() - since > CASE_LIMIT_MS) {
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
          if (m[3] !== 'ok' && !failures.some((f) => f.startsWith(`case ${i}:`)))
            failures.push(`case ${i}: ${m[3]}\n--- input ---\n${cases[i]}`);
        }
        ran = last + 1;
        if (!hung && ran >= to) break;
        failures.push(
          hung
            ? `case ${ran}: parseIcs did not return within ${CASE_LIMIT_MS / 1000} s\n--- input ---\n${cases[ran]}`
            : `case ${ran}: the runner stopped: ${stderr.slice(0, 500)}`,
        );
        next = ran + 1;
      }
      return { ran: ran - from + (failures.length ? 1 : 0), failures };
    }

    // Two children at once: the machine has two cores and this process only waits.
    const half = Math.ceil(cases.length / 2);
    const parts = await Promise.all([
      runRange(0, half, join(dir, 'out-0.log')),
      runRange(half, cases.length, join(dir, 'out-1.log')),
    ]);
    const failures = parts.flatMap((p) => p.failures);
    const ran = parts.reduce((n, p) => n + p.ran, 0);
    console.log(`[fuzz] parseIcs(mutated calendar): ${ran} runs${failures.length ? ' (FAILED)' : ''}`);
    if (failures.length) throw new Error(failures.join('\n\n').slice(0, 6000));
  });

  it('a file over 10 MB is refused with a clear error', () => {
    const big = `${VALID.slice(0, -1).join('\r\n')}\r\nX-PAD:${'x'.repeat(10 * 1024 * 1024)}\r\nEND:VCALENDAR`;
    const r = parseIcs(big, OPTS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toMatch(/too large/);
    console.log('[fuzz] parseIcs(over 10 MB): 1 runs');
  });
});
