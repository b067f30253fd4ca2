// @vitest-environment happy-dom
/**
 * Options' catch-up card by behaviour: a walk cut short shows as stopped, in words, with Start offered again; and
 * the background's answer is shown, asked at once or by Stop, also when it could not save it (a full disk left the
 * store saying running).
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CatchUpSection } from '@/components/options/catch-up-section';
import { CATCH_UP_INTERRUPTED, type CatchUpProgress } from '@/lib/ingest/catch-up';

const START = 'Catch up from Gmail';
const running: CatchUpProgress = { state: 'running', page: 4, messages: 200, people: 30, limit: 2000, startedAt: 1 };
const interrupted: CatchUpProgress = { ...running, state: 'stopped', endedAt: 9, message: CATCH_UP_INTERRUPTED };
const start = () => vi.fn(async () => ({ ok: true as const }));
/** The background says a walk runs (what the store says is true). */
const walking = () => vi.fn(async () => ({ ok: true as const, running: true }));

describe('CatchUpSection (the catch-up card)', () => {
  it('shows a walk the browser cut short as stopped, in words, with Start available', () => {
    render(<CatchUpSection progress={interrupted} onStart={start()} onStop={vi.fn()} onStatus={walking()} />);
    expect(screen.getByText(`Page 4 · 200 messages · 30 people. ${CATCH_UP_INTERRUPTED}`)).toBeTruthy();
    expect((screen.getByRole('button', { name: START }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect((screen.getByRole('spinbutton') as HTMLInputElement).disabled).toBe(false);
  });

  it('shows what Stop answers when no walk ran, though the store still says running, and offers Start', async () => {
    const onStop = vi.fn(async () => ({ ok: true as const, running: false, progress: interrupted }));
    const onStart = start();
    render(<CatchUpSection progress={running} onStart={onStart} onStop={onStop} onStatus={walking()} />);
    expect(screen.getByText('Reading Sent… Page 4 · 200 messages · 30 people')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(await screen.findByText(`Page 4 · 200 messages · 30 people. ${CATCH_UP_INTERRUPTED}`)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: START }));
    expect(onStart).toHaveBeenCalledWith(2000);
  });

  it('keeps reading while the walk stops after its page, and shows a refused Stop', async () => {
    const onStop = vi
      .fn()
      .mockResolvedValueOnce({ ok: true, running: true })
      .mockResolvedValueOnce({ ok: false, error: 'Tend is not answering' });
    render(<CatchUpSection progress={running} onStart={start()} onStop={onStop} onStatus={walking()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(screen.getByText('Reading Sent… Page 4 · 200 messages · 30 people')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(await screen.findByText('Tend is not answering')).toBeTruthy();
  });

  it('a new walk saved after Stop answered is shown as it runs', async () => {
    const onStop = vi.fn(async () => ({ ok: true as const, running: false, progress: interrupted }));
    const { rerender } = render(
      <CatchUpSection progress={running} onStart={start()} onStop={onStop} onStatus={walking()} />,
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Stop' }));
    await screen.findByRole('button', { name: START });
    rerender(
      <CatchUpSection
        progress={{ ...running, page: 1, startedAt: 50 }}
        onStart={start()}
        onStop={onStop}
        onStatus={walking()}
      />,
    );
    expect(screen.getByText(/^Reading Sent… Page 1/)).toBeTruthy();
  });

  it('asks the background at once when the store says a walk runs, and shows its settled answer when none does', async () => {
    const onStatus = vi.fn(async () => ({ ok: true as const, running: false, progress: interrupted }));
    render(<CatchUpSection progress={running} onStart={start()} onStop={vi.fn()} onStatus={onStatus} />);
    expect(await screen.findByText(`Page 4 · 200 messages · 30 people. ${CATCH_UP_INTERRUPTED}`)).toBeTruthy();
    expect((screen.getByRole('button', { name: START }) as HTMLButtonElement).disabled).toBe(false);
    expect(onStatus).toHaveBeenCalledTimes(1);
  });

  it('asks once per walk, never for a walk that ended, and keeps showing a walk that runs', async () => {
    const onStatus = walking();
    const { rerender } = render(
      <CatchUpSection progress={interrupted} onStart={start()} onStop={vi.fn()} onStatus={onStatus} />,
    );
    expect(onStatus).not.toHaveBeenCalled();
    rerender(<CatchUpSection progress={running} onStart={start()} onStop={vi.fn()} onStatus={onStatus} />);
    rerender(
      <CatchUpSection progress={{ ...running, page: 5 }} onStart={start()} onStop={vi.fn()} onStatus={onStatus} />,
    );
    await vi.waitFor(() => expect(onStatus).toHaveBeenCalledTimes(1));
    expect(screen.getByText('Reading Sent… Page 5 · 200 messages · 30 people')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
  });
});
