/**
 * Tend's data model: every record is declared once as a zod schema and its type inferred from it.
 *
 * Inside the store, times are epoch milliseconds (cheap to compare and to index); the public backup
 * format (lib/store/backup.ts) writes them as ISO 8601.
 */
import { z } from 'zod';

// No generated code: zod's fast path compiles parsers with `new Function`, which the extension's CSP refuses.
// Jitless, zod never even probes for it (the probe stays in the bundle, unused).
z.config({ jitless: true });

import { normalizeEmail } from './email';
import { LIMITS, MAX_MILLIS } from './limits';

/** An address, normalised on the way in (see lib/core/email.ts); anything else fails validation. */
export const Email = z
  .string()
  .max(LIMITS.email)
  .transform((s, ctx) => {
    const e = normalizeEmail(s);
    if (e === null) {
      ctx.addIssue({ code: 'custom', message: notAnEmail(s) });
      return z.NEVER;
    }
    return e;
  });

/** What Email says of a string that is not an address (also said by bulk checks that normalise many at once). */
export function notAnEmail(s: string): string {
  return `not an email address: ${JSON.stringify(s.slice(0, 80))}`;
}

/** Epoch milliseconds between 1970 and 2200: anything else is a parsing accident, never a real date. */
export const Millis = z.number().int().min(0).max(MAX_MILLIS, 'date is after the year 2200');

export const Direction = z.enum(['sent', 'received', 'meeting']);
export type Direction = z.infer<typeof Direction>;

/**
 * Where a touch was learnt. `linkedin`: the day the user connected with someone (Connections.csv); `mbox`: an
 * imported mailbox (Google Takeout).
 */
export const Source = z.enum(['gmail', 'calendar', 'ics', 'manual', 'linkedin', 'mbox']);
export type Source = z.infer<typeof Source>;

/** Rhythm presets in days, in the user's words. */
export const CADENCE_PRESETS = [
  { id: 'weekly', label: 'Weekly', days: 7 },
  { id: 'biweekly', label: 'Every 2 weeks', days: 14 },
  { id: 'monthly', label: 'Monthly', days: 30 },
  { id: 'bimonthly', label: 'Every 2 months', days: 61 },
  { id: 'quarterly', label: 'Quarterly', days: 91 },
  { id: 'semiannual', label: 'Every 6 months', days: 182 },
  { id: 'yearly', label: 'Yearly', days: 365 },
] as const;

/**
 * A contact's rhythm: inferred from history (`auto`), set by the user (`fixed`: ideally every `days`,
 * at worst every `days + toleranceDays`), or not tracked at all (`off`).
 */
export const CadenceSetting = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('auto') }),
  z.object({ mode: z.literal('off') }),
  z.object({
    mode: z.literal('fixed'),
    days: z.number().int().min(1).max(3650),
    toleranceDays: z.number().int().min(0).max(3650).default(0),
  }),
]);
export type CadenceSetting = z.infer<typeof CadenceSetting>;

/** A date that matters to a contact (birthday, work anniversary, ...), reminded `leadDays` before. */
export const KeyDate = z.object({
  kind: z.enum(['birthday', 'work-anniversary', 'other']),
  label: z.string().max(LIMITS.name).default(''),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  year: z.number().int().min(1900).max(2200).optional(),
  leadDays: z.number().int().min(0).max(60).default(0),
});
export type KeyDate = z.infer<typeof KeyDate>;

/** What the user keeps about a person (the "learn about them" part). */
export const PersonalDetails = z.object({
  background: z.string().max(LIMITS.note).default(''),
  preferences: z.string().max(LIMITS.note).default(''),
  family: z.string().max(LIMITS.note).default(''),
  interests: z.string().max(LIMITS.note).default(''),
});
export type PersonalDetails = z.infer<typeof PersonalDetails>;

/**
 * The per-contact summary the surfaces rank by. It is derived from the contact's history and rewritten
 * in the same transaction as every change to it, so no surface ever has to read interactions to paint.
 */
