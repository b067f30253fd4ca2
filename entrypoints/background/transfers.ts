import type { Failure, Reply } from '@/lib/ingest/messages';

/**
 * A backup file's bytes handed to the service worker directly (components/runtime.ts sendBackupFile) instead of
 * through runtime messaging: Chromium serializes a runtime message as JSON, and a 40 MB backup's text took about
 * 5 s to cross that way; a transferred ArrayBuffer crosses without a copy. Only the extension's own pages can post
 * to its service worker (a web page or a content script posts to its own origin's workers), and the origin is
 * checked again here. The text then goes through the same protocol message as any other import.
 */
export interface BackupTransfer {
  tendTransfer: 'import';
  bytes: ArrayBuffer;
}

export function isBackupTransfer(data: unknown): data is BackupTransfer {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { tendTransfer?: unknown }).tendTransfer === 'import' &&
    (data as { bytes?: unknown }).bytes instanceof ArrayBuffer
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
    const answer: Promise<Reply> =
      e.origin !== own || !url.startsWith(`${own}/`)
        ? Promise.resolve<Failure>({ ok: false, error: 'a transfer from outside Tend refused' })
        : decode(e.data.bytes).then(
            (backup) => run({ type: 'import', backup }, url),
            (err: unknown) => ({ ok: false, error: `the backup was not imported: ${String(err)}` }) as Failure,
          );
    const done = answer.then((r) => reply.postMessage(r));
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

async function decode(bytes: ArrayBuffer): Promise<string> {
  // A UTF-8 byte order mark is dropped, as File.text() drops it.
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
