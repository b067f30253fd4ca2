import { useId, useRef, useState } from 'react';
import type { MboxProgress, MboxResult } from '@/lib/ingest/mbox-import';
import { mboxSummaryText } from '@/lib/ingest/mbox-import';

export const MBOX_LABEL = 'Import mail history (.mbox)';

export type StartMboxImport = (
  file: File,
  onProgress: (p: MboxProgress) => void,
) => { result: Promise<MboxResult>; cancel: () => void };

/** "120 MB", "1.2 GB". */
export function sizeWords(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${Math.max(0, Math.round(bytes / 1e3))} KB`;
}

/** "about 20 s left", "about 3 min left", or '' before there is a rate. */
export function etaWords(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 60_000) return `about ${Math.max(1, Math.round(ms / 1000))} s left`;
  if (ms < 3_600_000) return `about ${Math.round(ms / 60_000)} min left`;
  return `about ${(ms / 3_600_000).toFixed(1)} h left`;
}

export function progressWords(p: MboxProgress): string {
  const parts = [
    `${sizeWords(p.bytes)} of ${sizeWords(p.total)}`,
    `${p.messages.toLocaleString('en-US')} messages`,
    `${p.people.toLocaleString('en-US')} people`,
  ];
  const eta = etaWords(p.etaMs);
  if (eta) parts.push(eta);
  return parts.join(' · ');
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; name: string; progress: MboxProgress | null; cancelling: boolean }
  | { kind: 'done'; text: string }
  | { kind: 'cancelled'; text: string }
  | { kind: 'error'; text: string };

/**
 * "Import mail history (.mbox)": a Google Takeout mailbox read on this computer, with progress, Cancel and a
 * summary. `unfinished` lists imports that stopped early (choosing the same file again carries on).
 */
export function MboxImport({
  start,
  unfinished = [],
}: {
  start: StartMboxImport;
  unfinished?: readonly { name: string; size: number; offset: number }[];
}) {
  const id = useId();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const cancel = useRef<(() => void) | null>(null);
  const running = phase.kind === 'running';
  return (
    <section className="card" id="mail-history" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Mail history</h2>
      <p className="hint">
        Google Takeout (takeout.google.com, Mail) gives your whole mailbox as one .mbox file. Tend reads who you wrote
        to and heard from, on this computer: nothing is uploaded, message bodies are not kept, and only promises in your
        own sent mail of the last 90 days are read.
      </p>
      {unfinished.length && !running ? (
        <ul className="hint">
          {unfinished.map((u) => (
            <li key={`${u.name}:${u.size}`}>
              {`An import of ${u.name} stopped at ${Math.floor((u.offset / Math.max(1, u.size)) * 100)} %: choose the same file to carry on.`}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="field">
        <label htmlFor={id}>
          <span>{MBOX_LABEL}</span>
        </label>
        <input
          id={id}
          type="file"
          accept=".mbox,application/mbox,text/plain"
          disabled={running}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setPhase({ kind: 'running', name: file.name, progress: null, cancelling: false });
            const job = start(file, (progress) => setPhase((p) => (p.kind === 'running' ? { ...p, progress } : p)));
            cancel.current = job.cancel;
            const r = await job.result;
            cancel.current = null;
            if (r.ok) setPhase({ kind: 'done', text: mboxSummaryText(r.summary) });
            else if (r.cancelled)
              setPhase({
                kind: 'cancelled',
                text: `Stopped at ${Math.floor((r.progress.bytes / Math.max(1, r.progress.total)) * 100)} %. What was read is kept; choose the same file to carry on.`,
              });
            else
              setPhase({
                kind: 'error',
                text: `${file.name}: ${r.error} ${r.partial ? 'What was imported before is kept; choose the same file to carry on.' : 'Nothing was changed.'}`,
              });
          }}
        />
      </div>
      {running ? (
        <div className="import-progress">
          <progress
            aria-label={`Importing ${phase.name}`}
            max={phase.progress?.total ?? 1}
            value={phase.progress?.bytes ?? 0}
          />
          <p className="small" aria-live="polite">
            {phase.progress ? progressWords(phase.progress) : `Opening ${phase.name}…`}
          </p>
          <div className="actions">
            <button
              type="button"
              disabled={phase.cancelling}
              onClick={() => {
                setPhase((p) => (p.kind === 'running' ? { ...p, cancelling: true } : p));
                cancel.current?.();
              }}
            >
              {phase.cancelling ? 'Stopping…' : 'Cancel'}
            </button>
          </div>
        </div>
      ) : null}
      <div role="status" className="outcome">
        {phase.kind === 'done' || phase.kind === 'cancelled' ? <p className="ok">{phase.text}</p> : null}
        {phase.kind === 'error' ? <p className="error">{phase.text}</p> : null}
      </div>
    </section>
  );
}
