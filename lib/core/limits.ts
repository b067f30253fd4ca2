/**
 * Every size and range limit, in one place and without zod, so the content scripts (which clip what they read)
 * and the schemas (which refuse what is larger) agree. Generous caps that keep a hostile page or backup from
 * filling the store with giant strings.
 */

/** What the store keeps (lib/core/model.ts validates against these). */
export const LIMITS = {
  email: 320,
  name: 200,
  subject: 500,
  id: 200,
  note: 20_000,
  tag: 60,
  tags: 50,
  aliases: 50,
  attendees: 500,
  promise: 1_000,
} as const;

/** What a content script sends: raw strings clipped in the page (lib/capture) and checked again on arrival (lib/ingest/raw.ts). */
export const RAW_LIMITS = {
  email: 320,
  name: 200,
  subject: 500,
  id: 100,
  dateTitle: 200,
  rowPeople: 100,
  rows: 1000,
  recipients: 500,
  messages: 2000,
  body: 20_000,
  problem: 500,
  /** A Calendar chip's aria-label or text. */
  label: 2000,
  /** A Calendar `data-eventid` as the page writes it (base64). */
  eventId: 1000,
} as const;

/** The years a real date can fall in: anything else is a parsing accident. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2200;
/** Epoch milliseconds of 2200-01-01T00:00Z: the largest time the store accepts. */
export const MAX_MILLIS = 7_258_118_400_000;

/** Gmail's legacy message and thread ids as its pages show them (`data-legacy-message-id`): lower-case hex. */
export const HEX_ID = /^[0-9a-f]{6,32}$/;
