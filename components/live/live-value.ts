import { useSyncExternalStore } from 'react';
import type { LiveValue } from '@/lib/store/live-value';

/** The live value's latest answer, re-rendering as it changes; a failed query is thrown to the page. */
export function useLiveValue<T>(live: LiveValue<T>): T | undefined {
  const value = useSyncExternalStore(live.subscribe, live.current);
  const failure = live.failure();
  if (failure !== undefined) throw failure;
  return value;
}
