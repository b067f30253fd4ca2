/**
 * A mailbox that names its owner nowhere (a desktop mail program's Sent folder: no Delivered-To, no Gmail labels):
 * the user's address is told from the file's first messages (lib/ingest/mbox-owner.ts), so the user never becomes
 * a contact of their own, and folders that could be anyone's decide nothing.
 */

import { importMbox, mboxSummaryText } from '@/lib/ingest/mbox-import';
import { guessMailboxOwner, OWNER_MIN_MESSAGES, type OwnerSample } from '@/lib/ingest/mbox-owner';
import { allInteractions } from '@/lib/store/interactions';
import { getSettings } from '@/lib/store/settings';
import { mailDate, mboxFile } from '@/tests/support/mbox';
import { freshDb, recordTouches, T0 } from '../store/helpers';

const DAY = 86_400_000;
const ME = 'jo.writer@fastmail.example';

/** One message as Thunderbird keeps it in a local folder: `From - ` separator, its status headers, no labels. */
function tbMessage(m: { from: string; to: string; cc?: string; at: number; subject?: string; extra?: string[] }) {
  const lines = [
    `From - ${new Date(m.at).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 $4')}`,
    'X-Mozilla-Status: 0001',
    'X-Mozilla-Status2: 00000000',
    `Message-ID: <${m.at}.${m.to.length}@fastmail.example>`,
    `Date: ${mailDate(m.at)}`,
    'MIME-Version: 1.0',
    'User-Agent: Mozilla Thunderbird',
    `From: ${m.from}`,
    `To: ${m.to}`,
    ...(m.cc ? [`Cc: ${m.cc}`] : []),
    ...(m.extra ?? []),
    `Subject: ${m.subject ?? 'Catching up'}`,
    'Content-Type: text/plain; charset=UTF-8; format=flowed',
    'Content-Transfer-Encoding: 7bit',
    '',
    'Good to see you last week.',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

const FRIENDS = ['Ann Lee <ann@acme.example>', 'Bo Chen <bo@globex.example>', '"Dr. Cy Park" <cy@uni.example>'];

/** A Sent folder: `n` messages from the user to friends in turn, one a day before T0. */
function sentFolder(n: number, from = `Jo Writer <${ME}>`): string {
  return Array.from({ length: n }, (_, i) =>
    tbMessage({ from, to: FRIENDS[i % FRIENDS.length] as string, at: T0 - (n - i) * DAY }),
  ).join('');
}

const sample = (from: string, to: string[], more: Partial<OwnerSample> = {}): OwnerSample => ({
  from: [{ name: '', address: from }],
  to: to.map((address) => ({ name: '', address })),
  cc: [],
  deliveredTo: null,
  labels: [],
  bulk: false,
  draft: false,
  ...more,
});
const anyone = () => true;

describe('guessMailboxOwner', () => {
  it('a Sent folder: the one sender of mail to many is the owner', () => {
    const msgs = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => sample(ME, [`${x}@x.example`]));
    expect(guessMailboxOwner(msgs, anyone)).toEqual({ email: ME, present: 6, sent: 6, sampled: 6 });
  });

  it('addresses are compared normalised (case), and the owner may have a reply or two among them', () => {
    const msgs = [
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((x) => sample(ME.toUpperCase(), [`${x}@x.example`])),
      sample('a@x.example', [ME]),
      sample('b@x.example', [ME]),
    ];
    expect(guessMailboxOwner(msgs, anyone)).toMatchObject({ email: ME, present: 10, sent: 8, sampled: 10 });
  });

  it('a mixed folder (both sides of many conversations): the owner is on every message and wrote some', () => {
    const msgs = ['a', 'b', 'c', 'd', 'e'].flatMap((x) => [
      sample(ME, [`${x}@x.example`]),
      sample(`${x}@x.example`, [ME]),
      sample(`${x}@x.example`, [ME]),
    ]);
    expect(guessMailboxOwner(msgs, anyone)).toMatchObject({ email: ME, present: 15, sent: 5 });
  });

  it('decides nothing for a folder of one friend, an inbox, a list, too few messages, or a robot', () => {
    const friend = [...Array(6)].map((_, i) =>
      i % 2 ? sample('ann@acme.example', [ME]) : sample(ME, ['ann@acme.example']),
    );
    expect(guessMailboxOwner(friend, anyone)).toBeNull();
    const inbox = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => sample(`${x}@x.example`, [ME]));
    expect(guessMailboxOwner(inbox, anyone)).toBeNull();
    const archive = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => sample(`${x}@x.example`, ['list@lists.example']));
    expect(guessMailboxOwner(archive, anyone)).toBeNull();
    const few = ['a', 'b', 'c', 'd'].map((x) => sample(ME, [`${x}@x.example`]));
    expect(few.length).toBeLessThan(OWNER_MIN_MESSAGES);
    expect(guessMailboxOwner(few, anyone)).toBeNull();
    const robot = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => sample('noreply@shop.example', [`${x}@x.example`]));
    expect(guessMailboxOwner(robot, (e) => !e.startsWith('noreply'))).toBeNull();
  });

  it('leaves a file that names its owner (Delivered-To) or carries Gmail labels to the records', () => {
    const msgs = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => sample(ME, [`${x}@x.example`]));
    expect(guessMailboxOwner([...msgs, sample(ME, ['z@x.example'], { deliveredTo: ME })], anyone)).toBeNull();
    expect(guessMailboxOwner([sample(ME, ['z@x.example'], { labels: ['Sent'] }), ...msgs], anyone)).toBeNull();
  });

  it('a Sent folder mostly to one person (a spouse, a team alias) still tells its owner', () => {
    const msgs = [
      ...[...Array(6)].map(() => sample(ME, ['spouse@home.example'])),
      ...['a', 'b', 'c', 'd'].map((x) => sample(ME, [`${x}@x.example`])),
    ];
    expect(guessMailboxOwner(msgs, anyone)).toMatchObject({ email: ME, sent: 10, sampled: 10 });
  });

  it("a folder of one sender's Bcc'd mail (it names nobody else) decides nothing", () => {
    const msgs = [...Array(8)].map(() => sample('coach@club.example', []));
    expect(guessMailboxOwner(msgs, anyone)).toBeNull();
    const undisclosed = [...Array(8)].map(() => ({
      ...sample('coach@club.example', []),
      to: [{ name: 'undisclosed-recipients', address: '' }],
    }));
    expect(guessMailboxOwner(undisclosed, anyone)).toBeNull();
  });

  it('mass mail and drafts count for nothing', () => {
    const msgs = [
      ...['a', 'b', 'c', 'd'].map((x) => sample(ME, [`${x}@x.example`])),
      ...['e', 'f', 'g', 'h'].map((x) => sample(ME, [`${x}@x.example`], { draft: true })),
    ];
    expect(guessMailboxOwner(msgs, anyone)).toBeNull();
    const news = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) =>
      sample('news@paper.example', [`${x}@x.example`], { bulk: true }),
    );
    expect(guessMailboxOwner([...news, ...msgs.slice(0, 4)], anyone)).toBeNull();
  });
});

