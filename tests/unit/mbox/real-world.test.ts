/**
 * Real mbox files other programs wrote (tests/fixtures/real-world/mbox, see PROVENANCE.md there): Thunderbird's
 * own test mailboxes, imported whole. Every expectation below was derived by reading the file by hand.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Settings } from '@/lib/core/model';
import { importMbox } from '@/lib/ingest/mbox-import';
import { exportBackup } from '@/lib/store/backup';
import { allInteractions } from '@/lib/store/interactions';
import { getSettings, updateSettings } from '@/lib/store/settings';
import { mboxFile } from '@/tests/support/mbox';
import { freshDb, T0 } from '../store/helpers';

const DIR = 'tests/fixtures/real-world/mbox';
const FILES = ['thunderbird-mbox_modern.mbox', 'thunderbird-mbox_unquoted.mbox', 'thunderbird-movemailspool.mbox'];
const now = () => T0;

function load(name: string) {
  const bytes = new Uint8Array(readFileSync(`${DIR}/${name}`));
  return mboxFile(bytes, name);
}

async function run(name: string, self: string[] = []) {
  const db = freshDb();
  if (self.length > 0) await updateSettings(db, (s: Settings) => ({ ...s, selfAddresses: self }));
  const r = await importMbox(db, load(name), { now });
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r)}`);
  const touches = (await allInteractions(db))
    .map((i) => `${new Date(i.at).toISOString()} ${i.direction} ${i.contact} ${i.account ?? '-'} ${i.subject ?? ''}`)
    .sort();
  const contacts = (await db.contacts.toArray()).map((c) => ({ email: c.email, name: c.name, accounts: c.accounts }));
  return { db, summary: r.summary, touches, contacts };
}

describe('real-world mbox files', { timeout: 60_000 }, () => {
  it('every file named in PROVENANCE.md is here, none too big, and no other file is', () => {
    const provenance = readFileSync(`${DIR}/PROVENANCE.md`, 'utf8');
    for (const f of FILES) {
      expect(existsSync(`${DIR}/${f}`)).toBe(true);
      expect(provenance).toContain(`\`${f}\``);
      expect(readFileSync(`${DIR}/${f}`).length).toBeLessThan(200_000);
    }
    expect(readdirSync(DIR).sort()).toEqual(['LICENSE-MPL-2.0.txt', 'PROVENANCE.md', ...FILES].sort());
  });

  // Thunderbird since about 2008: `From - <asctime>` separators, a body line "From " escaped with a space.
  it('mbox_modern: two messages from Author, received (no Sent label, the user unknown), no account', async () => {
    const { summary, touches, contacts } = await run('thunderbird-mbox_modern.mbox');
    expect(summary).toMatchObject({ messages: 2, imported: 2, interactions: 2, people: 1, corrupt: 0, promises: 0 });
    expect(summary.skipped).toEqual({ label: 0, robot: 0, 'not-personal': 0, 'no-date': 0, 'no-sender': 0 });
    // The escaped " From - Fri Aug 24 11:55:47 2018" body line split nothing: message 2 is the second From_ line.
    expect(touches).toEqual([
      '2018-08-23T09:10:23.000Z received author@example.com - Sample message 2',
      '2018-08-24T11:55:47.000Z received author@example.com - Sample message 1',
    ]);
    // The file names no mailbox (no Delivered-To): the touch has no account, never the sender's own address.
    expect(contacts).toEqual([{ email: 'author@example.com', name: 'Author', accounts: [] }]);
  });

  it('mbox_modern with the user known as Author: both messages are sent touches with Recipient', async () => {
    const { summary, touches, contacts, db } = await run('thunderbird-mbox_modern.mbox', ['author@example.com']);
    expect(summary).toMatchObject({ messages: 2, imported: 2, interactions: 2, people: 1 });
    expect(touches).toEqual([
      '2018-08-23T09:10:23.000Z sent recipient@example.com author@example.com Sample message 2',
      '2018-08-24T11:55:47.000Z sent recipient@example.com author@example.com Sample message 1',
    ]);
    expect(contacts).toEqual([{ email: 'recipient@example.com', name: 'Recipient', accounts: ['author@example.com'] }]);
    expect((await getSettings(db)).selfAddresses).toEqual(['author@example.com']);
  });

  // Thunderbird around 2005: a bare "From " separator, and a body line "From " left unescaped (after a text
  // line, so it is body). Message 1's date says "Wed, 22 Aug 2005" (a Monday): the weekday is not trusted.
  it('mbox_unquoted: bare "From " separators give two messages, the unescaped body line none', async () => {
    const { summary, touches, contacts } = await run('thunderbird-mbox_unquoted.mbox');
    expect(summary).toMatchObject({ messages: 2, imported: 2, interactions: 2, people: 1, corrupt: 0 });
    expect(touches).toEqual([
      '2005-08-22T17:20:08.000Z received author@example.com - Sample message 1',
      '2005-08-23T11:17:43.000Z received author@example.com - Sample message 2',
    ]);
    expect(contacts).toEqual([{ email: 'author@example.com', name: 'Author', accounts: [] }]);
  });

  // A Thunderbird movemail spool: a Bugzilla mail, an unsent message of the user's (Thunderbird's
  // X-Mozilla-Draft-Info, FCC and BCC headers), and a mailing-list copy (List-Id) with the same Message-Id.
  it('movemailspool: the Bugzilla mail is a touch, the unsent draft and the list copy are skipped', async () => {
    const { summary, touches, contacts } = await run('thunderbird-movemailspool.mbox');
    expect(summary).toMatchObject({ messages: 3, imported: 1, interactions: 1, people: 1, corrupt: 0 });
    expect(summary.skipped).toEqual({ label: 1, robot: 1, 'not-personal': 0, 'no-date': 0, 'no-sender': 0 });
    // "Wed, 7 May 2008 14:55:10 -0700". The test data replaced bugzilla-daemon by a neutral address, so by the
    // robot rules it is a person; only the List-Id copy is mass mail.
    expect(touches).toEqual([
      '2008-05-07T21:55:10.000Z received primaryemail1@test.invalid - [Bug 397009] A filter will let me tag, but not untag',
    ]);
    // Neither the draft's author (Some User <example@example.com>) nor its To/Bcc people became contacts.
    expect(contacts).toEqual([{ email: 'primaryemail1@test.invalid', name: '', accounts: [] }]);
  });

  it('movemailspool with the user known as the draft author: the draft is still no sent touch', async () => {
    const { summary, touches } = await run('thunderbird-movemailspool.mbox', ['example@example.com']);
    expect(summary.skipped.label).toBe(1);
    expect(touches.filter((t) => t.includes(' sent '))).toEqual([]);
  });

  it.each(FILES)('%s: importing it twice changes nothing', async (name) => {
    const { db } = await run(name);
    const before = await exportBackup(db, T0);
    const again = await importMbox(db, load(name), { now: () => T0 + 3_600_000 });
    if (!again.ok) throw new Error(JSON.stringify(again));
    expect(again.summary.interactions).toBe(0);
    expect(await exportBackup(db, T0)).toEqual(before);
  });
});
