/**
 * Takeout mailboxes from accounts in other display languages: Gmail writes its system labels in that language
 * (X-Gmail-Labels, non-ASCII ones as RFC 2047 encoded words, sometimes the whole header as one word). Drafts
 * and Trash are skipped, Sent is the user's (a sent touch, its From learnt, its promises read), and a mailbox
 * whose labels Tend does not know says so in its summary.
 */
import { importMbox, mboxSummaryText } from '@/lib/ingest/mbox-import';
import { allInteractions } from '@/lib/store/interactions';
import { getSettings, updateSettings } from '@/lib/store/settings';
import { readThread } from '@/lib/store/threads';
import { ME, type MsgSpec, mailDate, mbox, mboxFile } from '@/tests/support/mbox';
import { DAY, freshDb, T0 } from '../store/helpers';

const now = () => T0;
const ALIAS = 'me.work@example.org';
const THREAD = 1_784_565_224_000_000_000n;

interface Labels {
  inbox: string;
  sent: string;
  drafts: string;
  trash: string;
}

/** One of each, labelled as a Takeout in the account's language writes them. */
function takeout(l: Labels): MsgSpec[] {
  return [
    {
      id: 101n,
      thread: THREAD,
      labels: l.inbox,
      from: 'Ann Ray <ann@example.net>',
      to: ME,
      date: mailDate(T0 - 3 * DAY),
      subject: 'Contract',
    },
    // The user's reply from another of their addresses: only its label says it is theirs.
    {
      id: 102n,
      thread: THREAD,
      labels: l.sent,
      deliveredTo: null,
      from: `Me <${ALIAS}>`,
      to: 'Ann Ray <ann@example.net>',
      date: mailDate(T0 - 2 * DAY),
      subject: 'Re: Contract',
      body: 'Hi Ann,\n\nCould you check the dates? I will send you the signed contract by Friday.\n',
    },
    // A draft to Bo, from the user's known address: never a sent touch.
    {
      id: 103n,
      thread: THREAD + 1n,
      labels: l.drafts,
      deliveredTo: null,
      from: `Me <${ME}>`,
      to: 'Bo <bo@example.net>',
      date: mailDate(T0 - DAY),
      body: 'I will call you tomorrow.',
    },
    // Cy's message, thrown away: no touch.
    { id: 104n, thread: THREAD + 2n, labels: l.trash, from: 'Cy <cy@example.net>', to: ME, date: mailDate(T0 - DAY) },
  ];
}

describe('importMbox: Takeout labels in the account’s language', { timeout: 60_000 }, () => {
  it.each<[string, Labels]>([
    [
      'German',
      { inbox: 'Posteingang,Wichtig', sent: 'Gesendet', drafts: '=?UTF-8?Q?Entw=C3=BCrfe?=', trash: 'Papierkorb' },
    ],
    [
      'French, each label an encoded word',
      {
        inbox: '=?UTF-8?Q?Bo=C3=AEte_de_r=C3=A9ception?=,Non lus',
        sent: '=?UTF-8?Q?Envoy=C3=A9?=',
        drafts: 'Brouillons',
        trash: 'Corbeille',
      },
    ],
    [
      'French, the whole header one encoded word',
      {
        inbox: '=?UTF-8?Q?Bo=C3=AEte_de_r=C3=A9ception,Non_lus?=',
        sent: '=?UTF-8?Q?Archiv=C3=A9s,Envoy=C3=A9?=',
        drafts: '=?UTF-8?Q?Brouillons?=',
        trash: '=?UTF-8?Q?Corbeille,Archiv=C3=A9s?=',
      },
    ],
    [
      'Czech',
      {
        inbox: '=?UTF-8?Q?Doru=C4=8Den=C3=A9,Nep=C5=99e=C4=8Dten=C3=A9?=',
        sent: '=?UTF-8?Q?Odesl=C3=A1no?=',
        drafts: 'Koncepty',
        trash: '=?UTF-8?Q?Ko=C5=A1?=',
      },
    ],
  ])('%s: drafts and trash skipped, Sent the user’s, its promise read and its From learnt', async (_lang, labels) => {
    const db = freshDb();
    const r = await importMbox(db, mboxFile(mbox(takeout(labels))), { now });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary.skipped).toEqual({ label: 2, robot: 0, 'not-personal': 0, 'no-date': 0, 'no-sender': 0 });
    const touches = (await allInteractions(db)).map((i) => `${i.contact} ${i.direction}`).sort();
    expect(touches).toEqual(['ann@example.net received', 'ann@example.net sent']);
    expect((await db.contacts.toArray()).map((c) => c.email)).toEqual(['ann@example.net']);
    expect((await db.promises.toArray()).map((p) => p.text)).toEqual([
      'I will send you the signed contract by Friday.',
    ]);
    const thread = await readThread(db, `${ME}/${THREAD.toString(16)}`);
    expect(thread?.messages.map((m) => [m.direction, m.asks])).toEqual([
      ['received', false],
      ['sent', true],
    ]);
    expect((await getSettings(db)).selfAddresses.sort()).toEqual([ALIAS, ME].sort());
    expect(r.summary.newSelf.sort()).toEqual([ALIAS, ME].sort());
    expect(r.summary.gmailLabels).toEqual({ labelled: 4, known: 2 });
    expect(mboxSummaryText(r.summary)).not.toContain('labels');
  });
});

