/**
 * The nudge list: who to get back to, today. Pure; works on contact summaries and threads (never on raw
 * interactions), so 5,000 contacts and 20,000 threads take a few milliseconds.
 *
 * Nudge keys are stable (lib/engine/nudge-keys.ts), so what the user says about a nudge sticks to it.
 *
 * Left out: snoozed (`snoozedUntil > now`), done, muted contacts, ignored addresses, robots. "Done" means
 * done until something newer happens: for a rhythm, done counts as a touch, so the contact comes back one
 * rhythm after it; for a follow-up, until the thread moves after it; promises, key dates and thanks prompts
 * are single events, so done is final.
 *
 * Order: grouped by kind in `NUDGE_KIND_ORDER`, by score (highest first) within a kind.
 */

import type { Contact, NudgeState, PromiseRecord, Settings, Thread } from '../core/model';
import { resolveTimeZone, startOfZonedDay } from '../time/zoned-time';
import { contactDue, strength } from './cadence';
import {
  explainAppreciation,
  explainAwaitingReply,
  explainKeyDate,
  explainOverdue,
  explainPromise,
  explainReplyNeeded,
} from './explain';
import { followUpState } from './followups';
import { keyDateReminders, meetingAppreciation, replyAppreciation } from './key-dates';
import { contactNudgeKey, parseNudgeKey, promiseNudgeKey, threadNudgeKey } from './nudge-keys';
import { NUDGE_KIND_ORDER, type NudgeKind } from './nudge-kinds';
import { personTest } from './people';
import { promiseKeptSuggestion } from './promises';

const DAY = 86_400_000;

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
  /**
   * An Overdue nudge's: from when the person is well overdue (lib/engine/cadence.ts DueInfo.worstAt), for its
   * colour (components/due-scale.ts). Absent in a nudge list kept by an older version: twice the rhythm then.
   */
  worstAt?: number;
  threadKey?: string;
  threadId?: string;
  account?: string;
  subject?: string;
  promiseId?: string;
}

/** Undated promises are nudged this long after they were made at the earliest ... */
export const UNDATED_PROMISE_DAYS = 2;
/** ... and promises are let go this long after they were due (or made, when undated). */
export const PROMISE_HORIZON_DAYS = 30;
/** Overdue ratios above this rank alike: a contact 10x overdue is not 10x more urgent than one 6x overdue. */
export const MAX_RANKED_RATIO = 6;

/**
 * From when a dated promise is shown (and notified): the start of the local day before its due day, so "by
 * Friday" (due at the end of Friday) comes up on Thursday morning, while there is still time to keep it.
 */
export function promiseComingFrom(dueAt: number, timeZone: string): number {
  return startOfZonedDay(dueAt, timeZone, -1);
}

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

/** The settings-only person test, built once per settings object (it compiles the robot rules). */
const personTests = new WeakMap<Settings, (email: string) => boolean>();
function defaultPersonTest(settings: Settings): (email: string) => boolean {
  let t = personTests.get(settings);
  if (!t) {
    t = personTest(settings);
    personTests.set(settings, t);
  }
  return t;
}

/** What every collector needs: the clock, zone and settings, who is a person, and the user's states by subject. */
interface NudgeContext {
  settings: Settings;
  now: number;
  tz: string;
  isPerson: (email: string) => boolean;
  byEmail: Map<string, Contact>;
  contactStates: Map<string, NudgeState>;
  replyStates: Map<string, NudgeState>;
  awaitStates: Map<string, NudgeState>;
  nameOf: (email: string) => string;
  muted: (email: string) => boolean;
  /** Not snoozed, and not done since `since` (the last thing that happened). */
  isOpen: (s: NudgeState | undefined, since: number) => boolean;
  /** The same, by nudge key. */
  open: (key: string, since: number) => boolean;
}

