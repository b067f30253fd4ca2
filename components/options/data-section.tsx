import { useId, useState } from 'react';
import { backupFileName, shortDate } from '@/components/format';
import type { HealthLike } from '@/components/health-banner';
import { FileImport } from './file-import';
import { countsWords, failure, type Outcome, OutcomeView, type Reply } from './outcome';

/** Import an .ics file from any calendar. */
export function CalendarImport({ onImport }: { onImport: (text: string) => Promise<Reply> }) {
  const importFile = async (file: File): Promise<Outcome> => {
    const r = await onImport(await file.text());
    return r.ok
      ? { kind: 'ok', text: `Imported ${countsWords(r.counts) || 'the calendar'} from ${file.name}.` }
      : failure(r, 'The calendar file was not imported.');
  };
  return (
    <FileImport
      title="Calendar import"
      hint="An .ics file exported from any calendar adds its meetings to Tend's history and keeps free-time suggestions clear of them."
      label="Import calendar (.ics)"
      accept=".ics,text/calendar"
      run={(file) => ({ outcome: importFile(file) })}
    />
  );
}

/** "Export backup" (a JSON file) and "Import backup". */
export function BackupSection({
  onExport,
  onImport,
  now = () => Date.now(),
  timeZone,
  save,
}: {
  onExport: () => Promise<Reply>;
  /** Hands the chosen file to the background (components/runtime.ts sendBackupFile). */
  onImport: (file: Blob) => Promise<Reply>;
  now?: () => number;
  /** The zone whose date names the file: the user's; the browser's when left out. */
  timeZone?: string;
  /** Saves the file (an object URL and `<a download>` in the page). */
  save: (fileName: string, text: string) => void;
}) {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Backup</h2>
      <p className="hint">
        Everything Tend knows, as one JSON file you keep. Importing merges a backup into what is here, without
        duplicates.
      </p>
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setOutcome(null);
            const r = await onExport();
            setBusy(false);
            if (!r.ok) return setOutcome(failure(r, 'The backup could not be made.'));
            const name = backupFileName(now(), timeZone);
            save(name, JSON.stringify(r.backup, null, 2));
            setOutcome({ kind: 'ok', text: `Saved ${name}.` });
          }}
        >
          Export backup
        </button>
      </div>
      <div className="field">
        <label htmlFor={id}>
          <span>Import backup</span>
        </label>
        <input
          id={id}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setOutcome(null);
            // A backup is one JSON object: a file that does not start as one is refused here, without reading it
            // all on the page's thread (the background reads and checks the rest).
            const head = (await file.slice(0, 4096).text()).replace(/^\uFEFF/, '').trimStart();
            if (!head.startsWith('{')) {
              setOutcome({ kind: 'error', text: `${file.name} is not a JSON file: nothing was imported.`, errors: [] });
              return;
            }
            setBusy(true);
            const r = await onImport(file);
            setBusy(false);
            setOutcome(
              r.ok
                ? { kind: 'ok', text: `Imported ${countsWords(r.counts) || 'the backup'}.` }
                : failure(r, 'The backup was not imported: nothing was changed.'),
            );
          }}
        />
      </div>
      <OutcomeView outcome={outcome} />
    </section>
  );
}

const SOURCE = { gmail: 'Gmail', calendar: 'Google Calendar' } as const;

/** Whether Tend still recognises Gmail and Calendar, with the days in `timeZone` (the user's). */
export function HealthSection({
  health,
  timeZone,
}: {
  health: readonly (HealthLike & { lastOkAt?: number })[] | undefined;
  timeZone?: string;
}) {
  const id = useId();
  if (health === undefined) return null;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>Health</h2>
      <ul>
        {(['gmail', 'calendar'] as const).map((src) => {
          const h = health.find((x) => x.source === src);
          let text: string;
          if (!h || (h.lastOkAt === undefined && h.failingSince === undefined)) text = 'not seen yet';
          else if (h.failingSince !== undefined)
            text = `not recognised since ${shortDate(h.failingSince, undefined, undefined, timeZone)}${h.problem ? ` (${h.problem})` : ''} — Tend is not learning from it`;
          else text = `working, last read ${shortDate(h.lastOkAt as number, undefined, undefined, timeZone)}`;
          return (
            <li key={src}>
              <strong>{SOURCE[src]}</strong>
              {`: ${text}`}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export interface DataCounts {
  contacts: number;
  interactions: number;
  events: number;
  threads: number;
  promises: number;
}

/** "Delete all data", with a confirmation that names what will go. */
export function DeleteAll({
  loadCounts,
  onDelete,
}: {
  loadCounts: () => Promise<DataCounts>;
  onDelete: () => Promise<Reply>;
}) {
  const id = useId();
  const [counts, setCounts] = useState<DataCounts | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>Delete all data</h2>
      <p className="hint">
        Removes everything Tend has stored in this browser. Export a backup first if you may want it back.
      </p>
      {counts ? (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation step inside the page, not a modal dialog
        <div className="panel" role="group" aria-label="Confirm deletion">
          <p>
            {`This deletes ${counts.contacts.toLocaleString()} contacts, ${counts.interactions.toLocaleString()} interactions, ${counts.events.toLocaleString()} calendar events, ${counts.threads.toLocaleString()} threads and ${counts.promises.toLocaleString()} promises, with your notes, snoozes and settings. It cannot be undone.`}
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              onClick={async () => {
                const r = await onDelete();
                setCounts(null);
                setOutcome(
                  r.ok ? { kind: 'ok', text: 'All Tend data was deleted.' } : failure(r, 'Nothing was deleted.'),
                );
              }}
            >
              Delete everything
            </button>
            {/* biome-ignore lint/a11y/noAutofocus: the safe choice takes focus when the confirmation opens */}
            <button type="button" autoFocus onClick={() => setCounts(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            onClick={async () => {
              setOutcome(null);
              setCounts(await loadCounts());
            }}
          >
            Delete all data…
          </button>
        </div>
      )}
      <OutcomeView outcome={outcome} />
    </section>
  );
}
