// @vitest-environment happy-dom

import { scanGmailPage } from '../../../lib/capture/gmail-extract';
import { DEFAULT_SETTINGS, Interaction, Thread } from '../../../lib/core/model';
import {
  decimalToHex,
  MASS_RECIPIENTS,
  normalizeGmailCapture,
  openThreadId,
} from '../../../lib/ingest/gmail-normalize';
import type { GmailCapture, GmailMessageRaw } from '../../../lib/ingest/raw';
import { GmailCapture as GmailCaptureSchema } from '../../../lib/ingest/raw';
import { fixtureDoc } from './fixtures';

const ME = 'dana.reyes@example.com';
const now = new Date(2025, 10, 26, 9, 0);
const ctx = { now, settings: DEFAULT_SETTINGS, selfAddresses: [] as string[] };

function capture(file: string, hash: string, batchId = 'b1'): GmailCapture {
  const scan = scanGmailPage(fixtureDoc(file), `https://mail.google.com/mail/u/0/#${hash}`);
  // What the background receives has been through the protocol's schema.
  return GmailCaptureSchema.parse({ ...scan, batchId });
}
const at = (y: number, m: number, d: number, h: number, mi: number) => new Date(y, m - 1, d, h, mi).getTime();
const contacts = (is: { contact: string }[]) => [...new Set(is.map((i) => i.contact))].sort();

