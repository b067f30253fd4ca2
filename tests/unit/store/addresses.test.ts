import { addAddress, mergePeople, removeAddress, touchWasWith } from '@/lib/store/addresses';
import { aliasMap } from '@/lib/store/alias-map';
import { aliasIndex } from '@/lib/store/aliases';
import { exportBackup, importBackup, validateBackup } from '@/lib/store/backup';
import { updateContact } from '@/lib/store/contacts';
import { readHistory } from '@/lib/store/histories';
import { historyOf, recordInteractions } from '@/lib/store/interactions';
import { logTouch } from '@/lib/store/manual-touches';
import { applyNudgeAction } from '@/lib/store/nudge-state';
import { DAY, freshDb, T0, touch } from './helpers';

async function seed() {
  const db = freshDb();
  await db.transaction('rw', db.contacts, db.historyPacks, db.kv, () =>
    recordInteractions(
      db,
      [
        touch('ann@example.com', T0, 'received'),
        touch('ann@example.com', T0 + DAY, 'sent'),
        touch('ann.lee@home.org', T0 + 2 * DAY, 'received'),
        touch('ann.lee@home.org', T0 + 3 * DAY, 'sent'),
        touch('bo@example.com', T0, 'sent'),
      ],
      { 'ann@example.com': 'Ann Lee', 'ann.lee@home.org': 'Annie' },
      T0 + 4 * DAY,
    ),
  );
  await updateContact(db, 'ann@example.com', { notes: 'Met at the conference.', tags: ['client'] }, T0);
  await updateContact(db, 'ann.lee@home.org', { notes: 'Likes tea.', tags: ['Client', 'friend'] }, T0);
  return db;
}

