import { MessageChannel } from 'node:worker_threads';
import { fileOverPort, type SlicePort, serveFile } from '@/lib/ingest/file-port';
import { importMbox } from '@/lib/ingest/mbox-import';
import { demoMailbox, mboxFile } from '@/tests/support/mbox';
import { freshDb, T0 } from '../store/helpers';

/** Node's MessagePort speaks `on('message')`; the browser's, `onmessage`. */
function browserPort(p: import('node:worker_threads').MessagePort): SlicePort {
  const port: SlicePort = {
    onmessage: null,
    postMessage: (m, transfer) => p.postMessage(m, transfer as never),
  };
  p.on('message', (data) => port.onmessage?.({ data } as MessageEvent));
  return port;
}

describe('a file read over a port (the import’s reader worker)', () => {
  it('answers each slice with the same bytes as reading the file directly', async () => {
    const bytes = new Uint8Array(10_000).map((_, i) => (i * 7) % 251);
    const file = mboxFile(bytes);
    const { port1, port2 } = new MessageChannel();
    serveFile(file, browserPort(port2));
    const remote = fileOverPort(file, browserPort(port1));
    expect([remote.name, remote.size, remote.lastModified]).toEqual([file.name, file.size, file.lastModified]);
    const slices = await Promise.all([
      remote.slice(0, 4096).arrayBuffer(),
      remote.slice(4096, 9000).arrayBuffer(),
      remote.slice(9000).arrayBuffer(),
    ]);
    expect(slices.map((b) => b.byteLength)).toEqual([4096, 4904, 1000]);
    expect(new Uint8Array(await new Blob(slices).arrayBuffer())).toEqual(bytes);
    port1.close();
  });

  it('tells a read that failed, in words', async () => {
    const broken = {
      slice: () => ({ arrayBuffer: () => Promise.reject(new Error('NotReadableError: the file changed')) }),
    } as unknown as Blob;
    const { port1, port2 } = new MessageChannel();
    serveFile(broken, browserPort(port2));
    const remote = fileOverPort({ name: 'x.mbox', size: 10, lastModified: 1 }, browserPort(port1));
    await expect(remote.slice(0, 5).arrayBuffer()).rejects.toThrow(/could not be read \(NotReadableError/);
    port1.close();
  });

  it('imports a mailbox read this way exactly as one read directly', async () => {
    const file = mboxFile(demoMailbox(T0, '\n'));
    const direct = await importMbox(freshDb(), file, { now: () => T0, sliceBytes: 700 });
    const { port1, port2 } = new MessageChannel();
    serveFile(file, browserPort(port2));
    const remote = await importMbox(freshDb(), fileOverPort(file, browserPort(port1)), {
      now: () => T0,
      sliceBytes: 700,
    });
    port1.close();
    if (!direct.ok || !remote.ok) throw new Error(JSON.stringify([direct, remote]));
    expect({ ...remote.summary, timings: null }).toEqual({ ...direct.summary, timings: null });
    expect(remote.summary.imported).toBeGreaterThan(10);
  });
});
