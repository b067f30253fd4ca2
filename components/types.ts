/**
 * The shapes the views need, as narrow structural types: lib/engine/nudges.ts's Nudge and lib/scheduling/slots.ts's Slot fit
 * them, and presentational components can be tested with plain objects.
 */

export type NudgeKind = 'reply-needed' | 'awaiting-reply' | 'overdue' | 'promise' | 'key-date' | 'appreciation';

export interface NudgeLike {
  key: string;
  kind: NudgeKind;
  contact: string;
  name: string;
  reason: string;
  at: number;
  dueAt?: number;
  threadKey?: string;
  threadId?: string;
  account?: string;
  subject?: string;
  promiseId?: string;
}

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

/** Sections of the nudge list, in the order shown. */
export const SECTIONS: { kind: NudgeKind; title: string; id: string }[] = [
  { kind: 'reply-needed', title: 'Reply needed', id: 'reply-needed' },
  { kind: 'awaiting-reply', title: 'Follow up', id: 'follow-up' },
  { kind: 'overdue', title: 'Overdue', id: 'overdue' },
  { kind: 'promise', title: 'Promises', id: 'promises' },
  { kind: 'key-date', title: 'Key dates', id: 'key-dates' },
  { kind: 'appreciation', title: 'Say thanks', id: 'appreciation' },
];
