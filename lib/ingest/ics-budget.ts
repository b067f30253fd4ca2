/**
 * The recurrence budget of one .ics parse: every step ical.js's rule iterators take is counted, so a rule that
 * can never match (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 would step forever inside a single ical.js call) ends.
 *
 * Each RecurIterator.next pass calls `check_contracting_rules` once; `withStepGuard` wraps that method for the
 * duration of one parse (removed in `finally`) and counts against that parse's own `Budget`.
 */
import ICAL from 'ical.js';

/**
 * Recurrence steps (ical.js rule checks, a few microseconds each) one series, and one whole file, may take.
 * A weekly series over ten years takes about a thousand; series without COUNT are fast-forwarded to the window.
 */
export const MAX_SERIES_STEPS = 40_000;
export const MAX_FILE_STEPS = 400_000;
/** And in time: a file whose rules are still expanding this long after the parse began is refused. */
export const MAX_EXPANSION_MS = 10_000;

/** Why a rule iterator was stopped: the file's budget, the series' budget, or it went past `untilYear`. */
export class StepLimit extends Error {
  constructor(readonly scope: 'file' | 'series' | 'window') {
    super(`recurrence stopped (${scope})`);
  }
}

/** One parse's counters. */
export interface Budget {
  file: number;
  series: number;
  seriesLimit: number;
  /** The rules of the running series: their iterators stop past `untilYear` (others, created meanwhile, do not). */
  rules: Set<unknown>;
  untilYear: number;
  deadline: number;
}

export function newBudget(): Budget {
  return {
    file: 0,
    series: 0,
    seriesLimit: Number.POSITIVE_INFINITY,
    rules: new Set(),
    untilYear: Number.POSITIVE_INFINITY,
    deadline: performance.now() + MAX_EXPANSION_MS,
  };
}

/**
 * Runs `fn` for one series (or one zone's rules) with a fresh per-series budget; iterators of `rules` stop
 * (StepLimit 'window') once their cursor is past `untilYear`.
 */
export function inSeries<T>(budget: Budget, rules: readonly unknown[], untilYear: number, fn: () => T): T {
  budget.series = 0;
  budget.seriesLimit = MAX_SERIES_STEPS;
  budget.rules = new Set(rules);
  budget.untilYear = untilYear;
  try {
    return fn();
  } finally {
    budget.seriesLimit = Number.POSITIVE_INFINITY;
    budget.rules = new Set();
    budget.untilYear = Number.POSITIVE_INFINITY;
  }
}

type Iterator = { last?: ICAL.Time; rule?: unknown };

/** Counts every step of every ical.js recurrence iterator against `budget` while `fn` runs. */
export function withStepGuard<T>(budget: Budget, fn: () => T): T {
  const proto = ICAL.RecurIterator.prototype as unknown as {
    check_contracting_rules: (this: Iterator) => boolean;
  };
  const original = proto.check_contracting_rules;
  proto.check_contracting_rules = function (this: Iterator) {
    if (++budget.file > MAX_FILE_STEPS) throw new StepLimit('file');
    if ((budget.file & 1023) === 0 && performance.now() > budget.deadline) throw new StepLimit('file');
    if (++budget.series > budget.seriesLimit) throw new StepLimit('series');
    if ((this.last?.year ?? 0) > budget.untilYear && budget.rules.has(this.rule)) throw new StepLimit('window');
    return original.call(this);
  };
  try {
    return fn();
  } finally {
    proto.check_contracting_rules = original;
  }
}

/** The end of an iteration: past the window or its series' budget. A file over its budget is rethrown. */
export function seriesStop(e: unknown): 'window' | 'series' | 'error' {
  if (e instanceof StepLimit) {
    if (e.scope === 'file') throw e;
    return e.scope;
  }
  return 'error';
}
