import { liveQuery } from 'dexie';

/**
 * One live query of the store, started by a page's module before React renders. Its first answer can be
 * awaited (so that the first render already has it), and the same subscription goes on feeding the view as
 * the store changes. A hook's own live query would read everything a second time on mounting: for the People
 * view at 5,000 people, a second second of work just as the user starts to scroll.
 */
export interface LiveValue<T> {
  /** The latest state: a new object at every answer or failure (what React's external store compares). */
  current: () => LiveState<T>;
  subscribe: (fn: () => void) => () => void;
  /** The first answer, or undefined when the first query failed. */
  first: Promise<T | undefined>;
  /**
   * Asks again though nothing in the store changed: for an answer that depends on the time as well (who is due
   * now). An answer is applied only if no query started later has answered already.
   */
  refresh: () => void;
}

/** `value`: the latest answer (kept through a failure); `failure`: why the latest query failed, if it did. */
export interface LiveState<T> {
  value?: T;
  failure?: unknown;
}

export function startLiveValue<T>(query: () => Promise<T>): LiveValue<T> {
  let state: LiveState<T> = {};
  const listeners = new Set<() => void>();
  let answerFirst: (v: T | undefined) => void = () => {};
  const first = new Promise<T | undefined>((resolve) => {
    answerFirst = resolve;
  });
  const set = (next: LiveState<T>) => {
    state = next;
    for (const fn of listeners) fn();
  };
  // Live and refreshed queries alike are numbered as they start: an older read never replaces a newer one.
  let started = 0;
  let applied = 0;
  const numbered = async () => {
    const n = ++started;
    return { n, value: await query() };
  };
  const answer = ({ n, value }: { n: number; value: T }) => {
    answerFirst(value);
    if (n < applied) return;
    applied = n;
    set({ value });
  };
  const fail = (e: unknown) => {
    answerFirst(undefined);
    set({ ...(state.value !== undefined ? { value: state.value } : {}), failure: e ?? 'unknown failure' });
  };
  liveQuery(numbered).subscribe({
    next: answer,
    // Dexie's live query goes on after a failure: the next change that answers clears it.
    error: fail,
  });
  return {
    current: () => state,
    subscribe: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    first,
    refresh: () => void numbered().then(answer, fail),
  };
}
