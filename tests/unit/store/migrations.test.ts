import { SCHEMA_VERSIONS } from '@/lib/db';
import { newContact } from '@/lib/interactions';
import { T0 } from './helpers';
import { migrate } from './migration-harness';

const latest = SCHEMA_VERSIONS.at(-1)?.version ?? 0;

describe('schema migrations', () => {
  it('declares ascending versions', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it.each(SCHEMA_VERSIONS.map((v) => v.version))(
    'opens a version %i store as the latest and keeps its data',
    async (from) => {
      const result = await migrate({
        from,
        seed: async (old) => {
          await old.table('contacts').put(newContact('ann@example.com', 'Ann', T0));
          await old.table('histories').put({
            contact: 'ann@example.com',
            items: [{ key: 'gmail:msg:x:1:ann@example.com', at: T0, direction: 'received', source: 'gmail' }],
          });
          await old.table('kv').put({ key: 'settings', value: { replyNeededDays: 4 } });
        },
        check: async (db) => ({
          version: db.verno,
          contact: await db.contacts.get('ann@example.com'),
          history: await db.histories.get('ann@example.com'),
          settings: await db.kv.get('settings'),
        }),
      });
      expect(result.version).toBe(latest);
      expect(result.contact?.name).toBe('Ann');
      expect(result.history?.items).toHaveLength(1);
      expect(result.settings?.value).toEqual({ replyNeededDays: 4 });
    },
  );
});
