// @vitest-environment happy-dom
/**
 * Gmail captures into the store (lib/ingest/ingest.ts): a list row and the opened thread reconcile whichever comes first,
 * for every person in the thread, and seeing the same pages again adds nothing.
 */

import { randomUUID } from 'node:crypto';
import { readHistory } from '@/lib/store/histories';
import { scanGmailPage } from '../../../lib/capture/gmail-extract';
import type { Interaction } from '../../../lib/core/model';
import { THREAD_WINDOW_MS } from '../../../lib/engine/followups';
import { ingestGmail } from '../../../lib/ingest/ingest';
import type { GmailCapture } from '../../../lib/ingest/raw';
import { TendDB } from '../../../lib/store/db';
import { allInteractions } from '../../../lib/store/interactions';
import { type TabView, tabKey } from '../../../lib/store/tab-view';
import { THREAD_PACKS } from '../../../lib/store/threads';
import { fixtureDoc } from './fixtures';

const ME = 'dana.reyes@example.com';
const NOW = Date.UTC(2026, 0, 15, 12);
const THREAD = '19ab3c4d5e6f9026';
/** Nov 25, 2025, 9:02 AM in the test time zone (the inbox row of "Q4 budget review"). */
const ROW_AT = new Date(2025, 10, 25, 9, 2).getTime();

let n = 0;
function freshDb(): TendDB {
  n += 1;
  return new TendDB(`tend-ingest-${n}-${randomUUID()}`);
}

function capture(file: string, hash: string): GmailCapture {
  return { batchId: randomUUID(), ...scanGmailPage(fixtureDoc(file), `https://mail.google.com/mail/u/0/#${hash}`) };
}

const inbox = () => capture('inbox.html', 'inbox');
const thread = () => capture('thread-long.html', `inbox/${THREAD}`);

function ofThread(all: Interaction[]): Interaction[] {
  return all.filter((i) => i.threadId === THREAD);
}

describe('ingestGmail: rows and opened threads reconcile', () => {
  it.each([
    ['inbox, then the thread', [inbox, thread]],
    ['the thread, then the inbox', [thread, inbox]],
  ])('%s: the row touch gives way to the messages, for every person in the thread', async (_, order) => {
    const db = freshDb();
    for (const c of order) await ingestGmail(db, c(), NOW);
    const touches = ofThread(await allInteractions(db));
    // The row said "Bob, me, Chen: moved at 9:02 AM"; the thread says the 9:02 message was Chen's.
    expect(touches.filter((i) => i.at === ROW_AT).map((i) => [i.contact, i.direction, !!i.coarse])).toEqual([
      ['chen.wei@lumen.example', 'received', false],
    ]);
    expect(touches.filter((i) => i.coarse).map((i) => i.contact)).toEqual([
      // The reply just sent has no Gmail id yet: a coarse touch after everything known, kept.
      'alice.moreau@northwind.example',
      'bob@okafor.example',
    ]);
    const bob = await db.contacts.get('bob@okafor.example');
    expect(bob?.summary.count).toBe(touches.filter((i) => i.contact === 'bob@okafor.example').length);
  });

  it('rows of recent mail read no old pack (only old rows do); an old row is still explained by a thread in its old pack', async () => {
    const recent = freshDb();
    await ingestGmail(recent, thread(), NOW);
    const reads = vi.spyOn(recent.threadPacks, 'bulkGet');
    await ingestGmail(recent, inbox(), NOW);
    // Old packs are read only for rows older than the window (the inbox fixture has a few).
    const oldPacksRead = new Set(reads.mock.calls.flatMap((c) => c[0] as number[]).filter((p) => p >= THREAD_PACKS));
    const rows = (await allInteractions(recent)).filter((i) => i.coarse && i.threadId !== THREAD);
    const oldRows = new Set(rows.filter((i) => i.at - 60_000 <= NOW - THREAD_WINDOW_MS).map((i) => i.threadId));
    const recentRows = new Set(rows.filter((i) => i.at - 60_000 > NOW - THREAD_WINDOW_MS).map((i) => i.threadId));
    expect(recentRows.size).toBeGreaterThanOrEqual(3);
    expect(oldPacksRead.size).toBeLessThanOrEqual(oldRows.size);

    // Seen again half a year later: the thread, written then, goes to its old pack; the inbox rows are old too.
    const later = NOW + 200 * 86_400_000;
    const db = freshDb();
    await ingestGmail(db, thread(), later);
    expect(await db.threadPacks.where('pack').aboveOrEqual(THREAD_PACKS).count()).toBe(1);
    await ingestGmail(db, inbox(), later);
    const touches = ofThread(await allInteractions(db));
    expect(touches.filter((i) => i.at === ROW_AT).map((i) => [i.contact, i.direction, !!i.coarse])).toEqual([
      ['chen.wei@lumen.example', 'received', false],
    ]);
  });

  it('seeing the same pages again adds nothing', async () => {
    const db = freshDb();
    for (const c of [inbox, thread, inbox, thread]) await ingestGmail(db, c(), NOW);
    const before = (await allInteractions(db)).map((i) => i.key).sort();
    const again = await ingestGmail(db, inbox(), NOW);
    expect(again.stored).toBe(0);
    expect((await allInteractions(db)).map((i) => i.key).sort()).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
  });

  it('a row that moved after the known messages stays', async () => {
    const db = freshDb();
    await ingestGmail(db, thread(), NOW);
    const later = inbox();
    const row = later.rows.find((r) => r.legacyThreadId === THREAD);
    if (row) row.dateTitle = 'Wed, Nov 26, 2025, 8:00\u202fAM';
    await ingestGmail(db, later, NOW);
    const coarse = ofThread(await allInteractions(db)).filter((i) => i.coarse && i.direction === 'received');
    expect(coarse.map((i) => i.contact).sort()).toEqual(['bob@okafor.example', 'chen.wei@lumen.example']);
  });

  it('reports the opened thread for the sidebar, and none for a list', async () => {
    const db = freshDb();
    expect((await ingestGmail(db, thread(), NOW)).threadKey).toBe(`${ME}/${THREAD}`);
    expect((await ingestGmail(db, inbox(), NOW)).threadKey).toBeUndefined();
  });
});

