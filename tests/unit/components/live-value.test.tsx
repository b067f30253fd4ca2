// @vitest-environment happy-dom
/**
 * A page's live query, started before React renders: its first answer is awaited once, the view goes on with
 * the same subscription (the store is read once at opening, not twice), changes reach the view, and a query
 * that fails is thrown to the page rather than left loading.
 */
import { act, render, screen } from '@testing-library/react';
import { Component, type ReactNode } from 'react';
import { useLiveValue } from '@/components/live/live-value';
import { startLiveValue } from '@/lib/store/live-value';
import { freshDb } from '../store/helpers';

function Count({ live }: { live: ReturnType<typeof startLiveValue<number>> }) {
  const n = useLiveValue(live);
  return <p>{n === undefined ? 'Loading' : `${n} notes`}</p>;
}

class Catch extends Component<{ children: ReactNode }, { error?: unknown }> {
  override state: { error?: unknown } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? <p role="alert">{String(this.state.error)}</p> : this.props.children;
  }
}

describe('startLiveValue', () => {
  it('reads once for the first render and goes on with the same query as the store changes', async () => {
    const db = freshDb();
    await db.kv.bulkPut([
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
    ]);
    let reads = 0;
    const live = startLiveValue(() => {
      reads++;
      return db.kv.count();
    });
    expect(await live.first).toBe(2);
    expect(reads).toBe(1);
    render(<Count live={live} />);
    // The first render already has the answer, and mounting does not read again.
    expect(screen.getByText('2 notes')).toBeTruthy();
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(reads).toBe(1);
    await act(async () => {
      await db.kv.put({ key: 'c', value: 3 });
    });
    await screen.findByText('3 notes');
    expect(reads).toBe(2);
  });

  it('a query that fails answers its first as undefined and is thrown to the page', async () => {
    const live = startLiveValue<number>(() => Promise.reject(new Error('the store could not be opened')));
    expect(await live.first).toBeUndefined();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <Catch>
        <Count live={live} />
      </Catch>,
    );
    expect(screen.getByRole('alert').textContent).toContain('the store could not be opened');
  });
});
