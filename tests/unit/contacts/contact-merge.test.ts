/**
 * Contact files into the store (lib/store/contact-merge.ts) and aliases (lib/store/aliases.ts): one person one
 * contact whatever address matches, what the user wrote kept, LinkedIn connection days as first touches, a second
 * import a no-op, and a touch with an alias filed under the person by Gmail's ingest.
 */
import { ingestGmail } from '@/lib/ingest/ingest';
import { dispatch } from '@/lib/ingest/messages';
import { createHandlers } from '@/lib/ingest/router';
import { mergePeople } from '@/lib/store/addresses';
import { ALIAS_KEY, aliasIndex, ensureAliasIndex, findContact } from '@/lib/store/aliases';
import { type ImportedPerson, mergeImportedPeople } from '@/lib/store/contact-merge';
import { updateContact } from '@/lib/store/contacts';
import { readHistory } from '@/lib/store/histories';
import { historyOf, newContact, recordInteractions } from '@/lib/store/interactions';
import { applyNudgeAction } from '@/lib/store/nudge-state';
import { peopleRows } from '@/lib/store/people-table';
import { updateSettings } from '@/lib/store/settings';
import { DAY, freshDb, recordTouches, T0, touch } from '../store/helpers';

const ann: ImportedPerson = {
  name: 'Ann Lee',
  emails: ['ann@work.example', 'annlee@gmail.com'],
  birthday: { month: 7, day: 5 },
  organisation: 'Lee & Co',
  title: 'CTO',
  note: 'Met at PyCon.',
};

async function seed(db: ReturnType<typeof freshDb>, ...interactions: Parameters<typeof touch>[]) {
  await db.transaction('rw', db.contacts, db.historyPacks, () =>
    recordInteractions(
      db,
      interactions.map((a) => touch(...a)),
      {},
      T0,
    ),
  );
}