describe('mergePeople', () => {
  it('keeps both histories once, both addresses, both notes and the tags without case duplicates', async () => {
    const db = await seed();
    const r = await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0 + 5 * DAY);
    expect(r.ok).toBe(true);
    const ann = await db.contacts.get('ann@example.com');
    expect(await db.contacts.get('ann.lee@home.org')).toBeUndefined();
    expect(await readHistory(db, 'ann.lee@home.org')).toBeUndefined();
    expect(ann?.name).toBe('Ann Lee');
    expect(ann?.aliases).toEqual(['ann.lee@home.org']);
    expect(ann?.notes).toBe('Met at the conference.\n\nLikes tea.');
    expect(ann?.tags).toEqual(['client', 'friend']);
    expect(ann?.summary).toMatchObject({ count: 4, sent: 2, received: 2, lastAt: T0 + 3 * DAY });
    expect((await historyOf(db, 'ann@example.com')).map((i) => i.at)).toEqual([3, 2, 1, 0].map((d) => T0 + d * DAY));
    expect(await aliasMap(db)).toEqual({ 'ann.lee@home.org': 'ann@example.com' });
  });

  it('takes the other person as typed: any case, or one of their other addresses', async () => {
    const db = await seed();
    expect((await mergePeople(db, 'ann@example.com', '  Ann.Lee@HOME.org ', T0 + 5 * DAY)).ok).toBe(true);
    expect(await db.contacts.get('ann.lee@home.org')).toBeUndefined();
    // Ann's merged address now names Ann herself: merging it again is merging her with herself.
    expect(await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0 + 6 * DAY)).toEqual({
      ok: false,
      errors: ['That is the same person.'],
    });
    // Bo merged through an address that is Ann's alias: Bo keeps, Ann (all of her) joins.
    expect((await mergePeople(db, 'bo@example.com', 'ANN.LEE@home.org', T0 + 6 * DAY)).ok).toBe(true);
    expect((await db.contacts.get('bo@example.com'))?.aliases.sort()).toEqual(['ann.lee@home.org', 'ann@example.com']);
    expect(await db.contacts.get('ann@example.com')).toBeUndefined();
  });

  it('files later mail from the merged address under the kept person', async () => {
    const db = await seed();
    await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0 + 5 * DAY);
    await db.transaction('rw', db.contacts, db.historyPacks, db.kv, async () =>
      recordInteractions(
        db,
        [touch('ann.lee@home.org', T0 + 6 * DAY, 'received')],
        {},
        T0 + 6 * DAY,
        await aliasIndex(db),
      ),
    );
    expect(await db.contacts.get('ann.lee@home.org')).toBeUndefined();
    expect((await db.contacts.get('ann@example.com'))?.summary.count).toBe(5);
  });

  it('merging the same touch recorded under both addresses keeps it once', async () => {
    const db = await seed();
    const same = {
      ...touch('ann.lee@home.org', T0 + DAY, 'sent'),
      key: touch('ann@example.com', T0 + DAY, 'sent').key,
    };
    await db.transaction('rw', db.contacts, db.historyPacks, db.kv, () => recordInteractions(db, [same], {}, T0));
    await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0 + 5 * DAY);
    expect((await db.contacts.get('ann@example.com'))?.summary.count).toBe(4);
  });

  it('a message or a meeting that reached both of their addresses counts once, merged before or after', async () => {
    const db = await seed();
    // Captured before the merge: one message to both addresses, filed under each (two keys, one message).
    const toBoth = (at: number, extra: Partial<Parameters<typeof touch>[3]>) =>
      ['ann@example.com', 'ann.lee@home.org'].map((e) => touch(e, at, extra?.eventId ? 'meeting' : 'sent', extra));
    const record = (list: ReturnType<typeof touch>[]) =>
      db.transaction('rw', db.contacts, db.historyPacks, db.kv, async () =>
        recordInteractions(db, list, {}, T0 + 9 * DAY, await aliasIndex(db)),
      );
    await record(toBoth(T0 + 5 * DAY, { messageId: 'm-before' }));
    await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0 + 6 * DAY);
    expect((await db.contacts.get('ann@example.com'))?.summary).toMatchObject({ count: 5, sent: 3 });
    // Captured after: the other address is an alias, so both land on one history, still as one touch each.
    await record([...toBoth(T0 + 7 * DAY, { messageId: 'm-after' }), ...toBoth(T0 + 8 * DAY, { eventId: 'ev-1' })]);
    expect((await db.contacts.get('ann@example.com'))?.summary).toMatchObject({ count: 7, sent: 4, meetings: 1 });
    // Seen again: nothing new. A different message at the same moment is its own touch.
    await record(toBoth(T0 + 7 * DAY, { messageId: 'm-after' }));
    await record([touch('ann.lee@home.org', T0 + 7 * DAY, 'received', { messageId: 'm-other' })]);
    expect((await db.contacts.get('ann@example.com'))?.summary).toMatchObject({ count: 8, received: 3 });
  });

  it("carries the other person's mute when the kept one has none", async () => {
    const db = await seed();
    await applyNudgeAction(db, { key: 'contact:ann.lee@home.org', action: 'mute' }, T0);
    await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0 + 5 * DAY);
    expect(await db.nudgeState.get('contact:ann@example.com')).toMatchObject({ muted: true });
    expect(await db.nudgeState.get('contact:ann.lee@home.org')).toBeUndefined();
  });

  it('joins what was said of both: a mute on one and a Done on the other, and the key dates and thanks move', async () => {
    const db = await seed();
    // Ann at work was marked Done once; Ann at home is muted; a birthday of home's was done, a meeting thanked.
    await applyNudgeAction(db, { key: 'contact:ann@example.com', action: 'done' }, T0 + DAY);
    await applyNudgeAction(db, { key: 'contact:ann.lee@home.org', action: 'mute' }, T0 + 2 * DAY);
    await applyNudgeAction(db, { key: 'date:ann.lee@home.org:birthday:2026-04-02', action: 'done' }, T0 + 2 * DAY);
    await applyNudgeAction(db, { key: `thanks:ann.lee@home.org:meeting:${T0}`, action: 'done' }, T0 + 3 * DAY);
    await applyNudgeAction(db, { key: 'date:bo@example.com:birthday:2026-04-02', action: 'done' }, T0 + 2 * DAY);
    expect((await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0 + 5 * DAY)).ok).toBe(true);
    expect(await db.nudgeState.get('contact:ann@example.com')).toEqual({
      key: 'contact:ann@example.com',
      muted: true,
      doneAt: T0 + DAY,
    });
    expect((await db.nudgeState.toArray()).map((s) => s.key).sort()).toEqual([
      'contact:ann@example.com',
      'date:ann@example.com:birthday:2026-04-02',
      'date:bo@example.com:birthday:2026-04-02',
      `thanks:ann@example.com:meeting:${T0}`,
    ]);
    expect(await db.nudgeState.get('date:ann@example.com:birthday:2026-04-02')).toMatchObject({ doneAt: T0 + 2 * DAY });
  });

  it('refuses the same person, an unknown one, and a result over the limits, changing nothing', async () => {
    const db = await seed();
    expect(await mergePeople(db, 'ann@example.com', 'ann@example.com', T0)).toMatchObject({ ok: false });
    expect(await mergePeople(db, 'ann@example.com', 'zed@example.com', T0)).toMatchObject({ ok: false });
    await updateContact(db, 'ann.lee@home.org', { notes: 'x'.repeat(19_990) }, T0);
    const before = await exportBackup(db, T0);
    const r = await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join()).toMatch(/notes/);
    expect(await exportBackup(db, T0)).toEqual(before);
  });

  it('survives a backup round trip: the alias still files mail under the person', async () => {
    const db = await seed();
    await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0 + 5 * DAY);
    const v = validateBackup(JSON.parse(JSON.stringify(await exportBackup(db, T0 + 5 * DAY))));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const other = freshDb();
    await importBackup(other, v.backup, T0 + 5 * DAY);
    expect(await aliasMap(other)).toEqual({ 'ann.lee@home.org': 'ann@example.com' });
    await other.transaction('rw', other.contacts, other.historyPacks, other.kv, async () =>
      recordInteractions(
        other,
        [touch('ann.lee@home.org', T0 + 6 * DAY, 'received')],
        {},
        T0 + 6 * DAY,
        await aliasIndex(other),
      ),
    );
    expect(await other.contacts.count()).toBe(2);
  });
});