export const ContactSummary = z.object({
  lastAt: Millis.optional(),
  lastSentAt: Millis.optional(),
  lastReceivedAt: Millis.optional(),
  lastMeetingAt: Millis.optional(),
  /** The last touch that counts for the rhythm (excludes one-way mass mail). */
  lastTouchAt: Millis.optional(),
  count: z.number().int().min(0).default(0),
  sent: z.number().int().min(0).default(0),
  received: z.number().int().min(0).default(0),
  meetings: z.number().int().min(0).default(0),
  /** Inferred rhythm in days (null when history is too thin to say). */
  inferredDays: z.number().min(1).nullable().default(null),
  /** Touches logged by hand, when there are any: the user's writing, which the safety copy and sync carry. */
  manual: z.number().int().min(1).optional(),
  /** A hash of those touches (lib/store/summary.ts `manualSummary`): the safety copy rereads them when it changes. */
  manualSig: z.string().max(16).optional(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

export const Contact = z.object({
  email: Email,
  name: z.string().max(LIMITS.name).default(''),
  aliases: z.array(Email).max(LIMITS.aliases).default([]),
  cadence: CadenceSetting.default({ mode: 'auto' }),
  notes: z.string().max(LIMITS.note).default(''),
  details: PersonalDetails.default({ background: '', preferences: '', family: '', interests: '' }),
  tags: z.array(z.string().min(1).max(LIMITS.tag)).max(LIMITS.tags).default([]),
  dates: z.array(KeyDate).max(50).default([]),
  /** The user's Gmail accounts this person was seen from (e.g. "me@work.com"). */
  accounts: z.array(Email).max(20).default([]),
  createdAt: Millis,
  updatedAt: Millis,
  summary: ContactSummary.default({ count: 0, sent: 0, received: 0, meetings: 0, inferredDays: null }),
});
export type Contact = z.infer<typeof Contact>;

/**
 * One touch with one person. `key` makes recording the same touch twice a no-op: it is derived from the
 * source's own id (Gmail message id, calendar event id) and the person, never from when Tend saw it.
 */
export const Interaction = z.object({
  key: z
    .string()
    .min(1)
    .max(LIMITS.id * 2),
  contact: Email,
  at: Millis,
  direction: Direction,
  source: Source,
  /** The user's own address the touch was seen from (multi-account). */
  account: z.string().max(LIMITS.email).optional(),
  threadId: z.string().max(LIMITS.id).optional(),
  messageId: z.string().max(LIMITS.id).optional(),
  eventId: z
    .string()
    .max(LIMITS.id * 2)
    .optional(),
  subject: z.string().max(LIMITS.subject).optional(),
  /** One-way mail to many people at once: stored, but it does not reset the rhythm. */
  mass: z.boolean().optional(),
  /**
   * A thread-list row tells when a thread last moved, not which message: such a touch is `coarse` and
   * gives way to the message-level touches of the same thread once the thread is opened.
   */
  coarse: z.boolean().optional(),
  /** A touch logged by hand (`source: "manual"`): what it was, and the user's note about it. */
  kind: z.enum(['call', 'coffee', 'meeting', 'message', 'event']).optional(),
  note: z.string().max(LIMITS.note).optional(),
});
export type Interaction = z.infer<typeof Interaction>;

/** What a touch logged by hand was, in the user's words, and the direction it counts as. */
export const MANUAL_KINDS = [
  { kind: 'call', label: 'Call', direction: 'meeting' },
  { kind: 'coffee', label: 'Coffee', direction: 'meeting' },
  { kind: 'meeting', label: 'Meeting', direction: 'meeting' },
  { kind: 'message', label: 'Message elsewhere', direction: 'sent' },
  { kind: 'event', label: 'Event', direction: 'meeting' },
] as const;
export type ManualKind = (typeof MANUAL_KINDS)[number]['kind'];

export const CalendarEvent = z.object({
  id: z
    .string()
    .min(1)
    .max(LIMITS.id * 2),
  start: Millis,
  end: Millis,
  title: z.string().max(LIMITS.subject).default(''),
  allDay: z.boolean().default(false),
  attendees: z.array(Email).max(LIMITS.attendees).default([]),
  /** The calendar it belongs to (an address), when known. */
  calendar: z.string().max(LIMITS.email).optional(),
  source: z.enum(['calendar', 'ics']),
  /** Free (transparent) events do not block time. */
  busy: z.boolean().default(true),
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;

/** What Tend knows about one email thread, enough to say who is waiting on whom. */
export const ThreadMessage = z.object({
  id: z.string().min(1).max(LIMITS.id),
  at: Millis,
  from: Email,
  direction: z.enum(['sent', 'received']),
  /** The message asks something of the reader (a question or a request). */
  asks: z.boolean().default(false),
  to: z.array(Email).max(LIMITS.attendees).default([]),
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;

export const Thread = z.object({
  /** `${account}/${threadId}` so that two Gmail accounts never share a thread. */
  id: z
    .string()
    .min(1)
    .max(LIMITS.id * 2),
  account: z.string().max(LIMITS.email),
  threadId: z.string().min(1).max(LIMITS.id),
  subject: z.string().max(LIMITS.subject).default(''),
  people: z.array(Email).max(LIMITS.attendees).default([]),
  messages: z.array(ThreadMessage).max(2000).default([]),
  lastAt: Millis,
  /** The user closed the thread: no follow-up is suggested for it. */
  closed: z.boolean().default(false),
});
export type Thread = z.infer<typeof Thread>;

/** A commitment the user made in sent mail ("I'll send you the deck by Friday"). */
export const PromiseRecord = z.object({
  id: z
    .string()
    .min(1)
    .max(LIMITS.id * 2),
  threadKey: z.string().max(LIMITS.id * 2),
  messageId: z.string().max(LIMITS.id),
  contacts: z.array(Email).max(LIMITS.attendees).default([]),
  text: z.string().min(1).max(LIMITS.promise),
  madeAt: Millis,
  dueAt: Millis.optional(),
  status: z.enum(['open', 'done']).default('open'),
  /** The user wrote in the thread again after the promise: perhaps it is kept. */
  suggestDone: z.boolean().default(false),
});
export type PromiseRecord = z.infer<typeof PromiseRecord>;

/** What the user said about a nudge: snoozed, done, or the whole contact muted. Keyed by nudge key. */
export const NudgeState = z.object({
  key: z
    .string()
    .min(1)
    .max(LIMITS.id * 2),
  snoozedUntil: Millis.optional(),
  doneAt: Millis.optional(),
  muted: z.boolean().optional(),
});
export type NudgeState = z.infer<typeof NudgeState>;

/** A record key that cannot reach an object's prototype. */
const SafeKey = z
  .string()
  .min(1)
  .max(LIMITS.tag)
  .refine((k) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype', 'reserved key');

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM');

export const DEFAULT_ROBOT_RULES = [
  'no-reply@*',
  'noreply@*',
  'no_reply@*',
  'noreply-*@*',
  'no-reply-*@*',
  '*-noreply@*',
  '*-no-reply@*',
  'help@*',
  'donotreply@*',
  'do-not-reply@*',
  'notifications@*',
  'notification@*',
  'notify@*',
  'mailer-daemon@*',
  'postmaster@*',
  'bounce*@*',
  'calendar-notification@google.com',
  'calendar-server.bounces.google.com',
  'billing@*',
  'invoice*@*',
  'receipts@*',
  'newsletter@*',
  'news@*',
  'updates@*',
  'marketing@*',
  'digest@*',
  'alerts@*',
  'support@*',
  'info@*',
  '*@*.bounces.google.com',
  '*@googlegroups.com',
  '*@groups.google.com',
  '*@lists.*',
  '*@*.mailchimpapp.com',
  '*@mailfoogae.appspotmail.com',
];

export const Settings = z.object({
  /** The user's own addresses besides the signed-in ones: never contacts. */
  selfAddresses: z.array(Email).max(50).default([]),
  /** Robots and lists: `local@domain` patterns with `*`, or a bare domain. Editable in options. */
  robotRules: z.array(z.string().min(1).max(200)).max(500).default(DEFAULT_ROBOT_RULES),
  ignoredAddresses: z.array(Email).max(5000).default([]),
  ignoredDomains: z.array(z.string().min(1).max(253)).max(1000).default([]),
  /** Threads with more people than this are not personal contact. */
  maxThreadPeople: z.number().int().min(2).max(500).default(20),
  /** Default rhythms by tag, e.g. clients monthly, mentors quarterly. */
  tagCadences: z
    .record(
      SafeKey,
      z.object({ days: z.number().int().min(1).max(3650), toleranceDays: z.number().int().min(0).max(3650) }),
    )
    .default({ client: { days: 30, toleranceDays: 14 }, mentor: { days: 91, toleranceDays: 30 } }),
  replyNeededDays: z.number().int().min(0).max(60).default(3),
  awaitingReplyDays: z.number().int().min(0).max(60).default(5),
  /** Record meetings with any guest, not only with people already known from mail. */
  meetingsWithAnyGuest: z.boolean().default(false),
  work: z
    .object({
      start: TimeOfDay.default('09:00'),
      end: TimeOfDay.default('17:30'),
      /** ISO weekdays, 1 = Monday. */
      days: z.array(z.number().int().min(1).max(7)).max(7).default([1, 2, 3, 4, 5]),
      lunchStart: TimeOfDay.default('12:00'),
      lunchEnd: TimeOfDay.default('13:30'),
    })
    .default({ start: '09:00', end: '17:30', days: [1, 2, 3, 4, 5], lunchStart: '12:00', lunchEnd: '13:30' }),
  slots: z
    .object({
      minutes: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(30),
      horizonDays: z.number().int().min(1).max(60).default(14),
      bufferMinutes: z.number().int().min(0).max(120).default(10),
      moments: z
        .array(z.enum(['before-work', 'lunch', 'after-work', 'around-shared-meeting']))
        .default(['before-work', 'lunch', 'after-work', 'around-shared-meeting']),
    })
    .default({
      minutes: 30,
      horizonDays: 14,
      bufferMinutes: 10,
      moments: ['before-work', 'lunch', 'after-work', 'around-shared-meeting'],
    }),
  /** IANA zone; empty means the browser's own. */
  timeZone: z.string().max(64).default(''),
  notifications: z
    .object({
      enabled: z.boolean().default(true),
      digestTime: TimeOfDay.default('09:00'),
      promiseNotices: z.boolean().default(true),
      quietStart: TimeOfDay.default('20:00'),
      quietEnd: TimeOfDay.default('08:00'),
      dailyCap: z.number().int().min(0).max(50).default(5),
    })
    .default({
      enabled: true,
      digestTime: '09:00',
      promiseNotices: true,
      quietStart: '20:00',
      quietEnd: '08:00',
      dailyCap: 5,
    }),
  keyDates: z.object({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  appreciation: z.object({ enabled: z.boolean().default(true) }).default({ enabled: true }),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/** What a parser thought of the page it was given. */
export const HealthReport = z.object({
  source: z.enum(['gmail', 'calendar']),
  recognised: z.boolean(),
  /** Why not, in words ("no thread-list rows in a page that shows mail"). */
  problem: z.string().max(500).optional(),
  /** Dates that could not be read, held back rather than guessed. */
  unreadableDates: z.number().int().min(0).default(0),
  at: Millis,
});
export type HealthReport = z.infer<typeof HealthReport>;

/** The stored health of one source. */
export const HealthState = z.object({
  source: z.enum(['gmail', 'calendar']),
  lastOkAt: Millis.optional(),
  /** Set while the source is not recognised; cleared by the next recognised page. */
  failingSince: Millis.optional(),
  problem: z.string().max(500).optional(),
  unreadableDates: z.number().int().min(0).default(0),
  /** While dates keep failing: the page language they were read in (`<html lang>`, else the browser's). */
  lang: z.string().max(40).optional(),
});
export type HealthState = z.infer<typeof HealthState>;
