/**
 * Backups (lib/store/backup.ts) against a real Dexie store (fake-indexeddb): corrupt and hostile documents never
 * crash, are refused with errors and leave the store EXACTLY as it was; valid generated backups round-trip,
 * and importing one twice changes nothing the second time.
 */
import fc from 'fast-check';
import { normalizeEmail } from '@/lib/core/email';
import { DEFAULT_SETTINGS } from '@/lib/core/model';
import { type BackupDocument, exportBackup, importBackup, validateBackup } from '@/lib/store/backup';
import { TendDB } from '@/lib/store/db';
import { email, NOW } from './arbitraries';
import {
  applyEdits,
  check,
  checkAsync,
  hexString,
  hostileLeaf,
  jsonEdit,
  POLLUTION,
  PROTO_KEYS,
  pathsOf,
  prototypeIsClean,
  Reached,
  TEST_TIMEOUT_MS,
  truncatedJson,
  viaJson,
} from './support';

const DAY = 86_400_000;
vi.setConfig({ testTimeout: TEST_TIMEOUT_MS });
let dbCount = 0;
const openDbs: TendDB[] = [];

function freshDb(): TendDB {
  dbCount++;
  const db = new TendDB(`tend-fuzz-backup-${dbCount}-${Math.random().toString(36).slice(2)}`);
  openDbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of openDbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

const iso = (ms: number) => new Date(ms).toISOString();
const isoAt = fc.integer({ min: NOW - 2 * 365 * DAY, max: NOW + 30 * DAY }).map(iso);
/** Offsets other than Z, so one instant has many spellings. */
const isoOffset = fc
  .tuple(fc.integer({ min: NOW - 365 * DAY, max: NOW }), fc.constantFrom('+02:00', '-04:00', '+0530', '+00:00'))
  .map(([ms, off]) => {
    const sign = off.startsWith('-') ? -1 : 1;
    const h = Number(off.slice(1, 3));
    const m = Number(off.replace(':', '').slice(3, 5));
    const local = new Date(ms + sign * (h * 60 + m) * 60_000).toISOString().slice(0, 19);
    return `${local}${off}`;
  });

const tag = fc.constantFrom('client', 'mentor', 'friend', 'family', 'ex-colleague', 'Ünïcode', 'a b');

const contact = fc.record(
  {
    email,
    name: fc.string({ maxLength: 30 }),
    tags: fc.uniqueArray(tag, { maxLength: 3 }),
    notes: fc.string({ maxLength: 60 }),
    cadence: fc.constantFrom(
      { mode: 'auto' },
      { mode: 'off' },
      { mode: 'fixed', days: 30, toleranceDays: 7 },
      { mode: 'fixed', days: 7, toleranceDays: 0 },
    ),
    dates: fc.array(
      fc.record({
        kind: fc.constantFrom('birthday', 'work-anniversary', 'other'),
        label: fc.string({ maxLength: 10 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
        leadDays: fc.integer({ min: 0, max: 14 }),
      }),
      { maxLength: 2 },
    ),
    createdAt: isoAt,
    updatedAt: isoAt,
  },
  { requiredKeys: ['email', 'name'] },
);

/** A valid backup: unique people (after normalisation), interactions with their own unique keys. */
const validBackup = fc
  .uniqueArray(contact, { maxLength: 5, selector: (c) => normalizeEmail(c.email) })
  .chain((contacts) => {
    const who = contacts.length ? fc.oneof(fc.constantFrom(...contacts.map((c) => c.email)), email) : email;
    const interaction = fc.record(
      {
        contact: who,
        at: fc.oneof(isoAt, isoOffset),
        direction: fc.constantFrom('sent', 'received', 'meeting'),
        source: fc.constantFrom('gmail', 'calendar', 'ics', 'manual'),
        subject: fc.string({ maxLength: 30 }),
        messageId: hexString(8, 16),
        account: fc.constantFrom('me@example.com', 'work@example.org'),
        mass: fc.boolean(),
      },
      { requiredKeys: ['contact', 'at', 'direction', 'source'] },
    );
    const event = fc
      .tuple(fc.uuid(), fc.integer({ min: NOW - 90 * DAY, max: NOW + 30 * DAY }), fc.integer({ min: 0, max: 3 * DAY }))
      .chain(([id, start, len]) =>
        fc.record({
          id: fc.constant(id),
          start: fc.constant(iso(start)),
          end: fc.constant(iso(start + len)),
          title: fc.string({ maxLength: 30 }),
          allDay: fc.boolean(),
          attendees: fc.array(email, { maxLength: 3 }),
          source: fc.constantFrom('calendar', 'ics'),
          busy: fc.boolean(),
        }),
      );
    const thread = fc
      .tuple(hexString(12, 16), fc.array(fc.tuple(email, isoAt), { maxLength: 3 }))
      .map(([tid, msgs]) => ({
        id: `me@example.com/${tid}`,
        account: 'me@example.com',
        threadId: tid,
        subject: `Re: ${tid}`,
        people: msgs.map(([e]) => e),
        messages: msgs.map(([e, at], i) => ({ id: `${tid}-${i}`, at, from: e, direction: 'received', to: [] })),
        lastAt: msgs.length
          ? (msgs
              .map(([, at]) => at)
              .sort()
              .at(-1) as string)
          : iso(NOW - DAY),
        closed: false,
      }));
    const promise = fc.tuple(fc.uuid(), isoAt, fc.option(isoAt, { nil: undefined })).map(([id, madeAt, dueAt]) => ({
      id,
      threadKey: 'me@example.com/abc123',
      messageId: 'abc1234',
      contacts: [],
      text: "I'll send the deck by Friday",
      madeAt,
      ...(dueAt ? { dueAt } : {}),
      status: 'open',
      suggestDone: false,
    }));
    return fc.record({
      format: fc.constant('tend-backup'),
      version: fc.constant(1),
      exportedAt: fc.constant(iso(NOW - DAY)),
      contacts: fc.constant(contacts),
      interactions: fc
        .uniqueArray(fc.tuple(fc.uuid(), interaction), { maxLength: 10, selector: ([k]) => k })
        .map((xs) => xs.map(([k, it]) => ({ key: `manual:${k}`, ...it }))),
      events: fc.uniqueArray(event, { maxLength: 3, selector: (e) => e.id }),
      threads: fc.uniqueArray(thread, { maxLength: 2, selector: (t) => t.id }),
      promises: fc.array(promise, { maxLength: 2 }),
      settings: fc.constantFrom(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, replyNeededDays: 7 }),
      nudgeState: fc.uniqueArray(
        fc.record({ key: email.map((e) => `contact:${e}`), snoozedUntil: isoAt }, { requiredKeys: ['key'] }),
        { maxLength: 3, selector: (s) => s.key },
      ),
    });
  });

type Doc = Record<string, unknown>;

/** A store seeded from a valid backup, and its export. */
async function seeded(seed: Doc): Promise<{ db: TendDB; before: BackupDocument }> {
  const db = freshDb();
  const v = validateBackup(seed);
  if (!v.ok) throw new Error(`seed backup invalid: ${v.errors.join('; ')}`);
  await importBackup(db, v.backup, NOW - DAY);
  return { db, before: await exportBackup(db, NOW) };
}

/** What the background does with an `import` message (lib/ingest/router.ts): validate the whole, then merge. */
async function importFlow(db: TendDB, doc: unknown): Promise<{ ok: boolean; errors: string[] }> {
  const v = validateBackup(doc);
  if (!v.ok) return { ok: false, errors: v.errors };
  await importBackup(db, v.backup, NOW);
  return { ok: true, errors: [] };
}

function expectRefusal(r: { ok: boolean; errors: string[] }) {
  expect(r.ok).toBe(false);
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(typeof e).toBe('string');
    expect(e.length).toBeGreaterThan(0);
  }
}

describe('fuzz: backup validation (pure)', () => {
  afterEach(() => expect(prototypeIsClean()).toBe(true));

  it('validateBackup never throws on any value', () => {
    const reached = new Reached({ 'a refusal in words': 0.95 });
    const ran = check(
      'validateBackup(anything)',
      fc.oneof(fc.anything({ withNullPrototype: true }), fc.jsonValue(), hostileLeaf),
      (doc) => {
        const v = validateBackup(doc);
        if (!v.ok) expectRefusal({ ok: false, errors: v.errors });
        reached.hit('a refusal in words', !v.ok);
        expect(prototypeIsClean()).toBe(true);
      },
      1500,
    );
    reached.expect('validateBackup(anything)', ran);
  });

  it('validateBackup never throws on hostile values in the header fields', () => {
    const reached = new Reached({ 'a refusal in words': 0.8, 'an accepted backup': 0.02 });
    const ran = check(
      'validateBackup(hostile header)',
      fc.tuple(validBackup, fc.constantFrom('format', 'version', 'exportedAt', 'contacts', 'settings'), hostileLeaf),
      ([doc, field, value]) => {
        const v = validateBackup({ ...doc, [field]: value });
        if (!v.ok) expectRefusal({ ok: false, errors: v.errors });
        reached.hit(v.ok ? 'an accepted backup' : 'a refusal in words');
      },
      200,
    );
    reached.expect('validateBackup(hostile header)', ran);
  });

  it('generated backups are valid, and stay valid through JSON text', () => {
    const reached = new Reached({ 'a backup with interactions': 0.6 });
    const ran = check(
      'validateBackup(valid generated)',
      validBackup,
      (doc) => {
        const v = validateBackup(viaJson(doc));
        if (!v.ok) throw new Error(v.errors.join('\n'));
        reached.hit('a backup with interactions', v.backup.interactions.length > 0);
      },
      300,
    );
    reached.expect('validateBackup(valid generated)', ran);
  });
});

describe('fuzz: backup import against a real store', () => {
  afterEach(() => expect(prototypeIsClean()).toBe(true));

  it('mutated backups: no crash; refused ones leave the store exactly as before; accepted ones export valid', async () => {
    const reached = new Reached({ 'a refusal, store unchanged': 0.5, 'an import': 0.04 });
    const ran = await checkAsync(
      'import(mutated backup)',
      fc.tuple(validBackup, validBackup, fc.array(jsonEdit, { minLength: 1, maxLength: 4 })),
      async ([seed, doc, edits]) => {
        const { db, before } = await seeded(seed);
        const mutated = applyEdits(doc, edits);
        const r = await importFlow(db, mutated);
        const after = await exportBackup(db, NOW);
        reached.hit(r.ok ? 'an import' : 'a refusal, store unchanged');
        if (!r.ok) {
          expectRefusal(r);
          expect(after).toEqual(before);
        } else {
          // What was accepted must come back out as a valid backup.
          const again = validateBackup(viaJson(after));
          if (!again.ok) throw new Error(`accepted backup exports invalid: ${again.errors.join('; ')}`);
        }
        expect(prototypeIsClean()).toBe(true);
      },
      50,
    );
    reached.expect('import(mutated backup)', ran);
  });

  it('truncated backup text: refused (or a valid prefix), store unchanged when refused', async () => {
    const reached = new Reached({ 'a refusal, store unchanged': 0.8 });
    const ran = await checkAsync(
      'import(truncated backup text)',
      fc.tuple(validBackup, validBackup, fc.double({ min: 0, max: 1, noNaN: true })),
      async ([seed, doc, cut]) => {
        const { db, before } = await seeded(seed);
        const r = await importFlow(db, truncatedJson(doc, cut));
        reached.hit('a refusal, store unchanged', !r.ok);
        if (!r.ok) {
          expectRefusal(r);
          expect(await exportBackup(db, NOW)).toEqual(before);
        }
      },
      30,
    );
    reached.expect('import(truncated backup text)', ran);
  });

  it('hostile values anywhere in a valid backup: refused with errors and nothing changed', async () => {
    const reached = new Reached({ 'a refusal, store unchanged': 0.25, 'an import': 0.25 });
    const ran = await checkAsync(
      'import(hostile value in record)',
      fc.tuple(
        validBackup,
        validBackup.filter((d) => d.contacts.length > 0 && d.interactions.length > 0),
        fc.constantFrom('contacts', 'interactions'),
        fc.constantFrom('email', 'contact', 'at', 'createdAt', 'name', 'key', 'direction', 'tags', 'notes'),
        hostileLeaf,
      ),
      async ([seed, doc, list, field, value]) => {
        const { db, before } = await seeded(seed);
        const copy = structuredClone(doc) as Doc;
        const rec = (copy[list] as Doc[])[0] as Doc;
        const had = field in rec;
        rec[field] = value;
        const r = await importFlow(db, copy);
        reached.hit(r.ok ? 'an import' : 'a refusal, store unchanged');
        if (!r.ok) {
          expectRefusal(r);
          expect(await exportBackup(db, NOW)).toEqual(before);
        } else {
          // Only a value the schema can take may pass (a string name, an omitted optional field, ...): then what
          // was stored must export as a valid backup again.
          expect(value === undefined || typeof value === 'string' || Array.isArray(value) || !had).toBe(true);
          const again = validateBackup(viaJson(await exportBackup(db, NOW)));
          if (!again.ok) throw new Error(`accepted backup exports invalid: ${again.errors.join('; ')}`);
        }
      },
      50,
    );
    reached.expect('import(hostile value in record)', ran);
  });

  it('prototype keys (own keys from JSON.parse) at every level pollute nothing and leave the store valid', async () => {
    const reached = new Reached({ 'an import': 0.8 });
    const ran = await checkAsync(
      'import(prototype keys)',
      fc.tuple(validBackup, validBackup, fc.constantFrom(...PROTO_KEYS), fc.nat()),
      async ([seed, doc, key, at]) => {
        const { db, before } = await seeded(seed);
        // Give the n-th object of the document an own `<key>` property, then go through JSON text so that
        // JSON.parse makes it an own key (as a file read by the options page would).
        const copy = structuredClone(doc) as unknown;
        const objects = pathsOf(copy)
          .map((p) => p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], copy))
          .filter((o): o is object => o !== null && typeof o === 'object' && !Array.isArray(o));
        const target = objects[at % objects.length] as object;
        Object.defineProperty(target, key, {
          value: { ...POLLUTION, prototype: POLLUTION },
          enumerable: true,
          configurable: true,
          writable: true,
        });
        const hostile = JSON.parse(JSON.stringify(copy));
        const r = await importFlow(db, hostile);
        reached.hit('an import', r.ok);
        expect(prototypeIsClean()).toBe(true);
        const after = await exportBackup(db, NOW);
        if (!r.ok) expect(after).toEqual(before);
        expect(JSON.stringify(after)).not.toContain('"polluted"');
        // Anything stored still has plain objects only.
        for (const c of await db.contacts.toArray()) expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
      },
      40,
    );
    reached.expect('import(prototype keys)', ran);
  });

  it('the same person under another spelling is refused as a duplicate, nothing changed', async () => {
    const respell = (e: string) => {
      const [local = '', dom = ''] = e.toLowerCase().split('@');
      if (dom === 'gmail.com' || dom === 'googlemail.com')
        return `${local.split('').join('.')}+dup@${dom === 'gmail.com' ? 'GoogleMail.com' : 'gmail.com'}`;
      return `  ${local.toUpperCase()}@${dom.toUpperCase()} `;
    };
    const reached = new Reached({ 'a refusal naming the duplicate': 0.99 });
    const ran = await checkAsync(
      'import(duplicate spellings)',
      fc.tuple(
        validBackup,
        validBackup.filter((d) => d.contacts.length > 0),
        fc.nat(),
      ),
      async ([seed, doc, i]) => {
        const { db, before } = await seeded(seed);
        const c = doc.contacts[i % doc.contacts.length] as { email: string; name: string };
        const dup = { ...doc, contacts: [...doc.contacts, { email: respell(c.email), name: 'Again' }] };
        const r = await importFlow(db, dup);
        expectRefusal(r);
        expect(r.errors.join('\n')).toMatch(/duplicate contact/);
        reached.hit('a refusal naming the duplicate');
        expect(await exportBackup(db, NOW)).toEqual(before);
      },
      30,
    );
    reached.expect('import(duplicate spellings)', ran);
  });

  it('10 MB strings and deep nesting inside records: refused, nothing changed', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024 + 1);
    let deep: unknown = 'ann@example.com';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    let runs = 0;
    for (const value of [big, deep]) {
      for (const [list, field] of [
        ['contacts', 'email'],
        ['contacts', 'name'],
        ['contacts', 'notes'],
        ['contacts', 'tags'],
        ['interactions', 'key'],
        ['interactions', 'subject'],
        ['interactions', 'at'],
        ['events', 'title'],
        ['events', 'attendees'],
      ] as const) {
        const db = freshDb();
        const base = {
          format: 'tend-backup',
          version: 1,
          exportedAt: iso(NOW),
          contacts: [{ email: 'ann@example.com', name: 'Ann' }],
          interactions: [
            { key: 'k1', contact: 'ann@example.com', at: iso(NOW - DAY), direction: 'sent', source: 'gmail' },
          ],
          events: [{ id: 'e1', start: iso(NOW), end: iso(NOW + DAY), source: 'ics' }],
        } as Record<string, Doc[] | unknown>;
        const before = await exportBackup(db, NOW);
        ((base[list] as Doc[])[0] as Doc)[field] = value;
        const r = await importFlow(db, base);
        expectRefusal(r);
        expect(await exportBackup(db, NOW)).toEqual(before);
        runs++;
      }
    }
    console.log(`[fuzz] import(10 MB / deep fields): ${runs} runs`);
  });
});

