/**
 * Rhythms (cadences): inferred from history or set by the user, who is due, and how strong a relationship
 * is. Pure functions over contact summaries; `now` is passed in.
 */
import { median } from '../core/median';
import { CADENCE_PRESETS, type Contact, type Direction, type Settings } from '../core/model';

export interface Touch {
  at: number;
  direction: Direction;
  mass?: boolean;
}

const DAY = 86_400_000;

/** Touches on days at most this far apart belong to one conversation (a Friday thread that ends on Monday). */
export const BURST_GAP_DAYS = 3;
/** A single conversation must last this long to say anything about a rhythm (daily colleagues). */
const SUSTAINED_DAYS = 14;

/**
 * The usual silence in days between conversations over the past year, or null when history is too thin:
 * fewer than 3 touches on distinct days, no two-way contact (the user wrote AND they wrote back or met),
 * or one short burst. One-way mass mail is ignored, and so are touches in the future (scheduled meetings).
 *
 * Robust to bursts: days at most `BURST_GAP_DAYS` apart are merged into one conversation, and the answer is
 * the median of the silences between conversations (last day of one to first day of the next). Someone met
 * weekly with a follow-up email the next day has a rhythm of ~6 days, not 1. When there are fewer than
 * three conversations but one of them lasts two weeks or more (people you write to almost daily), the
 * answer is the median gap between distinct days instead.
 */
export function inferRhythmDays(touches: readonly Touch[], now: number): number | null {
  const since = now - 365 * DAY;
  const days = new Set<number>();
  let sent = false;
  let other = false;
  for (const t of touches) {
    if (t.mass || !(t.at >= since && t.at <= now)) continue;
    days.add(Math.floor(t.at / DAY));
    if (t.direction === 'sent') sent = true;
    else other = true;
  }
  if (days.size < 3 || !sent || !other) return null;
  const sorted = [...days].sort((a, b) => a - b);

  const silences: number[] = [];
  const dayGaps: number[] = [];
  let episodeStart = sorted[0] as number;
  let longestEpisode = 0;
  for (let i = 1; i < sorted.length; i++) {
    const gap = (sorted[i] as number) - (sorted[i - 1] as number);
    dayGaps.push(gap);
    if (gap > BURST_GAP_DAYS) {
      silences.push(gap);
      longestEpisode = Math.max(longestEpisode, (sorted[i - 1] as number) - episodeStart);
      episodeStart = sorted[i] as number;
    }
  }
  longestEpisode = Math.max(longestEpisode, (sorted[sorted.length - 1] as number) - episodeStart);

  if (silences.length >= 2) return Math.max(1, Math.round(median(silences)));
  if (longestEpisode >= SUSTAINED_DAYS) return Math.max(1, Math.round(median(dayGaps)));
  return null;
}

export type RhythmSource = 'set' | 'tag' | 'inferred';

export interface Rhythm {
  /** Ideally every `days` days ... */
  days: number;
  /** ... and at worst every `days + toleranceDays` (set by hand or by a tag: then well overdue, `wellOverdueDays`). */
  toleranceDays: number;
  source: RhythmSource;
  /** The tag the rhythm comes from, when `source` is 'tag'. */
  tag?: string;
}

/** Inferred rhythms shorter than this are not nagged about at their own pace (daily colleagues). */
export const MIN_INFERRED_DAYS = 7;
/** Inferred rhythms are a guess: the tolerance is this share of the rhythm. */
export const INFERRED_TOLERANCE = 0.5;

/**
 * The rhythm that applies to a contact: the user's own setting, else the shortest default among its tags
 * (`settings.tagCadences`, matched without regard to case), else the inferred one (at least weekly, with
 * half the rhythm as tolerance). 'off' and "nothing known" give null: such a contact is never overdue.
 */
export function effectiveRhythm(contact: Contact, settings: Settings): Rhythm | null {
  const c = contact.cadence;
  if (c?.mode === 'off') return null;
  if (c?.mode === 'fixed') return { days: c.days, toleranceDays: c.toleranceDays ?? 0, source: 'set' };
  const tagged = tagRhythm(contact.tags ?? [], settings);
  if (tagged) return tagged;
  const inferred = contact.summary?.inferredDays;
  if (inferred === null || inferred === undefined || !Number.isFinite(inferred) || inferred <= 0) return null;
  const days = Math.max(MIN_INFERRED_DAYS, Math.round(inferred));
  return { days, toleranceDays: Math.max(1, Math.round(days * INFERRED_TOLERANCE)), source: 'inferred' };
}

