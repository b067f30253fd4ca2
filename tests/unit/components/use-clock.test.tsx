// @vitest-environment happy-dom
import { act, render, screen } from '@testing-library/react';
import { useClock } from '@/components/use-clock';

function Clock() {
  return <p>{useClock(60_000)}</p>;
}

const shown = () => Number(screen.getByRole('paragraph').textContent);

afterEach(() => vi.useRealTimers());

it('moves on every minute while the page is in sight, and at once when it comes back into sight', () => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 2, 23, 59) });
  let visibility: DocumentVisibilityState = 'visible';
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  render(<Clock />);
  const opened = shown();
  act(() => vi.advanceTimersByTime(60_000));
  expect(shown()).toBe(opened + 60_000);
  // Out of sight: no re-render for the time alone.
  visibility = 'hidden';
  act(() => vi.advanceTimersByTime(8 * 3_600_000));
  expect(shown()).toBe(opened + 60_000);
  // Back in sight next morning: the page has today's time before the next minute.
  vi.setSystemTime(Date.UTC(2026, 11, 3, 8, 0));
  visibility = 'visible';
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
  expect(shown()).toBe(Date.UTC(2026, 11, 3, 8, 0));
});