describe('normalizeGmailCapture: thread-list rows', () => {
  const inbox = normalizeGmailCapture(capture('inbox.html', 'inbox'), ctx);

  it('one coarse touch per person per row; no self, no robots', () => {
    expect(contacts(inbox.interactions)).toEqual(
      [
        'alice.moreau@northwind.example',
        'bob@okafor.example',
        'chen.wei@lumen.example',
        'marta@lind.example',
        'priyanatarajan@gmail.com',
        'sam.carter@acme.example',
      ].sort(),
    );
    expect(inbox.interactions).toHaveLength(6);
    expect(
      inbox.interactions.every(
        (i) => i.coarse === true && i.direction === 'received' && i.source === 'gmail' && i.account === ME,
      ),
    ).toBe(true);
    expect(inbox.unreadableDates).toBe(0);
    expect(inbox.health).toEqual({ recognised: true, hasContent: true });
    expect(inbox.threads).toEqual([]);
  });

  it('keys a row by account, thread, time and person, with the hex thread id', () => {
    const alice = inbox.interactions.find((i) => i.contact === 'alice.moreau@northwind.example');
    expect(alice).toEqual({
      key: `gmail:row:${ME}:19ab3c4d5e6f8013:${at(2025, 11, 25, 15, 14)}:alice.moreau@northwind.example`,
      contact: 'alice.moreau@northwind.example',
      at: at(2025, 11, 25, 15, 14),
      direction: 'received',
      source: 'gmail',
      account: ME,
      coarse: true,
      threadId: '19ab3c4d5e6f8013',
      subject: 'Lunch next week?',
    });
    expect(inbox.interactions.find((i) => i.contact === 'sam.carter@acme.example')?.at).toBe(at(2014, 12, 18, 12, 35));
  });

  it('gives the same keys for the same rows seen again (another batch, a reload)', () => {
    const again = normalizeGmailCapture(capture('inbox.html', 'inbox', 'b2'), { ...ctx, now: new Date(2025, 10, 27) });
    expect(again.interactions.map((i) => i.key)).toEqual(inbox.interactions.map((i) => i.key));
  });

  it('keeps display names of people only', () => {
    expect(inbox.names).toEqual({
      'alice.moreau@northwind.example': 'Alice Moreau',
      'bob@okafor.example': 'Bob Okafor',
      'chen.wei@lumen.example': 'Chen Wei',
      'priyanatarajan@gmail.com': 'Priya Natarajan',
      'marta@lind.example': 'Marta Lind',
      'sam.carter@acme.example': 'Sam Carter',
    });
  });

  it('in the sent view the people are recipients and the direction is sent', () => {
    const sent = normalizeGmailCapture(capture('sent.html', 'sent'), ctx);
    expect(contacts(sent.interactions)).toEqual([
      'alice.moreau@northwind.example',
      'claire.dubois@seine.example',
      'jonas.berg@fjord.example',
    ]);
    expect(sent.interactions.every((i) => i.direction === 'sent')).toBe(true);
  });

  it('automated senders give nothing; the one person does', () => {
    const auto = normalizeGmailCapture(capture('automated.html', 'category/updates'), ctx);
    expect(contacts(auto.interactions)).toEqual(['lucia.gomez@sol.example']);
    expect(auto.names).toEqual({ 'lucia.gomez@sol.example': 'Lucía Gómez' });
  });

  it.each(['drafts', 'scheduled', 'spam'])('the %s view gives no touches', (view) => {
    const c = { ...capture('inbox.html', 'inbox'), view };
    expect(normalizeGmailCapture(c, ctx).interactions).toEqual([]);
  });

  it.each([
    ['en-US', [at(2025, 11, 25, 15, 14), at(2014, 12, 18, 0, 35), at(2025, 3, 1, 12, 5)]],
    ['en-GB', [at(2025, 8, 20, 13, 19), at(2025, 8, 20, 0, 5), at(2014, 12, 18, 12, 35)]],
    ['de', [at(2025, 8, 20, 13, 19), at(2025, 3, 5, 9, 5), at(2014, 12, 18, 12, 35)]],
    ['fr', [at(2025, 8, 20, 13, 19), at(2025, 2, 3, 8, 0), at(2014, 12, 18, 12, 35)]],
    ['es', [at(2025, 8, 20, 13, 19), at(2025, 8, 20, 13, 19), at(2014, 12, 18, 12, 35)]],
    ['pt', [at(2025, 8, 20, 13, 19), at(2025, 4, 1, 23, 59), at(2014, 12, 18, 12, 35)]],
  ])('reads the %s row dates', (locale, expected) => {
    const n = normalizeGmailCapture(capture(`dates-${locale}.html`, 'inbox'), ctx);
    expect(n.unreadableDates).toBe(0);
    expect(n.interactions.map((i) => i.at)).toEqual(expected);
  });

  it('holds back rows whose date it cannot read, and says so', () => {
    const c = capture('inbox.html', 'inbox');
    const first = c.rows[0];
    if (first) first.dateTitle = 'gestern';
    const n = normalizeGmailCapture(c, ctx);
    expect(n.unreadableDates).toBe(1);
    expect(n.interactions.some((i) => i.contact === 'alice.moreau@northwind.example')).toBe(false);
    expect(n.health.recognised).toBe(true);
    expect(n.health.problem).toMatch(/1 of 7 Gmail date/);

    for (const r of c.rows) r.dateTitle = 'gestern';
    const none = normalizeGmailCapture(c, ctx);
    expect(none.interactions).toEqual([]);
    expect(none.health.recognised).toBe(false);
    expect(none.health.problem).toMatch(/could not be read.*gestern/);
  });

  it('holds back dates far in the future', () => {
    const c = capture('inbox.html', 'inbox');
    const n = normalizeGmailCapture(c, { ...ctx, now: new Date(2025, 0, 1) });
    expect(n.unreadableDates).toBe(6);
  });

  it('files data under u/<n> when the account is unknown, and "me" is still the user', () => {
    const c = { ...capture('inbox.html', 'inbox'), account: '', accountIndex: 1 };
    const n = normalizeGmailCapture(c, ctx);
    expect(n.interactions.every((i) => i.account === 'u/1' && i.key.startsWith('gmail:row:u/1:'))).toBe(true);
    expect(contacts(n.interactions)).not.toContain(ME);
  });

  it('skips rows of threads with more people than the limit', () => {
    const n = normalizeGmailCapture(capture('inbox.html', 'inbox'), {
      ...ctx,
      settings: { ...DEFAULT_SETTINGS, maxThreadPeople: 1 },
    });
    expect(contacts(n.interactions)).not.toContain('bob@okafor.example');
    expect(contacts(n.interactions)).toContain('alice.moreau@northwind.example');
  });
});