describe('importing a Sent folder that names no owner', () => {
  it('the user is never a contact: every message is a sent touch to a friend, the address is learnt and told', async () => {
    const db = freshDb();
    const r = await importMbox(db, mboxFile(sentFolder(9), 'Sent'), { now: () => T0 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary).toMatchObject({ messages: 9, imported: 9, people: 3, newSelf: [ME] });
    expect(r.summary.owner).toEqual({ email: ME, present: 9, sent: 9, sampled: 9 });
    const contacts = (await db.contacts.toArray()).map((c) => c.email).sort();
    expect(contacts).toEqual(['ann@acme.example', 'bo@globex.example', 'cy@uni.example']);
    const touches = await allInteractions(db);
    expect(touches).toHaveLength(9);
    expect(new Set(touches.map((t) => t.direction))).toEqual(new Set(['sent']));
    expect((await getSettings(db)).selfAddresses).toEqual([ME]);
    expect(mboxSummaryText(r.summary)).toContain(
      `${ME} was taken for your address: it wrote 9 of the first 9 messages. If it is not yours, remove it`,
    );
  });

  it('without the guess the same folder made the user a contact (what the guess prevents)', async () => {
    // The first four messages alone are too few to decide: read as before, the user is a correspondent.
    const db = freshDb();
    const r = await importMbox(db, mboxFile(sentFolder(4), 'Sent'), { now: () => T0 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary.owner).toBeUndefined();
    expect((await db.contacts.toArray()).map((c) => c.email)).toEqual([ME]);
    expect(mboxSummaryText(r.summary)).not.toContain('taken for your address');
  });

  it('an address already known as the user\u2019s is not learnt again nor told', async () => {
    const db = freshDb();
    await importMbox(db, mboxFile(sentFolder(6), 'Sent'), { now: () => T0 });
    const again = await importMbox(db, mboxFile(sentFolder(7), 'Sent 2'), { now: () => T0 });
    if (!again.ok) throw new Error(JSON.stringify(again));
    expect(again.summary.owner).toBeUndefined();
    expect(again.summary.newSelf).toEqual([]);
    expect((await db.contacts.toArray()).map((c) => c.email)).not.toContain(ME);
  });

  it('never takes a contact the user has described for the owner (the guess would lose their notes)', async () => {
    const db = freshDb();
    await recordTouches(db, [{ key: 'k1', contact: ME, at: T0 - 400 * DAY, direction: 'received', source: 'gmail' }]);
    await db.contacts.update(ME, { notes: 'Met at the conference' });
    const r = await importMbox(db, mboxFile(sentFolder(9), 'Sent'), { now: () => T0 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary.owner).toBeUndefined();
    expect((await db.contacts.get(ME))?.notes).toBe('Met at the conference');
    expect((await getSettings(db)).selfAddresses).toEqual([]);
  });

  it('names the owner in the summary of the run that finishes, after a stop during the first one', async () => {
    const db = freshDb();
    const text = sentFolder(40);
    const file = mboxFile(text, 'Sent');
    // Stopped as soon as the main pass reads (the owner sample already done): learnt, not yet told.
    const abort = new AbortController();
    let reads = 0;
    const stopping = {
      ...file,
      slice: (a?: number, b?: number) => ({
        arrayBuffer: () => {
          if (++reads > 1) abort.abort();
          return file.slice(a, b).arrayBuffer();
        },
      }),
    };
    const stopped = await importMbox(db, stopping, { now: () => T0, signal: abort.signal, sliceBytes: 4096 });
    expect(stopped).toMatchObject({ ok: false, cancelled: true });
    expect((await getSettings(db)).selfAddresses).toEqual([ME]);
    const again = await importMbox(db, file, { now: () => T0, sliceBytes: 4096 });
    if (!again.ok) throw new Error(JSON.stringify(again));
    expect(again.summary.owner).toMatchObject({ email: ME });
    expect(mboxSummaryText(again.summary)).toContain(`${ME} was taken for your address`);
    // Told once: the next import of the same file says nothing more.
    const third = await importMbox(db, file, { now: () => T0 });
    expect(third.ok && third.summary.owner).toBeFalsy();
  });

  it('reads past the attachments of a Sent folder to tell its owner', async () => {
    const db = freshDb();
    const attachment = `${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo='.repeat((2 * 1024 * 1024) / 36)}\n`;
    const text = Array.from({ length: 6 }, (_, i) =>
      tbMessage({
        from: `Jo Writer <${ME}>`,
        to: FRIENDS[i % FRIENDS.length] as string,
        at: T0 - (10 - i) * DAY,
        extra: ['X-Attachment-Note: the body below stands for a 2 MB base64 attachment'],
      }).replace('Good to see you last week.\n', `Good to see you last week.\n${attachment}`),
    ).join('');
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
    const r = await importMbox(db, mboxFile(text, 'Sent'), { now: () => T0 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary.owner).toMatchObject({ email: ME, sampled: 6 });
    expect((await db.contacts.toArray()).map((c) => c.email)).not.toContain(ME);
  });

  it('a folder of one friend\u2019s mail (both sides) learns nobody: both stay as they were read', async () => {
    const db = freshDb();
    const text = Array.from({ length: 8 }, (_, i) =>
      i % 2
        ? tbMessage({ from: FRIENDS[0] as string, to: `Jo <${ME}>`, at: T0 - (10 - i) * DAY })
        : tbMessage({ from: `Jo <${ME}>`, to: FRIENDS[0] as string, at: T0 - (10 - i) * DAY }),
    ).join('');
    const r = await importMbox(db, mboxFile(text, 'Ann'), { now: () => T0 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary.owner).toBeUndefined();
    expect(r.summary.newSelf).toEqual([]);
    expect((await getSettings(db)).selfAddresses).toEqual([]);
  });
});
