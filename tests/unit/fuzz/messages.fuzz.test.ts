/**
 * The message protocol (lib/ingest/messages.ts) under random and hostile payloads: parseMessage and dispatch never
 * throw, a malformed message gets ok:false with a non-empty error and reaches no handler, and nothing pollutes
 * Object.prototype.
 */
import fc from 'fast-check';
import { dispatch, type Handlers, Message, type MessageType, parseMessage } from '@/lib/ingest/messages';
import { validMessage } from './arbitraries';
import {
  applyEdits,
  check,
  checkAsync,
  hostileLeaf,
  jsonEdit,
  POLLUTION,
  PROTO_KEYS,
  prototypeIsClean,
  Reached,
  TEST_TIMEOUT_MS,
} from './support';

vi.setConfig({ testTimeout: TEST_TIMEOUT_MS });

const TYPES: MessageType[] = [
  'capture-gmail',
  'capture-calendar',
  'export',
  'import',
  'import-ics',
  'import-contacts',
  'catch-up-start',
  'catch-up-stop',
  'catch-up-status',
  'nudge-action',
  'log-touch',
  'delete-touch',
  'restore-touch',
  'delete-all',
  'refresh',
  'ping',
];

/** One verdict is well formed: ok with a message the schema accepts again, or a failure that says why. */
function wellFormed(raw: unknown, reached?: Reached<'a refusal in words' | 'a valid message'>): boolean {
  const r = parseMessage(raw);
  reached?.hit(r.ok ? 'a valid message' : 'a refusal in words');
  if (r.ok) {
    expect(TYPES).toContain(r.message.type);
    expect(Message.safeParse(r.message).success).toBe(true);
  } else {
    expect(typeof r.error).toBe('string');
    expect(r.error.length).toBeGreaterThan(0);
    for (const e of r.errors ?? []) expect(typeof e).toBe('string');
  }
  expect(prototypeIsClean()).toBe(true);
  return true;
}

/** Handlers that only record which type reached them. */
function recordingHandlers(calls: string[], behaviour: (type: string) => unknown = () => ({ ok: true })): Handlers {
  const h = {} as Record<string, (m: { type: string }) => Promise<unknown>>;
  for (const t of TYPES) {
    h[t] = async (m) => {
      calls.push(m.type);
      return behaviour(m.type);
    };
  }
  return h as unknown as Handlers;
}

/** JSON text with a prototype key at depth `depth` of a message, parsed so the key is an OWN key. */
function protoMessageText(base: unknown, key: string, depth: number): string {
  let inner = JSON.stringify(POLLUTION);
  for (let i = 0; i < depth; i++) inner = `{"a":${inner},"${key}":${inner}}`;
  const text = JSON.stringify(base);
  return `{"${key}":${inner},${text.slice(1)}`;
}

