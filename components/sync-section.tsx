import { useCallback, useEffect, useId, useState } from 'react';
import type { SyncStatus } from '@/lib/sync/driver';
import type { Unsynced } from '@/lib/sync/pack';
import { resolveTimeZone } from '@/lib/time/zoned-time';
import './options/options.css';

type Reply = ({ ok: true } & Record<string, unknown>) | { ok: false; error: string };

const FIELD_WORDS: Record<string, string> = {
  notes: 'notes',
  cad: 'rhythm',
  dates: 'key dates',
  name: 'name',
  'd.background': 'background',
  'd.preferences': 'preferences',
  'd.family': 'family',
  'd.interests': 'interests',
};

/** "ann@example.com: notes", "settings", "a snooze or mute" — what a left-out part of the layer is, in words. */
export function unsyncedWords(u: Unsynced): string {
  const field = u.field
    ? (FIELD_WORDS[u.field] ?? (u.field.startsWith('t:') ? `tag ${u.field.slice(2)}` : u.field))
    : '';
  let what: string;
  if (u.rid === 's') what = 'settings';
  else if (u.rid.startsWith('c:')) what = u.rid.slice(2);
  else if (u.rid.startsWith('n:')) what = `snooze, done or mute of ${u.rid.slice(2).replace(/^contact:/, '')}`;
  else if (u.rid.startsWith('m:')) what = 'a touch logged by hand';
  else what = 'a promise kept';
  const why = u.reason === 'too-large' ? 'too long for one sync item' : 'no room left';
  return `${what}${field ? `: ${field}` : ''} (${why})`;
}

const kb = (bytes: number) => `${(bytes / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 })} KB`;

const SHOWN = 8;

/**
 * The switch "Sync notes and settings through your browser's sync", off by default, with how much of the
 * browser's sync space the user's writing takes and what does not fit. It only talks to the background.
 */
export function SyncSection({
  load,
  onToggle,
  timeZone,
}: {
  load: () => Promise<Reply>;
  onToggle: (on: boolean) => Promise<Reply>;
  /** The zone the time of the next write is shown in: the user's; the browser's when left out. */
  timeZone?: string;
}) {
  const id = useId();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const take = useCallback((r: Reply) => {
    if (r.ok) {
      setStatus(r.status as SyncStatus);
      setProblem(null);
    } else setProblem(r.error);
  }, []);
  useEffect(() => {
    let live = true;
    const refresh = () => load().then((r) => live && take(r));
    void refresh();
    // Another browser's changes and the write limits move the figures while the page is open.
    const timer = setInterval(refresh, 5_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [load, take]);
  const on = status?.on === true;
  const unsynced = status?.unsynced ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Sync</h2>
      <div className="check">
        <input
          id={id}
          type="checkbox"
          checked={on}
          disabled={busy || status === null}
          onChange={async (e) => {
            setBusy(true);
            try {
              take(await onToggle(e.target.checked));
            } finally {
              setBusy(false);
            }
          }}
        />
        <label htmlFor={id}>Sync notes and settings through your browser's sync</label>
      </div>
      <p className="hint">
        Your notes, personal details, tags, rhythms, key dates, merged addresses, ignore and robot rules, your own
        addresses, snoozes, done and mute, promises kept and settings go to your other computers through the browser's
        own sync (Chrome Sync or Firefox Sync), encrypted with its passphrase if you set one. Tend has no server. Each
        browser builds its own history of emails and meetings from what it sees.
      </p>
      {status ? (
        <div className="sync-usage">
          <meter min={0} max={status.quotaBytes} value={status.bytes} aria-label="Share of the sync space used" />
          <p className="hint">
            {on ? 'Uses' : 'Would use'} {kb(status.bytes)} of {kb(status.quotaBytes)} and {status.items} of{' '}
            {status.maxItems} items of the browser's sync space, for {status.records.toLocaleString()}{' '}
            {status.records === 1 ? 'record' : 'records'}.
          </p>
        </div>
      ) : null}
      {unsynced.length ? (
        <div>
          <p>Not synced ({unsynced.length.toLocaleString()}): it stays in this browser, nothing is removed.</p>
          <ul className="errors">
            {unsynced.slice(0, SHOWN).map((u) => (
              <li key={`${u.rid}/${u.field ?? ''}`}>{unsyncedWords(u)}</li>
            ))}
            {unsynced.length > SHOWN ? <li>and {(unsynced.length - SHOWN).toLocaleString()} more</li> : null}
          </ul>
        </div>
      ) : null}
      <div role="status" className="outcome">
        {on && status?.error ? (
          <p className="error">The browser's sync refused a write ({status.error}); Tend will try again.</p>
        ) : null}
        {on && status?.waitingUntil ? (
          <p>
            Waiting for the browser's write limit; the next write goes at{' '}
            {new Date(status.waitingUntil).toLocaleTimeString(undefined, { timeZone: resolveTimeZone(timeZone) })}.
          </p>
        ) : null}
        {status?.newerItems ? (
          <p className="error">A newer Tend wrote part of the synced data; update Tend here to read it.</p>
        ) : null}
        {problem ? <p className="error">{problem}</p> : null}
      </div>
    </section>
  );
}
