/**
 * Where failed saves are kept for the banners: the extension's `storage.session`, in memory, so a full disk
 * cannot stop Tend from saying that it is full. The background writes capture and import failures; the pages
 * their own (settings). A later success of the same kind clears it.
 */
import { browser } from 'wxt/browser';
import {
  readSaveFailures,
  SAVE_FAILURES_KEY,
  type SaveFailure,
  type SaveFailures,
  type SaveKind,
} from '@/lib/store/quota';

function area() {
  return browser.storage.session ?? browser.storage.local;
}

export async function loadSaveFailures(): Promise<SaveFailures> {
  const got = await area().get(SAVE_FAILURES_KEY);
  return readSaveFailures(got[SAVE_FAILURES_KEY]);
}

async function change(fn: (f: SaveFailures) => SaveFailures): Promise<void> {
  await area().set({ [SAVE_FAILURES_KEY]: fn(await loadSaveFailures()) });
}

export function noteSaveFailure(f: SaveFailure): Promise<void> {
  return change((all) => ({ ...all, [f.kind]: f }));
}

export function clearSaveFailure(kind: SaveKind): Promise<void> {
  return change((all) => {
    if (!all[kind]) return all;
    const { [kind]: _gone, ...rest } = all;
    return rest;
  });
}

/** Calls `fn` with the failures now and whenever they change; returns the unsubscribe. */
export function watchSaveFailures(fn: (f: SaveFailures) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>) => {
    if (SAVE_FAILURES_KEY in changes) fn(readSaveFailures(changes[SAVE_FAILURES_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  loadSaveFailures()
    .then(fn)
    .catch(() => undefined);
  return () => browser.storage.onChanged.removeListener(listener);
}
