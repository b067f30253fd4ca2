/**
 * The colour scale from on time to well overdue that every row of a person carries (the People view's rows, the
 * popup's Overdue nudges): a step 0-4 (the CSS classes `due-0` … `due-4` colour a `.due-dot`) and its words.
 */
import type { NudgeLike } from '@/components/types';
import type { PersonRow } from '@/lib/store/people-table';

export type DueScale = { step: number; words: string };

/** Where a person stands against their rhythm, on a scale from on time to well overdue, in words and a step 0-4. */
export function dueScale(r: Pick<PersonRow, 'dueRatio' | 'rhythmDays' | 'muted' | 'overdue'>): DueScale {
  if (r.muted) return { step: 0, words: 'muted' };
  if (r.dueRatio === undefined) return { step: 0, words: r.rhythmDays ? 'no touch yet' : 'no rhythm' };
  if (r.dueRatio < 0.75) return { step: 1, words: 'on time' };
  if (r.dueRatio < 1) return { step: 2, words: 'due soon' };
  // Past the due date but not overdue: an inferred rhythm's allowance, or a snooze (lib/engine/cadence.ts
  // contactDue, the popup's test too).
  if (!r.overdue) return { step: 2, words: 'due' };
  if (r.dueRatio < 1.5) return { step: 3, words: 'overdue' };
  return { step: 4, words: 'well overdue' };
}

/** An Overdue nudge's place on the same scale (from its last touch and due date), or null for other nudges. */
export function nudgeDueScale(n: Pick<NudgeLike, 'kind' | 'at' | 'dueAt'>, now: number): DueScale | null {
  if (n.kind !== 'overdue' || n.dueAt === undefined || !(n.dueAt > n.at)) return null;
  return dueScale({ dueRatio: (now - n.at) / (n.dueAt - n.at), rhythmDays: 1, muted: false, overdue: true });
}
