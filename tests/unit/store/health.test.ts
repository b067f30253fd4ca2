import fc from 'fast-check';
import { HealthState } from '@/lib/core/model';
import { allHealth, asHealthState, getHealth, nextHealth, type PageVerdict, recordHealth } from '@/lib/store/health';
import { readNudgeList } from '@/lib/store/nudge-cache';
import { DAY, freshDb, T0 } from './helpers';

const ok: PageVerdict = { recognised: true, hasContent: true, records: 12, unreadableDates: 0 };
const unknownPage: PageVerdict = {
  recognised: false,
  hasContent: true,
  records: 0,
  unreadableDates: 0,
  problem: 'no thread list',
};
const empty: PageVerdict = { recognised: false, hasContent: false, records: 0, unreadableDates: 0 };
const datesGone: PageVerdict = { recognised: true, hasContent: true, records: 0, unreadableDates: 7 };

describe('nextHealth', () => {
  it('a recognised page is fine and says when', () => {
    expect(nextHealth(undefined, 'gmail', ok, T0)).toEqual({ source: 'gmail', lastOkAt: T0, unreadableDates: 0 });
  });

  it('a page with mail that nothing recognised starts a failure, kept from its first time', () => {
    const first = nextHealth({ source: 'gmail', lastOkAt: T0, unreadableDates: 0 }, 'gmail', unknownPage, T0 + DAY);
    expect(first).toMatchObject({ lastOkAt: T0, failingSince: T0 + DAY, problem: 'no thread list' });
    const again = nextHealth(first, 'gmail', unknownPage, T0 + 2 * DAY);
    expect(again.failingSince).toBe(T0 + DAY);
    expect(nextHealth(again, 'gmail', ok, T0 + 3 * DAY)).toEqual({
      source: 'gmail',
      lastOkAt: T0 + 3 * DAY,
      unreadableDates: 0,
    });
  });

  it('an empty page (nothing to read) changes nothing, recognised or not', () => {
    const prev = { source: 'gmail' as const, lastOkAt: T0, unreadableDates: 0 };
    expect(nextHealth(prev, 'gmail', empty, T0 + DAY)).toBe(prev);
    const failing = nextHealth(prev, 'gmail', unknownPage, T0 + DAY);
    const emptyLabel: PageVerdict = { recognised: true, hasContent: false, records: 0, unreadableDates: 0 };
    expect(nextHealth(failing, 'gmail', emptyLabel, T0 + 2 * DAY)).toBe(failing);
  });

  it('dates that stop parsing are a failure that names them', () => {
    const h = nextHealth(undefined, 'calendar', datesGone, T0);
    expect(h).toMatchObject({ failingSince: T0, problem: '7 dates could not be read', unreadableDates: 7 });
  });

  it('names the language while dates keep failing, and forgets it once they read again', () => {
    const failing = nextHealth(undefined, 'gmail', { ...datesGone, lang: 'ja' }, T0);
    expect(failing).toMatchObject({ failingSince: T0, lang: 'ja', unreadableDates: 7 });
    const still = nextHealth(failing, 'gmail', { ...datesGone, lang: 'ja' }, T0 + DAY);
    expect(still).toMatchObject({ failingSince: T0, lang: 'ja', unreadableDates: 14 });
    const fine = nextHealth(still, 'gmail', { ...ok, lang: 'ja' }, T0 + 2 * DAY);
    expect(fine.lang).toBeUndefined();
    expect(fine.failingSince).toBeUndefined();
  });
});

describe('stored health', () => {
  it('round-trips through the store and lists both sources', async () => {
    const db = freshDb();
    await recordHealth(db, 'gmail', unknownPage, T0);
    await recordHealth(db, 'calendar', ok, T0);
    expect(await getHealth(db, 'gmail')).toMatchObject({ failingSince: T0 });
    expect((await allHealth(db)).map((h) => h.source)).toEqual(['gmail', 'calendar']);
  });

  it('a record of another shape reads as none', async () => {
    const db = freshDb();
    await db.kv.put({ key: 'health:gmail', value: { source: 'gmail', lastOkAt: 'yesterday' } });
    expect(await getHealth(db, 'gmail')).toBeUndefined();
  });

  // The hand-written check keeps the popup free of zod; it must accept exactly what the schema accepts.
  it('asHealthState agrees with the HealthState schema', () => {
    const millis = fc.oneof(
      fc.integer({ min: 0, max: 7_258_118_400_000 }),
      fc.constantFrom(-1, 7_258_118_400_001, 1.5, Number.NaN, Number.POSITIVE_INFINITY),
      fc.string(),
      fc.constant(null),
    );
    const record = fc.record(
      {
        source: fc.oneof(fc.constantFrom('gmail', 'calendar', 'outlook', ''), fc.integer()),
        lastOkAt: millis,
        failingSince: millis,
        problem: fc.oneof(fc.string({ maxLength: 600 }), fc.integer()),
        unreadableDates: fc.oneof(fc.integer({ min: -3, max: 1000 }), fc.double(), fc.string()),
        lang: fc.oneof(fc.string({ maxLength: 45 }), fc.integer()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(record, fc.anything()), (v) => {
        const parsed = HealthState.safeParse(v);
        expect(asHealthState(v)).toEqual(parsed.success ? parsed.data : undefined);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readNudgeList', () => {
  it('reads the one record the background wrote, and nothing of another shape', async () => {
    const db = freshDb();
    expect(await readNudgeList(db)).toBeUndefined();
    await db.kv.put({ key: 'nudges', value: { computedAt: T0, nudges: [] } });
    expect(await readNudgeList(db)).toEqual({ computedAt: T0, nudges: [] });
    await db.kv.put({ key: 'nudges', value: [{ key: 'contact:a@b.c' }] });
    expect(await readNudgeList(db)).toBeUndefined();
  });
});