describe('mergeImportedPeople', () => {
  it('a new person: one contact, the other addresses as aliases, birthday, work and note', async () => {
    const db = freshDb();
    const counts = await mergeImportedPeople(db, [ann], T0);
    expect(counts).toMatchObject({ people: 1, created: 1, updated: 0, joined: 0, skipped: 0 });
    const c = await db.contacts.get('ann@work.example');
    expect(c).toMatchObject({
      name: 'Ann Lee',
      aliases: ['annlee@gmail.com'],
      notes: 'Met at PyCon.',
      details: { background: 'CTO at Lee & Co' },
      dates: [{ kind: 'birthday', month: 7, day: 5, label: '', leadDays: 0 }],
      summary: { count: 0 },
    });
    expect(await db.contacts.count()).toBe(1);
    expect((await findContact(db, 'annlee@gmail.com'))?.email).toBe('ann@work.example');
  });

  it('a known person matched by their SECOND address: merged into that contact, never a second person', async () => {
    const db = freshDb();
    await seed(db, ['annlee@gmail.com', T0 - 3 * DAY, 'received']);
    await updateContact(db, 'annlee@gmail.com', { notes: 'Owes me a coffee.', name: 'Annie' }, T0 - DAY);
    const counts = await mergeImportedPeople(db, [ann], T0);
    expect(counts).toMatchObject({ created: 0, updated: 1 });
    expect(await db.contacts.count()).toBe(1);
    const c = await db.contacts.get('annlee@gmail.com');
    // The user's name and note stay; the file's note is appended; the work address becomes an alias.
    expect(c).toMatchObject({
      name: 'Annie',
      aliases: ['ann@work.example'],
      notes: 'Owes me a coffee.\n\nMet at PyCon.',
      summary: { count: 1 },
    });
  });

  it('two contacts that are one person (both addresses seen in Gmail) become one, histories joined', async () => {
    const db = freshDb();
    await seed(db, ['ann@work.example', T0 - 5 * DAY, 'sent'], ['annlee@gmail.com', T0 - 2 * DAY, 'received']);
    await updateContact(db, 'annlee@gmail.com', { tags: ['friend'] }, T0 - DAY);
    const counts = await mergeImportedPeople(db, [ann], T0);
    expect(counts.joined).toBe(1);
    expect(await db.contacts.count()).toBe(1);
    expect(await readHistory(db, 'annlee@gmail.com')).toBeUndefined();
    const c = await db.contacts.get('ann@work.example');
    expect(c?.aliases).toEqual(['annlee@gmail.com']);
    expect(c?.tags).toEqual(['friend']);
    expect(c?.summary).toMatchObject({ count: 2, sent: 1, received: 1 });
    expect((await historyOf(db, 'ann@work.example')).map((i) => i.direction)).toEqual(['received', 'sent']);
  });

  it('the same person twice in one file is one contact; a second import changes nothing', async () => {
    const db = freshDb();
    const again: ImportedPerson = { name: 'A. Lee', emails: ['annlee@gmail.com', 'ann@home.example'] };
    await mergeImportedPeople(db, [ann, again], T0);
    expect(await db.contacts.count()).toBe(1);
    expect((await db.contacts.get('ann@work.example'))?.aliases).toEqual(['annlee@gmail.com', 'ann@home.example']);
    const before = await db.contacts.toArray();
    const counts = await mergeImportedPeople(db, [ann, again], T0 + DAY);
    expect(counts).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await db.contacts.toArray()).toEqual(before);
  });

  it('a birthday the user recorded is kept; work already in the background is not added twice', async () => {
    const db = freshDb();
    await db.contacts.put(newContact('ann@work.example', 'Ann', T0));
    await updateContact(
      db,
      'ann@work.example',
      {
        dates: [{ kind: 'birthday', label: '', month: 1, day: 2, leadDays: 3 }],
        details: { background: 'CTO at Lee & Co' },
      },
      T0,
    );
    await mergeImportedPeople(db, [ann], T0 + DAY);
    const c = await db.contacts.get('ann@work.example');
    expect(c?.dates).toEqual([{ kind: 'birthday', label: '', month: 1, day: 2, leadDays: 3 }]);
    expect(c?.details.background).toBe('CTO at Lee & Co');
  });

  it("the user's own addresses never become contacts", async () => {
    const db = freshDb();
    await updateSettings(db, (s) => ({ ...s, selfAddresses: ['me@example.com'] }));
    const counts = await mergeImportedPeople(
      db,
      [
        { name: 'Me', emails: ['me@example.com'] },
        { name: 'Bob', emails: ['me@example.com', 'bob@example.com'] },
      ],
      T0,
    );
    expect(counts).toMatchObject({ created: 1, skipped: 1 });
    expect((await db.contacts.toArray()).map((c) => [c.email, c.aliases])).toEqual([['bob@example.com', []]]);
  });

  it('a LinkedIn connection day is a first touch (source linkedin), recorded once', async () => {
    const db = freshDb();
    const priya: ImportedPerson = {
      name: 'Priya Sharma',
      emails: ['priya@stripe.example'],
      organisation: 'Stripe',
      title: 'Recruiter',
      connectedAt: Date.UTC(2021, 2, 12, 12),
    };
    expect((await mergeImportedPeople(db, [priya], T0)).touches).toBe(1);
    expect((await mergeImportedPeople(db, [priya], T0 + DAY)).touches).toBe(0);
    const h = await historyOf(db, 'priya@stripe.example');
    expect(h).toEqual([
      {
        key: 'linkedin:connected:priya@stripe.example',
        contact: 'priya@stripe.example',
        at: Date.UTC(2021, 2, 12, 12),
        direction: 'received',
        source: 'linkedin',
        subject: 'Connected on LinkedIn',
      },
    ]);
    expect((await db.contacts.get('priya@stripe.example'))?.summary).toMatchObject({ count: 1, received: 1 });
  });

  it('an invalid record is refused with its reason, the rest imported', async () => {
    const db = freshDb();
    const counts = await mergeImportedPeople(
      db,
      [
        { name: 'x'.repeat(201), emails: ['long@example.com'] },
        { name: 'Ok', emails: ['ok@example.com'] },
      ],
      T0,
    );
    expect(counts).toMatchObject({ created: 1, skipped: 1 });
    expect(counts.errors[0]).toMatch(/long@example\.com: name/);
  });
});

