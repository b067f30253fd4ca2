import { DEFAULT_SETTINGS } from '@/lib/core/model';
import { importMbox, mboxStateKey, mboxSummaryText, unfinishedMboxImports } from '@/lib/ingest/mbox-import';
import { exportBackup } from '@/lib/store/backup';
import { allHistories } from '@/lib/store/histories';
import { allInteractions } from '@/lib/store/interactions';
import { readNudgeList } from '@/lib/store/nudge-cache';
import { WRITE_RESERVE_BYTES } from '@/lib/store/quota';
import { getSettings } from '@/lib/store/settings';
import { allThreads, readThread } from '@/lib/store/threads';
import { demoMailbox, ME, mailDate, mbox, mboxFile } from '@/tests/support/mbox';
import { DAY, freshDb, T0 } from '../store/helpers';

const now = () => T0;

describe('importMbox', { timeout: 60_000 }, () => {
  it.each(['\n', '\r\n'] as const)(
    'imports the demo mailbox (%j line ends) with the summary the issue asks for',
    async (eol) => {
      const db = freshDb();
      const r = await importMbox(db, mboxFile(demoMailbox(T0, eol)), { now });
      if (!r.ok) throw new Error(JSON.stringify(r));
      expect(mboxSummaryText(r.summary)).toBe(
        'Imported 22 messages: 4 people, 1 promise; skipped 4 chat, spam and robot messages, 1 without a date, 1 unreadable.',
      );
      expect(r.summary.skipped).toEqual({ label: 2, robot: 2, 'not-personal': 0, 'no-date': 1, 'no-sender': 0 });
      const contacts = await db.contacts.toArray();
      expect(contacts.map((c) => [c.email, c.name]).sort()).toEqual([
        ['bo@example.net', 'Ray, Bo'],
        ['cy@example.net', 'Cy Dürr'],
        ['dana@drift.example', 'Drift, Dana'],
        ['eve@example.com', 'Eve Stone'],
      ]);
      const dana = contacts.find((c) => c.email === 'dana@drift.example');
      expect(dana?.summary).toMatchObject({ sent: 10, received: 10, inferredDays: 21 });
      const promises = await db.promises.toArray();
      expect(promises.map((p) => p.text)).toEqual(["I'll send you the deck by Friday."]);
      expect(promises[0]?.contacts.sort()).toEqual(['bo@example.net', 'cy@example.net']);
      // The user's own address joined their addresses and is no contact.
      expect((await getSettings(db)).selfAddresses).toContain(ME);
      // The nudge list was recomputed: Dana is overdue.
      const list = await readNudgeList(db);
      expect(list?.nudges.some((n) => n.kind === 'overdue' && n.contact === 'dana@drift.example')).toBe(true);
    },
  );
});

const HOUR = 3_600_000;
const ID = 1_784_565_224_872_936_612n;
const THREAD = 1_784_565_224_000_000_000n;

