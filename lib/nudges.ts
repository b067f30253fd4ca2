/**
 * The nudge list: who to get back to, today. Pure; works on contact summaries and threads (never on raw
 * interactions), so 5,000 contacts and 20,000 threads take a few milliseconds.
 *
 * Nudge keys are stable, so what the user says about a nudge (snooze, done) sticks to it:
 * - `contact:<email>`                      overdue for the rhythm (its state's `muted` mutes the whole contact)
 * - `thread:<threadKey>:reply-needed`      they wrote last and wait for the user
 * - `thread:<threadKey>:awaiting-reply`    the user asked and waits for them
 * - `promise:<promiseId>`                  a commitment the user made
 * - `date:<email>:<kind>:<yyyy-mm-dd>`     a key date's occurrence (kind: birthday, work-anniversary, other)
 * - `thanks:<email>:meeting:<meetingAt>`   say thanks after a meeting
 * - `thanks:<threadKey>:<messageId>`       say thanks after a reply to the user's question
 *
 * Left out: snoozed (`snoozedUntil > now`), done, muted contacts, ignored addresses, robots. "Done" means
 * done until something newer happens: for a rhythm, done counts as a touch, so the contact comes back one
 * rhythm after it; for a follow-up, until the thread moves after it; promises, key dates and thanks prompts
 * are single events, so done is final.
 *
 * Order: grouped by kind in `NUDGE_KIND_ORDER`, by score (highest first) within a kind.
 */
import { dueInfo, strength } from './cadence';
import {
  explainAppreciation,
  explainAwaitingReply,
  explainKeyDate,
  explainOverdue,
  explainPromise,
  explainReplyNeeded,
} from './explain';
import { followUpState, isIgnored, personTest } from './followups';
import { keyDateReminders, meetingAppreciation, replyAppreciation } from './key-dates';
import type { Contact, NudgeState, PromiseRecord, Settings, Thread } from './model';
import { promiseKeptSuggestion } from './promises';
import { resolveTimeZone, wallTime, zonedInstant } from './zoned-time';

const DAY = 86_400_000;

export type NudgeKind = 'reply-needed' | 'awaiting-reply' | 'overdue' | 'promise' | 'key-date' | 'appreciation';

export interface Nudge {
  key: string;
  kind: NudgeKind;
  contact: string;
  name: string;
  reason: string;
  score: number;
  /** The moment it refers to: last touch, the message waited on, the due date, the key date, the meeting. */
  at: number;
  dueAt?: number;
  threadKey?: string;
  threadId?: string;
  account?: string;
  subject?: string;
  promiseId?: string;
}

/** The order kinds are listed in: time-bound and owed first, the gentle rhythm last. */
export const NUDGE_KIND_ORDER: readonly NudgeKind[] = [
  'promise',
  'reply-needed',
  'key-date',
  'appreciation',
  'awaiting-reply',
  'overdue',
];

/** Undated promises are nudged this long after they were made at the earliest ... */
export const UNDATED_PROMISE_DAYS = 2;
/** ... and promises are let go this long after they were due (or made, when undated). */
export const PROMISE_HORIZON_DAYS = 30;
/** Overdue ratios above this rank alike: a contact 10x overdue is not 10x more urgent than one 6x overdue. */
export const MAX_RANKED_RATIO = 6;

export const contactNudgeKey = (email: string) => `contact:${email}`;
export const threadNudgeKey = (threadKey: string, kind: 'reply-needed' | 'awaiting-reply') =>
  `thread:${threadKey}:${kind}`;
export const promiseNudgeKey = (id: string) => `promise:${id}`;

export interface NudgeInput {
  contacts: readonly Contact[];
  threads: readonly Thread[];
  promises: readonly PromiseRecord[];
  states: Map<string, NudgeState> | readonly NudgeState[];
  settings: Settings;
  now: number;
  isPerson?: (email: string) => boolean;
  /** IANA zone for dates in reasons and key dates; defaults to `settings.timeZone`, then the runtime's. */
  timeZone?: string;
}