describe('a contact file joining two people Tend had (the same join as the person page merge)', () => {
  const WORK = 'ann@work.example';
  const HOME = 'ann@home.example';
  const vcard = (...emails: string[]) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n${emails.map((e) => `EMAIL:${e}\r\n`).join('')}END:VCARD\r\n`;

  /** Ann at work: known for weeks, seen from the work account, muted. Ann at home: seen in Gmail this week. */
  async function twoAnns() {
    const db = freshDb();
    const names = { [WORK]: 'Ann Lee', [HOME]: 'Ann Lee' };
    await recordTouches(db, [touch(WORK, T0 - 40 * DAY, 'sent', { account: 'me@work.example' })], names, T0 - 40 * DAY);
    await recordTouches(
      db,
      [touch(HOME, T0 - 2 * DAY, 'received', { account: 'me@home.example' })],
      names,
      T0 - 2 * DAY,
    );
    await updateContact(
      db,
      WORK,
      { tags: ['client', 'Friend'], cadence: { mode: 'fixed', days: 7, toleranceDays: 0 } },
      T0 - 40 * DAY,
    );
    await updateContact(db, HOME, { tags: ['Client'] }, T0 - 2 * DAY);
    await applyNudgeAction(db, { key: `contact:${WORK}`, action: 'mute' }, T0 - DAY);
    return db;
  }

  it('a vCard listing the home address first keeps the work address muted, its accounts, creation and tags', async () => {
    const db = await twoAnns();
    const handlers = createHandlers({ db, now: () => T0, changed: () => {} });
    const r = await dispatch({ type: 'import-contacts', text: vcard(HOME, WORK), fileName: 'ann.vcf' }, handlers);
    expect(r).toMatchObject({ ok: true, counts: { created: 0, updated: 1, joined: 1, skipped: 0 } });

    expect((await db.contacts.toArray()).map((c) => c.email)).toEqual([HOME]);
    const ann = await db.contacts.get(HOME);
    expect(ann?.aliases).toEqual([WORK]);
    // Both Gmail accounts still open "Write"; she has been known since the work address was first seen.
    expect(ann?.accounts.sort()).toEqual(['me@home.example', 'me@work.example']);
    expect(ann?.createdAt).toBe(T0 - 40 * DAY);
    // Tags without case duplicates, in the kept person's spelling.
    expect(ann?.tags).toEqual(['Client', 'Friend']);
    expect(ann?.summary).toMatchObject({ count: 2, sent: 1, received: 1 });

    // The mute speaks for the joined person; the merged-away address leaves no state of its own behind.
    expect(await db.nudgeState.get(`contact:${HOME}`)).toMatchObject({ muted: true });
    expect(await db.nudgeState.get(`contact:${WORK}`)).toBeUndefined();
    expect(await db.nudgeState.count()).toBe(1);
    // Not back in Overdue or Drifting (a weekly rhythm, silent for two days past it would say overdue).
    expect(await peopleRows(db, T0 + 30 * DAY)).toMatchObject([
      { email: HOME, muted: true, overdue: false, drifting: false },
    ]);
    expect(await aliasIndex(db)).toEqual(new Map([[WORK, HOME]]));
  });

  it('joins as the person page does: both records read back through the model', async () => {
    const db = await twoAnns();
    await mergeImportedPeople(db, [{ name: 'Ann Lee', emails: [HOME, WORK] }], T0);
    const imported = await db.contacts.get(HOME);
    const merged = await twoAnns();
    expect((await mergePeople(merged, HOME, WORK, T0)).ok).toBe(true);
    const byHand = await merged.contacts.get(HOME);
    // The same join (the file says nothing the two did not already hold).
    expect(imported).toEqual(byHand);
    expect(await db.nudgeState.toArray()).toEqual(await merged.nudgeState.toArray());
  });

  it('a join the model refuses leaves the person out with the reason, both contacts as they were', async () => {
    const db = await twoAnns();
    await updateContact(db, WORK, { notes: 'x'.repeat(19_990) }, T0 - DAY);
    await updateContact(db, HOME, { notes: 'Likes tea.' }, T0 - DAY);
    const before = await db.contacts.toArray();
    const counts = await mergeImportedPeople(
      db,
      [
        { name: 'Ann Lee', emails: [HOME, WORK] },
        { name: 'Bo', emails: ['bo@example.com'] },
      ],
      T0,
    );
    expect(counts).toMatchObject({ created: 1, joined: 0, skipped: 1 });
    expect(counts.errors[0]).toMatch(/^ann@home\.example: notes/);
    expect((await db.contacts.toArray()).filter((c) => c.email !== 'bo@example.com')).toEqual(before);
    expect(await db.nudgeState.get(`contact:${WORK}`)).toMatchObject({ muted: true });
    expect(await aliasIndex(db)).toEqual(new Map());
  });
});

describe("a contact file's counts when its people join", () => {
  const WORK = 'ann@work.example';
  const HOME = 'ann@home.example';

  it.each([
    ['the new contact joins the known one', [HOME], [WORK, HOME], WORK],
    ['the known contact joins the new one', [HOME], [HOME, WORK], HOME],
  ])(
    'a contact the file created, then found to be someone Tend knew, is not new (%s)',
    async (_, first, second, kept) => {
      const db = freshDb();
      await recordTouches(db, [touch(WORK, T0 - 40 * DAY, 'sent')], {}, T0 - 40 * DAY);
      const counts = await mergeImportedPeople(
        db,
        [
          { name: 'Annie', emails: first },
          { name: 'Ann Lee', emails: second },
        ],
        T0,
      );
      expect(counts).toMatchObject({ people: 2, created: 0, updated: 1, joined: 1, skipped: 0 });
      expect((await db.contacts.toArray()).map((c) => c.email)).toEqual([kept]);
      expect((await db.contacts.get(kept))?.createdAt).toBe(T0 - 40 * DAY);
    },
  );

  it('two contacts the file created, then joined, are one new contact', async () => {
    const db = freshDb();
    const counts = await mergeImportedPeople(
      db,
      [
        { name: 'Ann', emails: [HOME] },
        { name: 'Ann Lee', emails: [WORK] },
        { name: 'Ann Lee', emails: [WORK, HOME] },
      ],
      T0,
    );
    expect(counts).toMatchObject({ people: 3, created: 1, joined: 1 });
    expect((await db.contacts.toArray()).map((c) => [c.email, c.aliases])).toEqual([[WORK, [HOME]]]);
    expect((await db.contacts.get(WORK))?.summary).toMatchObject({ count: 0 });
  });
});

describe('aliases where contacts are found by address', () => {
  it("Gmail's ingest files a touch with a person's other address under the person", async () => {
    const db = freshDb();
    await mergeImportedPeople(db, [ann], T0);
    await ingestGmail(
      db,
      {
        batchId: 'b1',
        account: 'me@example.com',
        accountIndex: 0,
        view: 'inbox',
        rows: [
          {
            subject: 'Hello',
            people: [{ email: 'Ann.Lee@gmail.com', name: 'Ann' }],
            dateTitle: 'Sun, Nov 1, 2026, 4:01\u202fPM',
            unread: false,
            legacyThreadId: '19c0ffee0000a001',
          },
        ],
        health: { recognised: true, hasContent: true },
      },
      T0,
    );
    expect(await db.contacts.count()).toBe(1);
    expect((await db.contacts.get('ann@work.example'))?.summary.count).toBe(1);
  });

  it('an older store (aliases from a backup, no index yet) gets its index built once', async () => {
    const db = freshDb();
    await db.contacts.put({ ...newContact('bob@example.com', 'Bob', T0), aliases: ['bob@old.example'] });
    expect((await aliasIndex(db)).size).toBe(0);
    await ensureAliasIndex(db);
    expect((await db.kv.get(ALIAS_KEY))?.value).toEqual({ 'bob@old.example': 'bob@example.com' });
    expect((await findContact(db, 'bob@old.example'))?.name).toBe('Bob');
  });
});

describe('the import-contacts message', () => {
  it('a bad file is refused in words and changes nothing; a good one answers the counts', async () => {
    const db = freshDb();
    let changes = 0;
    const handlers = createHandlers({ db, now: () => T0, changed: () => changes++ });
    const bad = await dispatch({ type: 'import-contacts', text: '%PDF-1.4 ...', fileName: 'cv.pdf' }, handlers);
    expect(bad).toMatchObject({ ok: false, error: 'the contacts were not imported: nothing was changed' });
    expect(await db.contacts.count()).toBe(0);
    expect(await db.kv.count()).toBe(0);
    expect(changes).toBe(0);
    const good = await dispatch(
      {
        type: 'import-contacts',
        text: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nobody\r\nEND:VCARD\r\n',
        fileName: 'c.vcf',
      },
      handlers,
    );
    expect(good).toMatchObject({ ok: true, kind: 'vcard', noEmail: 1, counts: { created: 1 } });
    expect(changes).toBe(1);
  });
});
