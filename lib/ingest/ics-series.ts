/**
 * One recurring series expanded over the import window, with its overrides (VEVENTs of the same UID with a
 * RECURRENCE-ID), related here by instant (or by day for all-day series) rather than by ical.js, which would
 * scan every VEVENT of the calendar for each master and attach overrides of other series.
 *
 * The occurrences are DTSTART, every RDATE and every RRULE's instances, minus EXDATEs, each instant once (two
 * identical RRULEs, or an RDATE equal to a rule's instance, give one occurrence). Each source is iterated with
 * ical.js's RecurIterator directly (no look-ahead), until its first occurrence at or past the window's end.
 * Rules without COUNT that step by a fixed period (SECONDLY to WEEKLY) are fast-forwarded by whole periods to
 * just before the window, so an old daily series costs as little as a new one. An override whose occurrence was
 * not reached (moved into the window from after it) or does not exist is shown on its own, unless EXDATE'd.
 */
import ICAL from 'ical.js';
import { MAX_YEAR, MIN_YEAR } from '../core/limits';
import { type Budget, inSeries, seriesStop } from './ics-budget';
import type { VEvent } from './ics-event';

/** A series that yields more occurrences than this before leaving the window is cut. */
const MAX_ITERATIONS_PER_SERIES = 50_000;
const DAY = 86_400_000;
const PERIOD_SECONDS: Record<string, number> = {
  SECONDLY: 1,
  MINUTELY: 60,
  HOURLY: 3_600,
  DAILY: 86_400,
  WEEKLY: 604_800,
};

export interface Emitter {
  readonly from: number;
  readonly to: number;
  readonly budget: Budget;
  /** Rule iterators stop once past this year. */
  readonly untilYear: number;
  /** Adds one event; false when the file has too many. */
  emit(ev: VEvent, instance: number | undefined, start: number, end: number): boolean;
  /** How many events there are: a series cut by its budget takes back what it added since. */
  mark(): number;
  rollback(mark: number): void;
  skip(): void;
}

/** Epoch ms of an ical.js time: all-day dates and floating times in the runtime's zone; NaN outside 1969-2200. */
export function toEpoch(t: ICAL.Time): number {
  // Outside the store's range nothing is real: do not even convert (that would run a zone's rules that far).
  if (!(t.year >= MIN_YEAR - 1 && t.year <= MAX_YEAR)) return Number.NaN;
  if (t.isDate) return new Date(t.year, t.month - 1, t.day).getTime();
  if (t.zone === ICAL.Timezone.utcTimezone || (t.zone && t.zone !== ICAL.Timezone.localTimezone))
    return t.toUnixTime() * 1000;
  return new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second).getTime();
}

/** The calendar day a time falls on: its own date, the wall date in its zone, or for UTC the runtime's date. */
function dayKey(t: ICAL.Time): string {
  if (!t.isDate && t.zone === ICAL.Timezone.utcTimezone) {
    const d = new Date(t.toUnixTime() * 1000);
    return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
  }
  return `${t.year}-${t.month}-${t.day}`;
}

/**
 * Times of a series looked up by occurrence: by instant, or by day when either side is a date (all-day
 * series, an Exchange all-day override whose RECURRENCE-ID is a local midnight, EXDATE;VALUE=DATE).
 */
class ByOccurrence<T> {
  private readonly instants = new Map<number, T>();
  private readonly days = new Map<string, T>();
  constructor(private readonly allDay: boolean) {}
  set(t: ICAL.Time, value: T, keep?: (old: T) => boolean): void {
    const byDay = this.allDay || t.isDate;
    const key = byDay ? dayKey(t) : toEpoch(t);
    const map = (byDay ? this.days : this.instants) as Map<string | number, T>;
    const old = map.get(key);
    if (old === undefined || !keep?.(old)) map.set(key, value);
  }
  get(occ: ICAL.Time, epoch: number): T | undefined {
    if (this.allDay) return this.days.get(dayKey(occ));
    return this.instants.get(epoch) ?? this.days.get(dayKey(occ));
  }
}

/** A later rule start, a whole number of periods on, just before the window; null when none applies. */
function fastForward(rule: ICAL.Recur, start: ICAL.Time, before: number): ICAL.Time | null {
  const period = PERIOD_SECONDS[rule.freq];
  if (!period) return null;
  const step = period * rule.interval;
  const wall = Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute, start.second);
  const periods = Math.floor((before - 2 * DAY - wall) / 1000 / step);
  if (!(periods >= 1)) return null;
  const t = start.clone();
  if (period >= 86_400) t.adjust((periods * step) / 86_400, 0, 0, 0);
  else t.adjust(0, 0, 0, periods * step);
  return t;
}

