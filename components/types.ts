/**
 * The shapes the views need, as narrow structural types: lib/engine/nudges.ts's Nudge and lib/scheduling/slots.ts's Slot fit
 * them, and presentational components can be tested with plain objects.
 */

import { NUDGE_KIND_ORDER, type NudgeKind } from '@/lib/engine/nudge-kinds';
import type { Nudge } from '@/lib/engine/nudges';

/** A nudge as the views need it: the engine's Nudge without its ranking score. */
export type NudgeLike = Omit<Nudge, 'score'>;

export interface SlotLike {
  start: number;
  end: number;
  moment: string;
  why: string;
}

export interface PersonLike {
  email: string;
  name: string;
  summary?: { lastAt?: number };
}

/** A named time, or a chosen instant (ms): 8:00 on the day the user picked, in the browser's zone. */
export type SnoozeOption = 'tomorrow' | 'next-week' | { until: number };

/** What each section of the nudge list is called; they are shown in the engine's one order (NUDGE_KIND_ORDER). */
const SECTION_NAMES: Record<NudgeKind, { title: string; id: string }> = {
  'reply-needed': { title: 'Reply needed', id: 'reply-needed' },
  'awaiting-reply': { title: 'Follow up', id: 'follow-up' },
  overdue: { title: 'Overdue', id: 'overdue' },
  promise: { title: 'Promises', id: 'promises' },
  'key-date': { title: 'Key dates', id: 'key-dates' },
  appreciation: { title: 'Say thanks', id: 'appreciation' },
};

/** Sections of the nudge list, in the order shown. */
export const SECTIONS: { kind: NudgeKind; title: string; id: string }[] = NUDGE_KIND_ORDER.map((kind) => ({
  kind,
  ...SECTION_NAMES[kind],
}));
