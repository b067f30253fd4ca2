/**
 * The free-slot finder: from busy events, working hours and days, the user's time zone, buffers, a minimum
 * duration and a horizon, it proposes a few concrete times for relationship time, ranked by the article's
 * moments (before work, lunch, after work, right before or after a meeting already shared with the person or
 * their company), spread across days. Never in the past, never overlapping a busy block (with its buffers),
 * and only on days whose calendar Tend has seen: a working day it has not seen is named (`unseen`), not called
 * free.
 *
 * The steps, one function each: `readRules` (settings), `horizonDays`, `busyWithin` + `mergeBusy`,
 * `dayCandidates` (the day's moments) and `sharedMeetingCandidates`, then `spreadAcrossDays` and
 * `shortfallReason`; `findSlots` only strings them together.
 *
 * Wall-clock times are built in `timeZone` from the zone's real offsets (lib/time, cached per day), so a week that crosses a DST change still puts
 * "09:00" at nine o'clock local time. Busy events are filtered to the horizon in one linear pass, sorted and
 * merged once; every window then finds its first overlapping block by binary search.
 */

import type { Settings } from '../core/model';
import { type DayRange, inDayRanges, isoWeekOf } from '../time/day-ranges';
import { civilDayNumber, parseTimeOfDay, resolveTimeZone, wallTime, zonedInstant } from '../time/zoned-time';

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
  /**
   * The local days whose calendar Tend has seen (lib/store/calendar-coverage): slots go only there. 'all' when
   * the caller holds the whole calendar (a test, a benchmark).
   */
  seen: readonly DayRange[] | 'all';
}

export interface FindSlotsResult {
  slots: Slot[];
  /** Why nothing (or fewer than asked) fits, in words. */
  reason?: string;
  /** Working days in the horizon whose calendar Tend has not seen (day numbers), one run per week at most. */
  unseen: DayRange[];
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

interface Candidate extends Slot {
  dayIndex: number;
}

/** The settings findSlots works from, read once: lengths in ms, times of day in minutes after midnight. */
interface Rules {
  count: number;
  length: number;
  buffer: number;
  horizonDays: number;
  workDays: ReadonlySet<number>;
  moments: ReadonlySet<SlotMoment>;
  workStart: number;
  workEnd: number;
  lunchStart: number;
  lunchEnd: number;
}

/** The rules, or why no slot can be found with these settings. */
function readRules(settings: Settings, count: number | undefined): Rules | string {
  const workDays = new Set(settings.work.days);
  if (workDays.size === 0) return 'No working days are set, so there is no day to suggest.';
  const workStart = minutesOf(settings.work.start);
  const workEnd = minutesOf(settings.work.end);
  if (workEnd <= workStart) return 'The working day ends before it starts; check the working hours.';
  return {
    count: Math.max(1, Math.min(20, count ?? 3)),
    length: settings.slots.minutes * MINUTE,
    buffer: settings.slots.bufferMinutes * MINUTE,
    horizonDays: settings.slots.horizonDays,
    workDays,
    moments: new Set<SlotMoment>([...settings.slots.moments, 'work']),
    workStart,
    workEnd,
    lunchStart: minutesOf(settings.work.lunchStart),
    lunchEnd: minutesOf(settings.work.lunchEnd),
  };
}

/** A day of the horizon: its index from today, its local date and its day number (lib/time/day-ranges). */
interface HorizonDay {
  index: number;
  y: number;
  m: number;
  d: number;
  isoDay: number;
  dayNumber: number;
}

/** Today and the next `horizonDays - 1` local days. */
function horizonDays(clock: ZoneClock, now: number, days: number): HorizonDay[] {
  const { y: y0, m: m0, d: d0 } = clock.local(now);
  const out: HorizonDay[] = [];
  for (let i = 0; i < days; i++) {
    const { y, m, d, isoDay } = clock.local(clock.wall(y0, m0, d0 + i, 0));
    out.push({ index: i, y, m, d, isoDay, dayNumber: civilDayNumber(y, m + 1, d) });
  }
  return out;
}

/** The blocks that take time inside [from, to): busy, well-formed and overlapping it (one linear pass). */
function busyWithin(busy: readonly BusyBlock[], from: number, to: number): BusyBlock[] {
  const out: BusyBlock[] = [];
  for (const b of busy) if (b.busy !== false && b.end > from && b.start < to && b.end > b.start) out.push(b);
  return out;
}

/** Blocks widened by the buffer, sorted and merged into disjoint intervals. */
function mergeBusy(blocks: readonly BusyBlock[], buffer: number): Interval[] {
  const widened = blocks.map((b) => ({ start: b.start - buffer, end: b.end + buffer }));
  widened.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const b of widened) {
    const last = merged[merged.length - 1];
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else merged.push(b);
  }
  return merged;
}

