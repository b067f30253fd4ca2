/**
 * Rhythms (cadences): inferred from history or set by the user. Pure functions; `now` is passed in.
 */
import type { Direction } from './model';

export interface Touch {
  at: number;
  direction: Direction;
  mass?: boolean;
}

const DAY = 86_400_000;

/**
 * The usual gap in days between touches over the past year, or null when history is too thin
 * (fewer than 3 touches on distinct days, or no two-way contact). Median of gaps between distinct days,
 * so a burst of mail on one day counts once.
 */
export function inferRhythmDays(touches: readonly Touch[], now: number): number | null {
  const since = now - 365 * DAY;
  const days = new Set<number>();
  let sent = false;
  let other = false;
  for (const t of touches) {
    if (t.at < since || t.at > now || t.mass) continue;
    days.add(Math.floor(t.at / DAY));
    if (t.direction === 'sent') sent = true;
    else other = true;
  }
  if (days.size < 3 || !sent || !other) return null;
  const sorted = [...days].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) gaps.push((sorted[i] as number) - (sorted[i - 1] as number));
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 ? (gaps[mid] as number) : ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
  return Math.max(1, Math.round(median));
}