describe('fuzz: message protocol', () => {
  afterEach(() => {
    expect(prototypeIsClean()).toBe(true);
  });

  // Random values are messages only by accident: what these reach is the refusal, which must name why.
  it('parseMessage never throws on any value', () => {
    const reached = new Reached({ 'a refusal in words': 0.95, 'a valid message': 0 });
    const ran = check(
      'parseMessage(anything)',
      fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true }),
      (raw) => wellFormed(raw, reached),
      3000,
    );
    reached.expect('parseMessage(anything)', ran);
  });

  it('parseMessage never throws on hostile leaves and random JSON', () => {
    for (const [name, arb, n] of [
      ['parseMessage(hostile leaf)', hostileLeaf, 150],
      ['parseMessage(json value)', fc.jsonValue(), 1500],
    ] as const) {
      const reached = new Reached({ 'a refusal in words': 0.95, 'a valid message': 0 });
      reached.expect(
        name,
        check(name, arb as fc.Arbitrary<unknown>, (raw) => wellFormed(raw, reached), n),
      );
    }
  });

  it('malformed messages with a known type get a failure naming it', () => {
    const reached = new Reached({ 'a refusal naming the type': 0.4 });
    const ran = check(
      'parseMessage(known type, random body)',
      fc.tuple(fc.constantFrom(...TYPES), fc.dictionary(fc.string(), hostileLeaf, { maxKeys: 3 })),
      ([type, body]) => {
        const raw = { ...body, type };
        wellFormed(raw);
        const r = parseMessage(raw);
        if (!r.ok) expect(r.error).toContain(type);
        reached.hit('a refusal naming the type', !r.ok);
      },
      400,
    );
    reached.expect('parseMessage(known type, random body)', ran);
  });

  it('mutated valid messages: well formed verdicts, and valid fields stay valid', () => {
    const reached = new Reached({ 'a refusal in words': 0.5, 'a valid message': 0.1 });
    const ran = check(
      'parseMessage(mutated valid message)',
      fc.tuple(validMessage, fc.array(jsonEdit, { minLength: 1, maxLength: 4 })),
      ([msg, edits]) => {
        expect(parseMessage(msg).ok).toBe(true);
        const mutated = applyEdits(msg, edits);
        wellFormed(mutated, reached);
        const r = parseMessage(mutated);
        if (r.ok && r.message.type === 'nudge-action' && r.message.until !== undefined) {
          expect(Number.isInteger(r.message.until)).toBe(true);
          expect(r.message.until).toBeGreaterThanOrEqual(0);
          expect(r.message.until).toBeLessThanOrEqual(7_258_118_400_000);
        }
      },
      1000,
    );
    reached.expect('parseMessage(mutated valid message)', ran);
  });

  it('prototype keys at every level, as own keys from JSON.parse, pollute nothing', () => {
    const reached = new Reached({ 'a valid message': 0.9, 'a refusal in words': 0 });
    const ran = check(
      'parseMessage(prototype keys)',
      fc.tuple(validMessage, fc.constantFrom(...PROTO_KEYS), fc.integer({ min: 0, max: 6 })),
      ([msg, key, depth]) => {
        const raw = JSON.parse(protoMessageText(msg, key, depth));
        wellFormed(raw, reached);
        // A parsed message never carries a prototype key into the background's records.
        const r = parseMessage(raw);
        if (r.ok && r.message.type !== 'import') {
          const text = JSON.stringify(r.message);
          expect(text).not.toContain('"polluted"');
        }
      },
      600,
    );
    reached.expect('parseMessage(prototype keys)', ran);
  });

  it('out-of-range and non-finite snooze dates are refused', () => {
    const reached = new Reached({ 'an instant in range': 0.1, 'an instant out of range': 0.3 });
    const ran = check(
      'parseMessage(nudge-action until)',
      // Whole milliseconds in range too: doubles alone were in range 2 times in 500, so acceptance went untried.
      fc.oneof(
        fc.double(),
        fc.constantFrom(
          Number.NaN,
          Number.POSITIVE_INFINITY,
          -1,
          0,
          7_258_118_400_000,
          7_258_118_400_001,
          8.64e15,
          1.5,
        ),
        fc.integer({ min: 0, max: 7_258_118_400_000 }),
      ),
      (until) => {
        const r = parseMessage({ type: 'nudge-action', key: 'contact:ann@example.com', action: 'snooze', until });
        const inRange = Number.isInteger(until) && until >= 0 && until <= 7_258_118_400_000;
        expect(r.ok).toBe(inRange);
        reached.hit(inRange ? 'an instant in range' : 'an instant out of range');
      },
      500,
    );
    reached.expect('parseMessage(nudge-action until)', ran);
  });

  it('10 MB strings and deep nesting in every message field are refused or carried, never a crash', () => {
    const big = 'x'.repeat(10 * 1024 * 1024 + 1);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    for (const type of TYPES) {
      for (const field of ['capture', 'text', 'key', 'confirm', 'backup', 'until', 'action']) {
        for (const v of [big, deep]) {
          wellFormed({ type, [field]: v });
        }
      }
    }
    const r = parseMessage({ type: 'import-ics', text: big });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors?.join(' ')).toMatch(/larger than 10 MB/);
  });

  it('dispatch: never rejects; malformed messages reach no handler; valid ones reach exactly theirs', async () => {
    const reached = new Reached({ 'its handler': 0.25, 'a refusal': 0.3 });
    const ran = await checkAsync(
      'dispatch(random or mutated message)',
      fc.oneof(
        fc.anything(),
        validMessage,
        fc.tuple(validMessage, fc.array(jsonEdit, { minLength: 1, maxLength: 3 })).map(([m, e]) => applyEdits(m, e)),
      ),
      async (raw) => {
        const calls: string[] = [];
        const reply = await dispatch(raw, recordingHandlers(calls));
        const parsed = parseMessage(raw);
        reached.hit(parsed.ok ? 'its handler' : 'a refusal');
        if (parsed.ok) {
          expect(calls).toEqual([parsed.message.type]);
          expect(reply.ok).toBe(true);
        } else {
          expect(calls).toEqual([]);
          expect(reply.ok).toBe(false);
          if (!reply.ok) expect(reply.error.length).toBeGreaterThan(0);
        }
        expect(prototypeIsClean()).toBe(true);
      },
      1000,
    );
    reached.expect('dispatch(random or mutated message)', ran);
  });

  it('dispatch: a handler that throws anything becomes ok:false with an error', async () => {
    const reached = new Reached({ 'the throwing handler': 0.95 });
    const ran = await checkAsync(
      'dispatch(handler throws anything)',
      fc.tuple(validMessage, fc.anything({ withNullPrototype: true })),
      async ([msg, thrown]) => {
        const calls: string[] = [];
        const handlers = recordingHandlers(calls, () => {
          throw thrown;
        });
        const reply = await dispatch(msg, handlers);
        reached.hit('the throwing handler', calls.length === 1);
        expect(reply.ok).toBe(false);
        if (!reply.ok) expect(reply.error.length).toBeGreaterThan(0);
      },
      500,
    );
    reached.expect('dispatch(handler throws anything)', ran);
  });
});
