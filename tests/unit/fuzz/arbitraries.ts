/**
 * Generators of VALID records (captures, messages, backups), the starting points that the fuzz tests mutate.
 * Valid by construction, and checked against the schemas in the tests that use them.
 */
import fc from 'fast-check';
import { DELETE_ALL_CONFIRMATION } from '@/lib/ingest/messages';

const DAY = 86_400_000;
/** Tests' "now": 2 Nov 2026 15:00 UTC. */
export const NOW = Date.UTC(2026, 10, 2, 15, 0);

const word = fc.constantFrom('ann', 'bo', 'cy', 'dee', 'eli', 'fay', 'gus', 'hal', 'ivy', 'jo');
const domain = fc.constantFrom('example.com', 'example.org', 'gmail.com', 'googlemail.com', 'uni.example.ac.uk');

/** A realistic address (dots, tags and case vary, so several spellings reach one person). */
export const email: fc.Arbitrary<string> = fc
  .tuple(word, fc.option(word, { nil: undefined }), fc.option(word, { nil: undefined }), domain, fc.boolean())
  .map(([a, b, tag, d, upper]) => {
    const s = `${a}${b ? `.${b}` : ''}${tag ? `+${tag}` : ''}@${d}`;
    return upper ? s.toUpperCase() : s;
  });

export const displayName = fc.oneof(
  fc.constantFrom('Ann Lee', 'Bo Ray', 'me', '', 'Zoë Ødegård', 'محمد', '李雷', "O'Brien, Pat"),
  fc.string({ maxLength: 40 }),
);

/** Built once: creating an Intl.DateTimeFormat per generated value was most of the generators' time. */
const DATE_FORMAT = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
});
const TIME_FORMAT = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });

/** English Gmail date titles around NOW. */
export const gmailDateTitle: fc.Arbitrary<string> = fc
  .integer({ min: NOW - 3 * 365 * DAY, max: NOW })
  .map((ms) => `${DATE_FORMAT.format(ms)} at ${TIME_FORMAT.format(ms)}`);

const hex = fc.bigInt({ min: 0x100000000000n, max: 0x1fffffffffffffffn }).map((n) => n.toString(16));

export const rawPerson = fc.record({ email, name: displayName });

export const gmailRow = fc.record(
  {
    threadId: hex.map((h) => BigInt(`0x${h}`).toString(10)),
    legacyThreadId: hex,
    subject: fc.string({ maxLength: 80 }),
    people: fc.array(rawPerson, { minLength: 1, maxLength: 4 }),
    dateTitle: gmailDateTitle,
    unread: fc.boolean(),
  },
  { requiredKeys: ['people', 'dateTitle', 'subject', 'unread'] },
);

export const gmailMessage = fc.record(
  {
    messageId: hex.map((h) => BigInt(`0x${h}`).toString(10)),
    legacyMessageId: hex,
    from: rawPerson,
    to: fc.array(rawPerson, { maxLength: 4 }),
    cc: fc.array(rawPerson, { maxLength: 3 }),
    dateTitle: gmailDateTitle,
    expanded: fc.boolean(),
    body: fc.string({ maxLength: 200 }),
  },
  { requiredKeys: ['from', 'to', 'cc', 'dateTitle', 'expanded'] },
);

export const gmailCapture = fc.record(
  {
    batchId: fc.uuid(),
    account: fc.oneof(email, fc.constant('')),
    accountIndex: fc.integer({ min: 0, max: 9 }),
    view: fc.constantFrom('inbox', 'sent', 'all', 'search', 'label', 'drafts', 'spam', 'starred'),
    rows: fc.array(gmailRow, { maxLength: 6 }),
    thread: fc.record(
      {
        legacyThreadId: hex,
        permId: hex.map((h) => `thread-f:${BigInt(`0x${h}`).toString(10)}`),
        subject: fc.string({ maxLength: 80 }),
        messages: fc.array(gmailMessage, { maxLength: 5 }),
      },
      { requiredKeys: ['subject', 'messages'] },
    ),
    health: fc.record({ recognised: fc.boolean(), hasContent: fc.boolean() }),
  },
  { requiredKeys: ['batchId', 'account', 'accountIndex', 'view', 'rows', 'health'] },
);

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

