import { useId } from 'react';
import { Avatar } from './avatar';
import { displayName, lastContactWords } from './format';
import type { PersonLike } from './types';
import './lists.css';

/** People by last contact (or those matching a search). The region and list are named "Recent contacts". */
export function RecentContacts({
  contacts,
  now,
  timeZone,
  query,
  onOpen,
}: {
  contacts: readonly PersonLike[] | undefined;
  now: number;
  /** The zone days are counted in ("last contact yesterday"): the user's; the browser's when left out. */
  timeZone?: string;
  /** The search being shown, if any. */
  query?: string;
  onOpen?: (email: string) => void;
}) {
  const id = useId();
  if (contacts === undefined) return null;
  const q = query?.trim();
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        Recent contacts
      </h2>
      {q ? <p className="muted small">{`Matching “${q}”`}</p> : null}
      {contacts.length === 0 ? (
        <p className="muted">{q ? 'Nobody matches.' : 'Nobody yet.'}</p>
      ) : (
        <ul className="rows" aria-labelledby={id}>
          {contacts.map((c) => {
            const name = displayName(c);
            return (
              <li key={c.email} className="row compact">
                <Avatar name={c.name} email={c.email} size={28} />
                <div className="row-main">
                  {onOpen ? (
                    <button type="button" className="link row-name" onClick={() => onOpen(c.email)}>
                      {name}
                    </button>
                  ) : (
                    <p className="row-name">{name}</p>
                  )}
                  <p className="row-reason">
                    {c.name ? <span className="email">{c.email}</span> : null}
                    {c.name ? ' · ' : ''}
                    {lastContactWords(c.summary?.lastAt, now, timeZone)}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
