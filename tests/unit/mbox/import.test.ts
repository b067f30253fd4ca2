import { DEFAULT_SETTINGS } from '@/lib/core/model';
import { importMbox, mboxStateKey, mboxSummaryText, unfinishedMboxImports } from '@/lib/ingest/mbox-import';
import { exportBackup } from '@/lib/store/backup';
import { allInteractions } from '@/lib/store/interactions';
import { readNudgeList } from '@/lib/store/nudge-list';
import { getSettings } from '@/lib/store/settings';
import { demoMailbox, mailDate, ME, mbox, mboxFile } from '@/tests/support/mbox';
import { DAY, freshDb, T0 } from '../store/helpers';

const now = () => T0;

describe('importMbox', () => {
  it.each(['\n', '\r\n'] as const)('imports the demo mailbox (%j line ends) with the summary the issue asks for', async (eol) => {
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
  });
});