describe('ingestGmail: a group thread seen first as a list row', () => {
  const people = Array.from({ length: 24 }, (_, i) => ({ email: `p${i}@group.example`, name: `P ${i}` }));
  const title = 'Tue, Nov 25, 2025, 9:02\u202fAM';
  const row = (): GmailCapture => ({
    batchId: randomUUID(),
    account: ME,
    accountIndex: 0,
    view: 'inbox',
    // A list row shows only a few names: Tend cannot tell it is a big thread yet.
    rows: [
      {
        legacyThreadId: '19ab3c4d5e6fa010',
        subject: 'All hands',
        people: people.slice(0, 2),
        dateTitle: title,
        unread: false,
      },
    ],
    health: { recognised: true, hasContent: true },
  });
  const opened = (): GmailCapture => ({
    batchId: randomUUID(),
    account: ME,
    accountIndex: 0,
    view: 'inbox',
    rows: [],
    thread: {
      legacyThreadId: '19ab3c4d5e6fa010',
      subject: 'All hands',
      messages: [
        {
          legacyMessageId: '19ab3c4d5e6fa011',
          from: people[0]!,
          to: [{ email: ME, name: 'Dana' }, ...people.slice(1)],
          cc: [],
          dateTitle: title,
          expanded: true,
        },
      ],
    },
    health: { recognised: true, hasContent: true },
  });

  it('once opened (over 20 people: not personal), leaves no contact behind, unless the user wrote about them', async () => {
    const db = freshDb();
    await ingestGmail(db, row(), NOW);
    expect((await db.contacts.toArray()).map((c) => c.email).sort()).toEqual(['p0@group.example', 'p1@group.example']);
    await db.contacts.update('p1@group.example', { notes: 'Met at the offsite' });
    // p2, seen in another capture of the row: an address the user merged into them is something written about them too.
    await ingestGmail(db, { ...row(), rows: [{ ...row().rows[0]!, people: people.slice(2, 3) }] }, NOW);
    await db.contacts.update('p2@group.example', { aliases: ['p2.home@else.example'] });
    await ingestGmail(db, opened(), NOW);
    expect((await db.contacts.toArray()).map((c) => c.email).sort()).toEqual(['p1@group.example', 'p2@group.example']);
    expect(await readHistory(db, 'p0@group.example')).toBeUndefined();
    expect((await db.contacts.get('p1@group.example'))?.summary.count).toBe(0);
  });
});

describe('ingestGmail from a tab: what the tab shows, kept for the sidebar', () => {
  it('is kept in the same transaction as the capture: the open thread and its people, a list clearing it', async () => {
    const db = freshDb();
    const tab = { tabId: 7, url: `https://mail.google.com/mail/u/0/#inbox/${THREAD}` };
    const r = await ingestGmail(db, thread(), NOW, tab);
    const view = (await db.kv.get(tabKey(7)))?.value as TabView;
    expect(view).toMatchObject({ url: tab.url, account: r.account, at: NOW });
    expect(view.threadKey).toBe(r.threadKey);
    expect(view.people).toContain('chen.wei@lumen.example');
    await ingestGmail(db, inbox(), NOW + 1, { tabId: 7, url: 'https://mail.google.com/mail/u/0/#inbox' });
    expect((await db.kv.get(tabKey(7)))?.value).toMatchObject({ threadKey: undefined, at: NOW + 1 });
    // Without a tab (a catch-up walk), no tab is written.
    await ingestGmail(db, inbox(), NOW + 2);
    expect(await db.kv.where('key').startsWith('tab:').count()).toBe(1);
  });

  it('on a full disk, neither the capture nor the tab view is written', async () => {
    const db = freshDb();
    db.estimateRoom = async () => ({ usage: 1_000_000, quota: 2_000_000 });
    await expect(ingestGmail(db, thread(), NOW, { tabId: 7, url: 'https://mail.google.com/' })).rejects.toMatchObject({
      reason: 'disk-full',
    });
    expect(await db.kv.get(tabKey(7))).toBeUndefined();
    expect(await db.contacts.count()).toBe(0);
  });
});
