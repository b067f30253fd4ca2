/**
 * The one message protocol between content scripts, extension pages and the background.
 * A zod discriminated union is its only declaration; every type is inferred from it. The background parses
 * every message before dispatch (lib/ingest/router.ts) and answers a malformed one with a clear error.
 */
import { z } from 'zod';
import { LIMITS } from '../core/limits';
import { Email, Interaction, MANUAL_KINDS, type ManualKind, Millis } from '../core/model';
import { CalendarCapture, GmailCapture } from './raw';

export const DELETE_ALL_CONFIRMATION = 'delete all my Tend data';

export const NudgeAction = z.enum(['snooze', 'done', 'mute', 'unmute', 'reopen']);
export type NudgeAction = z.infer<typeof NudgeAction>;

const ManualKindSchema = z.enum(MANUAL_KINDS.map((k) => k.kind) as [ManualKind, ...ManualKind[]]);

export const Message = z.discriminatedUnion('type', [
  z.object({ type: z.literal('capture-gmail'), capture: GmailCapture }),
  z.object({ type: z.literal('capture-calendar'), capture: CalendarCapture }),
  z.object({ type: z.literal('export') }),
  /** The backup is validated by lib/store/backup.ts, which names every problem it finds. */
  /** `force`: import even when the disk seems too full for it (it then stops cleanly if it runs out). */
  /** `backup` is best sent as the file's JSON text: a string crosses to the background in one copy. (Options in
   * Chromium posts the file itself to the service worker, which reads it and sends this message to itself:
   * entrypoints/background/transfers.ts.) */
  z.object({ type: z.literal('import'), backup: z.unknown(), force: z.boolean().optional() }),
  z.object({
    type: z.literal('import-ics'),
    text: z.string().max(10 * 1024 * 1024, 'the .ics file is larger than 10 MB'),
  }),
  /** A contact file (.vcf, Google or LinkedIn .csv), read by lib/ingest/contact-file.ts. */
  z.object({
    type: z.literal('import-contacts'),
    text: z.string().max(20 * 1024 * 1024, 'the contacts file is larger than 20 MB'),
    fileName: z.string().max(300).default('the file'),
  }),
  /** Walk the Sent view's older pages in the user's Gmail tab (lib/ingest/catch-up.ts); progress goes to kv. */
  z.object({
    type: z.literal('catch-up-start'),
    limit: z.number().int().min(1).max(100_000).default(2_000),
  }),
  z.object({ type: z.literal('catch-up-stop') }),
  /** Whether a walk runs; with none, a walk saved as running is settled and answered, as Stop does (Options asks). */
  z.object({ type: z.literal('catch-up-status') }),
  z.object({
    type: z.literal('nudge-action'),
    key: z.string().min(1).max(500),
    action: NudgeAction,
    /** For `snooze`: until when. */
    until: Millis.optional(),
    /** For `snooze`, instead of `until`: a named time, read in the user's time zone by the background. */
    for: z.enum(['tomorrow', 'next-week', 'week']).optional(),
  }),
  /**
   * A touch logged by hand with a person (`key` edits one logged before: without `kind`, it keeps its own), one
   * deleted, or one deleted put back as it was (`restore-touch`, Undo).
   */
  z.object({
    type: z.literal('log-touch'),
    contact: Email,
    kind: ManualKindSchema.optional(),
    at: Millis,
    note: z.string().max(LIMITS.note).optional(),
    key: z.string().min(1).max(200).optional(),
  }),
  z.object({ type: z.literal('delete-touch'), contact: Email, key: z.string().min(1).max(200) }),
  z.object({ type: z.literal('restore-touch'), contact: Email, touch: Interaction.omit({ contact: true }) }),
  z.object({ type: z.literal('delete-all'), confirm: z.literal(DELETE_ALL_CONFIRMATION) }),
  /** Settings or data changed outside the background: recompute nudges and re-plan alarms. */
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('ping') }),
  /** The user edited something from a page (a note, a tag...): keep the safety copy and sync up to date. */
  z.object({ type: z.literal('edited') }),
  /** How the user-authored layer stands in the browser's sync (usage, what does not fit). */
  z.object({ type: z.literal('sync-status') }),
  /** The Options switch "Sync notes and settings through your browser's sync". */
  z.object({ type: z.literal('sync-enable'), on: z.boolean() }),
]);
export type Message = z.infer<typeof Message>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

export type Failure = { ok: false; error: string; errors?: string[] };
export type Reply = ({ ok: true } & Record<string, unknown>) | Failure;

/** Parses an unknown value into a message, or a failure that says what is wrong. Never throws. */
export function parseMessage(raw: unknown): { ok: true; message: Message } | Failure {
  const parsed = Message.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const type =
    raw && typeof raw === 'object' && 'type' in raw && typeof (raw as { type: unknown }).type === 'string'
      ? (raw as { type: string }).type.slice(0, 60)
      : undefined;
  return {
    ok: false,
    error: type ? `malformed "${type}" message` : 'malformed message: no known "type"',
    errors: parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || 'message'}: ${i.message}`),
  };
}

/** Who sent a message: the tab (for content scripts) and its address. */
export interface SenderContext {
  tabId?: number;
  url?: string;
}

export type Handlers = { [T in MessageType]: (msg: MessageOf<T>, sender: SenderContext) => Promise<Reply> };

/** Parses and dispatches one message. A handler that throws becomes a failure reply, never a crash. */
export async function dispatch(raw: unknown, handlers: Handlers, sender: SenderContext = {}): Promise<Reply> {
  const parsed = parseMessage(raw);
  if (!parsed.ok) return parsed;
  const msg = parsed.message;
  const handler = handlers[msg.type] as (m: Message, s: SenderContext) => Promise<Reply>;
  try {
    return await handler(msg, sender);
  } catch (e) {
    return { ok: false, error: `could not handle "${msg.type}": ${describeThrown(e)}` };
  }
}

const UNEXPECTED = 'unexpected error';

/**
 * What a handler threw, in words, never throwing itself: an Error's message, a string as is, anything else
 * (a null-prototype object, a revoked proxy, an object whose `message` getter throws) a fixed text.
 */
export function describeThrown(e: unknown): string {
  try {
    let text: unknown = UNEXPECTED;
    if (e instanceof Error) text = e.message;
    else if (typeof e === 'string') text = e;
    return typeof text === 'string' && text.length > 0 ? text.slice(0, 500) : UNEXPECTED;
  } catch {
    return UNEXPECTED;
  }
}