/** The person's address and their company's domain (none for a public mail domain such as gmail.com). */
function whoIsShared(contact: FindSlotsInput['contact']): { email?: string; domain?: string } {
  const email = contact?.email.toLowerCase();
  const raw = contact?.domain?.toLowerCase() ?? (email ? email.slice(email.lastIndexOf('@') + 1) : undefined);
  return { email, domain: raw && !PUBLIC_DOMAINS.has(raw) ? raw : undefined };
}

/** The day's moments (before work, lunch, after work, during work), each as its best free slot. */
function dayCandidates(day: HorizonDay, clock: ZoneClock, rules: Rules, merged: Interval[], earliest: number) {
  const at = (minutes: number) => clock.wall(day.y, day.m, day.d, minutes);
  const dayEnd = at(rules.workEnd + EDGE_MINUTES);
  const windows: { moment: SlotMoment; from: number; to: number; latest: boolean; why: string }[] = [
    {
      moment: 'before-work',
      from: at(rules.workStart - EDGE_MINUTES),
      to: at(rules.workStart),
      latest: true,
      why: 'Before work',
    },
    { moment: 'lunch', from: at(rules.lunchStart), to: at(rules.lunchEnd), latest: false, why: 'Over lunch' },
    { moment: 'after-work', from: at(rules.workEnd), to: dayEnd, latest: false, why: 'After work' },
    { moment: 'work', from: at(rules.workStart), to: at(rules.workEnd), latest: false, why: 'During the working day' },
  ];
  const out: Candidate[] = [];
  for (const w of windows) {
    if (!rules.moments.has(w.moment)) continue;
    const from = Math.max(w.from, earliest);
    if (from >= w.to) continue;
    const slot = placeSlot(merged, from, w.to, rules.length, w.latest);
    if (!slot) continue;
    // sooner is a little better
    out.push({
      ...slot,
      moment: w.moment,
      score: MOMENT_SCORE[w.moment] - day.index * 1.5,
      why: w.why,
      dayIndex: day.index,
    });
  }
  return out;
}

/** Right before or right after a meeting already shared with the person or their company, on a usable day. */
function sharedMeetingCandidates(
  shared: readonly { block: BusyBlock; how: 'person' | 'company' }[],
  usable: ReadonlyMap<number, HorizonDay>,
  clock: ZoneClock,
  rules: Rules,
  merged: Interval[],
  earliest: number,
): Candidate[] {
  const out: Candidate[] = [];
  const { length, buffer } = rules;
  for (const { block, how } of shared) {
    const { y, m, d } = clock.local(block.start);
    const day = usable.get(civilDayNumber(y, m + 1, d));
    if (!day) continue;
    const open = Math.max(earliest, clock.wall(y, m, d, rules.workStart - EDGE_MINUTES));
    const close = clock.wall(y, m, d, rules.workEnd + EDGE_MINUTES);
    const title = block.title ? `“${block.title.slice(0, 80)}”` : 'a meeting';
    const whom = how === 'person' ? 'them' : 'their company';
    const bonus = how === 'person' ? 0 : -10;
    for (const side of ['before', 'after'] as const) {
      const start = side === 'before' ? floorStep(block.start - buffer - length) : ceilStep(block.end + buffer);
      const slot = { start, end: start + length };
      if (slot.start < open || slot.end > close) continue;
      const hit = merged[firstEndingAfter(merged, slot.start)];
      if (hit && hit.start < slot.end) continue;
      out.push({
        ...slot,
        moment: 'around-shared-meeting',
        score: MOMENT_SCORE['around-shared-meeting'] + bonus - day.index * 1.5,
        why: `Right ${side} ${title}, a meeting you already share with ${whom}`,
        dayIndex: day.index,
      });
    }
  }
  return out;
}

/** The best `count`, spread across days: the best slot of each day first, then second-best ones if days run out. */
function spreadAcrossDays(candidates: Candidate[], count: number): Slot[] {
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
  return picked.map(({ dayIndex: _d, ...s }) => ({ ...s, score: Math.round(s.score * 10) / 10 }));
}

