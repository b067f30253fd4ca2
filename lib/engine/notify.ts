/**
 * Which notifications to show now, and when the next digest is due. Pure: the background gives it the nudges,
 * the settings, the clock, the zone and the log of notices already shown, and shows what comes back.
 *
 * - A daily digest (`kind: 'digest'`) at the user's digest time, moved out of quiet hours; its id is
 *   `digest:<yyyy-mm-dd>` (the day it was scheduled for), so it is shown once even if the alarm fires again
 *   or the service worker restarts. A digest more than `STALE_DIGEST_HOURS` late is dropped.
 * - Immediate notices (`kind: 'immediate'`) for promises coming due (from the start of the day before the due
 *   day), id `promise:<promiseId>:<dueAt>`: a promise given a new date may notify again, the same one never.
 * - Nothing in quiet hours (which may cross midnight), nothing past the daily cap (entries of `sentLog` in
 *   today's local day count), nothing when notifications or promise notices are turned off, nothing whose id
 *   is already in `sentLog`. At most two buttons.
 */

import { composeUrl, threadUrl } from '../core/gmail-links';
import type { Settings } from '../core/model';
import { localDateKey, parseTimeOfDay, startOfZonedDay, wallTime, zonedInstant } from '../time/zoned-time';
import { type Nudge, promiseComingFrom } from './nudges';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A digest this late is not shown (the machine slept through it; tomorrow's will come). */
export const STALE_DIGEST_HOURS = 18;
/** Items listed in a digest. */
export const DIGEST_ITEMS = 5;

export type NoticeAction = 'write' | 'snooze-week' | 'open' | 'done';

export type NoticeTarget =
  | { kind: 'compose'; to: string; subject?: string; account?: string }
  | { kind: 'thread'; threadId: string; account?: string }
  | { kind: 'popup' };

export interface Notice {
  /** Stable: `digest:<yyyy-mm-dd>` or `promise:<promiseId>:<dueAt>`. Never shown twice. */
  id: string;
  title: string;
  message: string;
  items?: { title: string; message: string }[];
  /** At most two. */
  buttons: { action: NoticeAction; title: string }[];
  /** What a click on the notice (or on 'write' / 'open') opens. */
  target: NoticeTarget;
  /** The nudges the notice is about ('snooze-week' and 'done' apply to them). */
  nudgeKeys: string[];
  /** The one person a notice is about: a click on the notice itself opens their page. */
  person?: string;
}

export interface NotificationPlan {
  notices: Notice[];
  nextDigestAt: number;
}

export interface PlanInput {
  nudges: readonly Nudge[];
  settings: Settings;
  now: number;
  timeZone: string;
  sentLog: readonly { id: string; at: number }[];
  kind: 'digest' | 'immediate';
}

export function planNotifications(input: PlanInput): NotificationPlan {
  const { nudges, settings, now, timeZone, sentLog, kind } = input;
  const next = nextDigestAt(settings, now, timeZone);
  const n = settings.notifications;
  if (!n?.enabled || inQuietHours(settings, now, timeZone)) return { notices: [], nextDigestAt: next };

  const sent = new Set(sentLog.map((e) => e.id));
  const dayStart = startOfZonedDay(now, timeZone);
  const dayEnd = startOfZonedDay(now, timeZone, 1);
  const room = Math.max(0, (n.dailyCap ?? 0) - sentLog.filter((e) => e.at >= dayStart && e.at < dayEnd).length);
  const notices: Notice[] = [];

  if (kind === 'digest') {
    const slot = currentDigestSlot(settings, now, timeZone);
    if (slot && room > 0 && nudges.length > 0) {
      const id = `digest:${slot.day}`;
      if (!sent.has(id)) notices.push(digestNotice(id, nudges));
    }
  } else if (n.promiseNotices) {
    const due = nudges
      .filter(
        (x) =>
          x.kind === 'promise' &&
          x.dueAt !== undefined &&
          x.promiseId !== undefined &&
          now >= promiseComingFrom(x.dueAt, timeZone),
      )
      .sort((a, b) => b.score - a.score);
    for (const x of due) {
      if (room <= notices.length) break;
      const id = `promise:${x.promiseId}:${x.dueAt}`;
      if (sent.has(id) || notices.some((o) => o.id === id)) continue;
      notices.push(promiseNotice(id, x, now, timeZone));
    }
  }
  return { notices, nextDigestAt: next };
}

// ---------------------------------------------------------------------------------------------------------
// Notices.

function who(x: Nudge): string {
  return x.name || x.contact || x.subject || 'Someone';
}

const KIND_TITLE: Record<Nudge['kind'], string> = {
  'reply-needed': 'Waiting for your reply',
  'awaiting-reply': 'No answer yet',
  overdue: 'Time to get in touch',
  promise: 'You promised',
  'key-date': 'A date that matters',
  appreciation: 'Say thanks',
};

function targetFor(x: Nudge): NoticeTarget {
  if (x.threadId && x.kind !== 'overdue' && x.kind !== 'key-date') {
    return { kind: 'thread', threadId: x.threadId, ...(x.account ? { account: x.account } : {}) };
  }
  if (x.contact) {
    return {
      kind: 'compose',
      to: x.contact,
      ...(x.kind === 'appreciation' ? { subject: 'Thank you' } : {}),
      ...(x.account ? { account: x.account } : {}),
    };
  }
  return { kind: 'popup' };
}

/** The notice for one nudge: "Write" (or "Reply") and "Snooze a week"; for a promise "Open" and "Mark done". */
export function nudgeNotice(id: string, x: Nudge): Notice {
  const target = targetFor(x);
  const write = target.kind === 'thread' ? 'Reply' : 'Write';
  const buttons: Notice['buttons'] =
    x.kind === 'promise'
      ? [
          target.kind === 'compose'
            ? { action: 'write', title: 'Write' }
            : { action: 'open', title: target.kind === 'thread' ? 'Open thread' : 'Open Tend' },
          { action: 'done', title: 'Mark done' },
        ]
      : target.kind === 'popup'
        ? [{ action: 'open', title: 'Open Tend' }]
        : [
            { action: 'write', title: write },
            { action: 'snooze-week', title: 'Snooze a week' },
          ];
  return {
    id,
    title: `${KIND_TITLE[x.kind]}: ${who(x)}`,
    message: x.reason,
    buttons,
    target,
    nudgeKeys: [x.key],
    ...(x.contact ? { person: x.contact } : {}),
  };
}

function digestNotice(id: string, nudges: readonly Nudge[]): Notice {
  if (nudges.length === 1) return nudgeNotice(id, nudges[0] as Nudge);
  const people = [...new Set(nudges.map((x) => x.contact || x.key))];
  const names: string[] = [];
  const seen = new Set<string>();
  for (const x of nudges) {
    const w = who(x);
    if (seen.has(w)) continue;
    seen.add(w);
    names.push(w);
  }
  const shown = names.slice(0, 3);
  const more = names.length - shown.length;
  const message = more > 0 ? `${shown.join(', ')} and ${more} more` : joinAnd(shown);
  return {
    id,
    title:
      people.length === 1
        ? `${nudges.length} things for ${who(nudges[0] as Nudge)} today`
        : `${people.length} people to get back to today`,
    message,
    items: nudges.slice(0, DIGEST_ITEMS).map((x) => ({ title: who(x), message: x.reason })),
    buttons: [{ action: 'open', title: 'See all' }],
    target: { kind: 'popup' },
    // the nudges the digest lists (what a click on it is about), not every nudge
    nudgeKeys: nudges.slice(0, DIGEST_ITEMS).map((x) => x.key),
    // All about one person: a click on the notice opens their page, as a single nudge's does.
    ...(people.length === 1 && nudges[0]?.contact ? { person: nudges[0].contact } : {}),
  };
}

function promiseNotice(id: string, x: Nudge, now: number, timeZone: string): Notice {
  const base = nudgeNotice(id, x);
  const due = x.dueAt as number;
  const today = localDateKey(now, timeZone);
  const when = due < now ? 'overdue' : localDateKey(due, timeZone) === today ? 'due today' : 'due tomorrow';
  return { ...base, title: `Promise ${when}: ${who(x)}` };
}

function joinAnd(xs: string[]): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/**
 * The Gmail address a notice opens, or undefined for the popup. The account's `/u/<n>/` slot is `accountIndex`
 * when given, else the account's address (Gmail accepts either), else the first account.
 */
export function targetUrl(target: NoticeTarget, accountIndex?: number): string | undefined {
  const slot = accountIndex ?? (target.kind === 'popup' ? undefined : target.account);
  if (target.kind === 'compose') {
    return composeUrl({ to: target.to, ...(target.subject ? { subject: target.subject } : {}), accountIndex: slot });
  }
  if (target.kind === 'thread') return threadUrl(slot, target.threadId);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Quiet hours and the digest's time.

function minutesOfDay(at: number, timeZone: string): number {
  const w = wallTime(at, timeZone);
  return w.hour * 60 + w.minute;
}

/** Inside quiet hours (which may cross midnight: 20:00–08:00). Equal start and end means no quiet hours. */
export function inQuietHours(settings: Settings, at: number, timeZone: string): boolean {
  const start = parseTimeOfDay(settings.notifications?.quietStart ?? '');
  const end = parseTimeOfDay(settings.notifications?.quietEnd ?? '');
  if (start === null || end === null || start === end) return false;
  const m = minutesOfDay(at, timeZone);
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** The instant moved out of quiet hours: unchanged when not quiet, else the next end of quiet hours. */
export function outOfQuietHours(settings: Settings, at: number, timeZone: string): number {
  if (!inQuietHours(settings, at, timeZone)) return at;
  const end = parseTimeOfDay(settings.notifications.quietEnd) ?? 0;
  const w = wallTime(at, timeZone);
  for (let add = 0; add <= 2; add++) {
    const t = zonedInstant(
      { year: w.year, month: w.month, day: w.day + add, hour: Math.floor(end / 60), minute: end % 60 },
      timeZone,
    );
    if (t > at) return t;
  }
  return at + DAY;
}

/** The digest slot of a local day (its digest time, moved out of quiet hours). */
function digestSlot(settings: Settings, dayAt: number, timeZone: string): number {
  const minutes = parseTimeOfDay(settings.notifications?.digestTime ?? '') ?? 9 * 60;
  const w = wallTime(dayAt, timeZone);
  const t = zonedInstant(
    { year: w.year, month: w.month, day: w.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    timeZone,
  );
  return outOfQuietHours(settings, t, timeZone);
}

/** The latest digest slot at or before now, if not stale, with the local day it belongs to. */
function currentDigestSlot(settings: Settings, now: number, timeZone: string): { at: number; day: string } | null {
  for (const add of [0, -1]) {
    const dayAt = startOfZonedDay(now, timeZone, add) + 12 * HOUR;
    const at = digestSlot(settings, dayAt, timeZone);
    if (at <= now) {
      return now - at <= STALE_DIGEST_HOURS * HOUR ? { at, day: localDateKey(dayAt, timeZone) } : null;
    }
  }
  return null;
}

/**
 * When the next digest is due (for the alarm): the next digest time on the wall clock of the zone, strictly
 * after now, DST-correct, moved out of quiet hours.
 */
export function nextDigestAt(settings: Settings, now: number, timeZone: string): number {
  for (let add = 0; add <= 3; add++) {
    const dayAt = startOfZonedDay(now, timeZone, add) + 12 * HOUR;
    const at = digestSlot(settings, dayAt, timeZone);
    if (at > now) return at;
  }
  return now + DAY;
}