function nudgeContext(input: NudgeInput): NudgeContext {
  const { settings, now } = input;
  const states = input.states instanceof Map ? input.states : new Map(input.states.map((s) => [s.key, s]));
  const byEmail = new Map<string, Contact>();
  for (const c of input.contacts) {
    byEmail.set(c.email, c);
    for (const a of c.aliases ?? []) if (!byEmail.has(a)) byEmail.set(a, c);
  }
  // States indexed by what they are about, so the collectors look up existing strings (addresses, thread
  // keys) instead of building a key string per contact and per thread.
  const contactStates = new Map<string, NudgeState>();
  const replyStates = new Map<string, NudgeState>();
  const awaitStates = new Map<string, NudgeState>();
  const mutedSet = new Set<string>();
  for (const [k, st] of states) {
    const about = parseNudgeKey(k);
    if (about.kind === 'contact') {
      contactStates.set(about.email, st);
      if (st.muted === true) mutedSet.add(about.email);
    } else if (about.kind === 'thread') {
      (about.follow === 'reply-needed' ? replyStates : awaitStates).set(about.threadKey, st);
    }
  }
  // A muted contact's aliases are muted too.
  if (mutedSet.size > 0) {
    for (const c of input.contacts) if (mutedSet.has(c.email)) for (const a of c.aliases ?? []) mutedSet.add(a);
  }
  const isOpen = (s: NudgeState | undefined, since: number) => {
    if (!s) return true;
    if (s.snoozedUntil !== undefined && s.snoozedUntil > now) return false;
    if (s.doneAt !== undefined && s.doneAt >= since) return false;
    return true;
  };
  return {
    settings,
    now,
    tz: resolveTimeZone(input.timeZone ?? settings.timeZone),
    // The caller's test (the store's classifier, which knows the signed-in accounts) or the settings' own.
    isPerson: input.isPerson ?? defaultPersonTest(settings),
    byEmail,
    contactStates,
    replyStates,
    awaitStates,
    nameOf: (email) => byEmail.get(email)?.name ?? '',
    muted: (email) => mutedSet.size > 0 && mutedSet.has(email),
    isOpen,
    open: (key, since) => states.size === 0 || isOpen(states.get(key), since),
  };
}

export function computeNudges(input: NudgeInput): Nudge[] {
  const ctx = nudgeContext(input);
  const out: Nudge[] = [];
  for (const c of input.contacts) contactNudges(ctx, c, out);
  // Threads that open promises point to (only those: indexing every thread costs more than the rest).
  const promiseThreads = new Map<string, Thread | undefined>();
  for (const p of input.promises) if (p.status === 'open') promiseThreads.set(p.threadKey, undefined);
  for (const t of input.threads) threadNudges(ctx, t, promiseThreads, out);
  for (const p of input.promises) promiseNudge(ctx, p, promiseThreads, out);
  return rankNudges(out);
}

