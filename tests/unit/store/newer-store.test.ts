import { LATEST_SCHEMA, NewerStoreError, storedSchemaVersion, TendDB } from '@/lib/store/db';

/** A store as a newer Tend would leave it: a higher version, a table this build does not know, a record. */
function makeNewerStore(name: string, nativeVersion: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, nativeVersion);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('contacts', { keyPath: 'email' });
      db.createObjectStore('future', { keyPath: 'id' });
    };
    req.onsuccess = () => {
      const tx = req.result.transaction(['contacts', 'future'], 'readwrite');
      tx.objectStore('contacts').put({ email: 'ann@example.com', name: 'Ann', notes: 'kept' });
      tx.objectStore('future').put({ id: 1, what: 'a newer Tend wrote this' });
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  });
}

function rawState(name: string): Promise<{ version: number; stores: string[]; contacts: unknown[] }> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => {
      const db = req.result;
      const get = db.transaction('contacts').objectStore('contacts').getAll();
      get.onsuccess = () => {
        const out = { version: db.version, stores: [...db.objectStoreNames].sort(), contacts: get.result };
        db.close();
        resolve(out);
      };
      get.onerror = () => reject(get.error);
    };
    req.onerror = () => reject(req.error);
  });
}

describe('a store written by a newer Tend', () => {
  it('is refused with a clear message and left exactly as it was', async () => {
    const name = `newer-${Math.random()}`;
    const newer = (LATEST_SCHEMA + 1) * 10;
    await makeNewerStore(name, newer);
    const before = await rawState(name);

    const db = new TendDB(name);
    // The first read opens the store (Dexie opens lazily), as every surface does.
    const err = await db.contacts.toArray().catch((e: unknown) => e);
    expect(String(err)).toContain(
      `Tend's data was saved by a newer version of Tend (store version ${LATEST_SCHEMA + 1}; this Tend knows up to ${LATEST_SCHEMA}). Nothing was changed`,
    );
    const open = await db.open().catch((e: unknown) => e);
    expect(open).toBeInstanceOf(NewerStoreError);
    expect(await db.kv.put({ key: 'x', value: 1 }).catch((e: unknown) => (e as Error).name)).not.toBeUndefined();
    db.close();

    expect(await rawState(name)).toEqual(before);
    expect(before.version).toBe(newer);
    expect(before.stores).toEqual(['contacts', 'future']);
  });

  it('the version probe changes nothing: no store stays no store, an older one opens and upgrades as usual', async () => {
    const name = `none-${Math.random()}`;
    expect(await storedSchemaVersion(name)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);

    const db = new TendDB(name);
    await db.kv.put({ key: 'k', value: 1 });
    db.close();
    expect(await storedSchemaVersion(name)).toBe(LATEST_SCHEMA);
    const again = new TendDB(name);
    expect(await again.kv.get('k')).toEqual({ key: 'k', value: 1 });
    again.close();
  });
});
