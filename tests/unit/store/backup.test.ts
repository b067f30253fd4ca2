import { exportBackup, importBackup, validateBackup } from '@/lib/backup';
import { allInteractions } from '@/lib/interactions';
import { DEFAULT_SETTINGS } from '@/lib/model';
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
