/**
 * The real background handlers (lib/ingest/router.ts) behind dispatch, against a real Dexie store: random and
 * mutated messages never make dispatch reject, a refused message changes nothing, and whatever the store
 * accepted (captures of any valid shape) still exports as a backup that validates and can be imported again.
 */
import fc from 'fast-check';
import { dispatch, parseMessage } from '@/lib/ingest/messages';
import { createHandlers } from '@/lib/ingest/router';
import { exportBackup, validateBackup } from '@/lib/store/backup';
import { TendDB } from '@/lib/store/db';
import { gmailCapture, NOW, validMessage } from './arbitraries';
import { applyEdits, checkAsync, expectReached, jsonEdit, prototypeIsClean, TEST_TIMEOUT_MS, viaJson } from './support';

vi.setConfig({ testTimeout: TEST_TIMEOUT_MS });

let n = 0;
const open: TendDB[] = [];
function freshDb(): TendDB {
  n++;
  const db = new TendDB(`tend-fuzz-router-${n}-${Math.random().toString(36).slice(2)}`);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** RFC-valid addresses up to 254 characters, as any page can show. */
const longAddress = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(64)),
    fc.oneof(fc.integer({ min: 1, max: 180 }), fc.constant(180)),
  )
  .map(
    ([l, d]) => `${'a'.repeat(l)}@${'d'.repeat(Math.min(d, 63))}.${'e'.repeat(Math.max(1, d - 64)).slice(0, 63)}.com`,
  );

describe('fuzz: background handlers', () => {
  afterEach(() => expect(prototypeIsClean()).toBe(true));

  it('random and mutated messages: dispatch never rejects, refused ones change nothing, the store exports valid', async () => {
    // Both paths must be exercised: messages the handlers accept (and store) and messages refused at the door.
    const seen = { accepted: 0, refused: 0 };
    const ran = await checkAsync(
      'dispatch(createHandlers) + export validates',
      fc.array(
        fc.oneof(
          validMessage.filter((m) => m.type !== 'delete-all'),
          fc.tuple(validMessage, fc.array(jsonEdit, { minLength: 1, maxLength: 3 })).map(([m, e]) => applyEdits(m, e)),
        ),
        { minLength: 1, maxLength: 4 },
      ),
      async (msgs) => {
        const db = freshDb();
        const handlers = createHandlers({ db, now: () => NOW, changed: () => {} });
        for (const raw of msgs) {
          const before = await exportBackup(db, NOW);
          const reply = await dispatch(raw, handlers, { tabId: 1, url: 'https://mail.google.com/mail/u/0/#inbox' });
          if (!parseMessage(raw).ok) {
            expect(reply.ok).toBe(false);
            expect(await exportBackup(db, NOW)).toEqual(before);
          }
          if (!reply.ok) expect(reply.error.length).toBeGreaterThan(0);
          seen[reply.ok ? 'accepted' : 'refused']++;
        }
        const v = validateBackup(viaJson(await exportBackup(db, NOW)));
        if (!v.ok) throw new Error(`the store no longer exports a valid backup: ${v.errors.slice(0, 3).join('; ')}`);
      },
      60,
    );
    const messages = seen.accepted + seen.refused;
    // A fifth at least: the protocol now has many message types that each need their own fields (catch-up, mail
    // and contact imports, sync, touches), so fewer random messages are well-formed than when it had a handful.
    expectReached('dispatch(createHandlers)', 'an accepting handler (messages)', seen.accepted, messages, 0.2);
    expectReached('dispatch(createHandlers)', 'a refusal (messages)', seen.refused, messages, 0.1);
    expect(messages).toBeGreaterThanOrEqual(ran);
  });

  it('captures with long (but valid) addresses: the store still exports a backup that validates', async () => {
    let stored = 0;
    const ran = await checkAsync(
      'capture-gmail with long addresses + export validates',
      fc.tuple(gmailCapture, longAddress, longAddress),
      async ([c, account, person]) => {
        const db = freshDb();
        const handlers = createHandlers({ db, now: () => NOW, changed: () => {} });
        const capture = {
          ...c,
          account,
          view: 'inbox',
          rows: [
            ...c.rows,
            {
              subject: 'Hi',
              people: [{ email: person, name: 'P' }],
              dateTitle: 'Mon, Nov 2, 2026 at 9:00 AM',
              unread: true,
            },
          ],
        };
        const reply = await dispatch({ type: 'capture-gmail', capture }, handlers, {});
        if (!reply.ok) return; // refused at the door: nothing stored (counted below: most cases must get past it)
        stored++;
        const v = validateBackup(viaJson(await exportBackup(db, NOW)));
        if (!v.ok) throw new Error(`the store no longer exports a valid backup: ${v.errors.slice(0, 3).join('; ')}`);
      },
      50,
    );
    expectReached('capture-gmail with long addresses', 'the store (reply ok)', stored, ran, 0.8);
  });
});
