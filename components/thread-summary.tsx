import { useId } from 'react';
import type { PromiseRecord } from '@/lib/core/model';
import { relativeWords } from '@/lib/time/relative';
import { shortDate } from './format';
import './lists.css';

/** What is going on in the open thread: who waits on whom, and the promises the user made in it. */
export function ThreadSummary({
  subject,
  followUp,
  promises,
  now,
  timeZone,
  onPromiseDone,
}: {
  subject?: string;
  /** The follow-up state in words ("Waiting for your reply since 3 days ago"), or null when none. */
  followUp: string | null;
  promises: readonly PromiseRecord[] | undefined;
  now: number;
  /** The zone days are counted and shown in: the user's; the browser's when left out. */
  timeZone?: string;
  onPromiseDone: (p: PromiseRecord) => void;
}) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{subject || 'This thread'}</h2>
      <p className={followUp ? '' : 'muted'}>{followUp ?? 'No follow-up needed.'}</p>
      {promises && promises.length > 0 ? (
        <>
          <h3>Your promises here</h3>
          <ul className="rows" aria-label="Open promises">
            {promises.map((p) => (
              <li key={p.id} className="row compact">
                <div className="row-main">
                  <p>{`“${p.text}”`}</p>
                  <p className={p.dueAt !== undefined && p.dueAt < now ? 'row-reason late' : 'row-reason'}>
                    {promiseWhen(p, now, timeZone)}
                    {p.suggestDone ? ' · you wrote again since: kept?' : ''}
                  </p>
                </div>
                <button type="button" onClick={() => onPromiseDone(p)} aria-label={`Mark kept: ${p.text}`}>
                  Kept
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * When a promise is due, in words, in days of `timeZone`: "was due yesterday", "due today", "due in 5 days
 * (3 Dec)", "promised 2 days ago, no date set".
 */
export function promiseWhen(p: Pick<PromiseRecord, 'dueAt' | 'madeAt'>, now: number, timeZone?: string): string {
  if (p.dueAt === undefined) return `promised ${relativeWords(p.madeAt, now, timeZone)}, no date set`;
  const when = relativeWords(p.dueAt, now, timeZone);
  if (when === 'today') return 'due today';
  const words =
    when === 'yesterday' || when === 'tomorrow' ? when : `${when} (${shortDate(p.dueAt, undefined, now, timeZone)})`;
  return p.dueAt < now ? `was due ${words}` : `due ${words}`;
}

/** A follow-up in words: who waits on whom, and since when ("… they wrote 5 days ago."), in days of `timeZone`. */
export function followUpWords(
  f: { kind: 'reply-needed' | 'awaiting-reply'; since: number; contact: string } | null,
  now: number,
  nameOf: (email: string) => string,
  timeZone?: string,
): string | null {
  if (!f) return null;
  const when = relativeWords(f.since, now, timeZone);
  return f.kind === 'reply-needed'
    ? `${nameOf(f.contact)} is waiting for your reply: they wrote ${when}.`
    : `You are waiting for ${nameOf(f.contact)} to answer: you wrote ${when}.`;
}
