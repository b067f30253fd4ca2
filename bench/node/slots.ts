/**
 * Benchmark: a year of calendar events (5,000, recurrences expanded) to the top slots for the next 14 days.
 * Budget 20 ms. Also reports how many Calendar languages' chip labels parse fully (real fixture), and how many
 * of Gmail's display languages have every date tooltip read back to the minute (tests/support/gmail-languages.ts).
 * Run: npx tsx bench/node/slots.ts  -> one JSON line on stdout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS } from '../../lib/core/model';
import { type BusyBlock, findSlots } from '../../lib/scheduling/slots';
import { GMAIL_LANGUAGES, roundTrip } from '../../tests/support/gmail-languages';
import { labelLanguageCoverage } from '../../tests/support/label-coverage';
import { median } from '../stats';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A deterministic pseudo-random generator, so every run measures the same calendar. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function yearOfEvents(now: number, n: number): BusyBlock[] {
  const rand = rng(42);
  const events: BusyBlock[] = [];
  const start = now - 300 * DAY;
  const people = Array.from({ length: 40 }, (_, i) => `person${i}@example${i % 5}.com`);
  while (events.length < n) {
    const day = Math.floor(rand() * 365);
    const hour = 7 + Math.floor(rand() * 12);
    const minutes = [0, 15, 30, 45][Math.floor(rand() * 4)]!;
    const s = start + day * DAY + hour * 3_600_000 + minutes * MINUTE;
    const dur = [15, 30, 45, 60, 90][Math.floor(rand() * 5)]! * MINUTE;
    const allDay = rand() < 0.01;
    events.push({
      start: allDay ? start + day * DAY : s,
      end: allDay ? start + (day + 1) * DAY : s + dur,
      title: `Event ${events.length}`,
      attendees: rand() < 0.5 ? [people[Math.floor(rand() * people.length)]!] : [],
      allDay,
      busy: rand() > 0.05,
    });
  }
  return events;
}

const now = Date.UTC(2025, 2, 10, 8, 0);
const events = yearOfEvents(now, 5000);
const settings = { ...DEFAULT_SETTINGS, slots: { ...DEFAULT_SETTINGS.slots, horizonDays: 14 } };
const run = () =>
  findSlots({
    seen: 'all',
    busy: events,
    now,
    settings,
    timeZone: 'Europe/Berlin',
    contact: { email: 'person3@example3.com' },
    count: 3,
  });
for (let i = 0; i < 20; i++) run();
const times: number[] = [];
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  const r = run();
  times.push(performance.now() - t0);
  if (r.slots.length === 0) throw new Error('benchmark calendar produced no slots');
}

const results: { id: string; label: string; value: number; unit: string; budget: number | null; note: string }[] = [
  {
    id: 'slots-5000-events-14-days',
    label: 'Free slots: 5,000 events (a year) to the top 3 slots for the next 14 days',
    value: Math.round(median(times) * 1000) / 1000,
    unit: 'ms',
    budget: 20,
    note: 'median of 50 runs after 20 warm-up runs; Europe/Berlin; includes the horizon filter, sort and merge',
  },
];

const real = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/real');
const fixture = join(real, 'gcal-2024-06_event-aria-labels-all-languages_calendar-plus.txt');
const langs = join(real, 'gcal-2024-06_language-bundle-order_calendar-plus.json');
if (existsSync(fixture) && existsSync(langs)) {
  const cov = labelLanguageCoverage(readFileSync(fixture, 'utf8'), readFileSync(langs, 'utf8'));
  results.push({
    id: 'calendar-label-languages',
    label: 'Calendar chip labels: languages fully parsed (real all-languages fixture)',
    value: cov.fullyParsed,
    unit: 'languages',
    budget: null,
    note: `${cov.casesOk}/${cov.cases} labels (24 h and 12 h) right, of ${cov.languages} languages; titles right in ${cov.titlesRight}`,
  });
}

{
  let full = 0;
  let cases = 0;
  let read = 0;
  for (const lang of GMAIL_LANGUAGES) {
    const r = roundTrip(lang);
    cases += r.cases;
    read += r.read;
    if (r.cases > 0 && r.read === r.cases) full++;
  }
  results.push({
    id: 'gmail-date-languages',
    label: `Gmail date languages read (${full} of ${GMAIL_LANGUAGES.length} display languages)`,
    value: full,
    unit: 'languages',
    budget: null,
    note: `${read}/${cases} tooltips (7 shapes incl. 12 h and 24 h, all twelve months) read back to the minute in the page's language (tests/support/gmail-languages.ts)`,
  });
}

console.log(JSON.stringify({ results }));
