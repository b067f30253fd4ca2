/**
 * Nudge keys, built and read in this one place. A key is stable, so what the user says about a nudge (snooze,
 * done, mute) sticks to it across recomputations, restarts and backups:
 * - `contact:<email>`                      overdue for the rhythm (its state's `muted` mutes the whole contact)
 * - `thread:<threadKey>:reply-needed`      they wrote last and wait for the user
 * - `thread:<threadKey>:awaiting-reply`    the user asked and waits for them
 * - `promise:<promiseId>`                  a commitment the user made
 * - `date:<email>:<kind>:<yyyy-mm-dd>`     a key date's occurrence
 * - `thanks:<email>:meeting:<meetingAt>`   say thanks after a meeting
 * - `thanks:<threadKey>:<messageId>`       say thanks after a reply to the user's question
 * No imports, so views can build a key without loading the engine.
 */

export type FollowUpKey = 'reply-needed' | 'awaiting-reply';

export const contactNudgeKey = (email: string) => `contact:${email}`;
export const threadNudgeKey = (threadKey: string, kind: FollowUpKey) => `thread:${threadKey}:${kind}`;
export const promiseNudgeKey = (id: string) => `promise:${id}`;
/** `ymd` is the occurrence's own local date, `yyyy-mm-dd`, so each year is its own nudge. */
export const keyDateNudgeKey = (email: string, kind: string, ymd: string) => `date:${email}:${kind}:${ymd}`;
export const meetingThanksKey = (email: string, meetingAt: number) => `thanks:${email}:meeting:${meetingAt}`;
/** How every key about one person by address begins, besides contactNudgeKey: key dates, meetings' thanks. */
export const personKeyPrefixes = (email: string) => [`date:${email}:`, `thanks:${email}:meeting:`];
export const replyThanksKey = (threadKey: string, messageId: string) => `thanks:${threadKey}:${messageId}`;

/** What a key is about, for the keys whose state is read back by what it names (contact, thread, promise). */
export type ParsedNudgeKey =
  | { kind: 'contact'; email: string }
  | { kind: 'thread'; threadKey: string; follow: FollowUpKey }
  | { kind: 'promise'; id: string }
  | { kind: 'other' };

const PREFIX = { contact: 'contact:', thread: 'thread:', promise: 'promise:' } as const;
const FOLLOWS: readonly FollowUpKey[] = ['reply-needed', 'awaiting-reply'];

export function parseNudgeKey(key: string): ParsedNudgeKey {
  if (key.startsWith(PREFIX.contact)) return { kind: 'contact', email: key.slice(PREFIX.contact.length) };
  if (key.startsWith(PREFIX.promise)) return { kind: 'promise', id: key.slice(PREFIX.promise.length) };
  if (key.startsWith(PREFIX.thread)) {
    for (const follow of FOLLOWS) {
      const tail = `:${follow}`;
      if (key.endsWith(tail) && key.length > PREFIX.thread.length + tail.length)
        return { kind: 'thread', threadKey: key.slice(PREFIX.thread.length, -tail.length), follow };
    }
  }
  return { kind: 'other' };
}
