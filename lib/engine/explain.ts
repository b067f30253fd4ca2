/**
 * Every nudge says why, in words: "Monthly · last email 7 weeks ago", "Waiting for your reply since Tuesday",
 * "You promised to send them the deck · due Friday". Pure; `now` and the time zone are passed in.
 */
import type { Contact, PromiseRecord } from '../core/model';
import { relativeWords } from '../time/relative';
import { localDayNumber, wallTime } from '../time/zoned-time';
import { type DueInfo, describeRhythm, presetLabel } from './cadence';
import type { KeyDateReminder } from './key-dates';
import { promiseGist } from './promises';

const WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A day in the user's words relative to today: "today", "yesterday", "tomorrow", a weekday within a week
 * either side ("Tuesday"), otherwise a date ("Mar 3", or "Mar 3, 2023" in another year).
 */
export function dayWords(at: number, now: number, timeZone: string): string {
  const day = localDayNumber(at, timeZone);
  const diff = day - localDayNumber(now, timeZone);
  if (diff === 0) return 'today';
  if (diff === -1) return 'yesterday';
  if (diff === 1) return 'tomorrow';
  if (diff > -7 && diff < 7) return WEEKDAY[(((day + 4) % 7) + 7) % 7] as string;
  const w = wallTime(at, timeZone);
  const sameYear = wallTime(now, timeZone).year === w.year;
  return `${MONTH[w.month - 1]} ${w.day}${sameYear ? '' : `, ${w.year}`}`;
}

/** "since Tuesday", "since yesterday", or "today". */
function sinceWords(at: number, now: number, timeZone: string): string {
  const d = dayWords(at, now, timeZone);
  return d === 'today' ? 'today' : `since ${d}`;
}

/** The rhythm as a label: "Monthly", "Every 10 days", "Quarterly (mentor)", "You usually talk every ~3 weeks". */
export function rhythmLabel(rhythm: DueInfo['rhythm']): string {
  if (rhythm.source === 'inferred') {
    const s = describeRhythm(rhythm.days);
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  const base = presetLabel(rhythm.days) ?? `Every ${rhythm.days} days`;
  return rhythm.source === 'tag' && rhythm.tag ? `${base} (${rhythm.tag})` : base;
}

/** What the last touch was: "last met", "last email", or "marked done". */
function lastTouchWords(contact: Contact, due: DueInfo): string {
  const s = contact.summary;
  if (s?.lastTouchAt === undefined || due.lastAt > s.lastTouchAt) return 'marked done';
  if (s.lastMeetingAt !== undefined && s.lastMeetingAt === s.lastTouchAt) return 'last met';
  return 'last email';
}

/** "Monthly · last email 7 weeks ago", "You usually talk every ~3 weeks · last met 5 weeks ago". */
export function explainOverdue(contact: Contact, due: DueInfo, now: number): string {
  return `${rhythmLabel(due.rhythm)} · ${lastTouchWords(contact, due)} ${relativeWords(due.lastAt, now)}`;
}

/** "Waiting for your reply since Tuesday" */
export function explainReplyNeeded(since: number, now: number, timeZone: string): string {
  return `Waiting for your reply ${sinceWords(since, now, timeZone)}`;
}

/** "You asked on Tuesday · no answer yet" */
export function explainAwaitingReply(since: number, now: number, timeZone: string): string {
  const d = dayWords(since, now, timeZone);
  const on = d === 'today' || d === 'yesterday' ? d : `on ${d}`;
  return `You asked ${on} · no answer yet`;
}

/** "You promised to send them the deck · due Friday" (or "was due", or "on Tuesday" without a date). */
export function explainPromise(
  p: Pick<PromiseRecord, 'text' | 'madeAt' | 'dueAt' | 'suggestDone'>,
  now: number,
  timeZone: string,
): string {
  const gist = promiseGist(p.text);
  let s = `You promised to ${gist}`;
  if (p.dueAt !== undefined) {
    const d = dayWords(p.dueAt, now, timeZone);
    s += p.dueAt < now ? ` · was due ${d}` : ` · due ${d}`;
  } else {
    const d = dayWords(p.madeAt, now, timeZone);
    s += d === 'today' || d === 'yesterday' ? ` ${d}` : ` on ${d}`;
  }
  if (p.suggestDone) s += ' · you wrote in the thread since: done?';
  return s;
}

const KEY_DATE_NAMES = { birthday: 'Birthday', 'work-anniversary': 'Work anniversary', other: 'Date' } as const;

/** "Birthday today", "Birthday Friday · turns 40", "Work anniversary in 5 days · 3 years", "Launch day tomorrow". */
export function explainKeyDate(r: KeyDateReminder, now: number, timeZone: string): string {
  const name = r.date.kind === 'other' && r.date.label ? r.date.label : KEY_DATE_NAMES[r.date.kind];
  const d = r.occurrence.daysAway;
  const when =
    d === 0 ? 'today' : d === 1 ? 'tomorrow' : d < 7 ? dayWords(r.occurrence.startAt, now, timeZone) : `in ${d} days`;
  let s = `${name} ${when}`;
  if (r.years !== undefined && r.years > 0) {
    if (r.date.kind === 'birthday') s += ` · turns ${r.years}`;
    else s += ` · ${r.years} year${r.years === 1 ? '' : 's'}`;
  }
  return s;
}

/** "You met today · say thanks", "They answered your question yesterday · say thanks". */
export function explainAppreciation(kind: 'meeting' | 'reply', at: number, now: number, timeZone: string): string {
  const d = dayWords(at, now, timeZone);
  return kind === 'meeting' ? `You met ${d} · say thanks` : `They answered your question ${d} · say thanks`;
}
