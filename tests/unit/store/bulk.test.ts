import { describe, expect, it, vi } from 'vitest';
import type { Thread } from '@/lib/core/model';
import { validateBackup } from '@/lib/store/backup';
import { bulkGetExisting } from '@/lib/store/bulk';
import { freshDb, T0 } from './helpers';

const thread = (id: string, at = T0): Thread => ({
  id,
  account: 'me@example.com',
  threadId: id,
  subject: `s ${id}`,
  people: ['ann@example.com'],
  lastAt: at,
  closed: false,
  messages: [
    { id: `${id}-m`, at, from: 'ann@example.com', to: ['me@example.com'], direction: 'received', asks: false },
  ],
});

describe('bulkGetExisting', () => {
  it('answers as bulkGet does (same order, undefined where missing), reading only the keys that exist', async () => {
    const db = freshDb();
    const stored = Array.from({ length: 40 }, (_, i) => thread(`t${String(i * 3).padStart(3, '0')}`));
    await db.threads.bulkPut(stored);
    // Unsorted, with missing keys inside and outside the stored range, and a key twice.
    const keys = ['zz', 't003', 'a', ...Array.from({ length: 60 }, (_, i) => `t${String(119 - i).padStart(3, '0')}`)];
    keys.push('t003');
    const spy = vi.spyOn(db.threads, 'bulkGet');
    const got = await bulkGetExisting(db.threads, keys);
    const want = await db.threads.bulkGet(keys);
    expect(got).toEqual(want);
    expect(got.filter(Boolean)).toHaveLength(22);
    // The first call (ours) asked only for the present keys.
    expect(spy.mock.calls[0]?.[0]).toHaveLength(22);
  });

  it('reads nothing record by record from an empty table, and small batches go straight to bulkGet', async () => {
    const db = freshDb();
    const spy = vi.spyOn(db.threads, 'bulkGet');
    const keys = Array.from({ length: 500 }, (_, i) => `k${i}`);
    expect(await bulkGetExisting(db.threads, keys)).toEqual(keys.map(() => undefined));
    expect(spy).not.toHaveBeenCalled();
    await db.threads.put(thread('k1'));
    expect((await bulkGetExisting(db.threads, ['k1', 'k2'])).map((t) => t?.id)).toEqual(['k1', undefined]);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});

describe('validateBackup of JSON text', () => {
  it('reads the text as the document it holds, and refuses text that is not JSON', () => {
    const doc = {
      format: 'tend-backup',
      version: 1,
      exportedAt: new Date(T0).toISOString(),
      contacts: [],
      interactions: [],
    };
    const fromText = validateBackup(JSON.stringify(doc));
    expect(fromText).toEqual(validateBackup(doc));
    expect(fromText.ok).toBe(true);
    expect(validateBackup('{"format": "tend-backup", ')).toEqual({
      ok: false,
      errors: ['the backup is not a JSON object: its text is not JSON'],
    });
  });
});