describe('addAddress and removeAddress', () => {
  it('adds an address nobody has, and files its mail under the person until it is removed', async () => {
    const db = await seed();
    expect((await addAddress(db, 'bo@example.com', ' Bo@Work.example ', T0)).ok).toBe(true);
    expect((await db.contacts.get('bo@example.com'))?.aliases).toEqual(['bo@work.example']);
    const write = (at: number) =>
      db.transaction('rw', db.contacts, db.historyPacks, db.kv, async () =>
        recordInteractions(db, [touch('bo@work.example', at, 'received')], {}, at, await aliasIndex(db)),
      );
    await write(T0 + DAY);
    expect((await db.contacts.get('bo@example.com'))?.summary.count).toBe(2);
    expect(await removeAddress(db, 'bo@example.com', 'bo@work.example', T0)).toMatchObject({ ok: true, moved: 1 });
    expect((await db.contacts.get('bo@example.com'))?.aliases).toEqual([]);
    await write(T0 + 2 * DAY);
    // The touch that came with the address went with it; later mail joins it there.
    expect((await db.contacts.get('bo@work.example'))?.summary.count).toBe(2);
    expect((await db.contacts.get('bo@example.com'))?.summary.count).toBe(1);
  });

  it('with ask, adding the address of another contact names that person and changes nothing', async () => {
    const db = await seed();
    const before = await db.contacts.toArray();
    expect(await addAddress(db, 'ann@example.com', ' Ann.Lee@home.org ', T0, { ask: true })).toEqual({
      ok: false,
      person: { email: 'ann.lee@home.org', name: 'Annie', touches: 2 },
    });
    expect(await db.contacts.toArray()).toEqual(before);
    // An address nobody has is added as without ask.
    expect((await addAddress(db, 'ann@example.com', 'ann@new.example', T0, { ask: true })).ok).toBe(true);
  });

  it('adding the address of another contact merges the two', async () => {
    const db = await seed();
    const r = await addAddress(db, 'ann@example.com', 'ann.lee@home.org', T0);
    expect(r.ok).toBe(true);
    expect(await db.contacts.get('ann.lee@home.org')).toBeUndefined();
    expect((await db.contacts.get('ann@example.com'))?.summary.count).toBe(4);
  });

  it('refuses what is not an address, an address they have, and one that belongs to someone else', async () => {
    const db = await seed();
    await addAddress(db, 'ann@example.com', 'ann@work.example', T0);
    const bad = await Promise.all([
      addAddress(db, 'bo@example.com', 'not an address', T0),
      addAddress(db, 'ann@example.com', 'ann@work.example', T0),
      addAddress(db, 'bo@example.com', 'ann@work.example', T0),
      removeAddress(db, 'bo@example.com', 'ann@work.example', T0),
    ]);
    expect(bad.map((r) => (r.ok ? 'ok' : r.errors[0]))).toEqual([
      '“not an address” is not an email address.',
      'ann@work.example is already one of their addresses.',
      'ann@work.example belongs to ann@example.com: open them to merge the two.',
      'ann@work.example is not one of their addresses.',
    ]);
  });
});

