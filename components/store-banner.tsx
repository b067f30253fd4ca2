import { useEffect, useState } from 'react';
import { getDb } from '@/lib/store/db';
import { readableRecords, type StoreState, startFresh, storeState } from '@/lib/store/store-state';
import { downloadText } from './runtime';
import './lists.css';

/**
 * Shown when the store does not open: a newer Tend's store (refused, untouched), a full disk, or a store that
 * fails to open, with an export of what can be read and a fresh start. Nothing when the store opens.
 */
export function StoreBanner() {
  const [state, setState] = useState<StoreState>();
  const [note, setNote] = useState('');
  useEffect(() => {
    storeState(getDb())
      .then(setState)
      .catch(() => undefined);
  }, []);
  if (!state || state.ok) return null;
  const db = getDb();
  return (
    <div className="health" role="alert">
      <p>
        <strong>{state.message}</strong>
      </p>
      {state.reason === 'broken' ? (
        <p className="row">
          <button
            type="button"
            onClick={async () => {
              const dump = await readableRecords(db.name);
              downloadText(
                'tend-readable-data.json',
                JSON.stringify({ format: 'tend-readable-dump', ...dump }),
                'application/json',
              );
              setNote(
                `Exported what could be read${dump.errors.length ? ` (${dump.errors.length} tables could not be)` : ''}.`,
              );
            }}
          >
            Export what can be read
          </button>
          <button
            type="button"
            className="danger"
            onClick={async () => {
              if (!window.confirm('Start fresh? Tend deletes the store that does not open and begins empty.')) return;
              await startFresh(db, state);
              window.location.reload();
            }}
          >
            Start fresh
          </button>
        </p>
      ) : null}
      {note ? <p className="muted">{note}</p> : null}
    </div>
  );
}
