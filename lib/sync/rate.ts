/**
 * The browser's write limits for `storage.sync`: every `set`, `remove` or `clear` is one write operation, at most
 * 120 a minute and 1,800 an hour (Chrome's MAX_WRITE_OPERATIONS_PER_MINUTE / _PER_HOUR; Firefox is laxer). Going
 * over makes the browser refuse the write, so Tend counts its own writes and waits instead.
 */

export interface RateLimits {
  perMinute: number;
  perHour: number;
}

export const CHROME_RATE_LIMITS: RateLimits = { perMinute: 120, perHour: 1_800 };

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** The write log without the writes older than an hour (all the limits look at). */
export function pruneLog(log: readonly number[], now: number): number[] {
  return log.filter((t) => t > now - HOUR && t <= now + HOUR).sort((a, b) => a - b);
}

/**
 * The earliest time at or after `now` when `ops` more writes stay within both limits, given the times of the
 * writes already made. `ops` larger than a limit can never be written at once: Infinity.
 */
export function nextWriteAt(log: readonly number[], now: number, limits: RateLimits, ops = 1): number {
  if (ops <= 0) return now;
  if (ops > limits.perMinute || ops > limits.perHour) return Number.POSITIVE_INFINITY;
  const recent = pruneLog(log, now);
  let at = now;
  for (const [window, limit] of [
    [MINUTE, limits.perMinute],
    [HOUR, limits.perHour],
  ] as const) {
    const inWindow = recent.filter((t) => t > at - window);
    const over = inWindow.length + ops - limit;
    // The `over`-th oldest write in the window must leave it first.
    if (over > 0) at = Math.max(at, (inWindow[over - 1] as number) + window);
  }
  return at;
}
