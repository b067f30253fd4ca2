import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useState } from 'react';
import { composeUrl, threadUrl } from '@/lib/core/gmail-links';
import { matchesQuery } from '@/lib/store/contact-search';
import { getDb } from '@/lib/store/db';
import { type NudgeList, readNudgeList } from '@/lib/store/nudge-cache';
import { EmptyState } from '../empty-state';
import { NudgeSections } from '../nudge-list';
import { extensionUrl, openOptions, openPerson, openTab, send } from '../runtime';
import type { NudgeLike, SnoozeOption } from '../types';

// The slot finder and its settings load when the user first opens "Schedule", not with the first paint.
const SchedulePanel = lazy(() => import('./schedule-panel').then((m) => ({ default: m.SchedulePanel })));

/** A reply's subject: "Re: ..." once. */
export function replySubject(subject: string | undefined): string | undefined {
  if (!subject) return undefined;
  return /^re:/i.test(subject.trim()) ? subject : `Re: ${subject}`;
}

/**
 * Today's nudges, live from the precomputed list (one record). Actions go to the background; a nudge acted
 * on disappears at once, before the background has recomputed the list.
 */
export function TodayNudges({
  query = '',
  knowsPeople,
  initial,
  timeZone,
}: {
  query?: string;
  knowsPeople: boolean | undefined;
  /** The user's zone (components/live/time-zone.ts), in which a day chosen to snooze to is read. */
  timeZone: string;
  /** The list as first read, shown until the live query answers. */
  initial?: NudgeList;
}) {
  const list = useLiveQuery(() => readNudgeList(getDb()), [], initial);
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  if (list === undefined && knowsPeople === undefined) return null;
  const nudges = (list?.nudges ?? []).filter(
    (n) => !gone.has(n.key) && matchesQuery({ name: n.name, email: n.contact }, query),
  );
  const act = async (n: NudgeLike, action: 'snooze' | 'done', snooze?: SnoozeOption) => {
    setGone((g) => new Set([...g, n.key]));
    // A snooze names its time ("tomorrow"), read by the background in the user's time zone, or gives the
    // instant of a chosen day (8:00 there in the same zone).
    const when = snooze === undefined ? {} : typeof snooze === 'string' ? { for: snooze } : { until: snooze.until };
    const reply = await send({ type: 'nudge-action', key: n.key, action, ...when });
    if (!reply.ok) {
      setGone((g) => new Set([...g].filter((k) => k !== n.key)));
      setError(`Could not ${action === 'done' ? 'close' : 'snooze'} that: ${reply.error}`);
    } else setError(null);
  };
  return (
    <>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {nudges.length === 0 ? (
        query.trim() ? null : (
          <EmptyState
            knowsPeople={Boolean(knowsPeople)}
            onOpen={(url) => void openTab(url)}
            onCatchUp={async () => {
              const r = await send({ type: 'catch-up-start', limit: 2000 });
              if (!r.ok)
                return r.error === 'Open Gmail first' ? 'Open Gmail first, then press the button again.' : r.error;
              await openOptions();
              return null;
            }}
            onImportMail={() => void openTab(extensionUrl('/options.html#mail-history'))}
          />
        )
      ) : (
        <NudgeSections
          nudges={nudges}
          timeZone={timeZone}
          onWrite={(n) =>
            openTab(
              composeUrl({
                to: n.contact,
                subject: n.kind === 'overdue' || n.kind === 'key-date' ? undefined : replySubject(n.subject),
                accountIndex: n.account,
              }),
            )
          }
          onOpenPerson={(n) => void openPerson(n.contact)}
          onOpenThread={(n) => (n.threadId ? openTab(threadUrl(n.account, n.threadId)) : undefined)}
          onSnooze={(n, option) => act(n, 'snooze', option)}
          onDone={(n) => act(n, 'done')}
          renderSchedule={(n) => (
            <Suspense fallback={<p className="muted">Finding free time…</p>}>
              <SchedulePanel email={n.contact} name={n.name} />
            </Suspense>
          )}
        />
      )}
    </>
  );
}
