// @vitest-environment happy-dom
/**
 * Options' mailbox card by behaviour, with the worker runtime replaced: a hand-driven job for progress and Cancel,
 * and the real importer over an in-memory store (fake-indexeddb) for the summary and the refusal of a non-mbox file.
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MboxImport, type StartMboxImport } from '@/components/options/mbox-import';
import { importMbox, type MboxProgress, type MboxResult } from '@/lib/ingest/mbox-import';
import { demoMailbox, mboxFile } from '@/tests/support/mbox';
import { freshDb, T0 } from '../store/helpers';

const LABEL = 'Import mail history (.mbox)';

/** The worker's part, run in the test's thread: the real importer on `db`, as entrypoints/mbox-worker does. */
function inProcess(db: ReturnType<typeof freshDb>): StartMboxImport {
  return (file, onProgress) => {
    const abort = new AbortController();
    const result = file
      .arrayBuffer()
      .then((buf) =>
        importMbox(db, mboxFile(new Uint8Array(buf), file.name), { now: () => T0, signal: abort.signal, onProgress }),
      );
    return { result, cancel: () => abort.abort() };
  };
}

describe('MboxImport (the mailbox card)', { timeout: 60_000 }, () => {
  it('shows progress in words and a bar, stops on Cancel, and says where it stopped', async () => {
    let report: (p: MboxProgress) => void = () => {};
    let finish: (r: MboxResult) => void = () => {};
    const cancel = vi.fn();
    const start: StartMboxImport = (_file, onProgress) => {
      report = onProgress;
      return { result: new Promise<MboxResult>((res) => (finish = res)), cancel };
    };
    render(<MboxImport start={start} unfinished={[{ name: 'old.mbox', size: 1000, offset: 250 }]} />);
    expect(screen.getByText('An import of old.mbox stopped at 25 %: choose the same file to carry on.')).toBeTruthy();
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(screen.getByLabelText(LABEL), new File(['From x'], 'big.mbox'));
    expect(screen.getByText('Opening big.mbox…')).toBeTruthy();
    expect(screen.queryByText(/An import of old\.mbox/)).toBeNull();
    const progress = { bytes: 120e6, total: 300e6, messages: 4200, people: 310, etaMs: 90_000 };
    act(() => report(progress));
    expect(await screen.findByText('120 MB of 300 MB · 4,200 messages · 310 people · about 2 min left')).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Importing big.mbox' });
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual([String(120e6), String(300e6)]);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledTimes(1);
    const stopping = screen.getByRole('button', { name: 'Stopping…' }) as HTMLButtonElement;
    expect(stopping.disabled).toBe(true);
    act(() => finish({ ok: false, cancelled: true, progress }));
    expect(
      await screen.findByText('Stopped at 40 %. What was read is kept; choose the same file to carry on.'),
    ).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect((screen.getByLabelText(LABEL) as HTMLInputElement).disabled).toBe(false);
  });

  it('imports a real mailbox through the importer and shows its summary', async () => {
    const db = freshDb();
    render(<MboxImport start={inProcess(db)} />);
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(screen.getByLabelText(LABEL), new File([demoMailbox(T0)], 'All mail.mbox'));
    const summary = await screen.findByText(/^Imported 22 messages: 4 people, 1 promise;/, {}, { timeout: 30_000 });
    expect(summary.className).toBe('ok');
    expect(await db.contacts.count()).toBe(4);
  });

  it('refuses a PDF named .mbox in words, and the store stays empty', async () => {
    const db = freshDb();
    render(<MboxImport start={inProcess(db)} />);
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(screen.getByLabelText(LABEL), new File(['%PDF-1.7\n%âãÏÓ\n1 0 obj'], 'statement.mbox'));
    const refusal = await screen.findByText(
      'statement.mbox: This is a PDF, not an mbox mailbox. Nothing was changed.',
      {},
      { timeout: 30_000 },
    );
    expect(refusal.className).toBe('error');
    await waitFor(() => expect((screen.getByLabelText(LABEL) as HTMLInputElement).disabled).toBe(false));
    expect(await db.contacts.count()).toBe(0);
    expect(await db.kv.count()).toBe(0);
  });
});
