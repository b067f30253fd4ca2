/**
 * The free-slot finder: from busy events, working hours and days, the user's time zone, buffers, a minimum
 * duration and a horizon, it proposes a few concrete times for relationship time, ranked by the article's
 * moments (before work, lunch, after work, right before or after a meeting already shared with the person or
 * their company), spread across days. Never in the past, never overlapping a busy block (with its buffers).
 *
 * Wall-clock times are built in `timeZone` from the zone's real offsets (lib/time, cached per day), so a week that crosses a DST change still puts
 * "09:00" at nine o'clock local time. Busy events are filtered to the horizon in one linear pass, sorted and
 * merged once; every window then finds its first overlapping block by binary search.
 */

import type { Settings } from '../core/model';
import { parseTimeOfDay, resolveTimeZone, wallTime, zonedInstant } from '../time/zoned-time';

export type SlotMoment = 'before-work' | 'lunch' | 'after-work' | 'around-shared-meeting' | 'work';

export interface Slot {
  start: number;
  end: number;
  moment: SlotMoment;
  score: number;
  why: string;
}

export interface BusyBlock {
  start: number;
  end: number;
  title?: string;
  attendees?: string[];
  /** Free (transparent) events are passed through but block nothing. */
  busy?: boolean;
  allDay?: boolean;
}

export interface FindSlotsInput {
  busy: BusyBlock[];
  now: number;
  settings: Settings;
  /** IANA zone of the user (settings.timeZone, or the browser's own). */
  timeZone: string;
  contact?: { email: string; domain?: string };
  /** How many slots to return (default 3). */
  count?: number;
}

export interface FindSlotsResult {
  slots: Slot[];
  /** Why nothing (or fewer than asked) fits, in words. */
  reason?: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const STEP = 15 * MINUTE;
/** How long before work and after work still counts as "before work" / "after work". */
const EDGE_MINUTES = 90;

/** Base score per moment: a meeting already shared beats lunch, which beats the day's edges. */
const MOMENT_SCORE: Record<SlotMoment, number> = {
  'around-shared-meeting': 100,
  lunch: 80,
  'before-work': 70,
  'after-work': 60,
  work: 30,
};

/** Domains many unrelated people share: a guest at gmail.com is not "the same company". */
const PUBLIC_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
  'aol.com',
  'gmx.de',
  'web.de',
]);

interface Interval {
  start: number;
  end: number;
}

const minutesOf = (hhmm: string): number => parseTimeOfDay(hhmm) ?? 0;

/** Wall-clock reading and building in one zone, on lib/time's cached offsets (months 0-based here, as Date). */
class ZoneClock {
  constructor(private readonly tz: string) {}

  /** Epoch ms of a wall-clock time (minutes may exceed a day or be negative: they roll over; a DST gap moves forward). */
  wall(y: number, m: number, d: number, minutes: number): number {
    return zonedInstant({ year: y, month: m + 1, day: d, minute: minutes }, this.tz);
  }

  /** The local calendar date and ISO weekday (1 = Monday) of instant t. */
  local(t: number): { y: number; m: number; d: number; isoDay: number } {
    const w = wallTime(t, this.tz);
    return { y: w.year, m: w.month - 1, d: w.day, isoDay: w.weekday === 0 ? 7 : w.weekday };
  }

  get zone(): string {
    return this.tz;
  }
}

const ceilStep = (t: number) => Math.ceil(t / STEP) * STEP;
const floorStep = (t: number) => Math.floor(t / STEP) * STEP;

