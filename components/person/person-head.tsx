import type { ReactNode } from 'react';
import type { Contact } from '@/lib/core/model';
import { Avatar } from '../avatar';
import { displayName, lastContactWords } from '../format';
import '../due-scale.css';
import '../lists.css';

/** A person's avatar, name and address, with a live status line ("Saved") at the end. */
export function PersonHead({
  contact,
  headId,
  Heading,
  status,
  size = 40,
}: {
  contact: Pick<Contact, 'name' | 'email'>;
  headId: string;
  Heading: 'h1' | 'h2' | 'h3';
  status: string;
  size?: number;
}) {
  return (
    <div className="card-head">
      <Avatar name={contact.name} email={contact.email} size={size} />
      <div className="row-main">
        <Heading id={headId}>{displayName(contact)}</Heading>
        {contact.name ? <p className="email small">{contact.email}</p> : null}
      </div>
      <span className="saved" role="status">
        {status}
      </span>
    </div>
  );
}

/** Last contact, how many touches of each kind, and when the next touch is due. */
export function PersonFacts({
  summary,
  now,
  timeZone,
  due,
  dueStep,
  children,
}: {
  summary: Contact['summary'] | undefined;
  now: number;
  /** The zone days are counted in ("yesterday"): the user's; the browser's when left out. */
  timeZone?: string;
  due?: string;
  /** The next touch's step on the colour scale (components/due-scale.ts): a dot beside the words it repeats. */
  dueStep?: number;
  /** More facts (a `dt`/`dd` pair each). */
  children?: ReactNode;
}) {
  const s = summary;
  return (
    <dl className="facts">
      <dt>Last contact</dt>
      <dd>{lastContactWords(s?.lastAt, now, timeZone).replace(/^last contact /, '')}</dd>
      {s && s.count > 0 ? (
        <>
          <dt>History</dt>
          <dd>{`${s.sent} sent · ${s.received} received · ${s.meetings} meeting${s.meetings === 1 ? '' : 's'}`}</dd>
        </>
      ) : null}
      {due ? (
        <>
          <dt>Next touch</dt>
          <dd className={dueStep === undefined ? undefined : `due-${dueStep}`}>
            {dueStep === undefined ? null : <span className="due-dot" aria-hidden="true" />}
            {due}
          </dd>
        </>
      ) : null}
      {children}
    </dl>
  );
}
