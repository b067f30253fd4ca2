import { z } from 'zod';
import { DEFAULT_SETTINGS } from '@/lib/core/model';
import {
  BACKUP_VERSION,
  type BackupObject,
  exportBackup,
  importBackup,
  upgradeBackup,
  validateBackup,
} from '@/lib/store/backup';
import { SCHEMA_VERSIONS } from '@/lib/store/db';
import { allInteractions } from '@/lib/store/interactions';
import { getSettings } from '@/lib/store/settings';
import { DAY, freshDb, T0 } from './helpers';

const iso = (ms: number) => new Date(ms).toISOString();

function goodBackup() {
  return {
    format: 'tend-backup',
    version: 1,
    exportedAt: iso(T0),
    contacts: [
      { email: 'ann@example.com', name: 'Ann Lee', tags: ['client'], notes: 'Met at the summit' },
      { email: 'bo.ray@gmail.com', name: 'Bo Ray' },
    ],
    interactions: [
      { contact: 'ann@example.com', at: iso(T0 - 10 * DAY), direction: 'received', source: 'gmail', messageId: '18c1' },
      { contact: 'ann@example.com', at: iso(T0 - 9 * DAY), direction: 'sent', source: 'gmail', messageId: '18c2' },
      {
        contact: 'boray@gmail.com',
        at: '2026-10-01T09:30:00-04:00',
        direction: 'meeting',
        source: 'calendar',
        eventId: 'ev1',
      },
    ],
    events: [
      {
        id: 'ev1',
        start: '2026-10-01T09:30:00-04:00',
        end: '2026-10-01T10:00:00-04:00',
        title: 'Coffee',
        source: 'calendar',
        attendees: ['bo.ray@gmail.com'],
      },
    ],
    settings: DEFAULT_SETTINGS,
    nudgeState: [{ key: 'contact:ann@example.com', snoozedUntil: iso(T0 + DAY) }],
  };
}

type Doc = ReturnType<typeof goodBackup>;
const broken: [string, (d: Doc) => unknown, RegExp][] = [
  ['not an object', () => 'hello', /not a JSON object/],
  ['an array', () => [], /not a JSON object/],
  ['wrong format', (d) => ({ ...d, format: 'vcard' }), /format must be "tend-backup"/],
  ['wrong version', (d) => ({ ...d, version: 99 }), /unsupported backup version 99/],
  ['missing contacts', (d) => ({ ...d, contacts: undefined }), /^contacts:/],
  ['contact without email', (d) => ({ ...d, contacts: [{ name: 'X' }] }), /contacts\[0\]\.email/],
  [
    'contact with a bad email',
    (d) => ({ ...d, contacts: [{ email: 'nobody', name: 'X' }] }),
    /contacts\[0\]\.email: not an email address/,
  ],
  [
    'duplicate contacts (one person, two spellings)',
    (d) => ({ ...d, contacts: [...d.contacts, { email: 'Bo.Ray+x@googlemail.com', name: 'Bo again' }] }),
    /contacts\[2\]\.email: duplicate contact boray@gmail.com \(also contacts\[1\]\)/,
  ],
  [
    'a date that is not ISO',
    (d) => ({ ...d, interactions: [{ ...d.interactions[0], at: 'last Tuesday' }] }),
    /interactions\[0\]\.at: not an ISO 8601/,
  ],
  [
    'an impossible date',
    (d) => ({ ...d, interactions: [{ ...d.interactions[0], at: '2026-02-31T10:00:00Z' }] }),
    /interactions\[0\]\.at/,
  ],
  [
    'a date out of range',
    (d) => ({ ...d, interactions: [{ ...d.interactions[0], at: '9999-01-01T00:00:00Z' }] }),
    /date out of range/,
  ],
  [
    'a date before 1970',
    (d) => ({ ...d, interactions: [{ ...d.interactions[0], at: '1969-12-31T23:59:59Z' }] }),
    /interactions\[0\]\.at: date out of range/,
  ],
  [
    'an unknown direction',
    (d) => ({ ...d, interactions: [{ ...d.interactions[0], direction: 'telepathy' }] }),
    /interactions\[0\]\.direction/,
  ],
  [
    'a huge string',
    (d) => ({ ...d, contacts: [{ email: 'ann@example.com', name: 'x'.repeat(5_000_000) }] }),
    /contacts\[0\]\.name/,
  ],
  [
    'an event that ends before it starts',
    (d) => ({ ...d, events: [{ ...d.events[0], end: '2026-10-01T08:00:00-04:00' }] }),
    /events\[0\]\.end: event ends before it starts/,
  ],
  [
    'settings of the wrong type',
    (d) => ({ ...d, settings: { notifications: { dailyCap: 'lots' } } }),
    /settings\.notifications\.dailyCap/,
  ],
];

