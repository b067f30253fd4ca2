/**
 * The precomputed nudge list as the surfaces read it: one record in `kv`. Kept apart from lib/nudge-list.ts
 * (which computes it) so the popup's first paint loads neither the engine nor zod.
 */
import type { TendDB } from './db';
import type { Nudge } from './nudges';

export const NUDGE_LIST_KEY = 'nudges';

export interface NudgeList {
  computedAt: number;
  nudges: Nudge[];
}

export async function readNudgeList(db: TendDB): Promise<NudgeList | undefined> {
  const rec = await db.kv.get(NUDGE_LIST_KEY);
  const value = rec?.value as Partial<NudgeList> | undefined;
  // Written only by the background; a record of another shape (an old version's) reads as "not computed yet".
  return value && typeof value.computedAt === 'number' && Array.isArray(value.nudges)
    ? (value as NudgeList)
    : undefined;
}
