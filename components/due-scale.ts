/**
 * The colour scale from on time to well overdue that every row of a person carries (the People view's rows, the
 * popup's Overdue nudges, the next touch on the sidebar card and the person's page): a step 0-4 (the CSS classes
 * `due-0` … `due-4` colour a `.due-dot`) and its words. The one owner of where each step starts.
 */
import type { NudgeLike } from '@/components/types';
import type { PersonRow } from '@/lib/store/people-table';
import './due-scale.css';

export type DueScale = { step: number; words: string };

/** Before this share of the rhythm has passed since the last touch, a person is on time; after it, due soon. */
export const DUE_SOON_RATIO = 0.75;
/**
 * From this many rhythms of silence an overdue person is well overdue: a whole round missed. The same for a
 * rhythm set by hand, by a tag or inferred: an inferred one is only called overdue once its allowance (half the
 * rhythm, lib/engine/cadence.ts) is over, at about 1.5, so it too passes through "overdue" first.
 */
export const WELL_OVERDUE_RATIO = 2;

/** Where a person stands against their rhythm, on a scale from on time to well overdue, in words and a step 0-4. */
export function dueScale(
  r: Pick<PersonRow, 'dueRatio' | 'rhythmDays' | 'rhythmSource' | 'lastAt' | 'muted' | 'overdue'>,
): DueScale {
  if (r.muted) return { step: 0, words: 'muted' };
  if (r.dueRatio === undefined) return { step: 0, words: noDueWords(r) };
  if (r.dueRatio < DUE_SOON_RATIO) return { step: 1, words: 'on time' };
  if (r.dueRatio < 1) return { step: 2, words: 'due soon' };
  // Past the due date but not overdue: an inferred rhythm's allowance, or a snooze (lib/engine/cadence.ts
  // contactDue, the popup's test too).
  if (!r.overdue) return { step: 2, words: 'due' };
  if (r.dueRatio < WELL_OVERDUE_RATIO) return { step: 3, words: 'overdue' };
  return { step: 4, words: 'well overdue' };
}

/** Why there is no due date: no rhythm, no touch that counts yet, or an inferred rhythm untouched for over a year. */
function noDueWords(r: Pick<PersonRow, 'rhythmDays' | 'rhythmSource' | 'lastAt'>): string {
  if (!r.rhythmDays) return 'no rhythm';
  // lib/engine/cadence.ts dueInfo: an inferred rhythm is left alone once the last touch is over a year old (the
  // relationship it describes has ended); a rhythm set by hand or by a tag keeps its due date however long ago.
  if (r.rhythmSource === 'inferred' && r.lastAt !== undefined) return 'not tracked: no touch in over a year';
  return 'no touch yet';
}

/** An Overdue nudge's place on the same scale (from its last touch and due date), or null for other nudges. */
export function nudgeDueScale(n: Pick<NudgeLike, 'kind' | 'at' | 'dueAt'>, now: number): DueScale | null {
  if (n.kind !== 'overdue' || n.dueAt === undefined || !(n.dueAt > n.at)) return null;
  return dueScale({ dueRatio: (now - n.at) / (n.dueAt - n.at), rhythmDays: 1, muted: false, overdue: true });
}
