/**
 * The nudge list the surfaces paint from. The background recomputes it after each change and on a timer
 * and keeps it as one record, so the popup's first paint reads one record, not 5,000 contacts.
 */

import { THREAD_WINDOW_MS } from '../engine/followups';
import { computeNudges } from '../engine/nudges';
import { personTest } from '../engine/people';
import { selfAddresses } from './accounts';
import { openPromises, type TendDB } from './db';
import { NUDGE_LIST_KEY, type NudgeList } from './nudge-cache';
import { writeTransaction } from './quota';
import { getSettings } from './settings';
import { recentThreads, threadTables } from './threads';

export async function computeNudgeList(db: TendDB, now: number): Promise<NudgeList> {
  return db.transaction('r', [db.contacts, ...threadTables(db), db.promises, db.nudgeState, db.kv], async () => {
    const settings = await getSettings(db);
    const self = await selfAddresses(db);
    const [contacts, threads, promises, states] = await Promise.all([
      db.contacts.toArray(),
      recentThreads(db, now - THREAD_WINDOW_MS),
      openPromises(db),
      db.nudgeState.toArray(),
    ]);
    const isPerson = personTest(settings, self);
    return { computedAt: now, nudges: computeNudges({ contacts, threads, promises, states, settings, now, isPerson }) };
  });
}

export async function refreshNudgeList(db: TendDB, now: number): Promise<NudgeList> {
  const list = await computeNudgeList(db, now);
  await writeTransaction(db, [db.kv], 'the list of nudges', () => db.kv.put({ key: NUDGE_LIST_KEY, value: list }));
  return list;
}
