/**
 * Mutated, truncated and hostile mailboxes at the mbox importer: every case ends in a clear error (and then the
 * store is exactly as before) or in valid records, and the counts add up. Each property prints how many cases
 * ran and what share reached the record path (messages imported), so a mutation that always breaks the file
 * early cannot pass for coverage.
 */
import fc from 'fast-check';
import { Contact, DEFAULT_SETTINGS, Interaction, PromiseRecord, Thread } from '@/lib/core/model';
import { readMailHeader } from '@/lib/ingest/mbox-header';
import { importMbox } from '@/lib/ingest/mbox-import';
import { MboxContext, messageRecords } from '@/lib/ingest/mbox-records';
import { MboxScanner, NotMboxError } from '@/lib/ingest/mbox-scan';
import { allInteractions } from '@/lib/store/interactions';
import { allThreads } from '@/lib/store/threads';
import { demoMailbox, mboxFile } from '@/tests/support/mbox';
import { freshDb, T0 } from '../store/helpers';
import { check, checkAsync, NASTY_STRINGS } from './support';

const BASE = new TextEncoder().encode(demoMailbox(T0, '\r\n'));

const HOSTILE = [
  '\nFrom 1@xxx Thu Jan 12 10:00:00 +0000 2023\n',
  '\n\nFrom 99999999999999999999999999@xxx Mon Feb 30 99:99:99 +0000 2023\n',
  'From: =?UTF-8?B?////?= <a@b>\n',
  'To: "unterminated <x@y.z>, ;;;: group:;\n',
  'X-GM-THRID: 999999999999999999999999999999\n',
  'X-Gmail-Labels: "Sent\n',
  'Date: Thu, 12 Jan 2023 10:00:00 +0000 (((\n',
  'Subject: =?x-unknown?Q?=FF?=\n',
  '\u0000\u0001\u00ff',
  `X-Long: ${'a'.repeat(5000)}\n`,
  '\r\r\r\n',
  ' \t folded-at-start\n',
  ...NASTY_STRINGS,
].map((s) => new TextEncoder().encode(s));

/** A mutation of the demo mailbox: bytes flipped, hostile pieces inserted, ranges cut, or the end cut off. */
const mutated = fc
  .array(
    fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.nat(HOSTILE.length - 1) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((ops) => {
    let b: Uint8Array = BASE;
    for (const op of ops) {
      const at = b.length ? op.at % b.length : 0;
      if (op.kind === 'flip') {
        b = b.slice();
        b[at] = op.byte;
      } else if (op.kind === 'insert') {
        const piece = HOSTILE[op.piece] as Uint8Array;
        const next = new Uint8Array(b.length + piece.length);
        next.set(b.subarray(0, at));
        next.set(piece, at);
        next.set(b.subarray(at), at + piece.length);
        b = next;
      } else if (op.kind === 'cut') {
        b = new Uint8Array([...b.subarray(0, at), ...b.subarray(at + op.len)]);
      } else b = b.slice(0, at);
    }
    return b;
  });

/** Random bytes, sometimes behind a valid From_ line. */
const hostile = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  fc.uint8Array({ maxLength: 2000 }).map((tail) => {
    const head = new TextEncoder().encode('From 1784565224872936612@xxx Thu Jan 12 10:00:00 +0000 2023\n');
    const out = new Uint8Array(head.length + tail.length);
    out.set(head);
    out.set(tail, head.length);
    return out;
  }),
);

it('scans and reads any mutated or hostile mailbox without throwing anything but a clear refusal', () => {
  let cases = 0;
  let recorded = 0;
  let refused = 0;
  check(
    'mbox pipeline (scan, header, records)',
    fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: hostile }),
    (bytes) => {
      cases++;
      const ctx = new MboxContext(DEFAULT_SETTINGS, [], T0);
      let pending: ReturnType<typeof readMailHeader> | null = null;
      let any = false;
      try {
        const s = new MboxScanner({
          header: (h) => {
            pending = readMailHeader(h.header);
            return false;
          },
          message: (m) => {
            if (m.corrupt || !pending || 'problem' in pending) return;
            const out = messageRecords({ sender: m.sender, header: pending }, ctx);
            if (out.kind === 'records') {
              any = true;
              for (const i of out.interactions) Interaction.parse(i);
              if (out.thread) Thread.parse(out.thread);
            }
          },
        });
        for (let i = 0; i < bytes.length; i += 333) s.push(bytes.subarray(i, i + 333));
        s.end();
      } catch (e) {
        if (!(e instanceof NotMboxError) || !e.message) throw e;
        refused++;
      }
      if (any) recorded++;
    },
    600,
  );
  console.log(
    `[fuzz] mbox pipeline: ${cases} cases, ${recorded} reached records (${Math.round((recorded / cases) * 100)} %), ${refused} refused in words`,
  );
  expect(cases).toBeGreaterThanOrEqual(100);
  expect(recorded / cases).toBeGreaterThan(0.4);
  expect(refused).toBeGreaterThan(0);
}, 120_000);

it('imports a mutated mailbox into valid records, or refuses it in words with the store unchanged', async () => {
  let cases = 0;
  let imported = 0;
  let refused = 0;
  await checkAsync(
    'mbox import into the store',
    fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: hostile }),
    async (bytes) => {
      cases++;
      const db = freshDb();
      await db.kv.put({ key: 'marker', value: 1 });
      const r = await importMbox(db, mboxFile(bytes as Uint8Array<ArrayBuffer>), { now: () => T0 });
      if (!r.ok) {
        if (r.cancelled) throw new Error('not cancelled');
        expect(r.error.length).toBeGreaterThan(10);
        expect(r.partial).toBe(false);
        expect(await db.kv.toArray()).toEqual([{ key: 'marker', value: 1 }]);
        expect(await db.contacts.count()).toBe(0);
        refused++;
      } else {
        const s = r.summary;
        const skipped = Object.values(s.skipped).reduce((a, b) => a + b, 0);
        expect(s.imported + skipped + s.corrupt).toBe(s.messages);
        for (const c of await db.contacts.toArray()) Contact.parse(c);
        for (const i of await allInteractions(db)) Interaction.parse(i);
        for (const t of await allThreads(db)) Thread.parse(t);
        for (const p of await db.promises.toArray()) PromiseRecord.parse(p);
        if (s.imported > 0) imported++;
      }
      db.close();
    },
    60,
  );
  console.log(
    `[fuzz] mbox import: ${cases} cases, ${imported} imported messages (${Math.round((imported / cases) * 100)} %), ${refused} refused with the store unchanged`,
  );
  expect(cases).toBeGreaterThanOrEqual(20);
  expect(imported / cases).toBeGreaterThan(0.4);
  expect(refused).toBeGreaterThan(0);
}, 300_000);
