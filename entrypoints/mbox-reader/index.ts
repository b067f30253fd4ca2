/**
 * The mailbox import's reader (a WXT unlisted script, built to /mbox-reader.js): reads slices of the chosen
 * file on its own thread and hands them to the import's worker over a MessagePort (lib/ingest/file-port.ts).
 * Started beside that worker by entrypoints/options/mbox-runner.ts.
 */
import { serveFile } from '@/lib/ingest/file-port';

export default defineUnlistedScript(() => {
  self.onmessage = (e: MessageEvent<{ file: File; port: MessagePort }>) => {
    serveFile(e.data.file, e.data.port);
  };
});