/** Expands one series with its overrides into the emitter. False when the file has too many events. */
export function expandSeries(out: Emitter, master: VEvent, overrides: readonly VEvent[]): boolean {
  const allDay = master.start.isDate;
  const exdates = new ByOccurrence<true>(allDay);
  for (const t of master.exdates) exdates.set(t, true);
  const byOccurrence = new ByOccurrence<VEvent>(allDay);
  for (const ov of overrides) {
    if (ov.recurrenceId) byOccurrence.set(ov.recurrenceId, ov, (old) => old.sequence > ov.sequence);
  }
  const used = new Set<VEvent>();
  const seen = new Set<number>();
  const durationMs = Math.max(0, toEpoch(master.end) - toEpoch(master.start)) || 0;
  let visited = 0;
  let full = false;

  /** One occurrence; 'stop' once at or past the window's end. */
  const visit = (occ: ICAL.Time): 'next' | 'stop' => {
    if (++visited > MAX_ITERATIONS_PER_SERIES) throw new RangeError('too many occurrences');
    if (occ.year > MAX_YEAR) return 'stop';
    const at = toEpoch(occ);
    if (!Number.isFinite(at)) return 'next'; // before 1970
    if (at >= out.to) return 'stop';
    if (seen.has(at) || exdates.get(occ, at)) return 'next';
    seen.add(at);
    const ov = byOccurrence.get(occ, at);
    if (ov && !used.has(ov)) {
      used.add(ov);
      if (!out.emit(ov, at, toEpoch(ov.start), toEpoch(ov.end))) full = true;
    } else {
      const end = occ.clone();
      end.addDuration(master.duration);
      const e = toEpoch(end);
      if (!out.emit(master, at, at, Number.isFinite(e) ? e : at + durationMs)) full = true;
    }
    return full ? 'stop' : 'next';
  };

  // COUNT is counted here: ical.js counts an occurrence twice when its iterator meets it twice (MONTHLY;
  // BYDAY=+3WE;BYMONTH=...;COUNT=9 gives 8).
  const rules = master.rules.map((rule) => {
    if (!rule.count) return { rule, count: Number.POSITIVE_INFINITY };
    const uncounted = rule.clone();
    uncounted.count = null;
    return { rule: uncounted, count: rule.count };
  });
  const mark = out.mark();
  const outcome = inSeries(
    out.budget,
    rules.map((r) => r.rule),
    out.untilYear,
    (): 'done' | 'skipped' => {
      try {
        visit(master.start);
        for (const r of master.rdates) if (!full) visit(r);
        for (const { rule, count } of rules) {
          if (full) break;
          const ff = Number.isFinite(count) ? null : fastForward(rule, master.start, out.from - durationMs);
          const it = rule.iterator(ff ?? master.start);
          let n = 0;
          try {
            for (let occ = it.next(); occ && n < count; occ = it.next()) {
              if (ff && occ.compare(ff) === 0) continue; // the fast-forward start itself, not necessarily an instance
              n++;
              if (visit(occ) === 'stop') break;
            }
          } catch (e) {
            if (seriesStop(e) !== 'window') throw e;
          }
        }
        return 'done';
      } catch (e) {
        seriesStop(e);
        return 'skipped';
      }
    },
  );
  if (full) return false;
  if (outcome === 'skipped') {
    // A series cut by its budget is skipped whole: what it yielded so far may not be what it means.
    out.rollback(mark);
    out.skip();
    return true;
  }
  // Overrides whose occurrence was never reached: moved into the window from after it, or of no occurrence.
  for (const ov of overrides) {
    if (used.has(ov) || !ov.recurrenceId) continue;
    const at = allDay ? toEpoch(dateOf(ov.recurrenceId)) : toEpoch(ov.recurrenceId);
    if (exdates.get(ov.recurrenceId, at)) continue;
    if (!out.emit(ov, Number.isFinite(at) ? at : undefined, toEpoch(ov.start), toEpoch(ov.end))) return false;
  }
  return true;
}

function dateOf(t: ICAL.Time): ICAL.Time {
  if (t.isDate) return t;
  const [y, m, d] = dayKey(t).split('-').map(Number) as [number, number, number];
  return ICAL.Time.fromData({ year: y, month: m, day: d, isDate: true });
}
