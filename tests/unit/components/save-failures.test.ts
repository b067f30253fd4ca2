import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearSaveFailure, loadSaveFailures, noteSaveFailure, watchSaveFailures } from '@/components/save-failures';
import { SAVE_FAILURES_KEY, type SaveFailure } from '@/lib/store/quota';

const importStopped: SaveFailure = {
  kind: 'import',
  reason: 'disk-full',
  notSaved: '25,000 interactions of an import (it can carry on once there is room)',
  at: 1,
};
const captures: SaveFailure = {
  kind: 'capture',
  reason: 'disk-full',
  notSaved: '2 Gmail captures (kept in the Gmail tab until there is room)',
  at: 2,
};

/** A browser restart: memory (storage.session) is gone, the disk (storage.local) stays. */
const restart = () => fakeBrowser.storage.session.clear();

beforeEach(() => fakeBrowser.reset());

describe('the save-failure banners outlive a restart where what they say still holds', () => {
  it('keeps an unfinished import across a restart, but not a capture failure whose batches died with the tab', async () => {
    await noteSaveFailure(importStopped);
    await noteSaveFailure(captures);
    expect(Object.keys(await loadSaveFailures()).sort()).toEqual(['capture', 'import']);
    await restart();
    expect(await loadSaveFailures()).toEqual({ import: importStopped });
  });

  it('a later success clears it on disk too, so it does not come back at the next start', async () => {
    await noteSaveFailure(importStopped);
    await restart();
    await clearSaveFailure('import');
    expect(await loadSaveFailures()).toEqual({});
    expect(await fakeBrowser.storage.local.get(SAVE_FAILURES_KEY)).toEqual({});
    await restart();
    expect(await loadSaveFailures()).toEqual({});
  });

  it('still says it in this session when the disk refuses the lasting copy', async () => {
    const set = fakeBrowser.storage.local.set;
    fakeBrowser.storage.local.set = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    try {
      await noteSaveFailure(importStopped);
    } finally {
      fakeBrowser.storage.local.set = set;
    }
    expect(await loadSaveFailures()).toEqual({ import: importStopped });
    expect(await fakeBrowser.storage.local.get(SAVE_FAILURES_KEY)).toEqual({});
  });

  it('tells a watching page of each change, and of this session only', async () => {
    const seen: string[][] = [];
    const stop = watchSaveFailures((f) => seen.push(Object.keys(f).sort()));
    await vi.waitFor(() => expect(seen).toEqual([[]]));
    await noteSaveFailure(captures);
    await noteSaveFailure(importStopped);
    await clearSaveFailure('capture');
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['import']));
    stop();
    // Every change was seen once, from storage.session (storage.local's lasting copy fires no second call).
    expect(seen).toEqual([[], ['capture'], ['capture', 'import'], ['import']]);
  });
});
