import { type ReactNode, useId, useState } from 'react';
import { type Outcome, OutcomeView } from './outcome';
import './options.css';

/** How far a long import is: a bar (`done` of `total`) and a line of words. */
export interface ImportProgress {
  done: number;
  total: number;
  text: string;
}

/** One import under way: the outcome it will end with, and, for a long one, how to stop it. */
export interface ImportJob {
  outcome: Promise<Outcome>;
  cancel?: () => void;
}

/**
 * The one file import of Options (calendar, contacts, mailbox): a card with a file input, busy while the import
 * runs (the input is disabled), progress with Cancel for a job that can be stopped, then the outcome. A file that
 * cannot be read, or an import that throws, ends in an error naming the file; nothing else changes.
 * Each import passes only what differs: its words, the files it accepts, and `run`.
 */
export function FileImport({
  title,
  hint,
  label,
  accept,
  run,
  sectionId,
  idleNote,
}: {
  title: string;
  hint: ReactNode;
  /** The file input's label. */
  label: string;
  accept: string;
  /** Starts the import of `file`; `progress` may be called as it goes. */
  run: (file: File, progress: (p: ImportProgress) => void) => ImportJob;
  /** The card's own id, for links to it. */
  sectionId?: string;
  /** Shown above the input while nothing runs (an import that stopped early, say). */
  idleNote?: ReactNode;
}) {
  const id = useId();
  const [running, setRunning] = useState<{ name: string; progress: ImportProgress | null; cancel?: () => void }>();
  const [cancelling, setCancelling] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const start = async (file: File) => {
    setOutcome(null);
    setCancelling(false);
    const progress = (p: ImportProgress) => setRunning((r) => (r ? { ...r, progress: p } : r));
    let result: Outcome;
    try {
      const started = run(file, progress);
      setRunning({ name: file.name, progress: null, cancel: started.cancel });
      result = await started.outcome;
    } catch (err) {
      result = { kind: 'error', text: `Could not read ${file.name}: ${String(err)}`, errors: [] };
    }
    setRunning(undefined);
    setOutcome(result);
  };
  return (
    <section className="card" id={sectionId} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      <p className="hint">{hint}</p>
      {running ? null : idleNote}
      <div className="field">
        <label htmlFor={id}>
          <span>{label}</span>
        </label>
        <input
          id={id}
          type="file"
          accept={accept}
          disabled={running !== undefined}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void start(file);
          }}
        />
      </div>
      {running && (running.cancel || running.progress) ? (
        <ImportProgressView
          name={running.name}
          progress={running.progress}
          cancelling={cancelling}
          onCancel={
            running.cancel &&
            (() => {
              setCancelling(true);
              running.cancel?.();
            })
          }
        />
      ) : null}
      <OutcomeView outcome={outcome} />
    </section>
  );
}

function ImportProgressView({
  name,
  progress,
  cancelling,
  onCancel,
}: {
  name: string;
  progress: ImportProgress | null;
  cancelling: boolean;
  onCancel?: () => void;
}) {
  return (
    <div className="import-progress">
      <progress aria-label={`Importing ${name}`} max={progress?.total ?? 1} value={progress?.done ?? 0} />
      <p className="small" aria-live="polite">
        {progress ? progress.text : `Opening ${name}…`}
      </p>
      {onCancel ? (
        <div className="actions">
          <button type="button" disabled={cancelling} onClick={onCancel}>
            {cancelling ? 'Stopping…' : 'Cancel'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
