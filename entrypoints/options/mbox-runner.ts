import { browser } from 'wxt/browser';
import type { MboxProgress, MboxResult } from '@/lib/ingest/mbox-import';
import type { MboxWorkerIn, MboxWorkerOut } from '../mbox-worker/protocol';

/** Starts a mailbox import in its own worker; `cancel` stops it after the chunk being written. */
export function startMboxImport(
  file: File,
  onProgress: (p: MboxProgress) => void,
): { result: Promise<MboxResult>; cancel: () => void } {
  const worker = new Worker(browser.runtime.getURL('/mbox-worker.js'));
  const post = (m: MboxWorkerIn) => worker.postMessage(m);
  const result = new Promise<MboxResult>((resolve) => {
    worker.onmessage = (e: MessageEvent<MboxWorkerOut>) => {
      if (e.data.type === 'progress') onProgress(e.data.progress);
      else {
        resolve(e.data.result);
        worker.terminate();
      }
    };
    worker.onerror = (e) => {
      resolve({
        ok: false,
        error: `The import could not run: ${e.message || 'the worker failed to start'}.`,
        partial: false,
      });
      worker.terminate();
    };
  });
  post({ type: 'start', file });
  return { result, cancel: () => post({ type: 'cancel' }) };
}