/** Index of the first interval whose end is after `t` (intervals sorted and disjoint). */
function firstEndingAfter(list: Interval[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.end <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The free gaps of [from, to) between merged busy intervals. */
function freeGaps(merged: Interval[], from: number, to: number): Interval[] {
  const gaps: Interval[] = [];
  let cursor = from;
  for (let i = firstEndingAfter(merged, from); i < merged.length; i++) {
    const b = merged[i]!;
    if (b.start >= to) break;
    if (b.start > cursor) gaps.push({ start: cursor, end: Math.min(b.start, to) });
    cursor = Math.max(cursor, b.end);
    if (cursor >= to) break;
  }
  if (cursor < to) gaps.push({ start: cursor, end: to });
  return gaps;
}

/** A slot of `length` inside [from, to) and outside every busy block: the earliest, or the latest. */
function placeSlot(merged: Interval[], from: number, to: number, length: number, latest: boolean): Interval | null {
  const gaps = freeGaps(merged, from, to);
  if (latest) {
    for (let i = gaps.length - 1; i >= 0; i--) {
      const g = gaps[i]!;
      const end = floorStep(g.end);
      if (end - length >= g.start) return { start: end - length, end };
    }
    return null;
  }
  for (const g of gaps) {
    const start = ceilStep(g.start);
    if (start + length <= g.end) return { start, end: start + length };
  }
  return null;
}

function sharedWith(
  block: BusyBlock,
  email: string | undefined,
  domain: string | undefined,
): 'person' | 'company' | null {
  if (!block.attendees || block.attendees.length === 0) return null;
  let company = false;
  for (const a of block.attendees) {
    const lower = a.toLowerCase();
    if (email && lower === email) return 'person';
    if (domain && lower.endsWith(`@${domain}`)) company = true;
  }
  return company ? 'company' : null;
}

const dayFormats = new Map<string, Intl.DateTimeFormat | null>();

/** Formatters are costly to build: one per zone, kept. Null when the zone is unknown. */
function dayFormat(tz: string): Intl.DateTimeFormat | null {
  let f = dayFormats.get(tz);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', timeZone: tz });
    } catch {
      f = null;
    }
    dayFormats.set(tz, f);
  }
  return f;
}

interface Candidate extends Slot {
  dayIndex: number;
}

/**
 * Finds the top `count` slots (default 3) for relationship time over the next `settings.slots.horizonDays`.
 * Returns them best first; `reason` says in words why nothing, or fewer than asked, fits.
 */