function tagRhythm(tags: readonly string[], settings: Settings): Rhythm | null {
  if (tags.length === 0) return null;
  const table = tagTable(settings);
  if (table.size === 0) return null;
  let best: Rhythm | null = null;
  for (const tag of tags) {
    const r = table.get(tag.toLowerCase());
    if (r && (!best || r.days < best.days)) best = r;
  }
  return best ? { ...best } : null;
}

/** The tag defaults keyed by lower-cased tag, built once per settings object. */
const tagTables = new WeakMap<Settings, Map<string, Rhythm>>();
function tagTable(settings: Settings): Map<string, Rhythm> {
  let t = tagTables.get(settings);
  if (!t) {
    t = new Map();
    for (const [k, r] of Object.entries(settings.tagCadences ?? {})) {
      const key = k.toLowerCase();
      const prev = t.get(key);
      if (r && (!prev || r.days < prev.days))
        t.set(key, { days: r.days, toleranceDays: r.toleranceDays, source: 'tag', tag: k });
    }
    tagTables.set(settings, t);
  }
  return t;
}

/** Without a tolerance of its own, a rhythm is well overdue after this many rhythms of silence (a round missed). */
export const WELL_OVERDUE_RHYTHMS = 2;

/**
 * How many days after the last touch a person on this rhythm is well overdue (the colour scale's last step,
 * components/due-scale.ts). A rhythm set by hand or by a tag with a tolerance is well overdue past its "at worst"
 * date: every 30 days, at worst 14 days later, is well overdue from day 44. Without a tolerance (0), and for an
 * inferred rhythm, whose tolerance is already spent as the allowance before it is called overdue at all
 * (`DueInfo.nudgeAt`), it is `WELL_OVERDUE_RHYTHMS` rhythms: day 60 for a monthly one.
 */
export function wellOverdueDays(rhythm: Pick<Rhythm, 'days' | 'toleranceDays' | 'source'>): number {
  return atWorstDays(rhythm) ?? rhythm.days * WELL_OVERDUE_RHYTHMS;
}

/**
 * The "at worst" day of a rhythm set by hand or by a tag with a tolerance, in days after the last touch (every 30
 * days, at worst 14 later: 44); null for a rhythm without a tolerance and for an inferred one (see wellOverdueDays).
 */
export function atWorstDays(rhythm: Pick<Rhythm, 'days' | 'toleranceDays' | 'source'>): number | null {
  return rhythm.source !== 'inferred' && rhythm.toleranceDays > 0 ? rhythm.days + rhythm.toleranceDays : null;
}

export interface DueInfo {
  /** Last touch + rhythm: when the user ideally gets in touch again. */
  dueAt: number;
  /** `dueAt` + tolerance: the end of the tolerance (for an inferred rhythm, of its allowance: `nudgeAt`). */
  lateAt: number;
  /**
   * Last touch + `wellOverdueDays`: from this moment the contact is well overdue. The "at worst" date (`lateAt`)
   * for a rhythm set by hand or by a tag with a tolerance; twice the rhythm without one and for an inferred rhythm.
   * The one date the colour scale's last step is decided by (components/due-scale.ts), wherever it shows.
   */
  worstAt: number;
  /** Time since the last touch divided by the rhythm: 1 = due today, 2 = twice as long as usual. */
  overdueRatio: number;
  /** `worstAt` on the scale of `overdueRatio`: well overdue from this ratio on (44/30: every 30 days, at worst 44). */
  worstRatio: number;
  /** Days past `dueAt` (negative while not yet due). */
  overdueDays: number;
  /** The moment the clock runs from: the last touch, or the user's "done" if later. */
  lastAt: number;
  /** From this moment the contact is shown as overdue (`dueAt`, or `lateAt` for a mere inferred rhythm). */
  nudgeAt: number;
  rhythm: Rhythm;
}

/**
 * When a contact is due, or null when it has no rhythm or no touch that counts. Any touch in either direction
 * and any meeting resets the clock (the store's `summary.lastTouchAt` excludes one-way mass mail); so does the
 * user's "done" (`opts.doneAt`), which settles the current cycle. A contact whose only rhythm is inferred and
 * whose last touch is more than a year old is left alone: the inference describes a relationship that ended.
 */
