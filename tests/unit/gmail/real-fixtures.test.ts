// @vitest-environment happy-dom
/**
 * Real Gmail markup (2014-2015, from InboxSDK's tests; provenance in ../shared/fixtures/real/README.txt).
 * These rows predate data-thread-id, so rows are read by people, date and subject.
 */

import { parseThreadList } from '../../../lib/capture/gmail-extract';
import { DEFAULT_SETTINGS } from '../../../lib/core/model';
import { parseGmailDate } from '../../../lib/ingest/gmail-dates';
import { normalizeGmailCapture } from '../../../lib/ingest/gmail-normalize';
import { readReal, realDoc, toDocument } from './fixtures';

const rowDoc = (file: string) => toDocument(`<body>${readReal(file)}</body>`);

describe('InboxSDK thread-row snapshots', () => {
  // The values InboxSDK's own test expects (README.txt, item 3).
  it.each([
    [
      'gmail-horizontal-row_2014-12-04_threadrow_inboxsdk.html',
      'Thu, Dec 4, 2014 at 2:02 PM',
      'test merge again',
      [{ email: 'cowan@streak.com', name: 'me' }],
    ],
    [
      'gmail-vertical-split-row_2014-12-04_threadrow_inboxsdk.html',
      'Thu, Dec 4, 2014 at 2:02 PM',
      'test merge again',
      [{ email: 'cowan@streak.com', name: 'me' }],
    ],
    [
      'gmail-vertical-split-row-no-snippet_2015-01-05_threadrow_inboxsdk.html',
      'Mon, Jan 5, 2015 at 11:02 AM',
      'lordprogrammer finished a deploy (fed8a27)',
      [{ email: 'notifications@mailfoogae.appspotmail.com', name: 'Streak Bot' }],
    ],
  ])('%s', (file, dateTitle, subject, people) => {
    const { rows, health } = parseThreadList(rowDoc(file));
    expect(health.recognised).toBe(true);
    expect(rows).toEqual([{ subject, people, dateTitle, unread: false }]);
    expect(parseGmailDate(dateTitle, { now: new Date(2015, 5, 1) })).not.toBeNull();
  });

  it('the split rows give nothing for a user whose own name is "me", and the bot is a robot', () => {
    const base = { batchId: 'b', accountIndex: 0, view: 'inbox', health: { recognised: true, hasContent: true } };
    const ctx = { now: new Date(2015, 5, 1), settings: DEFAULT_SETTINGS, selfAddresses: [] };
    const own = parseThreadList(rowDoc('gmail-vertical-split-row_2014-12-04_threadrow_inboxsdk.html')).rows;
    expect(normalizeGmailCapture({ ...base, account: 'cowan@streak.com', rows: own }, ctx).interactions).toEqual([]);
    const bot = parseThreadList(rowDoc('gmail-vertical-split-row-no-snippet_2015-01-05_threadrow_inboxsdk.html')).rows;
    expect(normalizeGmailCapture({ ...base, account: 'cowan@streak.com', rows: bot }, ctx).interactions).toEqual([]);
  });
});

/** Gmail's own list data embedded in the page (VIEW_DATA "tb" entries): thread id, sender addresses, date title. */
function viewData(html: string): { id: string; emails: string[]; dateTitle: string }[] {
  const script = html.slice(0, html.indexOf('</script>', html.indexOf('VIEW_DATA')));
  const str = '"((?:[^"\\\\]|\\\\.)*)"';
  const entry = new RegExp(
    `\\["([0-9a-f]{16})","[0-9a-f]{16}","[0-9a-f]{16}",\\d+,\\d+,\\[[^\\]]*\\]\\s*,\\[[^\\]]*\\]\\s*,${str},${str},${str},${str},\\d+,${str},${str},${str},${str}`,
    'g',
  );
  return [...script.matchAll(entry)].map((m) => ({
    id: m[1] ?? '',
    emails: [...(m[2] ?? '').matchAll(/email\\u003d\\"([^\\]+)\\"/g)].map((e) => e[1] ?? ''),
    dateTitle: m[9] ?? '',
  }));
}

describe('InboxSDK full inbox page (Dec 2014)', () => {
  const file = 'gmail-2014-12_inbox-threadlist_inboxsdk.html';
  const doc = realDoc(file);
  const { rows, health } = parseThreadList(doc);
  const data = viewData(readReal(file));

  it('has the 16 rows the README describes, one of them a duplicate InboxSDK added', () => {
    expect(doc.querySelectorAll('tr.zA')).toHaveLength(16);
    expect(doc.querySelectorAll('tr.zA.zE')).toHaveLength(13);
    expect(health).toEqual({ recognised: true, hasContent: true });
  });

  it("matches Gmail's own data for the 15 threads shown, row by row", () => {
    expect(data.length).toBeGreaterThan(15);
    const shown = data.slice(0, 15);
    // Two threads ("aaa", from me, same minute) are indistinguishable without ids and are read as one touch;
    // the duplicated row ":42-dup" is read once.
    const distinct = shown.filter(
      (d, i) => shown.findIndex((o) => o.dateTitle === d.dateTitle && o.emails.join() === d.emails.join()) === i,
    );
    expect(rows).toHaveLength(distinct.length);
    expect(rows).toHaveLength(14);
    rows.forEach((row, i) => {
      const d = distinct[i];
      expect(row.people.map((p) => p.email)).toEqual(d?.emails);
      // InboxSDK hand-edited one VIEW_DATA date to "EDITED..."; the DOM keeps the real one.
      if (d?.dateTitle.startsWith('EDITED')) expect(row.dateTitle).toBe('Tue, Dec 2, 2014 at 10:59 AM');
      else expect(row.dateTitle).toBe(d?.dateTitle);
    });
  });

  it('reads every row date, and subjects from the older markup', () => {
    const now = new Date(2015, 0, 1);
    for (const r of rows) expect(parseGmailDate(r.dateTitle, { now }), r.dateTitle).not.toBeNull();
    expect(rows[0]).toMatchObject({
      subject: 'aaa',
      unread: true,
      people: [{ email: 'streak.web.test.1@gmail.com', name: 'me' }],
    });
    expect(rows[2]?.subject).toBe('Newsletter: Loads of Launches, Smarter SIP Trunking, and More');
    expect(rows.at(-1)).toMatchObject({
      subject: '123131',
      unread: false,
      people: [{ email: 'cowan@streak.com', name: 'Chris Cowan' }],
    });
    expect(parseGmailDate('Thu, Dec 18, 2014 at 12:35 PM', { now })).toEqual(new Date(2014, 11, 18, 12, 35));
  });

  it('as the Streak test account, only Chris Cowan is a person; the robots and newsletters are not', () => {
    // Two rules beyond today's defaults (asked of lib/core/model.ts): numbered no-reply senders and help desks.
    const settings = { ...DEFAULT_SETTINGS, robotRules: [...DEFAULT_SETTINGS.robotRules, 'noreply-*@*', 'help@*'] };
    const capture = {
      batchId: 'b',
      account: 'streak.web.test.1@gmail.com',
      accountIndex: 0,
      view: 'inbox',
      rows,
      health,
    };
    const n = normalizeGmailCapture(capture, { now: new Date(2015, 0, 1), settings, selfAddresses: [] });
    expect([...new Set(n.interactions.map((i) => i.contact))]).toEqual(['cowan@streak.com']);
    expect(n.names).toEqual({ 'cowan@streak.com': 'Chris Cowan' });
    expect(n.unreadableDates).toBe(0);
    expect(n.interactions.every((i) => i.coarse && i.direction === 'received' && i.threadId === undefined)).toBe(true);
  });
});
