import type { Failure, Reply } from '@/lib/ingest/messages';

/**
 * A backup file handed to the service worker directly (components/runtime.ts sendBackupFile) instead of through
 * runtime messaging: Chromium serializes a runtime message as JSON, and a 45 MB backup's text took about 5 s to
 * cross that way. A File posted to the worker crosses as a handle, unread (reading it in the page first and
 * transferring the bytes still took 1.5 s); the worker reads it once. Only the extension's own pages can post to
 * its service worker (a web page or a content script posts to its own origin's workers), and the origin is checked
 * again here. The text then goes through the same protocol message as any other import.
 */
export interface BackupTransfer {
  tendTransfer: 'import';
  file: Blob;
}

export function isBackupTransfer(data: unknown): data is BackupTransfer {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { tendTransfer?: unknown }).tendTransfer === 'import' &&
    (data as { file?: unknown }).file instanceof Blob
  );
}

/** Listens for transfers in a service worker; `run` is the protocol's own dispatch. No-op elsewhere (Firefox). */
export function listenForTransfers(run: (message: { type: 'import'; backup: string }, url: string) => Promise<Reply>) {
  const scope = globalThis as unknown as {
    location?: { origin: string };
    addEventListener?: (type: 'message', fn: (e: ExtendableMessageLike) => void) => void;
    ServiceWorkerGlobalScope?: unknown;
  };
  if (!scope.ServiceWorkerGlobalScope || !scope.addEventListener) return;
  const own = scope.location?.origin ?? '';
  scope.addEventListener('message', (e) => {
    if (!isBackupTransfer(e.data)) return;
    const reply = e.ports[0];
    if (!reply) return;
    const url = e.source?.url ?? '';
    // The file's text is read here (a Blob crosses as a handle: the page never reads it; a UTF-8 BOM is dropped).
    const answer: Promise<Reply> =
      e.origin !== own || !url.startsWith(`${own}/`)
        ? Promise.resolve<Failure>({ ok: false, error: 'a transfer from outside Tend refused' })
        : e.data.file.text().then((backup) => run({ type: 'import', backup }, url));
    // Whatever happens (a file that cannot be read, an import that throws), the page gets an answer: it waits.
    const done = answer
      .catch((err: unknown): Failure => ({ ok: false, error: `the backup was not imported: ${String(err)}` }))
      .then((r) => reply.postMessage(r));
    e.waitUntil?.(done);
  });
}

interface ExtendableMessageLike {
  data: unknown;
  origin: string;
  ports: readonly MessagePort[];
  source?: { url?: string } | null;
  waitUntil?: (p: Promise<unknown>) => void;
}
