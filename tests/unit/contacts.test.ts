import type { Contact } from '@/lib/core/model';
import { matchesQuery, recentContacts, searchContacts } from '@/lib/store/contact-search';
import { cleanTags, openPromisesOf, setPromiseStatus, updateContact } from '@/lib/store/contacts';
import { TendDB } from '@/lib/store/db';
import { newContact } from '@/lib/store/interactions';
import { ignorePeople, personFilter } from '@/lib/store/people-table';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 2, 12, 15);
let db: TendDB;
let n = 0;

beforeEach(async () => {
  db = new TendDB(`contacts-test-${n++}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

function person(email: string, name: string, lastDaysAgo?: number): Contact {
  const c = newContact(email, name, NOW - 400 * DAY);
  return lastDaysAgo === undefined ? c : { ...c, summary: { ...c.summary, count: 1, lastAt: NOW - lastDaysAgo * DAY } };
}

describe('recentContacts', () => {
  it('lists by last contact, newest first, up to the limit', async () => {
    await db.contacts.bulkPut([
      person('a@x.org', 'A', 10),
      person('b@x.org', 'B', 1),
      person('c@x.org', 'C', 5),
      person('d@x.org', 'D'),
    ]);
    expect((await recentContacts(db, 2)).map((c) => c.email)).toEqual(['b@x.org', 'c@x.org']);
    expect((await recentContacts(db, 10)).map((c) => c.email)).toEqual(['b@x.org', 'c@x.org', 'a@x.org']);
  });
});

describe('searchContacts', () => {
  beforeEach(async () => {
    await db.contacts.bulkPut([
      person('jose@x.org', 'José Álvarez', 30),
      person('ada@lovelace.org', 'Ada Lovelace', 2),
      person('bob@alvarez.example', '', 9),
      person('never@x.org', 'Alvarez Never'),
    ]);
  });
  it.each([
    ['alvarez', ['bob@alvarez.example', 'jose@x.org', 'never@x.org']],
    ['JOSE', ['jose@x.org']],
    ['lovelace.org', ['ada@lovelace.org']],
    ['zzz', []],
  ])('%s', async (q, expected) => {
    expect((await searchContacts(db, q)).map((c) => c.email)).toEqual(expected);
  });
  it('an empty query is the recent list', async () => {
    expect((await searchContacts(db, '  ', 2)).map((c) => c.email)).toEqual([
      'ada@lovelace.org',
      'bob@alvarez.example',
    ]);
  });
  it('leaves out robots and addresses marked "not a person", and still fills the list from the rest', async () => {
    await db.contacts.put(person('no-reply@shop.example', 'Shop', 1));
    await ignorePeople(db, ['ada@lovelace.org']);
    const keep = await personFilter(db);
    expect((await searchContacts(db, '', 2, keep)).map((c) => c.email)).toEqual(['bob@alvarez.example', 'jose@x.org']);
    expect((await searchContacts(db, 'o', 10, keep)).map((c) => c.email)).toEqual([
      'bob@alvarez.example',
      'jose@x.org',
      'never@x.org',
    ]);
    // Without the test, every stored address.
    expect((await recentContacts(db, 2)).map((c) => c.email)).toEqual(['no-reply@shop.example', 'ada@lovelace.org']);
  });
});

it.each([
  [{ name: 'Zoë', email: 'z@x.org' }, 'zoe', true],
  [{ name: '', email: 'z@x.org' }, 'X.ORG', true],
  [{ name: 'Ann', email: 'a@x.org' }, 'bob', false],
  [{ name: 'Ann', email: 'a@x.org', aliases: ['ann.lee@home.org'] }, 'HOME.org', true],
])('matchesQuery %j %s', (p, q, expected) => {
  expect(matchesQuery(p, q)).toBe(expected);
});

it('cleans tags', () => {
  expect(cleanTags([' client ', 'Client', '', 'mentor  group'])).toEqual(['client', 'mentor group']);
});

describe('updateContact', () => {
  it('applies a change and keeps the rest', async () => {
    await db.contacts.put({ ...person('ada@x.org', 'Ada', 3), notes: 'old', tags: ['client'] });
    const r = await updateContact(db, 'ada@x.org', { notes: 'Met at PyCon', details: { interests: 'sailing' } }, NOW);
    expect(r.ok).toBe(true);
    const c = await db.contacts.get('ada@x.org');
    expect(c?.notes).toBe('Met at PyCon');
    expect(c?.details).toEqual({ background: '', preferences: '', family: '', interests: 'sailing' });
    expect(c?.tags).toEqual(['client']);
    expect(c?.summary.lastAt).toBe(NOW - 3 * DAY);
    expect(c?.updatedAt).toBe(NOW);
  });

  it('sets a rhythm and tags from a function of the contact', async () => {
    await db.contacts.put(person('ada@x.org', 'Ada', 3));
    await updateContact(
      db,
      'ada@x.org',
      (c) => ({ tags: [...c.tags, 'mentor', 'Mentor'], cadence: { mode: 'fixed', days: 91, toleranceDays: 30 } }),
      NOW,
    );
    const c = await db.contacts.get('ada@x.org');
    expect(c?.tags).toEqual(['mentor']);
    expect(c?.cadence).toEqual({ mode: 'fixed', days: 91, toleranceDays: 30 });
  });

  it('creates someone seen in a thread but not stored yet', async () => {
    const r = await updateContact(db, 'new@x.org', { notes: 'hello' }, NOW);
    expect(r.ok).toBe(true);
    expect((await db.contacts.get('new@x.org'))?.notes).toBe('hello');
  });

  it.each([
    [
      'a 31st of February',
      { dates: [{ kind: 'birthday' as const, label: '', month: 2, day: 31, leadDays: 0 }] },
      /no day 31 in month 2/,
    ],
    ['a note over the limit', { notes: 'x'.repeat(20_001) }, /notes/],
    ['a cadence of zero days', { cadence: { mode: 'fixed' as const, days: 0, toleranceDays: 0 } }, /cadence/],
  ])('refuses %s and changes nothing', async (_label, change, message) => {
    await db.contacts.put({ ...person('ada@x.org', 'Ada', 3), notes: 'keep' });
    const r = await updateContact(db, 'ada@x.org', change, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(message);
    expect((await db.contacts.get('ada@x.org'))?.notes).toBe('keep');
  });
});

describe('promises of a thread', () => {
  it('lists the open ones, soonest due first, and marks one kept', async () => {
    const base = {
      threadKey: 'me@x.org/t1',
      messageId: 'm',
      contacts: [],
      madeAt: NOW - DAY,
      status: 'open' as const,
      suggestDone: false,
    };
    await db.promises.bulkPut([
      { ...base, id: 'p1', text: 'send the deck' },
      { ...base, id: 'p2', text: 'intro you to Sam', dueAt: NOW + DAY },
      { ...base, id: 'p3', text: 'done already', status: 'done' },
      { ...base, id: 'p4', text: 'other thread', threadKey: 'me@x.org/t2' },
    ]);
    expect((await openPromisesOf(db, 'me@x.org/t1')).map((p) => p.id)).toEqual(['p2', 'p1']);
    expect(await setPromiseStatus(db, 'p2', 'done')).toBe(true);
    expect((await openPromisesOf(db, 'me@x.org/t1')).map((p) => p.id)).toEqual(['p1']);
    expect(await setPromiseStatus(db, 'nope', 'done')).toBe(false);
  });
});
