import { useId } from 'react';
import type { PromiseRecord } from '@/lib/model';
import { ago, shortDate } from './format';

/** What is going on in the open thread: who waits on whom, and the promises the user made in it. */
export function ThreadSummary({
  subject,
  followUp,
  promises,
  now,
  onPromiseDone,
}: {
  subject?: string;
  /** The follow-up state in words ("Waiting for your reply since 3 days ago"), or null when none. */
  followUp: string | null;
  promises: readonly PromiseRecord[] | undefined;
  now: number;
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
                  <p className="row-reason">
                    {p.dueAt ? `due ${shortDate(p.dueAt)} (${ago(p.dueAt, now)})` : `made ${ago(p.madeAt, now)}`}
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

/** A follow-up in words. */
export function followUpWords(
  f: { kind: 'reply-needed' | 'awaiting-reply'; since: number; contact: string } | null,
  now: number,
  nameOf: (email: string) => string,
): string | null {
  if (!f) return null;
  return f.kind === 'reply-needed'
    ? `${nameOf(f.contact)} is waiting for your reply since ${ago(f.since, now)}.`
    : `You are waiting for ${nameOf(f.contact)}'s answer since ${ago(f.since, now)}.`;
}
