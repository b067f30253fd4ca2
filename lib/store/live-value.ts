import { liveQuery } from 'dexie';

/**
 * One live query of the store, started by a page's module before React renders. Its first answer can be
 * awaited (so that the first render already has it), and the same subscription goes on feeding the view as
 * the store changes. A hook's own live query would read everything a second time on mounting: for the People
 * view at 5,000 people, a second second of work just as the user starts to scroll.
 */
export interface LiveValue<T> {
  /** The latest answer; undefined before the first. */
  current: () => T | undefined;
  subscribe: (fn: () => void) => () => void;
  /** The first answer, or undefined when the query failed. */
  first: Promise<T | undefined>;
  /** Why the query failed, if it did (the view then says so). */
  failure: () => unknown;
}

export function startLiveValue<T>(query: () => Promise<T>): LiveValue<T> {
  let value: T | undefined;
  let failure: unknown;
  const listeners = new Set<() => void>();
  let answerFirst: (v: T | undefined) => void = () => {};
  const first = new Promise<T | undefined>((resolve) => {
    answerFirst = resolve;
  });
  const tell = () => {
    for (const fn of listeners) fn();
  };
  liveQuery(query).subscribe({
    next: (v) => {
      value = v;
      answerFirst(v);
      tell();
    },
    error: (e) => {
      failure = e ?? new Error('the store could not be read');
      answerFirst(undefined);
      tell();
    },
  });
  return {
    current: () => value,
    subscribe: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    first,
    failure: () => failure,
  };
}