export function computeNudges(input: NudgeInput): Nudge[] {
  const { settings, now } = input;
  const tz = resolveTimeZone(input.timeZone ?? settings.timeZone);
  const states = input.states instanceof Map ? input.states : new Map(input.states.map((s) => [s.key, s]));
  const basePerson = input.isPerson ?? personTest(settings);
  const personCache = new Map<string, boolean>();
  const isPerson = (email: string) => {
    let v = personCache.get(email);
    if (v === undefined) {
      v = basePerson(email) && !isIgnored(email, settings);
      personCache.set(email, v);
    }
    return v;
  };
  const byEmail = new Map<string, Contact>();
  for (const c of input.contacts) {
    byEmail.set(c.email, c);
    for (const a of c.aliases ?? []) if (!byEmail.has(a)) byEmail.set(a, c);
  }
  const nameOf = (email: string) => byEmail.get(email)?.name ?? '';
  const muted = (email: string) => {
    const c = byEmail.get(email);
    return states.get(contactNudgeKey(c?.email ?? email))?.muted === true;
  };
  /** Not snoozed, and not done since `since` (the last thing that happened). */
  const open = (key: string, since: number) => {
    const s = states.get(key);
    if (!s) return true;
    if (s.snoozedUntil !== undefined && s.snoozedUntil > now) return false;
    if (s.doneAt !== undefined && s.doneAt >= since) return false;
    return true;
  };

  const out: Nudge[] = [];

  // Contacts: overdue for their rhythm, key dates, thanks after a meeting.
  for (const c of input.contacts) {
    if (muted(c.email) || !isPerson(c.email)) continue;
    const key = contactNudgeKey(c.email);
    const st = states.get(key);
    if (!(st?.snoozedUntil !== undefined && st.snoozedUntil > now)) {
      const due = dueInfo(c, settings, now, st?.doneAt !== undefined ? { doneAt: st.doneAt } : undefined);
      if (due && now >= due.nudgeAt) {
        const ratio = Math.min(due.overdueRatio, MAX_RANKED_RATIO);
        const strong = strength(c, now);
        out.push({
          key,
          kind: 'overdue',
          contact: c.email,
          name: c.name ?? '',
          reason: explainOverdue(c, due, now),
          score: ratio * Math.max(strong, 0.05),
          at: due.lastAt,
          dueAt: due.dueAt,
        });
      }
    }
    if (c.dates?.length && settings.keyDates?.enabled !== false) {
      for (const r of keyDateReminders(c, settings, now, tz)) {
        if (!open(r.key, 0)) continue;
        out.push({
          key: r.key,
          kind: 'key-date',
          contact: c.email,
          name: c.name ?? '',
          reason: explainKeyDate(r, now, tz),
          score: 100 - r.occurrence.daysAway,
          at: r.occurrence.startAt,
          dueAt: r.occurrence.startAt,
        });
      }
    }
    if (settings.appreciation?.enabled !== false) {
      const a = meetingAppreciation(c, settings, now);
      if (a && open(a.key, 0)) {
        out.push({
          key: a.key,
          kind: 'appreciation',
          contact: c.email,
          name: c.name ?? '',
          reason: explainAppreciation('meeting', a.at, now, tz),
          score: 1 - (now - a.at) / DAY,
          at: a.at,
        });
      }
    }
  }

  // Threads: follow-ups and thanks after a reply.
  const threadsById = new Map<string, Thread>();
  for (const t of input.threads) {
    threadsById.set(t.id, t);
    const f = followUpState(t, settings, now, isPerson);
    if (f && !muted(f.contact)) {
      const key = threadNudgeKey(t.id, f.kind);
      if (open(key, f.since)) {
        const waited = (now - f.since) / DAY;
        const c = byEmail.get(f.contact);
        const weight = 0.5 + (c ? strength(c, now) : 0);
        out.push({
          key,
          kind: f.kind,
          contact: f.contact,
          name: nameOf(f.contact),
          reason:
            f.kind === 'reply-needed' ? explainReplyNeeded(f.since, now, tz) : explainAwaitingReply(f.since, now, tz),
          score: waited * weight,
          at: f.since,
          threadKey: t.id,
          threadId: t.threadId,
          account: t.account,
          subject: t.subject,
        });
      }
    }
    if (settings.appreciation?.enabled !== false && f?.kind !== 'reply-needed') {
      const a = replyAppreciation(t, settings, now, isPerson);
      if (a && !muted(a.contact) && open(a.key, 0)) {
        out.push({
          key: a.key,
          kind: 'appreciation',
          contact: a.contact,
          name: nameOf(a.contact),
          reason: explainAppreciation('reply', a.at, now, tz),
          score: 1 - (now - a.at) / DAY,
          at: a.at,
          threadKey: t.id,
          threadId: t.threadId,
          account: t.account,
          subject: t.subject,
        });
      }
    }
  }

  // Promises: dated ones from the start of their due day, undated ones a couple of days after they were made.
  for (const p of input.promises) {
    if (p.status !== 'open') continue;
    const key = promiseNudgeKey(p.id);
    if (!open(key, 0)) continue;
    // To the first person among its recipients; a promise made only to robots or ignored addresses is left out.
    const contact = p.contacts.find((e) => isPerson(e)) ?? '';
    if (p.contacts.length > 0 && !contact) continue;
    if (contact && muted(contact)) continue;
    let score: number;
    if (p.dueAt !== undefined) {
      if (now < p.dueAt - DAY || now - p.dueAt > PROMISE_HORIZON_DAYS * DAY) continue;
      score = 2 + (now - p.dueAt) / DAY;
    } else {
      const age = now - p.madeAt;
      if (age < UNDATED_PROMISE_DAYS * DAY || age > PROMISE_HORIZON_DAYS * DAY) continue;
      score = age / (7 * DAY);
    }
    const thread = threadsById.get(p.threadKey);
    const suggestDone = p.suggestDone || promiseKeptSuggestion(p, thread);
    if (suggestDone) score /= 2;
    out.push({
      key,
      kind: 'promise',
      contact,
      name: contact ? nameOf(contact) : '',
      reason: explainPromise({ ...p, suggestDone }, now, tz),
      score,
      at: p.dueAt ?? p.madeAt,
      ...(p.dueAt !== undefined ? { dueAt: p.dueAt } : {}),
      threadKey: p.threadKey,
      ...(thread ? { threadId: thread.threadId, account: thread.account, subject: thread.subject } : {}),
      promiseId: p.id,
    });
  }

  const rank = new Map(NUDGE_KIND_ORDER.map((k, i) => [k, i]));
  out.sort(
    (a, b) => (rank.get(a.kind) ?? 9) - (rank.get(b.kind) ?? 9) || b.score - a.score || a.key.localeCompare(b.key),
  );
  return out;
}

/**
 * When a snooze ends: 'tomorrow' is 8:00 tomorrow, 'next-week' 8:00 next Monday, 'week' 8:00 seven days from
 * today (the notification's "Snooze a week"), all in the user's zone; a Date is taken as it is.
 */
export function snoozeUntil(option: 'tomorrow' | 'next-week' | 'week' | Date, now: number, timeZone?: string): number {
  if (option instanceof Date) return option.getTime();
  const tz = resolveTimeZone(timeZone);
  const w = wallTime(now, tz);
  let add: number;
  if (option === 'tomorrow') add = 1;
  else if (option === 'week') add = 7;
  else add = (8 - w.weekday) % 7 || 7; // days to next Monday (a Monday snoozes to the following one)
  return zonedInstant({ year: w.year, month: w.month, day: w.day + add, hour: 8 }, tz);
}