describe('validateBackup', () => {
  it('accepts a good backup', () => {
    const r = validateBackup(goodBackup());
    expect(r.ok).toBe(true);
  });

  // The big lists' addresses and times are read into zod's own output objects in place (lib/store/backup.ts):
  // the document given, and every object in it, stays as it was, with zod's compiled parsers and without them
  // (an extension's pages and workers may not compile code, so there zod runs jitless).
  it.each([false, true])('reads the document without changing it (jitless: %s)', (jitless) => {
    const doc = {
      ...goodBackup(),
      threads: [
        {
          id: 'me@x.com/18c',
          account: 'me@x.com',
          threadId: '18c',
          people: ['Ann@Example.com'],
          lastAt: iso(T0),
          messages: [{ id: '18c1', at: iso(T0), from: 'Ann@Example.com', direction: 'received', to: ['Me@X.com'] }],
        },
      ],
    };
    const before = structuredClone(doc);
    const was = z.config().jitless;
    z.config({ jitless });
    try {
      const r = validateBackup(doc);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(doc).toEqual(before);
      expect(r.backup.interactions[0]).toMatchObject({ contact: 'ann@example.com', at: T0 - 10 * DAY });
      expect(r.backup.threads[0]).toMatchObject({
        people: ['ann@example.com'],
        lastAt: T0,
        messages: [{ at: T0, from: 'ann@example.com', to: ['me@x.com'] }],
      });
    } finally {
      z.config({ jitless: was });
    }
  });

  it.each(broken)('rejects %s, naming the problem', (_name, mutate, message) => {
    const r = validateBackup(mutate(goodBackup()));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(message);
  });
});

describe('import and export', () => {
  it('round-trips: export, import into an empty store, export again', async () => {
    const a = freshDb();
    const v = validateBackup(goodBackup());
    if (!v.ok) throw new Error(v.errors.join());
    const counts = await importBackup(a, v.backup, T0);
    expect(counts).toMatchObject({ contacts: 2, interactions: 3, events: 1, nudgeState: 1 });
    const exported = await exportBackup(a, T0);
    expect(exported.contacts.map((c) => c.email).sort()).toEqual(['ann@example.com', 'boray@gmail.com']);
    expect(exported.interactions).toHaveLength(3);
    for (const it of exported.interactions) expect(it.at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);

    const b = freshDb();
    const again = validateBackup(JSON.parse(JSON.stringify(exported)));
    if (!again.ok) throw new Error(again.errors.join());
    await importBackup(b, again.backup, T0);
    const second = await exportBackup(b, T0);
    expect(second.interactions).toEqual(exported.interactions);
    expect(second.contacts).toEqual(exported.contacts);
    expect(second.events).toEqual(exported.events);
    expect(second.nudgeState).toEqual(exported.nudgeState);
  });

  it('imports the same backup twice without duplicates', async () => {
    const db = freshDb();
    const v = validateBackup(goodBackup());
    if (!v.ok) throw new Error();
    await importBackup(db, v.backup, T0);
    const second = await importBackup(db, v.backup, T0);
    expect(second.interactions).toBe(0);
    expect(await allInteractions(db)).toHaveLength(3);
    expect(await db.contacts.count()).toBe(2);
  });

  it('keeps what the user already wrote when merging', async () => {
    const db = freshDb();
    const v = validateBackup(goodBackup());
    if (!v.ok) throw new Error();
    await importBackup(db, v.backup, T0);
    await db.contacts.update('ann@example.com', { notes: 'Prefers mornings' });
    await importBackup(db, v.backup, T0);
    expect((await db.contacts.get('ann@example.com'))?.notes).toBe('Prefers mornings');
  });

  it('derives the summary from imported history', async () => {
    const db = freshDb();
    const v = validateBackup(goodBackup());
    if (!v.ok) throw new Error();
    await importBackup(db, v.backup, T0);
    const ann = await db.contacts.get('ann@example.com');
    expect(ann?.summary).toMatchObject({ count: 2, sent: 1, received: 1, lastAt: T0 - 9 * DAY });
  });
});

