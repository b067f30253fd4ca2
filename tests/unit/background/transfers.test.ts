import { afterEach, describe, expect, it, vi } from 'vitest';
import { isBackupTransfer, listenForTransfers } from '@/entrypoints/background/transfers';
import type { Reply } from '@/lib/ingest/messages';

const ORIGIN = 'chrome-extension://abcdefghijklmnop';

/** A service worker's global scope, as far as transfers use it: returns the message listener it registered. */
function workerScope() {
  let listener: ((e: unknown) => void) | undefined;
  vi.stubGlobal('ServiceWorkerGlobalScope', class {});
  vi.stubGlobal('location', { origin: ORIGIN });
  vi.stubGlobal('addEventListener', (type: string, fn: (e: unknown) => void) => {
    if (type === 'message') listener = fn;
  });
  return () => listener;
}

function post(listener: (e: unknown) => void, data: unknown, from = { origin: ORIGIN, url: `${ORIGIN}/options.html` }) {
  const { port1, port2 } = new MessageChannel();
  const answer = new Promise<Reply>((resolve) => {
    port1.onmessage = (e) => {
      port1.close();
      resolve(e.data as Reply);
    };
  });
  const waited: Promise<unknown>[] = [];
  listener({
    data,
    origin: from.origin,
    ports: [port2],
    source: { url: from.url },
    waitUntil: (p: Promise<unknown>) => waited.push(p),
  });
  return { answer, waited };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('backup transfers to the service worker', () => {
  it('recognises only its own envelope', () => {
    expect(isBackupTransfer({ tendTransfer: 'import', file: new Blob(['{}']) })).toBe(true);
    expect(isBackupTransfer({ tendTransfer: 'import', file: '{}' })).toBe(false);
    expect(isBackupTransfer({ type: 'import', backup: '{}' })).toBe(false);
    expect(isBackupTransfer(null)).toBe(false);
  });

  it('reads the file (a byte order mark dropped) and runs the protocol import, answering on the port', async () => {
    const listener = workerScope();
    const run = vi.fn(async (): Promise<Reply> => ({ ok: true, counts: { contacts: 1 } }));
    listenForTransfers(run);
    const text = '{"format":"tend-backup","name":"Zoë"}';
    const file = new Blob([new TextEncoder().encode(`\uFEFF${text}`)]);
    const { answer, waited } = post(listener() as (e: unknown) => void, { tendTransfer: 'import', file });
    expect(await answer).toEqual({ ok: true, counts: { contacts: 1 } });
    expect(run).toHaveBeenCalledWith({ type: 'import', backup: text }, `${ORIGIN}/options.html`);
    // The worker is kept alive until the answer is posted.
    expect(waited).toHaveLength(1);
  });

  it('refuses a transfer from another origin without running anything', async () => {
    const listener = workerScope();
    const run = vi.fn(async (): Promise<Reply> => ({ ok: true }));
    listenForTransfers(run);
    const file = new Blob(['{}']);
    const { answer } = post(
      listener() as (e: unknown) => void,
      { tendTransfer: 'import', file },
      { origin: 'https://mail.google.com', url: 'https://mail.google.com/mail/u/0/' },
    );
    expect(await answer).toEqual({ ok: false, error: 'a transfer from outside Tend refused' });
    expect(run).not.toHaveBeenCalled();
  });

  it('checks the origin and the page each on its own', async () => {
    const listener = workerScope();
    const run = vi.fn(async (): Promise<Reply> => ({ ok: true }));
    listenForTransfers(run);
    const file = new Blob(['{}']);
    for (const from of [
      { origin: ORIGIN, url: 'https://mail.google.com/mail/u/0/' },
      { origin: 'https://mail.google.com', url: `${ORIGIN}/options.html` },
    ]) {
      const { answer } = post(listener() as (e: unknown) => void, { tendTransfer: 'import', file }, from);
      expect(await answer).toEqual({ ok: false, error: 'a transfer from outside Tend refused' });
    }
    expect(run).not.toHaveBeenCalled();
  });

  it('answers even when the import itself throws', async () => {
    const listener = workerScope();
    listenForTransfers(async () => {
      throw new Error('boom');
    });
    const { answer } = post(listener() as (e: unknown) => void, { tendTransfer: 'import', file: new Blob(['{}']) });
    expect(await answer).toEqual({ ok: false, error: 'the backup was not imported: Error: boom' });
  });

  it('listens for nothing outside a service worker (Firefox background page)', () => {
    const add = vi.fn();
    vi.stubGlobal('addEventListener', add);
    listenForTransfers(async () => ({ ok: true }));
    expect(add).not.toHaveBeenCalled();
  });
});