/** A contact's nudges: overdue for their rhythm, key dates, thanks after a meeting. */
function contactNudges(ctx: NudgeContext, c: Contact, out: Nudge[]): void {
  const { settings, now, tz } = ctx;
  if (ctx.muted(c.email) || !ctx.isPerson(c.email)) return;
  const st = ctx.contactStates.size > 0 ? ctx.contactStates.get(c.email) : undefined;
  const { due, overdue } = contactDue(c, settings, now, st);
  if (due && overdue) {
    const ratio = Math.min(due.overdueRatio, MAX_RANKED_RATIO);
    const strong = strength(c, now);
    out.push({
      key: contactNudgeKey(c.email),
      kind: 'overdue',
      contact: c.email,
      name: c.name ?? '',
      reason: explainOverdue(c, due, now),
      score: ratio * Math.max(strong, 0.05),
      at: due.lastAt,
      dueAt: due.dueAt,
      worstAt: due.worstAt,
    });
  }
  if (c.dates?.length && settings.keyDates?.enabled !== false) {
    for (const r of keyDateReminders(c, settings, now, tz)) {
      if (!ctx.open(r.key, 0)) continue;
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
    if (a && ctx.open(a.key, 0)) {
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

/**
 * A thread's nudges: a follow-up and thanks after a reply. Also remembers the thread for the promises that point
 * to it (only threads that moved in the last PROMISE_HORIZON_DAYS: on older ones the user cannot have written
 * since a promise that is still shown, and the rest comes from the thread key).
 */
function threadNudges(
  ctx: NudgeContext,
  t: Thread,
  promiseThreads: Map<string, Thread | undefined>,
  out: Nudge[],
): void {
  const { settings, now, tz } = ctx;
  if (promiseThreads.size > 0 && now - t.lastAt <= PROMISE_HORIZON_DAYS * DAY && promiseThreads.has(t.id)) {
    promiseThreads.set(t.id, t);
  }
  const where = { threadKey: t.id, threadId: t.threadId, account: t.account, subject: t.subject };
  const f = followUpState(t, settings, now, ctx.isPerson);
  if (f && !ctx.muted(f.contact)) {
    const states = f.kind === 'reply-needed' ? ctx.replyStates : ctx.awaitStates;
    if (ctx.isOpen(states.size > 0 ? states.get(t.id) : undefined, f.since)) {
      const c = ctx.byEmail.get(f.contact);
      const weight = 0.5 + (c ? strength(c, now) : 0);
      out.push({
        key: threadNudgeKey(t.id, f.kind),
        kind: f.kind,
        contact: f.contact,
        name: c?.name ?? '',
        reason:
          f.kind === 'reply-needed' ? explainReplyNeeded(f.since, now, tz) : explainAwaitingReply(f.since, now, tz),
        score: ((now - f.since) / DAY) * weight,
        at: f.since,
        ...where,
      });
    }
  }
  if (settings.appreciation?.enabled !== false && f?.kind !== 'reply-needed') {
    const a = replyAppreciation(t, settings, now, ctx.isPerson);
    if (a && !ctx.muted(a.contact) && ctx.open(a.key, 0)) {
      out.push({
        key: a.key,
        kind: 'appreciation',
        contact: a.contact,
        name: ctx.nameOf(a.contact),
        reason: explainAppreciation('reply', a.at, now, tz),
        score: 1 - (now - a.at) / DAY,
        at: a.at,
        ...where,
      });
    }
  }
}

/** A promise's nudge: dated ones from the start of the day before their due day, undated ones a couple of days after they were made. */
function promiseNudge(
  ctx: NudgeContext,
  p: PromiseRecord,
  promiseThreads: Map<string, Thread | undefined>,
  out: Nudge[],
): void {
  const { now, tz } = ctx;
  if (p.status !== 'open') return;
  const key = promiseNudgeKey(p.id);
  if (!ctx.open(key, 0)) return;
  // To the first person among its recipients; a promise made only to robots or ignored addresses is left out.
  const contact = p.contacts.find((e) => ctx.isPerson(e)) ?? '';
  if (p.contacts.length > 0 && !contact) return;
  if (contact && ctx.muted(contact)) return;
  let score: number;
  if (p.dueAt !== undefined) {
    if (now < promiseComingFrom(p.dueAt, tz) || now - p.dueAt > PROMISE_HORIZON_DAYS * DAY) return;
    score = 2 + (now - p.dueAt) / DAY;
  } else {
    const age = now - p.madeAt;
    if (age < UNDATED_PROMISE_DAYS * DAY || age > PROMISE_HORIZON_DAYS * DAY) return;
    score = age / (7 * DAY);
  }
  const thread = promiseThreads.get(p.threadKey);
  const slash = p.threadKey.indexOf('/');
  const suggestDone = p.suggestDone || promiseKeptSuggestion(p, thread);
  if (suggestDone) score /= 2;
  out.push({
    key,
    kind: 'promise',
    contact,
    name: contact ? ctx.nameOf(contact) : '',
    reason: explainPromise({ ...p, suggestDone }, now, tz),
    score,
    at: p.dueAt ?? p.madeAt,
    ...(p.dueAt !== undefined ? { dueAt: p.dueAt } : {}),
    threadKey: p.threadKey,
    ...(thread
      ? { threadId: thread.threadId, account: thread.account, subject: thread.subject }
      : slash > 0 // `${account}/${threadId}`
        ? { threadId: p.threadKey.slice(slash + 1), account: p.threadKey.slice(0, slash) }
        : {}),
    promiseId: p.id,
  });
}

/**
 * Grouped by kind in the one order (NUDGE_KIND_ORDER), then by score (ties: by key, so the order is stable).
 * Sorted through monomorphic [rank, score, key, index] entries: nudges of different kinds have different shapes.
 */
function rankNudges(out: Nudge[]): Nudge[] {
  const rank = new Map<NudgeKind, number>(NUDGE_KIND_ORDER.map((k, i) => [k, i]));
  const entries: [number, number, string, number][] = new Array(out.length);
  for (let i = 0; i < out.length; i++) {
    const n = out[i] as Nudge;
    entries[i] = [rank.get(n.kind) ?? 9, n.score, n.key, i];
  }
  entries.sort((a, b) => a[0] - b[0] || b[1] - a[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  const sorted: Nudge[] = new Array(out.length);
  for (let i = 0; i < entries.length; i++)
    sorted[i] = out[(entries[i] as [number, number, string, number])[3]] as Nudge;
  return sorted;
}
