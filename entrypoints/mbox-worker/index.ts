/**
 * The mailbox import's worker (a WXT unlisted script, built to /mbox-worker.js): reads the chosen file off the
 * page's thread and writes through the store. Started by entrypoints/options/mbox-runner.ts.
 *
 * An unlisted script rather than Vite's `new Worker(new URL('./x.ts', import.meta.url))`: WXT rewrites
 * `import.meta.url` in extension pages, so Vite never emitted that worker (the built page asked for a missing
 * `mbox-worker.ts`). A classic worker from the extension's own origin is allowed by `script-src 'self'`.
 */
import { fileOverPort } from '@/lib/ingest/file-port';
import { importMbox } from '@/lib/ingest/mbox-import';
import { PartBlob } from '@/lib/ingest/part-blob';
import { getDb } from '@/lib/store/db';
import type { MboxWorkerIn, MboxWorkerOut } from './protocol';

export default defineUnlistedScript(() => {
  // postal-mime's parts are assembled in memory, not through the browser's blob registry (lib/ingest/part-blob.ts).
  (globalThis as { Blob: unknown }).Blob = PartBlob;
  const scope = self as unknown as {
    onmessage: ((e: MessageEvent<MboxWorkerIn>) => void) | null;
    postMessage(m: MboxWorkerOut): void;
  };
  let abort: AbortController | null = null;
  scope.onmessage = (e) => {
    const msg = e.data;
    if (msg.type === 'cancel') {
      abort?.abort();
      return;
    }
    if (msg.type !== 'start' || abort) return;
    abort = new AbortController();
    importMbox(getDb(), msg.port ? fileOverPort(msg.file, msg.port) : msg.file, {
      signal: abort.signal,
      onProgress: (progress) => scope.postMessage({ type: 'progress', progress }),
    }).then(
      (result) => scope.postMessage({ type: 'done', result }),
      (err) => scope.postMessage({ type: 'done', result: { ok: false, error: String(err), partial: true } }),
    );
  };
});