export function findSlots(input: FindSlotsInput): FindSlotsResult {
  const { settings, now, timeZone } = input;
  const count = Math.max(1, Math.min(20, input.count ?? 3));
  const length = settings.slots.minutes * MINUTE;
  const buffer = settings.slots.bufferMinutes * MINUTE;
  const horizonDays = settings.slots.horizonDays;
  const workDays = new Set(settings.work.days);
  const moments = new Set<SlotMoment>([...settings.slots.moments, 'work']);
  const tz = resolveTimeZone(timeZone);
  if (workDays.size === 0) return { slots: [], reason: 'No working days are set, so there is no day to suggest.' };

  const workStart = minutesOf(settings.work.start);
  const workEnd = minutesOf(settings.work.end);
  const lunchStart = minutesOf(settings.work.lunchStart);
  const lunchEnd = minutesOf(settings.work.lunchEnd);
  if (workEnd <= workStart)
    return { slots: [], reason: 'The working day ends before it starts; check the working hours.' };

  // The horizon: from now to the end of the last day, in the user's zone.
  const clock = new ZoneClock(tz);
  const { y: y0, m: m0, d: d0 } = clock.local(now);
  const horizonEnd = clock.wall(y0, m0, d0 + horizonDays, 0);

  // One pass: keep busy blocks inside the horizon, expanded by the buffer; then sort and merge.
  const email = input.contact?.email.toLowerCase();
  const rawDomain =
    input.contact?.domain?.toLowerCase() ?? (email ? email.slice(email.lastIndexOf('@') + 1) : undefined);
  const domain = rawDomain && !PUBLIC_DOMAINS.has(rawDomain) ? rawDomain : undefined;
  const blocks: Interval[] = [];
  const shared: { block: BusyBlock; how: 'person' | 'company' }[] = [];
  const lo = now - DAY;
  const hi = horizonEnd + DAY;
  for (const b of input.busy) {
    if (b.busy === false || !(b.end > lo && b.start < hi) || !(b.end > b.start)) continue;
    blocks.push({ start: b.start - buffer, end: b.end + buffer });
    if ((email || domain) && !b.allDay) {
      const how = sharedWith(b, email, domain);
      if (how) shared.push({ block: b, how });
    }
  }
  blocks.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const b of blocks) {
    const last = merged[merged.length - 1];
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else merged.push({ start: b.start, end: b.end });
  }

  const earliest = ceilStep(now);
  const candidates: Candidate[] = [];
  let workDaysSeen = 0;
  for (let i = 0; i < horizonDays; i++) {
    const dayStart = clock.wall(y0, m0, d0 + i, 0);
    const { y, m, d, isoDay } = clock.local(dayStart);
    if (!workDays.has(isoDay)) continue;
    const at = (minutes: number) => clock.wall(y, m, d, minutes);
    const dayEnd = at(workEnd + EDGE_MINUTES);
    if (dayEnd <= earliest) continue;
    workDaysSeen++;
    const proximity = -i * 1.5; // sooner is a little better

    const windows: { moment: SlotMoment; from: number; to: number; latest: boolean; why: string }[] = [
      {
        moment: 'before-work',
        from: at(workStart - EDGE_MINUTES),
        to: at(workStart),
        latest: true,
        why: 'Before work',
      },
      { moment: 'lunch', from: at(lunchStart), to: at(lunchEnd), latest: false, why: 'Over lunch' },
      { moment: 'after-work', from: at(workEnd), to: dayEnd, latest: false, why: 'After work' },
      {
        moment: 'work',
        from: at(workStart),
        to: at(workEnd),
        latest: false,
        why: 'During the working day',
      },
    ];
    for (const w of windows) {
      if (!moments.has(w.moment)) continue;
      const from = Math.max(w.from, earliest);
      if (from >= w.to) continue;
      const slot = placeSlot(merged, from, w.to, length, w.latest);
      if (!slot) continue;
      candidates.push({
        ...slot,
        moment: w.moment,
        score: MOMENT_SCORE[w.moment] + proximity,
        why: w.why,
        dayIndex: i,
      });
    }
  }

  // Right before or right after a meeting already shared with the person or their company.
  if (moments.has('around-shared-meeting')) {
    for (const { block, how } of shared) {
      const { y, m, d, isoDay } = clock.local(block.start);
      // whole local days from today (Date.UTC on local dates: DST-proof)
      const dayIndex = Math.round((Date.UTC(y, m, d) - Date.UTC(y0, m0, d0)) / DAY);
      if (dayIndex < 0 || dayIndex >= horizonDays) continue;
      if (!workDays.has(isoDay)) continue;
      const open = Math.max(earliest, clock.wall(y, m, d, workStart - EDGE_MINUTES));
      const close = clock.wall(y, m, d, workEnd + EDGE_MINUTES);
      const title = block.title ? `“${block.title.slice(0, 80)}”` : 'a meeting';
      const whom = how === 'person' ? 'them' : 'their company';
      const bonus = how === 'person' ? 0 : -10;
      const before = { start: block.start - buffer - length, end: block.start - buffer };
      const after = { start: block.end + buffer, end: block.end + buffer + length };
      for (const [s, side] of [
        [before, 'before'],
        [after, 'after'],
      ] as const) {
        const start = side === 'before' ? floorStep(s.start) : ceilStep(s.start);
        const slot = { start, end: start + length };
        if (slot.start < open || slot.end > close) continue;
        const i = firstEndingAfter(merged, slot.start);
        const hit = merged[i];
        if (hit && hit.start < slot.end) continue;
        candidates.push({
          ...slot,
          moment: 'around-shared-meeting',
          score: MOMENT_SCORE['around-shared-meeting'] + bonus - dayIndex * 1.5,
          why: `Right ${side} ${title}, a meeting you already share with ${whom}`,
          dayIndex,
        });
      }
    }
  }

  if (candidates.length === 0) {
    const minutes = settings.slots.minutes;
    if (workDaysSeen === 0)
      return {
        slots: [],
        reason: `There is no working day left in the next ${horizonDays} day${horizonDays === 1 ? '' : 's'}.`,
      };
    return {
      slots: [],
      reason:
        `Your calendar has no free ${minutes}-minute gap (with ${settings.slots.bufferMinutes} minutes of buffer ` +
        `around meetings) before work, at lunch, after work or during the working day on any of the ` +
        `${workDaysSeen} working day${workDaysSeen === 1 ? '' : 's'} in the next ${horizonDays} days.`,
    };
  }

  // Spread across days: the best slot of each day first, then second-best ones if days run out.
  candidates.sort((a, b) => b.score - a.score || a.start - b.start);
  const picked: Candidate[] = [];
  const usedDays = new Set<number>();
  const overlaps = (c: Candidate) => picked.some((p) => c.start < p.end && p.start < c.end);
  for (const c of candidates) {
    if (picked.length >= count) break;
    if (usedDays.has(c.dayIndex) || overlaps(c)) continue;
    picked.push(c);
    usedDays.add(c.dayIndex);
  }
  for (const c of candidates) {
    if (picked.length >= count) break;
    if (picked.includes(c) || overlaps(c)) continue;
    picked.push(c);
  }
  const slots: Slot[] = picked.map(({ dayIndex: _d, ...s }) => ({ ...s, score: Math.round(s.score * 10) / 10 }));
  const result: FindSlotsResult = { slots };
  if (slots.length < count)
    result.reason = `Only ${slots.length} free time${slots.length === 1 ? '' : 's'} fit${slots.length === 1 ? 's' : ''} in the next ${horizonDays} days.`;
  return result;
}
