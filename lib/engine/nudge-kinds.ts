/**
 * The kinds of nudge and the one order they are listed in, everywhere (popup sections, sidebar, digest): time-bound
 * and owed first, the gentle rhythm last. Its own module, with no imports, so the popup's first paint can order its
 * sections without loading the engine.
 */
export type NudgeKind = 'reply-needed' | 'awaiting-reply' | 'overdue' | 'promise' | 'key-date' | 'appreciation';

export const NUDGE_KIND_ORDER: readonly NudgeKind[] = [
  'promise',
  'reply-needed',
  'key-date',
  'appreciation',
  'awaiting-reply',
  'overdue',
];
