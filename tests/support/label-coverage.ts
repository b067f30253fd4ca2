/**
 * Runs parseChipLabel over the real all-languages fixture
 * (../shared/fixtures/real/gcal-2024-06_event-aria-labels-all-languages_calendar-plus.txt) and says how many
 * Calendar languages parse fully. Pure: the caller reads the files and passes their text.
 *
 * Fixture format: day columns (Mon 10 June 2024 .. Sun 16 June 2024) split by "\n\n\n", events by "\n\n".
 * Each event opens with a JSON line {summary, startTime, endTime, touchesTop, touchesBottom} whose times are
 * hours within the column's day (clipped to it), then for each language (order of the languages file):
 * 24 h label, 24 h time text, 12 h label, 12 h time text.
 */
import { parseChipLabel } from '../../lib/ingest/calendar-labels';

export interface LabelCase {
  lang: string;
  hour12: boolean;
  label: string;
  timeText: string;
  /** The column's day, local midnight. */
  columnDay: Date;
  summary: string;
  /** Expected hours within the column day (clipped to it). */
  startHours: number;
  endHours: number;
  touchesTop: boolean;
  touchesBottom: boolean;
}

/** The week the fixture shows: its first column is Monday 10 June 2024. */
const FIRST_COLUMN = { y: 2024, m: 5, d: 10 };

/** The language codes, in fixture order, from the bundle-URL list ("...matasync.<lang>.<hash>..."). */
export function fixtureLanguages(languagesJson: string): string[] {
  const urls = JSON.parse(languagesJson) as string[];
  return urls.map((u) => /matasync\.([^.]+)\./.exec(u)?.[1] ?? '?');
}

export function fixtureCases(fixtureText: string, languages: string[]): LabelCase[] {
  const cases: LabelCase[] = [];
  const columns = fixtureText.replace(/\r\n/g, '\n').split('\n\n\n');
  columns.forEach((column, ci) => {
    const columnDay = new Date(FIRST_COLUMN.y, FIRST_COLUMN.m, FIRST_COLUMN.d + ci);
    for (const block of column.split('\n\n')) {
      const lines = block.split('\n');
      if (lines.length < 5 || !lines[0]?.startsWith('{')) continue;
      const meta = JSON.parse(lines[0]) as {
        summary: string;
        startTime: number;
        endTime: number;
        touchesTop: boolean;
        touchesBottom: boolean;
      };
      languages.forEach((lang, li) => {
        for (const [k, hour12] of [
          [0, false],
          [2, true],
        ] as const) {
          const label = lines[1 + li * 4 + k];
          const timeText = lines[2 + li * 4 + k];
          if (label === undefined) continue;
          cases.push({
            lang,
            hour12,
            label,
            timeText: timeText ?? '',
            columnDay,
            summary: meta.summary,
            startHours: meta.startTime,
            endHours: meta.endTime,
            touchesTop: meta.touchesTop,
            touchesBottom: meta.touchesBottom,
          });
        }
      });
    }
  });
  return cases;
}

export interface CaseResult {
  ok: boolean;
  titleOk: boolean;
  why?: string;
}

const HOUR = 3_600_000;

/** Checks one case: the parsed start/end, clipped to the column day, must equal the expected hours. */
export function checkCase(c: LabelCase, opts: { withLang: boolean; withColumnDate: boolean }): CaseResult {
  const dayStart = c.columnDay.getTime();
  const dayEnd = new Date(c.columnDay.getFullYear(), c.columnDay.getMonth(), c.columnDay.getDate() + 1).getTime();
  const pad = (n: number) => String(n).padStart(2, '0');
  const columnDate = `${c.columnDay.getFullYear()}-${pad(c.columnDay.getMonth() + 1)}-${pad(c.columnDay.getDate())}`;
  const parsed = parseChipLabel(c.label, {
    lang: opts.withLang ? c.lang : undefined,
    columnDate: opts.withColumnDate ? columnDate : undefined,
    timeText: c.timeText,
    now: new Date(2024, 5, 12, 12),
  });
  if (!parsed) return { ok: false, titleOk: false, why: 'unreadable' };
  const s = parsed.start.getTime();
  const e = parsed.end.getTime();
  // wall-clock hours in the column day (DST-safe: measured from the day's local midnight by components)
  const hoursOf = (t: number) => {
    if (t <= dayStart) return 0;
    if (t >= dayEnd) return 24;
    const d = new Date(t);
    return d.getHours() + d.getMinutes() / 60;
  };
  const titleOk = parsed.title === c.summary;
  const problems: string[] = [];
  if (Math.abs(hoursOf(s) - c.startHours) > 1e-9) problems.push(`start ${hoursOf(s)} != ${c.startHours}`);
  if (Math.abs(hoursOf(e) - c.endHours) > 1e-9) problems.push(`end ${hoursOf(e)} != ${c.endHours}`);
  if (c.touchesTop !== s < dayStart) problems.push('starts on another day?');
  if (c.touchesBottom !== e > dayEnd && !(c.endHours === 24 && e === dayEnd)) problems.push('ends on another day?');
  if (parsed.allDay) problems.push('read as all-day');
  if (e - s <= 0 || e - s > 48 * HOUR) problems.push('bad duration');
  return problems.length ? { ok: false, titleOk, why: problems.join('; ') } : { ok: true, titleOk };
}

export interface LanguageCoverage {
  languages: number;
  /** Languages whose every label (24 h and 12 h) gives the right start and end. */
  fullyParsed: number;
  /** Languages whose every label also gives the right title. */
  titlesRight: number;
  cases: number;
  casesOk: number;
  failing: { lang: string; failed: number; of: number; example?: string }[];
}

export function labelLanguageCoverage(
  fixtureText: string,
  languagesJson: string,
  opts: { withLang: boolean; withColumnDate: boolean } = { withLang: true, withColumnDate: false },
): LanguageCoverage {
  const languages = fixtureLanguages(languagesJson);
  const cases = fixtureCases(fixtureText, languages);
  const byLang = new Map<string, { failed: number; of: number; titles: number; example?: string }>();
  let casesOk = 0;
  for (const c of cases) {
    const r = checkCase(c, opts);
    const entry = byLang.get(c.lang) ?? { failed: 0, of: 0, titles: 0 };
    entry.of++;
    if (r.ok) casesOk++;
    else {
      entry.failed++;
      entry.example ??= `${c.label} -> ${r.why}`;
    }
    if (r.titleOk) entry.titles++;
    byLang.set(c.lang, entry);
  }
  const failing = [...byLang]
    .filter(([, v]) => v.failed > 0)
    .map(([lang, v]) => ({ lang, failed: v.failed, of: v.of, example: v.example }));
  return {
    languages: byLang.size,
    fullyParsed: [...byLang.values()].filter((v) => v.failed === 0).length,
    titlesRight: [...byLang.values()].filter((v) => v.titles === v.of).length,
    cases: cases.length,
    casesOk,
    failing,
  };
}