describe('backup versions', () => {
  /** What an early version-1 Tend wrote: no threads, promises, events, nudge state or settings; no keys. */
  const early = {
    format: 'tend-backup',
    version: 1,
    exportedAt: '2026-06-01T08:00:00.000Z',
    contacts: [
      { email: 'Ann@Example.com', name: 'Ann Lee' },
      { email: 'bo.ray@googlemail.com', name: 'Bo' },
    ],
    interactions: [
      { contact: 'ann@example.com', at: '2026-05-30T10:00:00+02:00', direction: 'received', source: 'gmail' },
      { contact: 'boray@gmail.com', at: '2026-05-31T09:00:00Z', direction: 'meeting', source: 'calendar' },
    ],
  };

  it('imports a version-1 document written by an older Tend into the current store', async () => {
    const v = validateBackup(early);
    if (!v.ok) throw new Error(v.errors.join('; '));
    expect(v.backup).toMatchObject({ events: [], threads: [], promises: [], nudgeState: [] });
    const db = freshDb();
    const counts = await importBackup(db, v.backup, T0);
    expect(counts).toEqual({ contacts: 2, interactions: 2, events: 0, threads: 0, promises: 0, nudgeState: 0 });
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
    expect((await db.contacts.get('ann@example.com'))?.summary.count).toBe(1);
    expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
    const out = await exportBackup(db, T0);
    expect(out.version).toBe(BACKUP_VERSION);
    const again = validateBackup(JSON.parse(JSON.stringify(out)));
    expect(again.ok).toBe(true);
  });

  it.each([
    ['a newer version', 99, /unsupported backup version 99: this Tend reads version 1 \(it was written by a newer/],
    ['version 0', 0, /unsupported backup version 0/],
    ['a fraction', 1.5, /unsupported backup version 1\.5/],
    ['a string', '1', /unsupported backup version \(the string "1"\)/],
    ['null', null, /unsupported backup version \(null\)/],
    ['a missing version', undefined, /unsupported backup version \(nothing\)/],
    ['a deep array', deepArray(100_000), /unsupported backup version \(an array of 1\)/],
    ['a null-prototype object', Object.create(null), /unsupported backup version \(a value of type object\)/],
    ['a 10 MB string', 'x'.repeat(10 * 1024 * 1024), /unsupported backup version \(the string "x{20}"…\)/],
  ])('refuses %s with a short, safe message', (_name, version, message) => {
    const r = validateBackup({ ...early, version });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(message);
      expect(r.errors[0]?.length).toBeLessThan(200);
    }
  });

  it('upgrades one version at a time, never touching the caller document', () => {
    const steps = {
      1: (d: BackupObject) => ({ ...d, people: d.contacts }),
      2: (d: BackupObject) => {
        const { people, ...rest } = d;
        return { ...rest, persons: people };
      },
    };
    const doc = { format: 'tend-backup', version: 1, contacts: ['x'] };
    const r = upgradeBackup(doc, 1, 3, steps);
    expect(r).toEqual({ ok: true, doc: { format: 'tend-backup', version: 3, contacts: ['x'], persons: ['x'] } });
    expect(doc).toEqual({ format: 'tend-backup', version: 1, contacts: ['x'] });
    expect(upgradeBackup({ version: 2, people: [1] }, 2, 3, steps)).toEqual({
      ok: true,
      doc: { version: 3, persons: [1] },
    });
    expect(upgradeBackup(doc, 1, 4, steps)).toEqual({ ok: false, errors: ['no upgrade from backup version 3 to 4'] });
    const throwing = { 1: () => JSON.parse('{') as BackupObject };
    expect(upgradeBackup(doc, 1, 2, throwing)).toEqual({
      ok: false,
      errors: ['the version 1 backup could not be upgraded to version 2'],
    });
    expect(upgradeBackup(doc, 1, 1, {})).toEqual({ ok: true, doc });
  });

  it('a second import of a backup with untidy threads and edited contacts changes nothing', async () => {
    const doc = {
      ...goodBackup(),
      threads: [
        {
          id: 'me@example.com/18c1',
          account: 'me@example.com',
          threadId: '18c1',
          subject: 'Deck',
          people: ['ann@example.com', 'Ann@Example.com', 'bo.ray@gmail.com'],
          messages: [
            { id: 'm2', at: iso(T0 - DAY), from: 'me@example.com', direction: 'sent' },
            { id: 'm1', at: iso(T0 - 2 * DAY), from: 'ann@example.com', direction: 'received' },
            { id: 'm1', at: iso(T0 - 2 * DAY), from: 'ann@example.com', direction: 'received', asks: true },
          ],
          lastAt: iso(T0 - DAY),
        },
      ],
    };
    const db = freshDb();
    const v = validateBackup(doc);
    if (!v.ok) throw new Error(v.errors.join('; '));
    await importBackup(db, v.backup, T0 - DAY);
    const first = await exportBackup(db, T0);
    expect(first.threads[0]).toMatchObject({ people: ['ann@example.com', 'boray@gmail.com'] });
    expect(((first.threads[0]?.messages ?? []) as { id: string; asks: boolean }[]).map((m) => [m.id, m.asks])).toEqual([
      ['m1', true],
      ['m2', false],
    ]);
    await importBackup(db, v.backup, T0);
    expect(await exportBackup(db, T0)).toEqual(first);
  });
});

function deepArray(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
