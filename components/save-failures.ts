/**
 * Where failed saves are kept for the banners. Always in the extension's `storage.session` (in memory, so a full
 * disk cannot stop Tend from saying that it is full), and, for what outlives the browser, also in
 * `storage.local` as far as the disk allows: an import that stopped, a setting or a person's change not saved
 * still need saying after a restart, and so do the Sent pages a catch-up from Gmail could not save. A capture
 * failure is not carried over: the batches it names are kept in the Gmail tab's memory, gone with the tab, and
 * Gmail is read again when it opens. The background writes capture and
 * import failures; the pages their own (settings). A later success of the same kind clears it in both places.
 */
import { browser } from 'wxt/browser';
import {
  readSaveFailures,
  SAVE_FAILURES_KEY,
  type SaveFailure,
  type SaveFailures,
  type SaveKind,
  type SaveTeller,
} from '@/lib/store/quota';

/** Kinds whose "not saved" stays true after a browser restart. */
const OUTLIVES_RESTART: readonly SaveKind[] = ['catch-up', 'import', 'settings', 'contact'];

async function read(area: typeof browser.storage.local | undefined): Promise<SaveFailures | undefined> {
  if (!area) return undefined;
  const got = await area.get(SAVE_FAILURES_KEY).catch(() => ({}) as Record<string, unknown>);
  const value = got[SAVE_FAILURES_KEY];
  return value == null ? undefined : readSaveFailures(value);
}

function lasting(all: SaveFailures): SaveFailures {
  return Object.fromEntries(Object.entries(all).filter(([k]) => OUTLIVES_RESTART.includes(k as SaveKind)));
}

/** This session's failures; after a restart (nothing in memory yet), the ones that outlive it. */
export async function loadSaveFailures(): Promise<SaveFailures> {
  const session = await read(browser.storage.session);
  if (session) return session;
  return lasting((await read(browser.storage.local)) ?? {});
}

async function change(fn: (f: SaveFailures) => SaveFailures): Promise<void> {
  const next = fn(await loadSaveFailures());
  if (browser.storage.session) await browser.storage.session.set({ [SAVE_FAILURES_KEY]: next });
  // On a full disk this may fail too; memory above still holds it for this session.
  const kept = lasting(next);
  const stored = lasting((await read(browser.storage.local)) ?? {});
  if (JSON.stringify(kept) !== JSON.stringify(stored)) {
    const write = Object.keys(kept).length
      ? browser.storage.local.set({ [SAVE_FAILURES_KEY]: kept })
      : browser.storage.local.remove(SAVE_FAILURES_KEY);
    await write.catch(() => undefined);
  }
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

/** Where the background and the pages tell their failed and successful saves (the banners read them). */
export const saveTeller: SaveTeller = {
  failed: (f) => void noteSaveFailure(f).catch(() => undefined),
  saved: (kind) => void clearSaveFailure(kind).catch(() => undefined),
};

/** Calls `fn` with the failures now and whenever they change; returns the unsubscribe. */
export function watchSaveFailures(fn: (f: SaveFailures) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (SAVE_FAILURES_KEY in changes && (areaName === 'session' || !browser.storage.session))
      fn(readSaveFailures(changes[SAVE_FAILURES_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  loadSaveFailures()
    .then(fn)
    .catch(() => undefined);
  return () => browser.storage.onChanged.removeListener(listener);
}
