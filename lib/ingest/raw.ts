/**
 * What content scripts send: raw records exactly as the page showed them (strings, not yet dates or
 * normalised addresses). Parsing dates and deciding who is a person happens in the background
 * (lib/ingest/ingest.ts), so the scripts that run inside Gmail and Calendar stay small and cheap.
 *
 * These schemas are plain zod with caps on every string and array: a content script is the least trusted
 * sender Tend has (it reads a page anyone can email content into).
 */
import { z } from 'zod';
import { RAW_LIMITS } from '../core/limits';

const Str = (max: number) => z.string().max(max);

export const RawPerson = z.object({
  email: Str(RAW_LIMITS.email),
  name: Str(RAW_LIMITS.name).default(''),
});
export type RawPerson = z.infer<typeof RawPerson>;

/** One thread-list row (default layout, or the 2-3 `tr` of the split-pane layout merged). */
export const GmailRowRaw = z.object({
  /** `data-thread-id` without its `#thread-f:` prefix (decimal), when present. */
  threadId: Str(RAW_LIMITS.id).optional(),
  /** `data-legacy-thread-id` (hex), when present. */
  legacyThreadId: Str(RAW_LIMITS.id).optional(),
  subject: Str(RAW_LIMITS.subject).default(''),
  people: z.array(RawPerson).max(RAW_LIMITS.rowPeople),
  /** The row date's `title`, e.g. "Thu, Dec 18, 2014 at 12:35 PM". */
  dateTitle: Str(RAW_LIMITS.dateTitle),
  unread: z.boolean().default(false),
});
export type GmailRowRaw = z.infer<typeof GmailRowRaw>;

export const GmailMessageRaw = z.object({
  /** `data-message-id` without its `#msg-f:` prefix. */
  messageId: Str(RAW_LIMITS.id).optional(),
  /** `data-legacy-message-id` (hex); a reply just sent may lack it. */
  legacyMessageId: Str(RAW_LIMITS.id).optional(),
  from: RawPerson,
  to: z.array(RawPerson).max(RAW_LIMITS.recipients).default([]),
  cc: z.array(RawPerson).max(RAW_LIMITS.recipients).default([]),
  /** `span.g3[title]`. */
  dateTitle: Str(RAW_LIMITS.dateTitle),
  expanded: z.boolean().default(false),
  /** The message's own text without quoted history, only for the user's own messages (promises, questions). */
  body: Str(RAW_LIMITS.body).optional(),
});
export type GmailMessageRaw = z.infer<typeof GmailMessageRaw>;

export const GmailThreadRaw = z.object({
  /** `h2.hP[data-legacy-thread-id]` (hex), else the id in the URL. */
  legacyThreadId: Str(RAW_LIMITS.id).optional(),
  permId: Str(RAW_LIMITS.id).optional(),
  subject: Str(RAW_LIMITS.subject).default(''),
  messages: z.array(GmailMessageRaw).max(RAW_LIMITS.messages),
});
export type GmailThreadRaw = z.infer<typeof GmailThreadRaw>;

export const PageHealth = z.object({
  recognised: z.boolean(),
  /** The page plainly shows something Tend should read (mail, events). */
  hasContent: z.boolean().default(true),
  problem: Str(RAW_LIMITS.problem).optional(),
});
export type PageHealth = z.infer<typeof PageHealth>;

export const GmailCapture = z.object({
  /** Unique per batch, so a batch re-sent after a service-worker restart is recognised. */
  batchId: Str(RAW_LIMITS.id),
  /** The signed-in address (from the title or account label), or '' when unknown. */
  account: Str(RAW_LIMITS.email),
  /** The `/mail/u/<n>` index. */
  accountIndex: z.number().int().min(0).max(99).default(0),
  /** The view from the URL hash: inbox, sent, all, search, label, category, ... */
  view: Str(100),
  /** The page's language (`<html lang>`), in which Gmail writes the date titles; absent when the page names none. */
  lang: Str(40).optional(),
  rows: z.array(GmailRowRaw).max(RAW_LIMITS.rows).default([]),
  thread: GmailThreadRaw.optional(),
  health: PageHealth,
});
export type GmailCapture = z.infer<typeof GmailCapture>;

export const CalendarChipRaw = z.object({
  /** `data-eventid` as found (base64 of "<eventId>[_<instance>] <calendar email>"). */
  eventIdRaw: Str(RAW_LIMITS.eventId),
  /** The chip's screen-reader label, e.g. "3pm to 3:30pm, Title, Organizer, Accepted, No location, September 9, 2021". */
  label: Str(RAW_LIMITS.label),
  /** The chip's visible time text, when present. */
  timeText: Str(200).optional(),
  /** The day column's date key, when the chip sits in one (YYYY-MM-DD). */
  columnDate: Str(20).optional(),
  allDay: z.boolean().default(false),
});
export type CalendarChipRaw = z.infer<typeof CalendarChipRaw>;

export const CalendarDialogRaw = z.object({
  eventIdRaw: Str(RAW_LIMITS.eventId).optional(),
  title: Str(RAW_LIMITS.subject).default(''),
  guests: z.array(RawPerson).max(RAW_LIMITS.recipients).default([]),
});
export type CalendarDialogRaw = z.infer<typeof CalendarDialogRaw>;

export const CalendarCapture = z.object({
  batchId: Str(RAW_LIMITS.id),
  account: Str(RAW_LIMITS.email),
  view: Str(50),
  /** The page's language (`<html lang>`), a hint for label parsing. */
  lang: Str(40).default(''),
  chips: z.array(CalendarChipRaw).max(3000).default([]),
  dialog: CalendarDialogRaw.optional(),
  /** The first and last date (YYYY-MM-DD) the view showed: the days Tend has now seen the calendar for. */
  shown: z.object({ from: Str(10), to: Str(10) }).optional(),
  health: PageHealth,
});
export type CalendarCapture = z.infer<typeof CalendarCapture>;
