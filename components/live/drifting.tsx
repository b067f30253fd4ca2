import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useState } from 'react';
import { rhythmWords } from '@/lib/engine/cadence';
import { driftingPeople } from '@/lib/engine/drifting';
import { getDb } from '@/lib/store/db';
import { readPeople } from '@/lib/store/people-table';
import { spanWords } from '@/lib/time/relative';
import { Avatar } from '../avatar';
import { displayName } from '../format';
import { openPeople, openPerson } from '../runtime';
import '../lists.css';

/** How long after the popup opens the Drifting section starts reading (its first paint comes first). */
const START_AFTER_MS = 400;

/**
 * "Drifting": people who were regular and have gone quiet (lib/engine/drifting.ts): how many, the most adrift of
 * them first, and a way to all of them in the People view's Drifting filter (the same people). Loaded as its own
 * chunk and started after the popup has painted, since it reads every contact.
 */
export function DriftingSection() {
  const id = useId();
  const [go, setGo] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setGo(true), START_AFTER_MS);
    return () => clearTimeout(t);
  }, []);
  const now = useMemo(() => Date.now(), []);
  const db = getDb();
  const found = useLiveQuery(async () => {
    if (!go) return undefined;
    const { settings, people, muted, acks } = await readPeople(db);
    return driftingPeople(
      people,
      settings,
      now,
      (e) => muted.has(e),
      (e) => acks.get(e),
    );
  }, [go, now]);
  if (!found || found.count === 0) return null;
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        Drifting <span className="count">{found.count}</span>
      </h2>
      <ul className="rows">
        {found.top.map(({ contact: c, drift: d }) => (
          <li key={c.email} className="row compact">
            <Avatar name={c.name} email={c.email} size={28} />
            <div className="row-main">
              <button type="button" className="link row-name" onClick={() => void openPerson(c.email)}>
                {displayName(c)}
              </button>
              <p className="row-reason">
                {`${d.kind === 'silent' ? 'Gone quiet' : 'Slowing down'}: ${spanWords(d.silentDays)} since you last talked; usually ${rhythmWords(d.usualDays)}`}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <button type="button" className="link more" onClick={() => void openPeople('drifting')}>
        {found.count > found.top.length ? `See all ${found.count} in People` : 'See them in People'}
      </button>
    </section>
  );
}
