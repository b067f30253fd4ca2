/**
 * Dates that matter (birthdays, work anniversaries, other dates a user records for a contact) and the
 * appreciation prompt ("say thanks"). Pure; `now` and the time zone are passed in.
 *
 * Key dates are calendar days in the user's zone. A reminder shows from `leadDays` days before the day
 * (local midnight) until the day ends. February 29 falls on February 28 in years without one.
 *
 * Appreciation, in one explainable rule each:
 * - after a meeting: the contact's last meeting started within the last 24 hours, the user has not written
 *   to them since, and they are not someone met all the time (their rhythm is 2 weeks or longer, or unknown
 *   with at most 3 meetings so far);
 * - after a helpful reply: in an open thread, the user asked something (a question or a request), the
 *   person answered within the last 24 hours, and the user has not written since.
 */

import type { Contact, KeyDate, Settings, Thread, ThreadMessage } from '../core/model';
import { civilDayNumber, daysInMonth, pad, wallTime, zonedInstant } from '../time/zoned-time';
import { effectiveRhythm } from './cadence';
import { keyDateNudgeKey, meetingThanksKey, replyThanksKey } from './nudge-keys';

const DAY = 86_400_000;

export interface Occurrence {
  year: number;
  month: number;
  day: number;
  /** Local midnight that starts the day. */
  startAt: number;
  /** The last millisecond of the day. */
  endAt: number;
  /** Whole days from today (0 = today). */
  daysAway: number;
}

/** The day a recurring date falls on in a given year (Feb 29 → Feb 28 in common years; day 31 → month end). */
export function dayInYear(d: Pick<KeyDate, 'month' | 'day'>, year: number): { month: number; day: number } {
  return { month: d.month, day: Math.min(d.day, daysInMonth(year, d.month)) };
}

/** The next time a date comes round, today included. */
export function nextOccurrence(d: Pick<KeyDate, 'month' | 'day'>, now: number, timeZone: string): Occurrence {
  const today = wallTime(now, timeZone);
  const todayNo = civilDayNumber(today.year, today.month, today.day);
  let year = today.year;
  let md = dayInYear(d, year);
  if (civilDayNumber(year, md.month, md.day) < todayNo) {
    year += 1;
    md = dayInYear(d, year);
  }
  const startAt = zonedInstant({ year, month: md.month, day: md.day }, timeZone);
  const endAt = zonedInstant({ year, month: md.month, day: md.day + 1 }, timeZone) - 1;
  return {
    year,
    month: md.month,
    day: md.day,
    startAt,
    endAt,
    daysAway: civilDayNumber(year, md.month, md.day) - todayNo,
  };
}

export interface KeyDateReminder {
  /** `date:<email>:<kind>:<yyyy-mm-dd>` (the occurrence's own date, so each year is its own nudge). */
  key: string;
  contact: string;
  date: KeyDate;
  occurrence: Occurrence;
  /** Whole years since `date.year` at this occurrence (age, years at the company), when the year is known. */
  years?: number;
}

/** Key date reminders due now for one contact (empty when turned off in settings). */
export function keyDateReminders(
  contact: Contact,
  settings: Settings,
  now: number,
  timeZone: string,
): KeyDateReminder[] {
  if (settings.keyDates?.enabled === false || !contact.dates?.length) return [];
  const out: KeyDateReminder[] = [];
  for (const date of contact.dates) {
    if (!(date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= 31)) continue;
    const occ = nextOccurrence(date, now, timeZone);
    if (occ.daysAway > Math.max(0, date.leadDays ?? 0)) continue;
    const years = date.year !== undefined && date.year < occ.year ? occ.year - date.year : undefined;
    out.push({
      key: keyDateKey(contact.email, date.kind, occ),
      contact: contact.email,
      date,
      occurrence: occ,
      ...(years !== undefined ? { years } : {}),
    });
  }
  return out;
}

export function keyDateKey(
  email: string,
  kind: KeyDate['kind'],
  occ: Pick<Occurrence, 'year' | 'month' | 'day'>,
): string {
  return keyDateNudgeKey(email, kind, `${occ.year}-${pad(occ.month)}-${pad(occ.day)}`);
}

export interface AppreciationPrompt {
  /** `thanks:<email>:meeting:<meetingAt>` or `thanks:<threadKey>:<messageId>`. */
  key: string;
  kind: 'meeting' | 'reply';
  contact: string;
  /** When the meeting started or the reply arrived. */
  at: number;
  thread?: Thread;
}

export const APPRECIATION_WINDOW_MS = DAY;

/** After a meeting: see the module comment for the rule. */
export function meetingAppreciation(contact: Contact, settings: Settings, now: number): AppreciationPrompt | null {
  if (settings.appreciation?.enabled === false) return null;
  const s = contact.summary;
  const met = s?.lastMeetingAt;
  if (met === undefined || met > now || now - met > APPRECIATION_WINDOW_MS) return null;
  if ((s.lastSentAt ?? 0) >= met) return null;
  const rhythm = effectiveRhythm(contact, settings);
  const rare = rhythm ? rhythm.days >= 14 : (s.meetings ?? 0) <= 3;
  if (!rare) return null;
  return { key: meetingThanksKey(contact.email, met), kind: 'meeting', contact: contact.email, at: met };
}

/** After a reply to the user's question: see the module comment for the rule. */
export function replyAppreciation(
  thread: Thread,
  settings: Settings,
  now: number,
  isPerson: (email: string) => boolean,
): AppreciationPrompt | null {
  if (settings.appreciation?.enabled === false || thread.closed) return null;
  // Fast path: the store keeps `lastAt` as the thread's latest message time.
  if (now - thread.lastAt > APPRECIATION_WINDOW_MS) return null;
  let last: ThreadMessage | undefined;
  for (const m of thread.messages) {
    if (m.at > now) continue;
    if (!last || m.at > last.at || (m.at === last.at && m.direction === 'sent')) last = m;
  }
  if (last?.direction !== 'received' || now - last.at > APPRECIATION_WINDOW_MS) return null;
  // The message the reply answers: the user's latest before it.
  let prev: ThreadMessage | undefined;
  for (const m of thread.messages) {
    if (m.direction === 'sent' && m.at <= last.at && (!prev || m.at > prev.at)) prev = m;
  }
  if (!prev?.asks) return null;
  // Only the first reply after the question counts.
  const between = thread.messages.some((m) => m.direction === 'received' && m.at > prev.at && m.at < last.at);
  if (between || !isPerson(last.from)) return null;
  return { key: replyThanksKey(thread.id, last.id), kind: 'reply', contact: last.from, at: last.at, thread };
}
