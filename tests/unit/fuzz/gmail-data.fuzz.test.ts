/**
 * Gmail date titles (lib/ingest/gmail-dates.ts) and capture normalisation (lib/ingest/gmail-normalize.ts) under random and
 * hostile input: never throw; a date is either read exactly or not at all; every record validates against
 * lib/core/model.ts, whatever valid capture (lib/ingest/raw.ts) a content script sends.
 */
import fc from 'fast-check';
import { normalizeEmail } from '@/lib/core/email';
import { DEFAULT_SETTINGS, Interaction, Thread } from '@/lib/core/model';
import { parseGmailDate } from '@/lib/ingest/gmail-dates';
import { normalizeGmailCapture } from '@/lib/ingest/gmail-normalize';
import { GmailCapture, PageHealth } from '@/lib/ingest/raw';
import { gmailCapture, NOW } from './arbitraries';
import { anythingAsText, applyEdits, check, jsonEdit, nastyString, Reached, TEST_TIMEOUT_MS } from './support';

vi.setConfig({ testTimeout: TEST_TIMEOUT_MS });

const LOCALES = ['en-US', 'en-GB', 'de', 'fr', 'es', 'pt'] as const;
const DAY = 86_400_000;

/** A date title as Gmail writes it (Gmail's titles are ICU's medium date with a short time). */
function title(d: Date, locale: string, hourCycle?: 'h12' | 'h23'): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    ...(hourCycle === undefined ? {} : { hourCycle }),
  }).format(d);
}

describe('fuzz: Gmail date titles', () => {
  it('never throws on random text; a result is a real date between 1990 and 2200', () => {
    const reached = new Reached({ 'no date': 0.95 });
    const ran = check(
      'parseGmailDate(random text)',
      fc.oneof(nastyString(120), fc.string({ maxLength: 250 }), anythingAsText),
      (s) => {
        const d = parseGmailDate(s, { now: new Date(NOW) });
        reached.hit('no date', d === null);
        if (d !== null) {
          expect(Number.isFinite(d.getTime())).toBe(true);
          expect(d.getFullYear()).toBeGreaterThanOrEqual(1990);
          expect(d.getFullYear()).toBeLessThanOrEqual(2200);
        }
      },
      2000,
    );
    reached.expect('parseGmailDate(random text)', ran);
  });

  it('reads every locale title of any minute between 1990 and 2199 exactly (12 h and 24 h)', () => {
    const reached = new Reached({ 'the exact minute': 0.99 });
    const ran = check(
      'parseGmailDate(Intl title round trip)',
      fc.tuple(
        fc.integer({ min: Date.UTC(1990, 0, 2), max: Date.UTC(2199, 11, 30) }),
        fc.constantFrom(...LOCALES),
        fc.constantFrom(undefined, 'h12' as const, 'h23' as const),
      ),
      ([ms, locale, hourCycle]) => {
        const d = new Date(Math.floor(ms / 60_000) * 60_000);
        const t = title(d, locale, hourCycle);
        const got = parseGmailDate(t, { now: new Date(NOW) });
        if (got?.getTime() !== d.getTime())
          throw new Error(`"${t}" (${locale}) read as ${got?.toISOString() ?? 'null'}, expected ${d.toISOString()}`);
        reached.hit('the exact minute');
      },
      2000,
    );
    reached.expect('parseGmailDate(Intl title round trip)', ran);
  });

  it('a corrupted title is read exactly or not at all, never as some other date', () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4 }) }),
      fc.record({
        op: fc.constant('insert' as const),
        at: fc.nat(),
        s: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('1', '9', ':', ',', ' ', '.', 'PM')),
      }),
    );
    const reached = new Reached({ 'the exact minute': 0.06, 'no date': 0.5 });
    const ran = check(
      'parseGmailDate(corrupted title)',
      fc.tuple(
        fc.integer({ min: NOW - 3 * 365 * DAY, max: NOW }),
        fc.constantFrom(...LOCALES),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
      ),
      ([ms, locale, edits]) => {
        const d = new Date(Math.floor(ms / 60_000) * 60_000);
        let t = title(d, locale);
        for (const e of edits) {
          const at = e.at % (t.length + 1);
          t = e.op === 'cut' ? t.slice(0, at) + t.slice(at + e.len) : t.slice(0, at) + e.s + t.slice(at);
        }
        const got = parseGmailDate(t, { now: new Date(NOW) });
        reached.hit('the exact minute', got?.getTime() === d.getTime());
        reached.hit('no date', got === null);
        // A misreading that passes is a wrong date stored as fact; it must at least stay a real, bounded date.
        if (got !== null) {
          expect(Number.isFinite(got.getTime())).toBe(true);
          expect(got.getFullYear()).toBeGreaterThanOrEqual(1990);
        }
      },
      1500,
    );
    reached.expect('parseGmailDate(corrupted title)', ran);
  });
});

/** RFC-valid addresses of every length (up to 254), as a hostile page can put in an `email` attribute. */
const anyAddress = fc.oneof(
  fc.emailAddress(),
  fc
    .tuple(
      fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(64)),
      fc.oneof(fc.integer({ min: 1, max: 180 }), fc.constant(180)),
    )
    .map(
      ([l, d]) => `${'a'.repeat(l)}@${'d'.repeat(Math.min(d, 63))}.${'e'.repeat(Math.max(1, d - 64)).slice(0, 63)}.com`,
    ),
);