describe('removeAddress after a merge', () => {
  it('splits the history back: the address takes its own touches, the person keeps theirs and the hand-logged ones', async () => {
    const db = await seed();
    const before = {
      ann: (await historyOf(db, 'ann@example.com')).map((i) => i.key),
      annie: (await historyOf(db, 'ann.lee@home.org')).map((i) => i.key),
    };
    await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0 + 5 * DAY);
    const logged = await logTouch(db, 'ann@example.com', { kind: 'coffee', at: T0 + 4 * DAY, note: 'Lisbon' }, T0);
    expect(logged.ok).toBe(true);

    const r = await removeAddress(db, 'ann@example.com', 'ann.lee@home.org', T0 + 6 * DAY);
    expect(r).toMatchObject({ ok: true, moved: 2 });
    const [ann, annie] = await Promise.all([db.contacts.get('ann@example.com'), db.contacts.get('ann.lee@home.org')]);
    expect(ann?.aliases).toEqual([]);
    expect((await historyOf(db, 'ann.lee@home.org')).map((i) => i.key)).toEqual(before.annie);
    const annKeys = (await historyOf(db, 'ann@example.com')).map((i) => i.key);
    expect(annKeys.filter((k) => !k.startsWith('manual:'))).toEqual(before.ann);
    expect(annKeys.filter((k) => k.startsWith('manual:'))).toHaveLength(1);
    // Both summaries follow their histories; what the user wrote stays with the person.
    expect(ann?.summary).toMatchObject({ count: 3, sent: 1, received: 1, meetings: 1 });
    expect(annie?.summary).toMatchObject({ count: 2, sent: 1, received: 1, lastAt: T0 + 3 * DAY });
    expect(ann?.notes).toBe('Met at the conference.\n\nLikes tea.');
    expect(annie?.notes).toBe('');
    expect(await aliasMap(db)).toEqual({});
  });

  it('counts nothing twice across a merge, a split and a second merge', async () => {
    const db = await seed();
    await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0 + 5 * DAY);
    await removeAddress(db, 'ann@example.com', 'ann.lee@home.org', T0 + 5 * DAY);
    await addAddress(db, 'ann@example.com', 'ann.lee@home.org', T0 + 6 * DAY);
    expect((await db.contacts.get('ann@example.com'))?.summary.count).toBe(4);
    expect(await db.contacts.get('ann.lee@home.org')).toBeUndefined();
  });

  it('an address with no touches of its own is simply taken off, creating nobody', async () => {
    const db = await seed();
    await addAddress(db, 'bo@example.com', 'bo@work.example', T0);
    expect(await removeAddress(db, 'bo@example.com', 'bo@work.example', T0)).toMatchObject({ ok: true, moved: 0 });
    expect(await db.contacts.get('bo@work.example')).toBeUndefined();
    expect((await db.contacts.get('bo@example.com'))?.summary.count).toBe(1);
  });

  it('is all or nothing: a failure mid-way leaves both people and the alias index as they were', async () => {
    const db = await seed();
    await mergePeople(db, 'ann@example.com', 'ann.lee@home.org', T0 + 5 * DAY);
    const before = await exportBackup(db, T0);
    // The person is written, then their history: that write fails.
    const put = db.historyPacks.bulkPut.bind(db.historyPacks);
    let calls = 0;
    db.historyPacks.bulkPut = ((...args: Parameters<typeof put>) => {
      calls++;
      if (calls === 1) throw new Error('disk full');
      return put(...args);
    }) as typeof put;
    // The failed write says what was not saved, and keeps what went wrong.
    const failed = await removeAddress(db, 'ann@example.com', 'ann.lee@home.org', T0 + 6 * DAY).catch((e) => e);
    expect(failed).toMatchObject({
      name: 'StoreWriteError',
      notSaved: 'removing ann.lee@home.org from ann@example.com',
      original: expect.objectContaining({ message: 'disk full' }),
    });
    db.historyPacks.bulkPut = put;
    expect(calls).toBe(1);
    expect(await exportBackup(db, T0)).toEqual(before);
    expect(await aliasMap(db)).toEqual({ 'ann.lee@home.org': 'ann@example.com' });
  });

  it.each([
    ['gmail:msg:me@example.com:18c0:ann@home.org', 'gmail', true],
    ['mbox:msg:<id@mail>:ann@home.org', 'mbox', true],
    ['calendar:evt1:ann@home.org', 'calendar', true],
    ['linkedin:connected:ann@home.org', 'linkedin', true],
    ['gmail:msg:me@example.com:18c0:ann@example.com', 'gmail', false],
    ['gmail:msg:me@example.com:18c0:xann@home.org', 'gmail', false],
    ['manual:abc-ann@home.org', 'manual', false],
  ] as const)('touchWasWith(%s)', (key, source, expected) => {
    expect(touchWasWith({ key, source }, 'ann@home.org')).toBe(expected);
  });
});