describe('fuzz: backup round trip', () => {
  it('import then export gives back the same contacts and interactions, and the export round-trips', async () => {
    const reached = new Reached({ 'a round trip with interactions': 0.5 });
    const ran = await checkAsync(
      'backup round trip',
      validBackup,
      async (doc) => {
        const db = freshDb();
        const v = validateBackup(viaJson(doc));
        if (!v.ok) throw new Error(v.errors.join('; '));
        await importBackup(db, v.backup, NOW);
        const first = await exportBackup(db, NOW);

        // Contacts: every backed-up person, under the normalised address, with their name, tags and notes.
        for (const c of doc.contacts) {
          const e = normalizeEmail(c.email);
          const out = first.contacts.find((x) => x.email === e);
          expect(out, `contact ${c.email}`).toBeDefined();
          expect(out?.name).toBe(c.name);
          expect(out?.tags).toEqual(c.tags ?? []);
          expect(out?.notes).toBe(c.notes ?? '');
        }
        // Interactions: the same touches (key, person, instant, direction, source), no more, no fewer.
        const touch = (i: Record<string, unknown>) =>
          `${i.key}|${normalizeEmail(String(i.contact))}|${Date.parse(String(i.at))}|${i.direction}|${i.source}|${i.subject ?? ''}`;
        expect(first.interactions.map(touch).sort()).toEqual(doc.interactions.map(touch).sort());
        expect(first.events.map((e) => e.id).sort()).toEqual(doc.events.map((e) => e.id).sort());

        // And the export is itself a backup that round-trips to the same export.
        const db2 = freshDb();
        const v2 = validateBackup(viaJson(first));
        if (!v2.ok) throw new Error(`export does not validate: ${v2.errors.join('; ')}`);
        await importBackup(db2, v2.backup, NOW);
        expect(await exportBackup(db2, NOW)).toEqual(first);
        reached.hit('a round trip with interactions', first.interactions.length > 0);
      },
      40,
    );
    reached.expect('backup round trip', ran);
  });

  it('importing the same backup twice changes nothing the second time', async () => {
    const reached = new Reached({ 'a second import of interactions': 0.6 });
    const ran = await checkAsync(
      'backup import twice',
      fc.tuple(validBackup, validBackup),
      async ([seed, doc]) => {
        const { db } = await seeded(seed);
        const v = validateBackup(viaJson(doc));
        if (!v.ok) throw new Error(v.errors.join('; '));
        await importBackup(db, v.backup, NOW);
        const first = await exportBackup(db, NOW);
        const again = await importBackup(db, v.backup, NOW);
        expect(again.interactions).toBe(0);
        reached.hit('a second import of interactions', v.backup.interactions.length > 0);
        expect(await exportBackup(db, NOW)).toEqual(first);
      },
      40,
    );
    reached.expect('backup import twice', ran);
  });
});
