// @vitest-environment happy-dom
/**
 * A page's live query, started before React renders: its first answer is awaited once, the view goes on with
 * the same subscription (the store is read once at opening, not twice), changes reach the view, and a query
 * that fails says so, also after the view is on screen, until an answer comes again.
 */
import { act, render, screen } from '@testing-library/react';
import { useLiveValue } from '@/components/live/live-value';
import { type LiveValue, startLiveValue } from '@/lib/store/live-value';
import { freshDb } from '../store/helpers';

function Count({ live }: { live: LiveValue<number> }) {
  const { value, failure } = useLiveValue(live);
  if (failure !== undefined) return <p role="alert">{String(failure)}</p>;
  return <p>{value === undefined ? 'Loading' : `${value} notes`}</p>;
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

  it('a failure after the first answer shows on the page, beside the answer before it, until the next answer', async () => {
    const db = freshDb();
    await db.kv.put({ key: 'a', value: 1 });
    const live = startLiveValue(async () => {
      const n = await db.kv.count();
      if (n === 2) throw new Error('the store could not be read');
      return n;
    });
    expect(await live.first).toBe(1);
    render(<Count live={live} />);
    expect(screen.getByText('1 notes')).toBeTruthy();
    await act(async () => {
      await db.kv.put({ key: 'b', value: 2 });
    });
    expect((await screen.findByRole('alert')).textContent).toContain('the store could not be read');
    expect(live.current()).toMatchObject({ value: 1 });
    await act(async () => {
      await db.kv.put({ key: 'c', value: 3 });
    });
    await screen.findByText('3 notes');
    expect(live.current().failure).toBeUndefined();
  });

  it('a first query that fails answers undefined and says why', async () => {
    const live = startLiveValue<number>(() => Promise.reject(new Error('the store could not be opened')));
    expect(await live.first).toBeUndefined();
    render(<Count live={live} />);
    expect(screen.getByRole('alert').textContent).toContain('the store could not be opened');
  });

  it('reads again when asked though the store did not change (the time did), and never goes back to an older read', async () => {
    let reads = 0;
    const gates: ((n: number) => void)[] = [];
    const live = startLiveValue(
      () =>
        new Promise<number>((resolve) => {
          reads++;
          gates.push(resolve);
        }),
    );
    await vi.waitFor(() => expect(gates.length).toBe(1));
    gates[0]?.(1);
    expect(await live.first).toBe(1);
    live.refresh();
    live.refresh();
    expect(reads).toBe(3);
    // The later read answers first; the earlier one, answering after it, is dropped.
    gates[2]?.(3);
    await vi.waitFor(() => expect(live.current().value).toBe(3));
    gates[1]?.(2);
    await new Promise((r) => setTimeout(r, 20));
    expect(live.current().value).toBe(3);
  });
});
