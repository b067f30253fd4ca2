import { DELETE_ALL_CONFIRMATION, describeThrown, dispatch, type Handlers, parseMessage } from '@/lib/ingest/messages';

const capture = {
  batchId: 'b1',
  account: 'me@example.com',
  view: 'inbox',
  rows: [{ people: [{ email: 'ann@example.com', name: 'Ann' }], dateTitle: 'Thu, Dec 18, 2014 at 12:35 PM' }],
  health: { recognised: true },
};

describe('parseMessage', () => {
  it.each([
    [{ type: 'export' }],
    [{ type: 'ping' }],
    [{ type: 'import', backup: { anything: true } }],
    [{ type: 'capture-gmail', capture }],
    [
      {
        type: 'capture-calendar',
        capture: { batchId: 'c', account: '', view: 'week', chips: [], health: { recognised: true } },
      },
    ],
    [{ type: 'nudge-action', key: 'contact:ann@example.com', action: 'snooze', until: Date.UTC(2027, 0, 1) }],
    [{ type: 'delete-all', confirm: DELETE_ALL_CONFIRMATION }],
  ])('accepts %j', (msg) => {
    expect(parseMessage(msg).ok).toBe(true);
  });

  it.each([
    [null, /no known "type"/],
    ['export', /no known "type"/],
    [{}, /no known "type"/],
    [{ type: 'launch-missiles' }, /malformed "launch-missiles" message/],
    [{ type: 'capture-gmail' }, /malformed "capture-gmail"/],
    [{ type: 'capture-gmail', capture: { ...capture, rows: 'lots' } }, /malformed "capture-gmail"/],
    [{ type: 'capture-gmail', capture: { ...capture, rows: Array(1001).fill(capture.rows[0]) } }, /malformed/],
    [{ type: 'capture-gmail', capture: { ...capture, account: 'x'.repeat(1000) } }, /malformed/],
    [{ type: 'nudge-action', key: 'k', action: 'explode' }, /malformed "nudge-action"/],
    [{ type: 'nudge-action', key: '', action: 'done' }, /malformed/],
    [{ type: 'delete-all' }, /malformed "delete-all"/],
    [{ type: 'delete-all', confirm: 'yes' }, /malformed "delete-all"/],
    [{ type: 'import-ics', text: 42 }, /malformed "import-ics"/],
  ])('rejects %j with a clear error', (msg, error) => {
    const r = parseMessage(msg);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(error);
    }
  });

  it('says which field is wrong', () => {
    const r = parseMessage({ type: 'nudge-action', key: 'k', action: 'snooze', until: 'soon' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors?.join()).toMatch(/until/);
  });
});

describe('dispatch', () => {
  const calls: string[] = [];
  const ok = async () => ({ ok: true as const });
  const handlers: Handlers = {
    'capture-gmail': async (m) => {
      calls.push(m.capture.batchId);
      return { ok: true };
    },
    'capture-calendar': ok,
    export: async () => {
      throw new Error('disk on fire');
    },
    import: ok,
    'import-ics': ok,
    'import-contacts': ok,
    'catch-up-start': ok,
    'catch-up-stop': ok,
    'catch-up-status': ok,
    'nudge-action': ok,
    'log-touch': ok,
    'delete-touch': ok,
    'restore-touch': ok,
    'delete-all': ok,
    refresh: ok,
    ping: ok,
    edited: ok,
    'sync-status': ok,
    'sync-enable': ok,
  };

  it('routes a valid message to its handler', async () => {
    expect(await dispatch({ type: 'capture-gmail', capture }, handlers)).toEqual({ ok: true });
    expect(calls).toEqual(['b1']);
  });

  it('never calls a handler for a malformed message', async () => {
    const r = await dispatch({ type: 'capture-gmail', capture: { ...capture, batchId: 7 } }, handlers);
    expect(r.ok).toBe(false);
    expect(calls).toEqual(['b1']);
  });

  it('turns a throwing handler into an error reply', async () => {
    expect(await dispatch({ type: 'export' }, handlers)).toEqual({
      ok: false,
      error: 'could not handle "export": disk on fire',
    });
  });
});

describe('describeThrown: what a handler threw, in words, never throwing', () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const badMessage = new Error('x');
  Object.defineProperty(badMessage, 'message', {
    get() {
      throw new Error('no');
    },
  });
  it.each([
    ['an Error', new Error('disk full'), 'disk full'],
    ['a string', 'quota exceeded', 'quota exceeded'],
    ['an empty string', '', 'unexpected error'],
    ['a null-prototype object', Object.create(null), 'unexpected error'],
    ['a revoked proxy', revoked.proxy, 'unexpected error'],
    ['an Error whose message getter throws', badMessage, 'unexpected error'],
    ['a number', 42, 'unexpected error'],
    ['undefined', undefined, 'unexpected error'],
    ['a huge string', 'y'.repeat(100_000), 'y'.repeat(500)],
  ])('%s', async (_name, thrown, text) => {
    expect(describeThrown(thrown)).toBe(text);
    const handlers = {
      ping: async () => {
        throw thrown;
      },
    } as unknown as Handlers;
    expect(await dispatch({ type: 'ping' }, handlers)).toEqual({
      ok: false,
      error: `could not handle "ping": ${text}`,
    });
  });
});
