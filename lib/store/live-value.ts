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
  liveQuery(query).subscribe({
    next: (value) => {
      answerFirst(value);
      set({ value });
    },
    // Dexie's live query goes on after a failure: the next change that answers clears it.
    error: (e) => {
      answerFirst(undefined);
      set({ ...(state.value !== undefined ? { value: state.value } : {}), failure: e ?? 'unknown failure' });
    },
  });
  return {
    current: () => state,
    subscribe: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    first,
  };
}
