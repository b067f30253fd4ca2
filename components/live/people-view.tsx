import { useEffect } from 'react';
import type { PeopleFilter } from '@/lib/core/pages';
import { getDb } from '@/lib/store/db';
import type { LiveValue } from '@/lib/store/live-value';
import { ignorePeople, mutePeople, setRhythmOf, tagPeople } from '@/lib/store/people-table';
import { saveOrSay } from '@/lib/store/quota';
import { type BulkAction, PeopleTable } from '../people/people-table';
import { openPerson, send } from '../runtime';
import { saveTeller } from '../save-failures';
import { useClock } from '../use-clock';
import { useLiveValue } from './live-value';
import type { PeopleRowsAt } from './people-rows';

/** How often an open People view reads its rows again though nothing changed: who is due moves with the time. */
const REREAD_MS = 5 * 60_000;

/**
 * The People view, live: every person's row from the store, read again as the store changes and as time goes on
 * (every few minutes while in sight, and on coming back into sight); bulk edits written in one transaction each.
 */
export function LivePeopleView({ rows: live, filter }: { rows: LiveValue<PeopleRowsAt>; filter?: PeopleFilter }) {
  const db = getDb();
  const { value, failure } = useLiveValue(live);
  const clock = useClock(REREAD_MS);
  const readAt = value?.at;
  useEffect(() => {
    if (readAt !== undefined && clock - readAt >= 60_000) live.refresh();
  }, [clock, readAt, live]);
  if (!value)
    return failure === undefined ? (
      <p className="muted">Loading people…</p>
    ) : (
      <p role="alert">
        Tend could not read your people: {failure instanceof Error ? failure.message : String(failure)}
      </p>
    );
  const bulk = async (a: BulkAction, emails: string[]) => {
    const t = Date.now();
    const saved = await saveOrSay(
      'contact',
      async (): Promise<{ ok: true; changed: number } | { ok: false; error: string }> => {
        if (a.kind === 'tag') {
          const r = await tagPeople(db, emails, a.tag, t);
          return r.ok ? r : { ok: false, error: r.errors.join(' ') };
        }
        if (a.kind === 'rhythm') return { ok: true, changed: await setRhythmOf(db, emails, a.cadence, t) };
        if (a.kind === 'mute') return { ok: true, changed: await mutePeople(db, emails, a.mute) };
        const r = await ignorePeople(db, emails);
        return r.ok ? { ok: true, changed: emails.length } : { ok: false, error: r.errors.join(' ') };
      },
      saveTeller,
      Date.now,
    );
    if (!saved.ok) return { ok: false as const, error: saved.error };
    if (!saved.value.ok) return saved.value;
    const { changed } = saved.value;
    // Tags, rhythms, mutes and ignored addresses change who is due: the background recomputes the list.
    void send({ type: 'refresh' });
    return { ok: true as const, changed };
  };
  return (
    <PeopleTable
      rows={value.rows}
      now={value.at}
      timeZone={value.timeZone}
      onOpen={(e) => void openPerson(e)}
      onBulk={bulk}
      {...(filter ? { initialFilter: filter } : {})}
    />
  );
}
