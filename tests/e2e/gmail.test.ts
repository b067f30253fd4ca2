/**
 * A Gmail browse session in the built extension, over the fixtures served at Gmail's real address: the inbox,
 * a thread opened in-app (hash change and a DOM swap, no reload, as Gmail does), back to the inbox, the updates
 * category (robots), a group thread, the sent view, then a reload. The export must then hold exactly the
 * contacts and touches a person would list from those pages: each message once, no self, no robots, nobody
 * from the 25-person thread. Also: the tab's view follows the thread open in it, nothing leaves the machine,
 * and a page of an unknown shape shows as "not recognised" in the popup.
 */
import type { Page } from 'playwright-core';
import { fixture, launchTend, leakedRequests, readKv, type Tend, tabIds, until } from './harness';

const TZ = 'America/New_York';
const ME = 'dana.reyes@example.com';
const GMAIL = 'https://mail.google.com/mail/u/0/';
const LONG_THREAD = '19ab3c4d5e6f9026';
const GROUP_THREAD = '19ab3c4d5e71523a';

let tend: Tend;
/** The page a (re)load of any Gmail address gets: the view the tab shows at that moment. */
let served = fixture('gmail/inbox.html');

beforeAll(async () => {
  tend = await launchTend({ timezoneId: TZ });
  await tend.serve('https://mail.google.com/**', () => served);
});

afterAll(async () => {
  await tend?.close();
});

type Backup = {
  contacts: { email: string; name: string }[];
  interactions: { contact: string; at: string; direction: string; source: string; key: string }[];
};
type TabView = { url: string; account: string; threadKey?: string; people?: string[]; at: number };

async function exported(): Promise<Backup> {
  const r = await tend.send({ type: 'export' });
  expect(r.ok).toBe(true);
  return r.backup;
}

/** Gmail's in-app navigation: the view's DOM replaces the old one and the hash changes; the page never reloads. */
async function goInApp(page: Page, hash: string, file: string): Promise<void> {
  const html = fixture(`gmail/${file}`);
  served = html;
  await page.evaluate(
    ({ html, hash }) => {
      const next = new DOMParser().parseFromString(html, 'text/html');
      document.title = next.title;
      document.body.replaceChildren(...Array.from(next.body.childNodes).map((n) => document.adoptNode(n)));
      location.hash = hash;
    },
    { html, hash },
  );
}

/** A New York wall time in November/December (EST, UTC-5) as the ISO instant the export writes. */
function est(y: number, mo: number, d: number, h: number, mi: number): string {
  return new Date(Date.UTC(y, mo - 1, d, h + 5, mi)).toISOString();
}

const line = (contact: string, at: string, direction: string) => `${contact} | ${at} | ${direction}`;

/** What a person reading these pages would list: one line per touch. */
const EXPECTED = [
  // Inbox rows (threads not opened): when each last moved, with whom.
  line('alice.moreau@northwind.example', est(2025, 11, 25, 15, 14), 'received'),
  line('priyanatarajan@gmail.com', est(2025, 11, 24, 18, 47), 'received'),
  line('marta@lind.example', est(2025, 11, 21, 11, 30), 'received'),
  line('sam.carter@acme.example', est(2014, 12, 18, 12, 35), 'received'),
  // "Q4 budget review", opened: every message with a Gmail id; its inbox row (Bob, me, Chen at 9:02) is Chen's message.
  line('alice.moreau@northwind.example', est(2025, 11, 3, 9, 10), 'received'),
  line('bob@okafor.example', est(2025, 11, 5, 9, 12), 'received'),
  line('alice.moreau@northwind.example', est(2025, 11, 6, 9, 13), 'received'),
  line('bob@okafor.example', est(2025, 11, 8, 9, 15), 'received'),
  line('alice.moreau@northwind.example', est(2025, 11, 9, 9, 16), 'received'),
  line('bob@okafor.example', est(2025, 11, 10, 9, 17), 'received'),
  line('alice.moreau@northwind.example', est(2025, 11, 11, 9, 18), 'received'),
  line('bob@okafor.example', est(2025, 11, 19, 14, 40), 'received'),
  line('bob@okafor.example', est(2025, 11, 20, 10, 5), 'sent'),
  line('alice.moreau@northwind.example', est(2025, 11, 20, 10, 5), 'sent'),
  line('chen.wei@lumen.example', est(2025, 11, 25, 9, 2), 'received'),
  // The reply just sent (no Gmail id yet).
  line('bob@okafor.example', est(2025, 11, 25, 17, 2), 'sent'),
  line('alice.moreau@northwind.example', est(2025, 11, 25, 17, 2), 'sent'),
  // Updates: seven robots and one person.
  line('lucia.gomez@sol.example', est(2025, 11, 22, 13, 30), 'received'),
  // Sent: the people are recipients; the billing robot is not one.
  line('alice.moreau@northwind.example', est(2025, 11, 25, 16, 1), 'sent'),
  line('jonas.berg@fjord.example', est(2025, 11, 24, 10, 12), 'sent'),
  line('claire.dubois@seine.example', est(2025, 11, 24, 10, 12), 'sent'),
].sort();

