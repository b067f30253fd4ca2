import { useSyncExternalStore } from 'react';
import type { LiveState, LiveValue } from '@/lib/store/live-value';

/** The live value's latest state (answer, or why the store could not be read), re-rendering as it changes. */
export function useLiveValue<T>(live: LiveValue<T>): LiveState<T> {
  return useSyncExternalStore(live.subscribe, live.current);
}
