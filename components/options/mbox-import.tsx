import type { MboxProgress, MboxResult } from '@/lib/ingest/mbox-import';
import { mboxSummaryText } from '@/lib/ingest/mbox-import';
import { FileImport } from './file-import';
import type { Outcome } from './outcome';

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

/** What a finished mailbox import says: its summary, where a stopped one got to, or why it was refused. */
export function mboxOutcome(fileName: string, r: MboxResult): Outcome {
  if (r.ok) return { kind: 'ok', text: mboxSummaryText(r.summary) };
  if (r.cancelled)
    return {
      kind: 'ok',
      text: `Stopped at ${percent(r.progress.bytes, r.progress.total)} %. What was read is kept; choose the same file to carry on.`,
    };
  const later = r.reason ? 'once there is room, ' : '';
  const after = r.partial
    ? `What was imported before is kept; ${later}choose the same file to carry on.`
    : r.reason
      ? 'Nothing was changed; once there is room, choose the file again.'
      : 'Nothing was changed.';
  return { kind: 'error', text: `${fileName}: ${r.error} ${after}`, errors: [] };
}

const percent = (part: number, whole: number) => Math.floor((part / Math.max(1, whole)) * 100);

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
  return (
    <FileImport
      sectionId="mail-history"
      title="Mail history"
      hint="Google Takeout (takeout.google.com, Mail) gives your whole mailbox as one .mbox file. Tend reads who you wrote to and heard from, on this computer: nothing is uploaded, message bodies are not kept, and only promises in your own sent mail of the last 90 days are read."
      label={MBOX_LABEL}
      accept=".mbox,application/mbox,text/plain"
      idleNote={
        unfinished.length ? (
          <ul className="hint">
            {unfinished.map((u) => (
              <li key={`${u.name}:${u.size}`}>
                {`An import of ${u.name} stopped at ${percent(u.offset, u.size)} %: choose the same file to carry on.`}
              </li>
            ))}
          </ul>
        ) : null
      }
      run={(file, progress) => {
        const job = start(file, (p) => progress({ done: p.bytes, total: p.total, text: progressWords(p) }));
        return { outcome: job.result.then((r) => mboxOutcome(file.name, r)), cancel: job.cancel };
      }}
    />
  );
}