describe('importMbox: labels Tend does not know', { timeout: 60_000 }, () => {
  // A display language with no entry in the table (invented names): nothing is Sent or Inbox to Tend.
  const unknown: Labels = { inbox: 'Ricevitaj', sent: 'Senditaj', drafts: 'Malnetoj', trash: 'Rubujo' };

  it('says plainly that the labels were not recognised, and decides "mine" from the addresses alone', async () => {
    const db = freshDb();
    const r = await importMbox(db, mboxFile(mbox(takeout(unknown))), { now });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary.gmailLabels).toEqual({ labelled: 4, known: 0 });
    expect(mboxSummaryText(r.summary)).toBe(
      "Imported 4 messages: 4 people, 1 promise; skipped 0 chat, spam and robot messages, 0 without a date. Gmail's labels in this file were not recognised (no Sent or Inbox in a language Tend knows): what you sent was told from your addresses alone, and drafts, spam and trash could not be left out.",
    );
    // Nothing says the alias is the user's: the reply is a received touch from it. The draft, from the user's
    // known address, is a sent touch and, by the same rule, its text was read: "mine" is one decision.
    const touches = (await allInteractions(db)).map((i) => `${i.contact} ${i.direction}`).sort();
    expect(touches).toEqual([
      'ann@example.net received',
      'bo@example.net sent',
      'cy@example.net received',
      `${ALIAS} received`,
    ]);
    expect((await db.promises.toArray()).map((p) => [p.contacts, p.text])).toEqual([
      [['bo@example.net'], 'I will call you tomorrow.'],
    ]);
  });

  it('says nothing of labels for a mailbox without them (another program’s mbox)', async () => {
    const db = freshDb();
    const plain = takeout(unknown).map((m) => ({ ...m, labels: '' }));
    const r = await importMbox(db, mboxFile(mbox(plain)), { now });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.summary.gmailLabels).toEqual({ labelled: 0, known: 0 });
    expect(mboxSummaryText(r.summary)).not.toContain('labels');
  });

  it('a message of the user’s without a Sent label is sent, and its text read: the two decisions agree', async () => {
    const db = freshDb();
    const specs: MsgSpec[] = [
      {
        id: 201n,
        thread: THREAD,
        labels: 'Inbox',
        deliveredTo: null,
        from: `Me <${ME}>`,
        to: 'Ann Ray <ann@example.net>',
        date: mailDate(T0 - DAY),
        body: 'Ann, I will send you the slides on Monday.',
      },
    ];
    await updateSettings(db, (s) => ({ ...s, selfAddresses: [ME] }));
    const r = await importMbox(db, mboxFile(mbox(specs)), { now });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect((await allInteractions(db)).map((i) => `${i.contact} ${i.direction}`)).toEqual(['ann@example.net sent']);
    expect((await db.promises.toArray()).map((p) => p.text)).toEqual(['Ann, I will send you the slides on Monday.']);
  });
});
