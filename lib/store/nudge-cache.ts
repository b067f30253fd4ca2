/**
 * The precomputed nudge list as the surfaces read it: one record in `kv`. Kept apart from lib/store/nudge-list.ts
 * (which computes it) so the popup's first paint loads neither the engine nor zod.
 */

import type { Nudge } from '../engine/nudges';
import type { TendDB } from './db';

export const NUDGE_LIST_KEY = 'nudges';

export interface NudgeList {
  computedAt: number;
  nudges: Nudge[];
}

export async function readNudgeList(db: TendDB): Promise<NudgeList | undefined> {
  return asNudgeList((await db.kv.get(NUDGE_LIST_KEY))?.value);
}

/** Written only by the background; a record of another shape (an old version's) reads as "not computed yet". */
export function asNudgeList(value: unknown): NudgeList | undefined {
  const v = value as Partial<NudgeList> | null | undefined;
  return v && typeof v.computedAt === 'number' && Array.isArray(v.nudges) ? (v as NudgeList) : undefined;
}
