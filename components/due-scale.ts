/**
 * The colour scale from on time to well overdue that every row of a person carries (the People view's rows, the
 * popup's Overdue nudges, the next touch on the sidebar card and the person's page): a step 0-4 (the CSS classes
 * `due-0` … `due-4` colour a `.due-dot`) and its words. The one owner of where each step starts, from the dates
 * lib/engine/cadence.ts gives (`dueInfo`: due, overdue, and well overdue from `worstAt`).
 */
import type { NudgeLike } from '@/components/types';
import { WELL_OVERDUE_RHYTHMS } from '@/lib/engine/cadence';
import type { PersonRow } from '@/lib/store/people-table';
import './due-scale.css';

export type DueScale = { step: number; words: string };

/** Before this share of the rhythm has passed since the last touch, a person is on time; after it, due soon. */
export const DUE_SOON_RATIO = 0.75;

/**
 * Where a person stands against their rhythm, on a scale from on time to well overdue, in words and a step 0-4.
 * Overdue (3) once Tend calls them overdue (`overdue`, lib/engine/cadence.ts contactDue); well overdue (4) from
 * `worstRatio` on: lib/engine/cadence.ts DueInfo.worstAt as a share of the rhythm (the "at worst" date of a rhythm
 * set by hand or by a tag with a tolerance, else twice the rhythm).
 */
export function dueScale(
  r: Pick<PersonRow, 'dueRatio' | 'worstRatio' | 'rhythmDays' | 'rhythmSource' | 'lastAt' | 'muted' | 'overdue'>,
): DueScale {
  if (r.muted) return { step: 0, words: 'muted' };
  if (r.dueRatio === undefined) return { step: 0, words: noDueWords(r) };
  if (r.dueRatio < DUE_SOON_RATIO) return { step: 1, words: 'on time' };
  if (r.dueRatio < 1) return { step: 2, words: 'due soon' };
  // Past the due date but not overdue: an inferred rhythm's allowance, or a snooze (lib/engine/cadence.ts
  // contactDue, the popup's test too).
  if (!r.overdue) return { step: 2, words: 'due' };
  if (r.dueRatio < wellOverdueRatio(r.worstRatio)) return { step: 3, words: 'overdue' };
  return { step: 4, words: 'well overdue' };
}

/**
 * The ratio from which a person is well overdue: the record's own, else (none, or a broken one: a nudge list kept
 * by an older version of Tend, before every due date had its own) the rule such records were made with, and still
 * the rule for a rhythm without a tolerance of its own (lib/engine/cadence.ts WELL_OVERDUE_RHYTHMS).
 */
function wellOverdueRatio(worstRatio: number | undefined): number {
  return typeof worstRatio === 'number' && Number.isFinite(worstRatio) && worstRatio > 1
    ? worstRatio
    : WELL_OVERDUE_RHYTHMS;
}

/** Why there is no due date: no rhythm, no touch that counts yet, or an inferred rhythm untouched for over a year. */
function noDueWords(r: Pick<PersonRow, 'rhythmDays' | 'rhythmSource' | 'lastAt'>): string {
  if (!r.rhythmDays) return 'no rhythm';
  // lib/engine/cadence.ts dueInfo: an inferred rhythm is left alone once the last touch is over a year old (the
  // relationship it describes has ended); a rhythm set by hand or by a tag keeps its due date however long ago.
  if (r.rhythmSource === 'inferred' && r.lastAt !== undefined) return 'not tracked: no touch in over a year';
  return 'no touch yet';
}

/**
 * An Overdue nudge's place on the same scale (from its last touch, due date and the date from which the person is
 * well overdue), or null for other nudges.
 */
export function nudgeDueScale(n: Pick<NudgeLike, 'kind' | 'at' | 'dueAt' | 'worstAt'>, now: number): DueScale | null {
  if (n.kind !== 'overdue' || n.dueAt === undefined || !(n.dueAt > n.at)) return null;
  const span = n.dueAt - n.at;
  return dueScale({
    dueRatio: (now - n.at) / span,
    ...(n.worstAt !== undefined ? { worstRatio: (n.worstAt - n.at) / span } : {}),
    rhythmDays: 1,
    muted: false,
    overdue: true,
  });
}