describe('importMbox: who and what', { timeout: 60_000 }, () => {
  it('makes a sent message a touch with each To/Cc person and a received one a touch with its sender only', async () => {
    const db = freshDb();
    const r = await importMbox(
      db,
      mboxFile(
        mbox([
          {
            id: ID,
            thread: THREAD,
            from: 'Ann <ann@example.org>',
            to: `${ME}, Bo <bo@example.net>`,
            cc: 'Cy <cy@example.net>',
            date: mailDate(T0 - 2 * DAY),
          },
          {
            id: ID + 1n,
            thread: THREAD,
            labels: 'Sent',
            deliveredTo: null,
            from: 'Me <me.alias@example.com>',
            to: 'Ann <ann@example.org>, Bot <no-reply@service.example>',
            cc: 'Bo <bo@example.net>',
            date: mailDate(T0 - DAY),
          },
        ]),
      ),
      { now },
    );
    expect(r.ok).toBe(true);
    const all = (await allInteractions(db)).map((i) => `${i.contact} ${i.direction}`).sort();
    expect(all).toEqual(['ann@example.org received', 'ann@example.org sent', 'bo@example.net sent']);
    // The Sent message's From joined the user's addresses, as did the mailbox's Delivered-To.
    expect((await getSettings(db)).selfAddresses.sort()).toEqual(['me.alias@example.com', ME].sort());
    const thread = await readThread(db, `${ME}/${THREAD.toString(16)}`);
    expect(thread?.messages.map((m) => [m.id, m.direction])).toEqual([
      [ID.toString(16), 'received'],
      [(ID + 1n).toString(16), 'sent'],
    ]);
  });

  it('keeps thread records only for threads the nudge list reads; older threads stay as touches', async () => {
    const db = freshDb();
    const r = await importMbox(
      db,
      mboxFile(
        mbox([
          // A conversation from last year: history, not a follow-up.
          { id: 11n, thread: 500n, from: 'Ann <ann@example.org>', date: mailDate(T0 - 400 * DAY) },
          { id: 12n, thread: 500n, labels: 'Sent', from: ME, to: 'ann@example.org', date: mailDate(T0 - 399 * DAY) },
          // A thread that started long ago and is alive this month: kept, whole.
          { id: 21n, thread: 600n, from: 'Bo <bo@example.net>', date: mailDate(T0 - 200 * DAY) },
          { id: 22n, thread: 600n, from: 'Bo <bo@example.net>', date: mailDate(T0 - 3 * DAY) },
        ]),
      ),
      { now },
    );
    expect(r.ok).toBe(true);
    expect((await allInteractions(db)).length).toBe(4);
    expect((await allThreads(db)).map((t) => [t.id, t.messages.length])).toEqual([[`${ME}/258`, 2]]);
  });

  it('skips chat, spam, trash and drafts, robots and lists, and threads of more than 20 people', async () => {
    const db = freshDb();
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@example.org`).join(', ');
    const r = await importMbox(
      db,
      mboxFile(
        mbox([
          { id: ID, labels: 'Chat', from: 'Ann <ann@example.org>', to: ME },
          { id: ID + 1n, labels: 'Inbox,Spam', from: 'Ann <ann@example.org>', to: ME },
          { id: ID + 2n, labels: 'Trash', from: 'Ann <ann@example.org>', to: ME },
          { id: ID + 3n, labels: 'Drafts', from: `Me <${ME}>`, to: 'ann@example.org' },
          { id: ID + 4n, from: 'Alerts <alerts@bank.example>', to: ME },
          { id: ID + 5n, from: 'Ann <ann@example.org>', to: ME, extra: ['Precedence: list'] },
          { id: ID + 6n, labels: 'Sent', deliveredTo: null, from: `Me <${ME}>`, to: many },
          { id: ID + 7n, from: 'Ann <ann@example.org>', to: many },
        ]),
      ),
      { now },
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary.skipped).toEqual({ label: 4, robot: 2, 'not-personal': 2, 'no-date': 0, 'no-sender': 0 });
    expect(r.summary.imported).toBe(0);
    expect(await db.contacts.count()).toBe(0);
  });

  it("skips a draft or Outbox message by its mail program's mark (X-Mozilla-Draft-Info), even the user's", async () => {
    const db = freshDb();
    const draft = ['X-Mozilla-Draft-Info: internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0'];
    const r = await importMbox(
      db,
      mboxFile(
        mbox([
          { id: ID, labels: '', deliveredTo: null, from: `Me <${ME}>`, to: 'Ann <ann@example.org>', extra: draft },
          { id: ID + 1n, labels: 'Sent', from: `Me <${ME}>`, to: 'Bo <bo@example.net>', extra: draft },
          { id: ID + 2n, labels: 'Sent', from: `Me <${ME}>`, to: 'Cy <cy@example.net>' },
        ]),
      ),
      { now },
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary.skipped.label).toBe(2);
    expect((await allInteractions(db)).map((i) => `${i.contact} ${i.direction}`)).toEqual(['cy@example.net sent']);
  });

  it("never takes a received message's sender for the user's account when the mailbox names none", async () => {
    const db = freshDb();
    const r = await importMbox(
      db,
      mboxFile(
        mbox([
          { id: ID, thread: THREAD, deliveredTo: null, from: 'Ann <ann@example.org>', to: 'someone@example.com' },
          { id: ID + 1n, thread: THREAD, labels: 'Sent', deliveredTo: null, from: `Me <${ME}>`, to: 'ann@example.org' },
        ]),
      ),
      { now },
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    const all = (await allInteractions(db)).map((i) => `${i.direction} ${i.account ?? '-'}`).sort();
    expect(all).toEqual(['received -', `sent ${ME}`]);
    // "Seen from" (and Write's Gmail account) is only ever the user's own address.
    expect((await db.contacts.get('ann@example.org'))?.accounts).toEqual([ME]);
    // Still one thread record for the received message's touch, found again on a second import.
    const again = await importMbox(
      db,
      mboxFile(
        mbox([{ id: ID, thread: THREAD, deliveredTo: null, from: 'Ann <ann@example.org>', to: 'someone@example.com' }]),
      ),
      { now },
    );
    expect(again.ok && again.summary.interactions).toBe(0);
  });

  it('marks a sent message to more than 10 people as mass mail (kept, but not a rhythm touch)', async () => {
    const db = freshDb();
    const twelve = Array.from({ length: 12 }, (_, i) => `p${i}@example.org`).join(', ');
    await importMbox(db, mboxFile(mbox([{ id: ID, labels: 'Sent', from: `Me <${ME}>`, to: twelve }])), { now });
    const all = await allInteractions(db);
    expect(all).toHaveLength(12);
    expect(all.every((i) => i.mass === true)).toBe(true);
  });

  it('holds back messages without a usable date and names the count', async () => {
    const db = freshDb();
    const r = await importMbox(
      db,
      mboxFile(
        mbox([
          { id: ID, from: 'Ann <ann@example.org>', to: ME, date: null },
          { id: ID + 1n, from: 'Ann <ann@example.org>', to: ME, date: 'sometime last week' },
          { id: ID + 2n, from: 'Ann <ann@example.org>', to: ME, date: mailDate(T0 + 30 * DAY) },
          { id: ID + 3n, from: 'Ann <ann@example.org>', to: ME, date: mailDate(T0 - DAY) },
        ]),
      ),
      { now },
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary.skipped['no-date']).toBe(3);
    expect(r.summary.imported).toBe(1);
  });

  it('reads promises and asks from multipart and base64 sent bodies, leaves quoted replies and attachments out', async () => {
    const db = freshDb();
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/.{76}/g, '$&\n');
    const body = [
      '--b1',
      'Content-Type: multipart/alternative; boundary="b2"',
      '',
      '--b2',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64(
        "Hi Ann,\n\nCould you look at the draft? I'll send you the figures tomorrow.\n\nOn Mon, Ann wrote:\n> I will send you my notes by Friday.\n",
      ),
      '--b2',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<p>Hi Ann,</p>',
      '--b2--',
      '--b1',
      'Content-Type: application/pdf; name="x.pdf"',
      'Content-Disposition: attachment; filename="x.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      b64("I'll promise this from inside an attachment by Monday."),
      '--b1--',
    ].join('\n');
    await importMbox(
      db,
      mboxFile(
        mbox([
          {
            id: ID,
            thread: THREAD,
            labels: 'Sent',
            from: `Me <${ME}>`,
            to: 'Ann <ann@example.org>',
            date: mailDate(T0 - DAY),
            contentHeaders: ['Content-Type: multipart/mixed; boundary="b1"'],
            body,
          },
          // Old sent mail: its text is not read (an unkept promise from years ago is history).
          {
            id: ID + 1n,
            thread: THREAD + 1n,
            labels: 'Sent',
            from: `Me <${ME}>`,
            to: 'Ann <ann@example.org>',
            date: mailDate(T0 - 400 * DAY),
            body: "I'll send you the report by Friday.",
          },
        ]),
      ),
      { now },
    );
    const promises = await db.promises.toArray();
    expect(promises.map((p) => p.text)).toEqual(["I'll send you the figures tomorrow."]);
    expect(promises[0]?.dueAt).toBeGreaterThan(T0 - DAY);
    const thread = await readThread(db, `${ME}/${THREAD.toString(16)}`);
    expect(thread?.messages[0]?.asks).toBe(true);
  });
});

describe('importMbox: counted once', { timeout: 60_000 }, () => {
  it('importing the same file twice changes nothing', async () => {
    const db = freshDb();
    const file = mboxFile(demoMailbox(T0));
    const first = await importMbox(db, file, { now });
    const before = await exportBackup(db, T0);
    const second = await importMbox(db, file, { now: () => T0 + HOUR });
    if (!first.ok || !second.ok) throw new Error('import failed');
    expect(second.summary.interactions).toBe(0);
    const after = await exportBackup(db, T0);
    const drop = (b: typeof before) => ({ ...b, settings: null, contacts: b.contacts });
    expect(drop(after)).toEqual(drop(before));
  });

  it('a message Tend already saw in Gmail (same ids, or same thread, person and minute) is the same touch', async () => {
    const db = freshDb();
    const { ingestGmail } = await import('@/lib/ingest/ingest');
    const at = Date.UTC(2026, 9, 20, 14, 5);
    const title = 'Tue, Oct 20, 2026, 2:05 PM';
    await ingestGmail(
      db,
      {
        batchId: 'b1',
        account: ME,
        accountIndex: 0,
        view: 'inbox',
        rows: [],
        thread: {
          legacyThreadId: THREAD.toString(16),
          subject: 'Plans',
          messages: [
            // Seen with its Gmail id: the mbox record will carry the same key.
            {
              legacyMessageId: ID.toString(16),
              from: { email: 'ann@example.org', name: 'Ann' },
              to: [{ email: ME, name: 'me' }],
              cc: [],
              dateTitle: title,
              expanded: true,
            },
          ],
        },
        health: { recognised: true, hasContent: true },
      },
      at + DAY,
    );
    // Gmail captured the second message without ids under another account string (unknown signed-in user):
    const { recordInteractions } = await import('@/lib/store/interactions');
    await db.transaction('rw', db.contacts, db.historyPacks, () =>
      recordInteractions(
        db,
        [
          {
            key: 'gmail:msg:u/0:somethingelse:bo@example.net',
            contact: 'bo@example.net',
            at: at + 2 * HOUR,
            direction: 'received',
            source: 'gmail',
            threadId: THREAD.toString(16),
          },
        ],
        {},
        at + DAY,
      ),
    );
    const tz = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');
    const r = await importMbox(
      db,
      mboxFile(
        mbox([
          // 14:05:42 in the file, 14:05 on Gmail's page (minute precision).
          { id: ID, thread: THREAD, from: 'Ann <ann@example.org>', to: ME, date: tz(at + 42_000) },
          { id: ID + 99n, thread: THREAD, from: 'Bo <bo@example.net>', to: ME, date: tz(at + 2 * HOUR + 30_000) },
          { id: ID + 100n, thread: THREAD, from: 'Bo <bo@example.net>', to: ME, date: tz(at + 3 * HOUR) },
        ]),
      ),
      { now: () => at + DAY },
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    const all = await allInteractions(db);
    expect(all.filter((i) => i.contact === 'ann@example.org')).toHaveLength(1);
    expect(all.filter((i) => i.contact === 'bo@example.net').map((i) => i.source)).toEqual(['gmail', 'mbox']);
    expect(r.summary.interactions).toBe(1);
  });
});

/** The demo mailbox imported whole into one store (the reference), and a fresh store with the same file. */
async function referenceAndFresh() {
  const text = demoMailbox(T0);
  const whole = freshDb();
  const ref = await importMbox(whole, mboxFile(text), { now });
  if (!ref.ok) throw new Error('reference import failed');
  return { text, whole, ref, db: freshDb(), file: mboxFile(text) };
}

describe('importMbox: bad input, cancel and resume', { timeout: 60_000 }, () => {
  it.each([
    ['empty', new Uint8Array(0), 'The file is empty.'],
    ['a zip', new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0]), 'ZIP archive'],
    ['a PDF', new TextEncoder().encode('%PDF-1.4\n1 0 obj\n'), 'PDF'],
    [
      'cut in its first header',
      new TextEncoder().encode(`From 1@xxx Thu Jan 12 10:00:00 +0000 2023\nFrom: Ann <a`),
      'truncated',
    ],
  ])('refuses %s in words and changes nothing', async (_what, bytes, words) => {
    const db = freshDb();
    await db.kv.put({ key: 'marker', value: 1 });
    const r = await importMbox(db, mboxFile(bytes as Uint8Array<ArrayBuffer>), { now });
    expect(r.ok).toBe(false);
    if (!r.ok && !r.cancelled) {
      expect(r.error).toContain(words);
      expect(r.partial).toBe(false);
    }
    expect(await db.kv.toArray()).toEqual([{ key: 'marker', value: 1 }]);
    expect(await db.contacts.count()).toBe(0);
  });

  it('says when the file ends mid-message, and imports the rest', async () => {
    const db = freshDb();
    const text = `${demoMailbox(T0)}From 1784565224872999999@xxx Thu Jan 12 10:00:00 +0000 2023\nFrom: Cut <cu`;
    const r = await importMbox(db, mboxFile(text), { now });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary.corrupt).toBe(2);
    expect(mboxSummaryText(r.summary)).toMatch(
      /2 unreadable\. The file ends in the middle of a message: it may be truncated\.$/,
    );
  });

  it('stops on cancel keeping what was read, and carries on from there without duplicates', async () => {
    const { text, whole, ref, db, file } = await referenceAndFresh();
    const abort = new AbortController();
    // Small slices and chunks, and a cancel once half the file has been read (by bytes handed over, not by the
    // progress callback, which is throttled by the clock and may come only at the end on a fast machine).
    const half = Math.floor(file.size / 2);
    const sliced = {
      ...file,
      slice: (a?: number, b?: number) => ({
        arrayBuffer: () => {
          if ((b ?? file.size) >= half) abort.abort();
          return file.slice(a, b).arrayBuffer();
        },
      }),
    };
    const stopped = await importMbox(db, sliced, { now, chunkMessages: 3, sliceBytes: 97, signal: abort.signal });
    expect(stopped.ok).toBe(false);
    expect(!stopped.ok && stopped.cancelled).toBe(true);
    const pending = await unfinishedMboxImports(db);
    expect(pending).toHaveLength(1);
    expect(pending[0]?.offset).toBeGreaterThan(0);
    expect(pending[0]?.offset).toBeLessThan(file.size);
    expect(text.slice(pending[0]?.offset, (pending[0]?.offset ?? 0) + 5)).toBe('From ');

    const rest = await importMbox(db, sliced, { now, chunkMessages: 3, sliceBytes: 97 });
    if (!rest.ok) throw new Error(JSON.stringify(rest));
    expect(rest.summary.resumedFrom).toBe(pending[0]?.offset);
    // The addresses learnt are this run's (the first run learnt them already).
    expect({ ...rest.summary, resumedFrom: 0, timings: null, newSelf: [] }).toEqual({
      ...ref.summary,
      timings: null,
      newSelf: [],
    });
    expect(await unfinishedMboxImports(db)).toEqual([]);
    expect((await db.kv.get(mboxStateKey(file)))?.value).toMatchObject({ done: true });
    const strip = async (d: typeof db) => (await allInteractions(d)).map((i) => i.key).sort();
    expect(await strip(db)).toEqual(await strip(whole));
    expect(await db.promises.count()).toBe(1);
  });

  it('never makes a contact of an address the mailbox later shows as the user’s own', async () => {
    const db = freshDb();
    await importMbox(
      db,
      mboxFile(
        mbox([
          {
            id: ID,
            from: 'Me Elsewhere <me@other.example>',
            to: 'ann@example.org',
            deliveredTo: null,
            date: mailDate(T0 - 3 * DAY),
          },
          {
            id: ID + 1n,
            labels: 'Sent',
            from: 'Me <me@other.example>',
            to: 'Ann <ann@example.org>',
            date: mailDate(T0 - DAY),
          },
        ]),
      ),
      { now, chunkMessages: 1 },
    );
    expect((await db.contacts.toArray()).map((c) => c.email)).toEqual(['ann@example.org']);
    expect(DEFAULT_SETTINGS.selfAddresses).toEqual([]);
  });
});

describe('importMbox: a full disk', { timeout: 60_000 }, () => {
  const MB = 1_000_000;

  it('imports whole with an estimate that answers after a moment, as the browser does', async () => {
    const { whole, db, file } = await referenceAndFresh();
    db.estimateRoom = () => new Promise((r) => setTimeout(() => r({ usage: 0, quota: 100 * MB }), 2));
    const r = await importMbox(db, file, { now, chunkMessages: 8 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const keys = async (d: typeof db) => (await allInteractions(d)).map((i) => i.key).sort();
    expect(await keys(db)).toEqual(await keys(whole));
  });

  it('refuses before writing anything when the disk cannot hold the file with its reserve', async () => {
    const db = freshDb();
    db.estimateRoom = async () => ({ usage: 0, quota: WRITE_RESERVE_BYTES + 100 });
    const r = await importMbox(db, mboxFile(demoMailbox(T0)), { now });
    expect(r).toMatchObject({ ok: false, reason: 'no-room', partial: false });
    expect(!r.ok && !r.cancelled && r.error).toMatch(
      /^The mailbox was not imported: it needs about [\d.]+ MB, and Tend wants [\d.]+ MB free before writing that much/,
    );
    expect(await db.contacts.count()).toBe(0);
    expect(await unfinishedMboxImports(db)).toEqual([]);
  });

  it('stops short of a full disk at a clean point, says so, and carries on with the same file once there is room', async () => {
    const { whole, db, file } = await referenceAndFresh();
    // A disk that fills up once the first writes land: then only LevelDB's reserve is left.
    let full = true;
    db.estimateRoom = async () => ({
      usage: 0,
      quota: full && (await allHistories(db).then((h) => h.length)) > 0 ? WRITE_RESERVE_BYTES : 100 * MB,
    });
    const stopped = await importMbox(db, file, { now, chunkMessages: 8, sliceBytes: 97 });
    expect(stopped).toMatchObject({ ok: false, reason: 'disk-full', partial: true });
    expect(!stopped.ok && !stopped.cancelled && stopped.error).toBe(
      'Tend could not save: the disk is full. The import stopped at a clean point.',
    );
    const kept = (await allInteractions(db)).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan((await allInteractions(whole)).length);
    // Room again: the same file carries on, and the result is the whole import, each touch once.
    full = false;
    const rest = await importMbox(db, file, { now, chunkMessages: 8, sliceBytes: 97 });
    expect(rest.ok).toBe(true);
    expect((await allInteractions(db)).map((i) => i.key).sort()).toEqual(
      (await allInteractions(whole)).map((i) => i.key).sort(),
    );
  });
});