export function dueInfo(contact: Contact, settings: Settings, now: number, opts?: { doneAt?: number }): DueInfo | null {
  const rhythm = effectiveRhythm(contact, settings);
  if (!rhythm) return null;
  const touch = contact.summary?.lastTouchAt;
  const done = opts?.doneAt;
  if (touch === undefined && done === undefined) return null;
  if (rhythm.source === 'inferred' && (touch === undefined || now - touch > 365 * DAY)) return null;
  const lastAt = Math.max(touch ?? 0, done ?? 0);
  const span = rhythm.days * DAY;
  const dueAt = lastAt + span;
  const lateAt = dueAt + rhythm.toleranceDays * DAY;
  const worstAt = lastAt + wellOverdueDays(rhythm) * DAY;
  return {
    dueAt,
    lateAt,
    worstAt,
    overdueRatio: Math.max(0, (now - lastAt) / span),
    worstRatio: (worstAt - lastAt) / span,
    overdueDays: (now - dueAt) / DAY,
    lastAt,
    nudgeAt: rhythm.source === 'inferred' ? lateAt : dueAt,
    rhythm,
  };
}

/** What the user said about a contact's nudge: Done (at) and snoozed (until); from its NudgeState. */
export type ContactAck = { doneAt?: number; snoozedUntil?: number };

/**
 * Whether a contact is overdue for their rhythm, with the user's Done (a touch for the clock) and snooze taken into
 * account: the one test the popup's Overdue nudges, the People view's filter and colour, and the person page share.
 */
export function contactDue(
  contact: Contact,
  settings: Settings,
  now: number,
  ack?: ContactAck,
): { due: DueInfo | null; overdue: boolean } {
  const due = dueInfo(contact, settings, now, ack?.doneAt !== undefined ? { doneAt: ack.doneAt } : undefined);
  const snoozed = ack?.snoozedUntil !== undefined && ack.snoozedUntil > now;
  return { due, overdue: due !== null && !snoozed && now >= due.nudgeAt };
}

/**
 * How strong a relationship is, 0..1, from the summary alone:
 * - recency (40%): halves every ~4 months since the last touch that counts;
 * - frequency (35%): grows with the number of touches, ~1 at 100;
 * - reciprocity (25%): 1 when the user's messages and theirs (replies or meetings) balance, 0 when one-way.
 */
export function strength(contact: Contact, now: number): number {
  const s = contact.summary;
  if (!s) return 0;
  const last = s.lastTouchAt ?? s.lastAt;
  const recency = last === undefined ? 0 : Math.exp((-Math.LN2 * Math.max(0, now - last)) / (120 * DAY));
  const count = Math.max(0, s.count ?? 0);
  const frequency = Math.min(1, Math.log1p(count) / Math.log1p(100));
  const mine = Math.max(0, s.sent ?? 0);
  const theirs = Math.max(0, (s.received ?? 0) + (s.meetings ?? 0));
  const meetings = Math.max(0, s.meetings ?? 0);
  // Meetings are two-way by nature: they count on both sides.
  const a = mine + meetings;
  const b = theirs;
  const reciprocity = a + b === 0 ? 0 : (2 * Math.min(a, b)) / (a + b);
  const v = 0.4 * recency + 0.35 * frequency + 0.25 * reciprocity;
  return Math.min(1, Math.max(0, v));
}

/** A preset's label for a number of days ("Monthly"), or null when it is not a preset. */
export function presetLabel(days: number): string | null {
  return CADENCE_PRESETS.find((p) => p.days === days)?.label ?? null;
}

/** A rhythm in round words: "every ~3 weeks", "every ~2 months", "every day". */
export function rhythmWords(days: number): string {
  const d = Math.max(1, Math.round(days));
  if (d === 1) return 'every day';
  if (d < 7) return `every ~${d} days`;
  if (d < 11) return 'every ~week';
  if (d < 26) return `every ~${Math.round(d / 7)} weeks`;
  if (d < 46) return 'every ~month';
  if (d < 320) return `every ~${Math.round(d / 30.4)} months`;
  const years = Math.round(d / 365);
  return years <= 1 ? 'every ~year' : `every ~${years} years`;
}

/** "you usually talk every ~3 weeks" */
export function describeRhythm(days: number): string {
  return `you usually talk ${rhythmWords(days)}`;
}
