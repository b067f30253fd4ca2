import type { NudgeLike } from '@/components/types';

/** One overdue nudge as the lists show it: the row the snooze menu's tests open. */
export const CY_OVERDUE: NudgeLike = {
  key: 'contact:cy@example.org',
  kind: 'overdue',
  contact: 'cy@example.org',
  name: 'Cy Young',
  reason: 'Monthly · last email 7 weeks ago',
  at: 1,
};
