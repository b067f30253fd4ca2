// @vitest-environment happy-dom
/** The one Options file import, by behaviour: pick a file → busy → outcome; an error is shown and nothing else changes. */
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FileImport, type ImportJob } from '@/components/options/file-import';
import type { Outcome } from '@/components/options/outcome';

const file = (text: string, name: string) => new File([text], name, { type: 'text/plain' });

/** An outcome the test settles by hand, so the busy state can be seen while it is open. */
function deferred() {
  let settle: (o: Outcome) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const outcome = new Promise<Outcome>((res, rej) => {
    settle = res;
    fail = rej;
  });
  return { outcome, settle, fail };
}

function setup(run: (f: File) => ImportJob) {
  const spy = vi.fn(run);
  render(
    <FileImport
      title="Things import"
      hint="A file of things."
      label="Import things (.txt)"
      accept=".txt"
      run={spy}
      idleNote={<p>An earlier import stopped.</p>}
    />,
  );
  return {
    run: spy,
    user: userEvent.setup({ applyAccept: false }),
    input: screen.getByLabelText('Import things (.txt)'),
  };
}

describe('FileImport', () => {
  it('is busy while the import runs, then shows its outcome and takes another file', async () => {
    const d = deferred();
    const { run, user, input } = setup(() => ({ outcome: d.outcome }));
    expect(screen.getByRole('heading', { name: 'Things import' })).toBeTruthy();
    await user.upload(input, file('a,b', 'things.txt'));
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]?.[0]?.name).toBe('things.txt');
    // Busy: the input is disabled, no progress or Cancel for a job that cannot be stopped, the idle note hidden.
    expect((input as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.queryByText('An earlier import stopped.')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('');
    d.settle({ kind: 'ok', text: 'Imported 2 things from things.txt.' });
    expect(await screen.findByText('Imported 2 things from things.txt.')).toBeTruthy();
    expect(screen.getByText('Imported 2 things from things.txt.').className).toBe('ok');
    expect((input as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByText('An earlier import stopped.')).toBeTruthy();
  });

  it('names the reasons of a refused file in the status, and only there', async () => {
    const { user, input } = setup(() => ({
      outcome: Promise.resolve({ kind: 'error', text: 'Not imported: nothing was changed.', errors: ['line 1: no'] }),
    }));
    await user.upload(input, file('x', 'bad.txt'));
    const line = await screen.findByText('Not imported: nothing was changed.');
    expect(line.className).toBe('error');
    expect(screen.getByRole('listitem').textContent).toBe('line 1: no');
    expect(screen.getByRole('status').contains(line)).toBe(true);
    expect((input as HTMLInputElement).disabled).toBe(false);
  });

  it('turns an import that throws, or a file that cannot be read, into an error naming the file', async () => {
    const d = deferred();
    const { user, input, run } = setup(() => ({ outcome: d.outcome }));
    await user.upload(input, file('x', 'gone.txt'));
    d.fail(new DOMException('The file changed on disk', 'NotReadableError'));
    expect(await screen.findByText(/^Could not read gone\.txt: .*The file changed on disk/)).toBeTruthy();
    run.mockImplementation(() => {
      throw new Error('boom');
    });
    await user.upload(input, file('y', 'again.txt'));
    expect(await screen.findByText('Could not read again.txt: Error: boom')).toBeTruthy();
    expect((input as HTMLInputElement).disabled).toBe(false);
  });

  it('shows progress and Cancel for a job that can be stopped', async () => {
    const d = deferred();
    const cancel = vi.fn(() => d.settle({ kind: 'ok', text: 'Stopped at 40 %.' }));
    let report: (p: { done: number; total: number; text: string }) => void = () => {};
    render(
      <FileImport
        title="Long import"
        hint="Takes a while."
        label="Import a big file"
        accept="*"
        run={(_f, progress) => {
          report = progress;
          return { outcome: d.outcome, cancel };
        }}
      />,
    );
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(screen.getByLabelText('Import a big file'), file('x', 'big.bin'));
    expect(screen.getByText('Opening big.bin…')).toBeTruthy();
    act(() => report({ done: 40, total: 100, text: '40 of 100' }));
    const bar = await screen.findByRole('progressbar', { name: 'Importing big.bin' });
    await waitFor(() => expect(bar.getAttribute('value')).toBe('40'));
    expect(bar.getAttribute('max')).toBe('100');
    expect(screen.getByText('40 of 100')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Stopped at 40 %.')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
