/**
 * Follow-ups: who waits on whom, per thread. Pure; `now` is passed in.
 *
 * - reply needed: they wrote last and the user has not answered in `settings.replyNeededDays` days;
 * - awaiting reply: the user wrote last, asking something (a question or a request), and no answer came in
 *   `settings.awaitingReplyDays` days.
 * Closed threads, robots and lists, ignored contacts, crowded threads and threads quiet for longer than
 * `FOLLOW_UP_HORIZON_DAYS` are left out (a conversation that cold is the rhythm's business, not a follow-up).
 * Who is a person is the caller's `isPerson` (lib/engine/people.ts personTest: not the user, not a robot, not
 * ignored).
 */
import type { Settings, Thread, ThreadMessage } from '../core/model';

const DAY = 86_400_000;

/** Threads whose last message is older than this are not followed up any more. */
export const FOLLOW_UP_HORIZON_DAYS = 30;

/**
 * The threads the nudge list reads: those with a message in this window (follow-ups look at the last
 * FOLLOW_UP_HORIZON_DAYS of it, promises at all of it). A thread quiet for longer is history, kept as touches.
 */
export const THREAD_WINDOW_MS = 90 * DAY;

export type FollowUpKind = 'reply-needed' | 'awaiting-reply';

export interface FollowUp {
  kind: FollowUpKind;
  /** The message the wait runs from (theirs for reply-needed, the user's for awaiting-reply). */
  since: number;
  /** Who is waiting, or who is waited on. */
  contact: string;
  /** The id of that message. */
  messageId: string;
}

export function followUpState(
  thread: Thread,
  settings: Settings,
  now: number,
  isPerson: (email: string) => boolean,
): FollowUp | null {
  if (thread.closed) return null;
  // Fast path: the store keeps `lastAt` as the thread's latest message time.
  if (now - thread.lastAt > FOLLOW_UP_HORIZON_DAYS * DAY) return null;
  const msgs = thread.messages;
  if (!msgs || msgs.length === 0) return null;

  // The last message. The store keeps messages in time order and `lastAt` as the latest time: when the tail
  // agrees, only the tail is read; otherwise the whole array is scanned, without assuming any order.
  const n = msgs.length;
  const tail = msgs[n - 1] as ThreadMessage;
  const before = n > 1 ? (msgs[n - 2] as ThreadMessage) : undefined;
  const ordered = tail.at === thread.lastAt && tail.at <= now && (!before || before.at < tail.at);
  let lastIdx = ordered ? n - 1 : -1;
  if (!ordered) {
    // ties: a sent message counts as after a received one
    for (let i = 0; i < n; i++) {
      const m = msgs[i] as ThreadMessage;
      if (m.at > now) continue;
      if (lastIdx < 0) {
        lastIdx = i;
        continue;
      }
      const l = msgs[lastIdx] as ThreadMessage;
      if (m.at > l.at || (m.at === l.at && m.direction === 'sent')) lastIdx = i;
    }
  }
  if (lastIdx < 0) return null;
  const last = msgs[lastIdx] as ThreadMessage;
  if (now - last.at > FOLLOW_UP_HORIZON_DAYS * DAY) return null;
  if ((last.to?.length ?? 0) + 1 > settings.maxThreadPeople) return null;

  if (last.direction === 'received') {
    const waited = now - last.at;
    if (waited < settings.replyNeededDays * DAY) return null;
    if (!isPerson(last.from)) return null;
    return { kind: 'reply-needed', since: last.at, contact: last.from, messageId: last.id };
  }

  if (now - last.at < settings.awaitingReplyDays * DAY) return null;
  // The user wrote last: did any of the user's trailing messages (since the last received one) ask something?
  let lastReceived: ThreadMessage | undefined;
  let asked = false;
  if (ordered) {
    let i = n - 1;
    for (; i >= 0 && (msgs[i] as ThreadMessage).direction === 'sent'; i--)
      if ((msgs[i] as ThreadMessage).asks) asked = true;
    lastReceived = i >= 0 ? (msgs[i] as ThreadMessage) : undefined;
  } else {
    for (const m of msgs) {
      if (m.at > now) continue;
      if (m.direction === 'received') {
        if (m.at < last.at && (!lastReceived || m.at > lastReceived.at)) lastReceived = m;
      }
    }
    for (const m of msgs) {
      if (m.direction === 'sent' && m.asks && m.at <= last.at && (!lastReceived || m.at > lastReceived.at))
        asked = true;
    }
  }
  if (!asked) return null;

  // Who is waited on: the last person who wrote to the user, if the user answered them; else the first person addressed.
  const candidates: string[] = [];
  if (lastReceived && (last.to ?? []).includes(lastReceived.from)) candidates.push(lastReceived.from);
  candidates.push(...(last.to ?? []));
  const contact = candidates.find(isPerson);
  if (!contact) return null;
  return { kind: 'awaiting-reply', since: last.at, contact, messageId: last.id };
}