export const calendarCapture = fc.record(
  {
    batchId: fc.uuid(),
    account: fc.oneof(email, fc.constant('')),
    view: fc.constantFrom('week', 'day', 'month', 'customday'),
    lang: fc.constantFrom('en', 'de', 'fr', 'ja', 'ar', ''),
    chips: fc.array(
      fc.record({
        eventIdRaw: fc.tuple(hex, email).map(([id, e]) => b64(`${id} ${e}`)),
        label: fc.constantFrom(
          '7:30am to 8am, Walking, Calendar: Chore, No location, June 10, 2024',
          '3pm to 3:30pm, Coffee with Ann, Ann Lee, Accepted, No location, November 3, 2026',
          'All day, Offsite, November 4, 2026',
        ),
        allDay: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    health: fc.record({ recognised: fc.boolean(), hasContent: fc.boolean() }),
  },
  { requiredKeys: ['batchId', 'account', 'view', 'lang', 'chips', 'health'] },
);

/** Any valid protocol message. */
export const validMessage: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  gmailCapture.map((capture) => ({ type: 'capture-gmail', capture })),
  calendarCapture.map((capture) => ({ type: 'capture-calendar', capture })),
  fc.constant({ type: 'export' }),
  fc.constant({ type: 'ping' }),
  fc.constant({ type: 'refresh' }),
  fc.jsonValue({ maxDepth: 3 }).map((backup) => ({ type: 'import', backup })),
  fc.string({ maxLength: 200 }).map((text) => ({ type: 'import-ics', text })),
  fc.string({ maxLength: 200 }).map((text) => ({ type: 'import-contacts', text, fileName: 'x.vcf' })),
  fc.constant({ type: 'catch-up-stop' }),
  fc.constant({ type: 'catch-up-status' }),
  fc.record(
    {
      type: fc.constant('nudge-action'),
      key: email.map((e) => `contact:${e}`),
      action: fc.constantFrom('snooze', 'done', 'mute', 'unmute', 'reopen'),
      until: fc.integer({ min: NOW, max: NOW + 60 * DAY }),
    },
    { requiredKeys: ['type', 'key', 'action'] },
  ),
  fc.record(
    {
      type: fc.constant('log-touch'),
      contact: email,
      kind: fc.constantFrom('call', 'coffee', 'meeting', 'message', 'event'),
      at: fc.integer({ min: NOW - 400 * DAY, max: NOW }),
      note: fc.string({ maxLength: 80 }),
      key: fc.constantFrom('manual:x-1', 'gmail:msg:1'),
    },
    { requiredKeys: ['type', 'contact', 'at'] },
  ),
  fc.record({ type: fc.constant('delete-touch'), contact: email, key: fc.constantFrom('manual:x-1', 'gmail:msg:1') }),
  fc.record({
    type: fc.constant('restore-touch'),
    contact: email,
    touch: fc.record(
      {
        key: fc.constantFrom('manual:x-1', 'gmail:msg:1'),
        at: fc.integer({ min: NOW - 400 * DAY, max: NOW }),
        direction: fc.constantFrom('sent', 'received', 'meeting'),
        source: fc.constantFrom('manual', 'gmail'),
        kind: fc.constantFrom('call', 'coffee', 'meeting', 'message', 'event'),
        note: fc.string({ maxLength: 80 }),
      },
      { requiredKeys: ['key', 'at', 'direction', 'source'] },
    ),
  }),
  fc.constant({ type: 'delete-all', confirm: DELETE_ALL_CONFIRMATION }),
);
