/**
 * A file read on another thread: the mailbox import's worker scans what a second worker reads.
 *
 * Why: in a Chromium worker, `Blob.slice().arrayBuffer()` is filled by the worker's own thread (the bytes come
 * over a data pipe that thread pumps), so while the scanner was busy the next slice did not arrive: reading
 * 447 MB added 4.7 s of waiting to a 20 s import, the same as reading the file and doing nothing else. Read by a
 * worker of its own and handed over (transferred, never copied), the next slice is ready when the scanner
 * wants it.
 *
 * `serveFile` answers slice requests on a port; `fileOverPort` is the MboxFile the importer reads through it.
 * Requests are answered in order; a slice that cannot be read answers with the error, which the importer then
 * reports as it would a read of its own.
 */
import type { MboxFile } from './mbox-import';

/** What crosses the port (structured-clonable; the buffer is transferred). */
export type SliceRequest = { id: number; start: number; end: number };
export type SliceReply = { id: number; buffer: ArrayBuffer } | { id: number; error: string };

/** The part of MessagePort both ends use. */
export interface SlicePort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
}

/** Answers slice requests for `file` on `port` until the port is closed. */
export function serveFile(file: Pick<Blob, 'slice'>, port: SlicePort): void {
  port.onmessage = async (e: MessageEvent<SliceRequest>) => {
    const { id, start, end } = e.data;
    try {
      const buffer = await file.slice(start, end).arrayBuffer();
      port.postMessage({ id, buffer } satisfies SliceReply, [buffer]);
    } catch (err) {
      port.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies SliceReply);
    }
  };
}

/** The file as the importer reads it, each slice asked of `serveFile` at the other end of `port`. */
export function fileOverPort(file: Pick<MboxFile, 'name' | 'size' | 'lastModified'>, port: SlicePort): MboxFile {
  let next = 0;
  const waiting = new Map<number, { resolve: (b: ArrayBuffer) => void; reject: (e: Error) => void }>();
  port.onmessage = (e: MessageEvent<SliceReply>) => {
    const w = waiting.get(e.data.id);
    if (!w) return;
    waiting.delete(e.data.id);
    if ('buffer' in e.data) w.resolve(e.data.buffer);
    else w.reject(new Error(`the file could not be read (${e.data.error})`));
  };
  return {
    name: file.name,
    size: file.size,
    lastModified: file.lastModified,
    slice: (start = 0, end = file.size) => ({
      arrayBuffer: () =>
        new Promise<ArrayBuffer>((resolve, reject) => {
          const id = ++next;
          waiting.set(id, { resolve, reject });
          port.postMessage({ id, start, end } satisfies SliceRequest);
        }),
    }),
  };
}