describe('normalizeGmailCapture: the opened thread', () => {
  const long = normalizeGmailCapture(capture('thread-long.html', 'inbox/19ab3c4d5e6f9026'), ctx);
  const msgHex = (n: number) => (0x19ab3c4d5e6f9000n + BigInt(n) * 0x2027n).toString(16);

  it('keeps a Thread record with every message, in order', () => {
    expect(long.threads).toHaveLength(1);
    const t = long.threads[0];
    expect(t?.id).toBe(`${ME}/19ab3c4d5e6f9026`);
    expect(t?.threadId).toBe('19ab3c4d5e6f9026');
    expect(t?.subject).toBe('Q4 budget review');
    expect(t?.people.sort()).toEqual([
      'alice.moreau@northwind.example',
      'bob@okafor.example',
      'chen.wei@lumen.example',
    ]);
    expect(t?.messages).toHaveLength(13);
    expect(t?.messages.map((m) => m.direction)).toEqual([
      'received',
      'sent',
      'received',
      'received',
      'sent',
      'received',
      'received',
      'received',
      'received',
      'received',
      'sent',
      'received',
      'sent',
    ]);
    expect(t?.messages[10]).toEqual({
      id: msgHex(110),
      at: at(2025, 11, 20, 10, 5),
      from: ME,
      direction: 'sent',
      asks: false,
      to: ['bob@okafor.example', 'alice.moreau@northwind.example'],
    });
    expect(t?.lastAt).toBe(at(2025, 11, 25, 17, 2));
  });

  it('one touch per received message (the sender) and per recipient of a sent one', () => {
    const byKey = new Map(long.interactions.map((i) => [i.key, i]));
    expect(byKey.get(`gmail:msg:${ME}:${msgHex(100)}:alice.moreau@northwind.example`)).toMatchObject({
      at: at(2025, 11, 3, 9, 10),
      direction: 'received',
      messageId: msgHex(100),
      threadId: '19ab3c4d5e6f9026',
    });
    expect(byKey.get(`gmail:msg:${ME}:${msgHex(110)}:bob@okafor.example`)).toMatchObject({ direction: 'sent' });
    expect(byKey.get(`gmail:msg:${ME}:${msgHex(110)}:alice.moreau@northwind.example`)).toMatchObject({
      direction: 'sent',
    });
    expect(byKey.get(`gmail:msg:${ME}:${msgHex(111)}:chen.wei@lumen.example`)).toMatchObject({
      at: at(2025, 11, 25, 9, 2),
      direction: 'received',
    });
    // 9 received messages + 2 recipients of message 110 + 2 of the reply just sent; collapsed sent messages show no recipients.
    expect(long.interactions).toHaveLength(13);
    expect(long.interactions.filter((i) => !i.coarse).every((i) => i.key.startsWith('gmail:msg:'))).toBe(true);
  });

  it('a reply just sent (no legacy id) is a coarse touch of its thread, to be replaced by the message-level one', () => {
    const just = long.interactions.filter((i) => i.at === at(2025, 11, 25, 17, 2));
    expect(just.map((i) => i.key).sort()).toEqual([
      `gmail:row:${ME}:19ab3c4d5e6f9026:${at(2025, 11, 25, 17, 2)}:alice.moreau@northwind.example`,
      `gmail:row:${ME}:19ab3c4d5e6f9026:${at(2025, 11, 25, 17, 2)}:bob@okafor.example`,
    ]);
    expect(just.every((i) => i.coarse && i.direction === 'sent' && i.threadId === '19ab3c4d5e6f9026')).toBe(true);
  });

  it('gives one key to a message seen with and without its legacy id', () => {
    const c = capture('thread-long.html', 'inbox/19ab3c4d5e6f9026');
    const withLegacy = normalizeGmailCapture(c, ctx)
      .interactions.map((i) => i.key)
      .sort();
    for (const m of c.thread?.messages ?? []) delete (m as GmailMessageRaw).legacyMessageId;
    const without = normalizeGmailCapture(c, ctx)
      .interactions.map((i) => i.key)
      .sort();
    expect(without).toEqual(withLegacy);
  });

  it('row touches and message touches of one thread carry the same thread id', () => {
    const row = normalizeGmailCapture(capture('inbox.html', 'inbox'), ctx).interactions.find(
      (i) => i.contact === 'bob@okafor.example',
    );
    expect(row?.threadId).toBe(long.threads[0]?.threadId);
    expect(row?.coarse).toBe(true);
  });

  it("hands over the user's own bodies for promise detection", () => {
    expect(long.ownMessages).toEqual([
      {
        threadKey: `${ME}/19ab3c4d5e6f9026`,
        messageId: msgHex(110),
        at: at(2025, 11, 20, 10, 5),
        body: "Thanks Bob. I'll send you the revised budget by Friday.\nDoes that work for you?",
        to: ['bob@okafor.example', 'alice.moreau@northwind.example'],
      },
      {
        threadKey: `${ME}/19ab3c4d5e6f9026`,
        messageId: 'msg-a:r-4812309457712883420',
        at: at(2025, 11, 25, 17, 2),
        body: 'Sent! Let me know what you think.',
        to: ['bob@okafor.example', 'alice.moreau@northwind.example'],
      },
    ]);
  });

  it('a received message touches only its sender, not the other recipients; a sent one touches To and Cc', () => {
    const cc = normalizeGmailCapture(capture('thread-cc.html', 'inbox/19ab3c4d5e6fc05f'), ctx);
    const received = cc.interactions.filter((i) => i.direction === 'received');
    expect(contacts(received)).toEqual(['marta@lind.example']);
    const sent = cc.interactions.filter((i) => i.direction === 'sent');
    expect(contacts(sent)).toEqual([
      'bob@okafor.example',
      'chen.wei@lumen.example',
      'marta@lind.example',
      'sam.carter@acme.example',
    ]);
    expect(sent.some((i) => i.mass)).toBe(false);
    expect(cc.threads[0]?.messages[0]?.to.sort()).toEqual(
      [ME, 'bob@okafor.example', 'chen.wei@lumen.example', 'sam.carter@acme.example'].sort(),
    );
  });

  it('a thread with more than 20 people gives no touches, but is kept', () => {
    const group = normalizeGmailCapture(capture('thread-group.html', 'inbox/x'), ctx);
    expect(group.interactions).toEqual([]);
    expect(group.threads[0]?.people).toHaveLength(24);
    expect(group.threads[0]?.messages).toHaveLength(3);
  });

  it(`marks one-way mail to more than ${MASS_RECIPIENTS} people as mass`, () => {
    const c = capture('thread-group.html', 'inbox/x');
    const settings = { ...DEFAULT_SETTINGS, maxThreadPeople: 100 };
    const msgs = c.thread?.messages ?? [];
    const mine = msgs[2];
    if (!c.thread || !mine) throw new Error('fixture');
    c.thread.messages = [mine];
    const oneWay = normalizeGmailCapture(c, { ...ctx, settings });
    expect(oneWay.interactions).toHaveLength(24);
    expect(oneWay.interactions.every((i) => i.mass === true && i.direction === 'sent')).toBe(true);
    // Once someone on it writes back, it is a conversation.
    c.thread.messages = msgs;
    const conversation = normalizeGmailCapture(c, { ...ctx, settings });
    expect(conversation.interactions.some((i) => i.mass)).toBe(false);
  });

  it('every record satisfies the store schemas', () => {
    for (const [file, hash] of [
      ['inbox.html', 'inbox'],
      ['sent.html', 'sent'],
      ['thread-long.html', 'inbox/19ab3c4d5e6f9026'],
      ['thread-cc.html', 'inbox/y'],
      ['split-pane.html', 'inbox/z'],
    ] as const) {
      const n = normalizeGmailCapture(capture(file, hash), ctx);
      for (const i of n.interactions) expect(Interaction.parse(i)).toEqual(i);
      for (const t of n.threads) expect(() => Thread.parse(t)).not.toThrow();
    }
  });
});

describe('ids', () => {
  it.each([
    ['1602441164947422913', '163d03bfda277ec1'],
    ['1849638374960234515', '19ab3c4d5e6f8013'],
    [undefined, null],
    ['msg-a:r-123', null],
    ['12ab', null],
  ])('decimalToHex(%s) = %s', (dec, hex) => {
    expect(decimalToHex(dec)).toBe(hex);
  });

  it.each([
    [{ legacyThreadId: '19AB3C4D5E6F8013', subject: '' }, '19ab3c4d5e6f8013'],
    [{ permId: 'thread-f:1602441164947422913', subject: '' }, '163d03bfda277ec1'],
    [{ legacyThreadId: 'FMfcgzQbfx', permId: 'thread-a:r-777', subject: '' }, 'FMfcgzQbfx'],
    [{ subject: 'Hello' }, 's-f55c314b'],
  ])('openThreadId(%j) = %s', (t, id) => {
    expect(openThreadId(t)).toBe(id);
  });
});
