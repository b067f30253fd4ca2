import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getDb } from '@/lib/store/db';
import { ignorePeople, mutePeople, type PersonRow, peopleRows, setRhythmOf, tagPeople } from '@/lib/store/people-table';
import { type BulkAction, PeopleTable } from '../people/people-table';
import { openPerson, send } from '../runtime';

/**
 * The People view, live: every person's row from the store; bulk edits written in one transaction each.
 * `initial`: rows the page already read (shown until the live query's first answer), at `now`.
 */
export function LivePeopleView({ initial, now: at }: { initial?: PersonRow[]; now?: number } = {}) {
  const db = getDb();
  const now = useMemo(() => at ?? Date.now(), [at]);
  const rows = useLiveQuery(() => peopleRows(db, now), [now], initial);
  if (!rows) return <p className="muted">Loading people…</p>;
  const bulk = async (a: BulkAction, emails: string[]) => {
    const t = Date.now();
    let changed: number;
    if (a.kind === 'tag') changed = await tagPeople(db, emails, a.tag, t);
    else if (a.kind === 'rhythm') changed = await setRhythmOf(db, emails, a.cadence, t);
    else if (a.kind === 'mute') changed = await mutePeople(db, emails, a.mute);
    else {
      const r = await ignorePeople(db, emails);
      if (!r.ok) return { ok: false as const, error: r.errors.join(' ') };
      changed = emails.length;
    }
    // Tags, rhythms, mutes and ignored addresses change who is due: the background recomputes the list.
    void send({ type: 'refresh' });
    return { ok: true as const, changed };
  };
  return <PeopleTable rows={rows} now={now} onOpen={(e) => void openPerson(e)} onBulk={bulk} />;
}
