/** Snooze, done and mute: what the user said about a nudge, kept in the store (and the backup). */

import type { NudgeState } from '../core/model';
import type { MessageOf } from '../ingest/messages';
import type { TendDB } from './db';
import { writeTransaction } from './quota';

export async function applyNudgeAction(
  db: TendDB,
  { key, action, until }: Pick<MessageOf<'nudge-action'>, 'key' | 'action' | 'until'>,
  now: number,
): Promise<NudgeState> {
  return writeTransaction(db, [db.nudgeState], `your ${action} on a nudge`, async () => {
    const prev: NudgeState = (await db.nudgeState.get(key)) ?? { key };
    let next: NudgeState;
    switch (action) {
      case 'snooze':
        if (until === undefined || until <= now) throw new Error('snooze needs a time in the future');
        next = { ...prev, snoozedUntil: until };
        break;
      case 'done':
        next = { ...prev, doneAt: now, snoozedUntil: undefined };
        break;
      case 'reopen':
        next = { key, ...(prev.muted ? { muted: true } : {}) };
        break;
      case 'mute':
        next = { ...prev, muted: true };
        break;
      case 'unmute':
        next = { ...prev, muted: false };
        break;
    }
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as NudgeState;
    await db.nudgeState.put(clean);
    return clean;
  });
}