function checkNormalized(
  capture: GmailCapture,
  self: string[],
  reached?: { hit(path: 'records', yes?: boolean): void },
) {
  const n = normalizeGmailCapture(capture, { now: new Date(NOW), settings: DEFAULT_SETTINGS, selfAddresses: self });
  expect(PageHealth.safeParse(n.health).success).toBe(true);
  for (const i of n.interactions) {
    const r = Interaction.safeParse(i);
    if (!r.success)
      throw new Error(
        `interaction does not validate (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}); key length ${i.key.length}: ${JSON.stringify(i).slice(0, 300)}`,
      );
    expect(r.data.contact).toBe(i.contact);
  }
  for (const t of n.threads) {
    const r = Thread.safeParse(t);
    if (!r.success)
      throw new Error(
        `thread does not validate (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}): ${JSON.stringify(t).slice(0, 300)}`,
      );
  }
  for (const m of n.ownMessages) expect(m.body.length).toBeLessThanOrEqual(20_000);
  for (const e of Object.keys(n.names)) expect(normalizeEmail(e)).toBe(e);
  reached?.hit('records', n.interactions.length > 0);
  return n;
}

describe('fuzz: Gmail capture normalisation', () => {
  it('valid captures give records that validate', () => {
    const reached = new Reached({ records: 0.4 });
    const ran = check(
      'normalizeGmailCapture(valid capture)',
      fc.tuple(gmailCapture, fc.array(fc.constantFrom('me@example.com', 'Ann@Example.com'), { maxLength: 2 })),
      ([c, self]) => {
        const parsed = GmailCapture.parse(c);
        checkNormalized(parsed, self, reached);
      },
      300,
    );
    reached.expect('normalizeGmailCapture(valid capture)', ran);
  });

  it('valid captures with addresses of any legal length give records that validate', () => {
    const reached = new Reached({ 'a capture the content script could send': 0.9, records: 0.35 });
    const ran = check(
      'normalizeGmailCapture(long addresses)',
      fc.tuple(gmailCapture, anyAddress, anyAddress),
      ([c, account, person]) => {
        const capture = GmailCapture.safeParse({
          ...c,
          account,
          rows: c.rows.map((r) => ({ ...r, people: [...r.people, { email: person, name: 'P' }] })),
        });
        if (!capture.success) return; // the content script could not have sent it
        reached.hit('a capture the content script could send');
        checkNormalized(capture.data, [], reached);
      },
      200,
    );
    reached.expect('normalizeGmailCapture(long addresses)', ran);
  });

  it('mutated captures: refused by the schema, or normalised into valid records', () => {
    const reached = new Reached({ 'a capture the content script could send': 0.12, records: 0.08 });
    const ran = check(
      'normalizeGmailCapture(mutated capture)',
      fc.tuple(gmailCapture, fc.array(jsonEdit, { minLength: 1, maxLength: 4 })),
      ([c, edits]) => {
        const capture = GmailCapture.safeParse(applyEdits(c, edits));
        if (!capture.success) return;
        reached.hit('a capture the content script could send');
        checkNormalized(capture.data, [], reached);
      },
      300,
    );
    reached.expect('normalizeGmailCapture(mutated capture)', ran);
  });
});

describe('Gmail keys for very long (legal) addresses', () => {
  const account = `${'a'.repeat(64)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(60)}.com`;
  const person = `${'p'.repeat(64)}@${'q'.repeat(63)}.${'r'.repeat(63)}.${'s'.repeat(60)}.com`;
  const capture = (who: string) =>
    GmailCapture.parse({
      batchId: 'b',
      account,
      view: 'inbox',
      rows: [{ subject: 'Hi', people: [{ email: who, name: 'P' }], dateTitle: 'Mon, Nov 2, 2026 at 9:00 AM' }],
      thread: {
        legacyThreadId: '18c1a2b3c4d5e6f7',
        subject: 'Hi',
        messages: [
          {
            legacyMessageId: '18c1a2b3c4d5e6f8',
            from: { email: who, name: 'P' },
            dateTitle: 'Mon, Nov 2, 2026 at 9:00 AM',
          },
        ],
      },
      health: { recognised: true },
    });
  const run = (who: string) =>
    normalizeGmailCapture(capture(who), { now: new Date(NOW), settings: DEFAULT_SETTINGS, selfAddresses: [] });

  it('cuts only over-long keys, to a stable prefix and hash, so every record validates', () => {
    const a = run(person);
    const b = run(person);
    expect(a.interactions.map((i) => i.key)).toEqual(b.interactions.map((i) => i.key));
    expect(a.interactions).toHaveLength(2);
    for (const i of a.interactions) {
      expect(i.key.length).toBeLessThanOrEqual(400);
      expect(Interaction.safeParse(i).success).toBe(true);
      expect(i.contact).toBe(person);
      expect(i.account).toBe(account);
    }
    const t = a.threads[0];
    expect(t && Thread.safeParse(t).success).toBe(true);
    expect(t?.id.length).toBeLessThanOrEqual(160);
    expect(t?.id.endsWith('/18c1a2b3c4d5e6f7')).toBe(true);
    // Another long address gets other keys; an ordinary one keeps the usual form.
    expect(run(person.replace('p', 'x')).interactions[0]?.key).not.toBe(a.interactions[0]?.key);
    expect(run('ann@example.com').interactions.map((i) => i.key)).toContain(
      `gmail:msg:${account}:18c1a2b3c4d5e6f8:ann@example.com`,
    );
  });
});
