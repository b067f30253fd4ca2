import { browser } from 'wxt/browser';
import type { MboxProgress, MboxResult } from '@/lib/ingest/mbox-import';
import type { MboxWorkerIn, MboxWorkerOut } from '../mbox-worker/protocol';

/**
 * Starts a mailbox import in its own worker, with a second worker reading the file for it (so reading and
 * scanning overlap: lib/ingest/file-port.ts); `cancel` stops it after the chunk being written.
 */
export function startMboxImport(
  file: File,
  onProgress: (p: MboxProgress) => void,
): { result: Promise<MboxResult>; cancel: () => void } {
  const worker = new Worker(browser.runtime.getURL('/mbox-worker.js'));
  const reader = new Worker(browser.runtime.getURL('/mbox-reader.js'));
  const post = (m: MboxWorkerIn, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  const stop = () => {
    worker.terminate();
    reader.terminate();
  };
  const result = new Promise<MboxResult>((resolve) => {
    worker.onmessage = (e: MessageEvent<MboxWorkerOut>) => {
      if (e.data.type === 'progress') onProgress(e.data.progress);
      else {
        resolve(e.data.result);
        stop();
      }
    };
    worker.onerror = (e) => {
      resolve({
        ok: false,
        error: `The import could not run: ${e.message || 'the worker failed to start'}.`,
        partial: false,
      });
      stop();
    };
    reader.onerror = worker.onerror;
  });
  const { port1, port2 } = new MessageChannel();
  reader.postMessage({ file, port: port2 }, [port2]);
  post({ type: 'start', file, port: port1 }, [port1]);
  return { result, cancel: () => post({ type: 'cancel' }) };
}