const EXPECTED_CONTACTS = [
  ['alice.moreau@northwind.example', 'Alice Moreau'],
  ['bob@okafor.example', 'Bob Okafor'],
  ['chen.wei@lumen.example', 'Chen Wei'],
  ['claire.dubois@seine.example', 'Claire Dubois'],
  ['jonas.berg@fjord.example', 'Jonas Berg'],
  ['lucia.gomez@sol.example', 'Lucía Gómez'],
  ['marta@lind.example', 'Marta Lind'],
  ['priyanatarajan@gmail.com', 'Priya Natarajan'],
  ['sam.carter@acme.example', 'Sam Carter'],
];

const lines = (b: Backup) =>
  b.interactions.filter((i) => i.source === 'gmail').map((i) => line(i.contact, i.at, i.direction));
const has = (b: Backup, l: string) => lines(b).includes(l);

async function tabView(tabId: number): Promise<TabView | undefined> {
  return (await readKv(tend, `tab:${tabId}`)) as TabView | undefined;
}

describe('a Gmail browse session', () => {
  let gmail: Page;
  let tabId: number;

  it('reads the inbox', async () => {
    gmail = await tend.context.newPage();
    await gmail.goto(`${GMAIL}#inbox`);
    await until(async () => {
      const b = await exported();
      return has(b, line('sam.carter@acme.example', est(2014, 12, 18, 12, 35), 'received')) && b;
    }, 'the inbox rows');
    const ids = await tabIds(tend, 'https://mail.google.com/*');
    expect(ids).toHaveLength(1);
    tabId = ids[0] ?? -1;
    const view = await until(() => tabView(tabId), 'the tab view');
    expect(view.account).toBe(ME);
    expect(view.threadKey).toBeUndefined();
  });

  it('opens a thread in-app: the sidebar follows it, and the row gives way to its messages', async () => {
    await goInApp(gmail, `#inbox/${LONG_THREAD}`, 'thread-long.html');
    const view = await until(async () => {
      const v = await tabView(tabId);
      return v?.threadKey ? v : undefined;
    }, 'the tab view of the opened thread');
    expect(view.threadKey).toBe(`${ME}/${LONG_THREAD}`);
    expect(view.people?.sort()).toEqual([
      'alice.moreau@northwind.example',
      'bob@okafor.example',
      'chen.wei@lumen.example',
    ]);
    // (view.url is the sender's URL as Chrome reports it, which keeps the hash the page loaded with: not checked.)
    const b = await exported();
    expect(has(b, line('chen.wei@lumen.example', est(2025, 11, 25, 9, 2), 'received'))).toBe(true);
    // The inbox row said "Bob, me, Chen: 9:02 AM"; that move was Chen's message, not a touch with Bob.
    expect(has(b, line('bob@okafor.example', est(2025, 11, 25, 9, 2), 'received'))).toBe(false);
  });

  it('goes back to the inbox: the tab view loses the thread', async () => {
    await goInApp(gmail, '#inbox', 'inbox.html');
    const view = await until(async () => {
      const v = await tabView(tabId);
      return v && !v.threadKey ? v : undefined;
    }, 'the tab view without a thread');
    expect(view.people).toBeUndefined();
  });

  it('reads the updates category and a 25-person thread, and learns no one from them but the one person', async () => {
    await goInApp(gmail, '#category/updates', 'automated.html');
    await until(
      async () => has(await exported(), line('lucia.gomez@sol.example', est(2025, 11, 22, 13, 30), 'received')),
      'the person among the robots',
    );
    await goInApp(gmail, `#category/updates/${GROUP_THREAD}`, 'thread-group.html');
    const view = await until(async () => {
      const v = await tabView(tabId);
      return v?.threadKey === `${ME}/${GROUP_THREAD}` ? v : undefined;
    }, 'the group thread in the tab view');
    expect(view.people?.length).toBe(24);
  });

  it('reads the sent view, and a reload adds nothing', async () => {
    await goInApp(gmail, '#sent', 'sent.html');
    await until(
      async () => has(await exported(), line('claire.dubois@seine.example', est(2025, 11, 24, 10, 12), 'sent')),
      'the sent rows',
    );
    const before = await until(async () => {
      const v = await tabView(tabId);
      return v && !v.threadKey ? v : undefined;
    }, 'the tab view of the sent list');
    const keysBefore = (await exported()).interactions.map((i) => i.key).sort();

    await gmail.reload();
    // The reloaded page sends its rows again (a fresh content script); wait until the background took them.
    await until(async () => ((await tabView(tabId))?.at ?? 0) > before.at, 'the capture after the reload');
    expect((await exported()).interactions.map((i) => i.key).sort()).toEqual(keysBefore);
  });

  it('exports exactly the contacts and touches a person would list', async () => {
    const b = await exported();
    expect(lines(b).sort()).toEqual(EXPECTED);
    expect(b.contacts.map((c) => [c.email, c.name]).sort()).toEqual(EXPECTED_CONTACTS);
    expect(b.interactions.filter((i) => i.source !== 'gmail')).toEqual([]);
    const emails = b.contacts.map((c) => c.email);
    expect(emails).not.toContain(ME);
    expect(emails.filter((e) => /guild\.example$/.test(e))).toEqual([]);
    for (const robot of ['no-reply@', 'notifications@', 'mailer-daemon@', 'billing@', 'newsletter@', 'googlegroups'])
      expect(emails.filter((e) => e.includes(robot))).toEqual([]);
  });

  it('sent nothing off the machine and logged no errors', () => {
    expect(tend.requests.some((u) => u.startsWith(GMAIL))).toBe(true);
    expect(leakedRequests(tend.requests)).toEqual([]);
    // The fixtures keep Gmail's `images/cleardot.gif`, which the harness answers with a 404: the page's, not Tend's.
    const fixtureImages = tend.requests.filter((u) => u.startsWith(GMAIL) && u.endsWith('.gif'));
    const errors = tend.consoleErrors.filter(
      (e) => !(fixtureImages.length > 0 && /Failed to load resource: .* 404/.test(e) && e.startsWith(GMAIL)),
    );
    expect(errors).toEqual([]);
  });
});

describe('a Gmail page of an unknown shape', () => {
  it('is recorded as not recognised, and the popup says so', async () => {
    served = fixture('gmail/unknown-layout.html');
    const page = await tend.context.newPage();
    await page.goto(`${GMAIL}#inbox`);
    const health = (await until(async () => {
      const h = (await readKv(tend, 'health:gmail')) as { failingSince?: number; problem?: string } | undefined;
      return h?.failingSince ? h : undefined;
    }, 'the Gmail health state')) as { failingSince: number; problem?: string };
    expect(health.problem).toMatch(/unknown shape|not recognised|no known thread list/);
    const popup = await tend.openPage('popup.html');
    await popup
      .getByText("Gmail's layout was not recognised since", { exact: false })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.close();
    await popup.close();
  });
});