/**
 * Working days not seen, as runs inside one Monday-to-Sunday week: a seen day or a new week ends a run; days
 * that are not working days (or already over) do not.
 */
function unseenRuns(days: readonly { dayNumber: number; state: 'seen' | 'unseen' | 'off' }[]): DayRange[] {
  const runs: [number, number][] = [];
  let open = false;
  for (const { dayNumber, state } of days) {
    if (state === 'seen') open = false;
    if (state !== 'unseen') continue;
    const last = runs[runs.length - 1];
    if (open && last && isoWeekOf(last[1]) === isoWeekOf(dayNumber)) last[1] = dayNumber;
    else runs.push([dayNumber, dayNumber]);
    open = true;
  }
  return runs;
}

const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);

/** Why nothing, or fewer than asked, fits: in words. */
function shortfallReason(
  found: number,
  rules: Rules,
  settings: Settings,
  days: { open: number; seen: number },
): string | undefined {
  const { horizonDays } = rules;
  const inHorizon = `in the next ${horizonDays} ${plural(horizonDays, 'day')}`;
  if (found === 0) {
    if (days.open === 0) return `There is no working day left ${inHorizon}.`;
    if (days.seen === 0) return `Tend has not seen your calendar for any working day ${inHorizon}.`;
    return (
      `Your calendar has no free ${settings.slots.minutes}-minute gap (with ${settings.slots.bufferMinutes} minutes of buffer ` +
      `around meetings) before work, at lunch, after work or during the working day on any of the ` +
      `${days.seen} working ${plural(days.seen, 'day')} ${days.seen < days.open ? 'Tend has seen ' : ''}${inHorizon}.`
    );
  }
  if (found >= rules.count) return undefined;
  const where = days.seen < days.open ? `on the days Tend has seen your calendar for ${inHorizon}` : inHorizon;
  return `Only ${found} free ${plural(found, 'time')} ${plural(found, 'fits', 'fit')} ${where}.`;
}

/**
 * Finds the top `count` slots (default 3) for relationship time over the next `settings.slots.horizonDays`, on
 * the days whose calendar Tend has seen (`seen`); the working days it has not seen come back as `unseen`
 * instead of being called free. Returns the slots best first; `reason` says in words why nothing, or fewer
 * than asked, fits.
 */
export function findSlots(input: FindSlotsInput): FindSlotsResult {
  const { settings, now } = input;
  const rules = readRules(settings, input.count);
  if (typeof rules === 'string') return { slots: [], reason: rules, unseen: [] };
  const clock = new ZoneClock(resolveTimeZone(input.timeZone));
  const days = horizonDays(clock, now, rules.horizonDays);
  const first = days[0]!;
  const horizonEnd = clock.wall(first.y, first.m, first.d + rules.horizonDays, 0);
  const earliest = ceilStep(now);

  // Which days can hold a slot: working days with time left, whose calendar Tend has seen.
  const usable = new Map<number, HorizonDay>();
  const states = days.map((day) => {
    const over = clock.wall(day.y, day.m, day.d, rules.workEnd + EDGE_MINUTES) <= earliest;
    if (!rules.workDays.has(day.isoDay) || over) return { dayNumber: day.dayNumber, state: 'off' as const };
    const seen = input.seen === 'all' || inDayRanges(input.seen, day.dayNumber);
    if (seen) usable.set(day.dayNumber, day);
    return { dayNumber: day.dayNumber, state: seen ? ('seen' as const) : ('unseen' as const) };
  });
  const unseen = unseenRuns(states);

  const busy = busyWithin(input.busy, now - DAY, horizonEnd + DAY);
  const merged = mergeBusy(busy, rules.buffer);
  const candidates: Candidate[] = [];
  for (const day of usable.values()) candidates.push(...dayCandidates(day, clock, rules, merged, earliest));
  const { email, domain } = whoIsShared(input.contact);
  if (rules.moments.has('around-shared-meeting') && (email || domain)) {
    const shared = busy.flatMap((block) => {
      const how = block.allDay ? null : sharedWith(block, email, domain);
      return how ? [{ block, how }] : [];
    });
    candidates.push(...sharedMeetingCandidates(shared, usable, clock, rules, merged, earliest));
  }

  const slots = candidates.length ? spreadAcrossDays(candidates, rules.count) : [];
  const open = states.filter((s) => s.state !== 'off').length;
  const reason = shortfallReason(slots.length, rules, settings, { open, seen: usable.size });
  return reason === undefined ? { slots, unseen } : { slots, reason, unseen };
}
