// @vitest-environment happy-dom
/**
 * Options' catch-up card by behaviour: a walk cut short shows as stopped, in words, with Start offered again; and
 * Stop's answer is shown, also when the background could not save it (a full disk left the store saying running).
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CatchUpSection } from '@/components/options/catch-up-section';
import { CATCH_UP_INTERRUPTED, type CatchUpProgress } from '@/lib/ingest/catch-up';

const START = 'Catch up from Gmail';
const running: CatchUpProgress = { state: 'running', page: 4, messages: 200, people: 30, limit: 2000, startedAt: 1 };
const interrupted: CatchUpProgress = { ...running, state: 'stopped', endedAt: 9, message: CATCH_UP_INTERRUPTED };
const start = () => vi.fn(async () => ({ ok: true as const }));

describe('CatchUpSection (the catch-up card)', () => {
  it('shows a walk the browser cut short as stopped, in words, with Start available', () => {
    render(<CatchUpSection progress={interrupted} onStart={start()} onStop={vi.fn()} />);
    expect(screen.getByText(`Page 4 · 200 messages · 30 people. ${CATCH_UP_INTERRUPTED}`)).toBeTruthy();
    expect((screen.getByRole('button', { name: START }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect((screen.getByRole('spinbutton') as HTMLInputElement).disabled).toBe(false);
  });

  it('shows what Stop answers when no walk ran, though the store still says running, and offers Start', async () => {
    const onStop = vi.fn(async () => ({ ok: true as const, running: false, progress: interrupted }));
    const onStart = start();
    render(<CatchUpSection progress={running} onStart={onStart} onStop={onStop} />);
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
    render(<CatchUpSection progress={running} onStart={start()} onStop={onStop} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(screen.getByText('Reading Sent… Page 4 · 200 messages · 30 people')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(await screen.findByText('Tend is not answering')).toBeTruthy();
  });

  it('a new walk saved after Stop answered is shown as it runs', async () => {
    const onStop = vi.fn(async () => ({ ok: true as const, running: false, progress: interrupted }));
    const { rerender } = render(<CatchUpSection progress={running} onStart={start()} onStop={onStop} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Stop' }));
    await screen.findByRole('button', { name: START });
    rerender(<CatchUpSection progress={{ ...running, page: 1, startedAt: 50 }} onStart={start()} onStop={onStop} />);
    expect(screen.getByText(/^Reading Sent… Page 1/)).toBeTruthy();
  });
});
