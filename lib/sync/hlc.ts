/**
 * A hybrid logical clock (Kulkarni et al. 2014): stamps that follow the wall clock when it moves forward, never
 * go backwards, and always sort after every stamp this copy has seen from another. A copy whose clock is behind
 * still stamps its later edits after the edits it has received, so "later" means later in what the user saw.
 *
 * A stamp is one string that sorts as it compares: 9 base-36 digits of wall milliseconds, 3 of a counter for
 * stamps within the same millisecond, then the copy's node id. Plain string comparison orders stamps.
 */

export type Stamp = string;

export interface Hlc {
  /** Wall milliseconds of the latest stamp made or seen. */
  wall: number;
  /** Stamps within that millisecond. */
  count: number;
  /** This copy's id: lower-case letters and digits, 4 to 12 of them. */
  node: string;
}

const WALL_DIGITS = 9;
const COUNT_DIGITS = 3;
const MAX_COUNT = 36 ** COUNT_DIGITS - 1;
const MAX_WALL = 36 ** WALL_DIGITS - 1;
const NODE = /^[a-z0-9]{4,12}$/;
const STAMP = /^[0-9a-z]{9}[0-9a-z]{3}[a-z0-9]{4,12}$/;

export function newNodeId(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += Math.floor(random() * 36).toString(36);
  return s;
}

export function startClock(node: string): Hlc {
  if (!NODE.test(node)) throw new Error(`not a clock node id: ${JSON.stringify(node)}`);
  return { wall: 0, count: 0, node };
}

export function encodeStamp(wall: number, count: number, node: string): Stamp {
  return wall.toString(36).padStart(WALL_DIGITS, '0') + count.toString(36).padStart(COUNT_DIGITS, '0') + node;
}

export function isStamp(s: unknown): s is Stamp {
  return typeof s === 'string' && STAMP.test(s);
}

export function decodeStamp(s: Stamp): { wall: number; count: number; node: string } | null {
  if (!isStamp(s)) return null;
  return {
    wall: Number.parseInt(s.slice(0, WALL_DIGITS), 36),
    count: Number.parseInt(s.slice(WALL_DIGITS, WALL_DIGITS + COUNT_DIGITS), 36),
    node: s.slice(WALL_DIGITS + COUNT_DIGITS),
  };
}

function advance(wall: number, count: number): { wall: number; count: number } {
  if (count <= MAX_COUNT) return { wall, count };
  return { wall: Math.min(wall + 1, MAX_WALL), count: 0 };
}

/** A new stamp for a local edit at wall time `now`, and the clock after it. */
export function tick(clock: Hlc, now: number): { clock: Hlc; stamp: Stamp } {
  const wallNow = Math.max(0, Math.min(Math.floor(now), MAX_WALL));
  const next = wallNow > clock.wall ? { wall: wallNow, count: 0 } : advance(clock.wall, clock.count + 1);
  const c = { ...clock, ...next };
  return { clock: c, stamp: encodeStamp(c.wall, c.count, c.node) };
}

/** The clock after seeing another copy's stamp: every later local stamp sorts after it. */
export function observe(clock: Hlc, stamp: Stamp): Hlc {
  const s = decodeStamp(stamp);
  if (!s) return clock;
  if (s.wall > clock.wall || (s.wall === clock.wall && s.count > clock.count))
    return { ...clock, wall: s.wall, count: s.count };
  return clock;
}
