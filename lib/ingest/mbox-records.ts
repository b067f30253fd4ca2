/**
 * One mbox message (its read header, and for the user's own recent sent mail its text) turned into Tend's
 * records, by the same rules as Gmail capture (lib/ingest/gmail-normalize.ts):
 *
 * - Chat, Spam, Trash and Drafts are skipped (and a draft or unsent message by its mail program's mark). A message labelled Sent (or from one of the user's addresses) is
 *   the user's: its From addresses join the user's own, and it is a sent touch with each To/Cc person. Any
 *   other message is a received touch with its sender only.
 * - Robots by the user's editable rules (lib/engine/people.ts), plus List-Unsubscribe / List-Id / Precedence:
 *   bulk / Auto-Submitted as signs of mass mail; more than `settings.maxThreadPeople` people is not personal;
 *   a sent message to more than MASS_RECIPIENTS people is mass mail (kept, but it does not reset a rhythm).
 * - A message without a usable date is held back, never guessed.
 * - Keys: with Gmail's message id (the From_ line's decimal number, in hex) a touch has exactly the key Gmail
 *   capture gives the same message (`gmail:msg:<account>:<hex>:<person>`), so the two are one touch; the
 *   thread record is Gmail's (`<account>/<hex thread id>`) and its messages carry the same hex ids.
 */
import { normalizeEmail } from '../core/email';
import { LIMITS } from '../core/limits';
import type { Interaction, PromiseRecord, Settings, Thread } from '../core/model';
import { THREAD_WINDOW_MS } from '../engine/followups';
import { classifyPerson, type PersonKind } from '../engine/people';
import { asksSomething, findPromises } from '../engine/promises';
import { decimalToHex, fitKeyPart, fitThreadKey, MASS_RECIPIENTS, touchKey } from './gmail-normalize';
import type { MailHeader } from './mbox-header';

/** Labels whose messages are not contact. */
const SKIPPED_LABELS = new Set(['chat', 'spam', 'trash', 'draft', 'drafts']);

/** A date more than this far in the future is a misreading, not a message. */
const FUTURE_SLACK_MS = 36 * 3_600_000;

/**
 * Promises and asks are read from the user's own messages sent within this window before the import: an
 * unkept promise from years ago is history, not a nudge (the same window the nudge list reads threads in).
 */
export const BODY_WINDOW_MS = THREAD_WINDOW_MS;

export type SkipReason = 'label' | 'robot' | 'not-personal' | 'no-date' | 'no-sender';

export interface MessageRecords {
  interactions: Interaction[];
  /** The thread record for this one message (merged with the rest of the thread by the store). */
  thread: Thread | null;
  promises: PromiseRecord[];
  /** Normalised address -> display name, for the people touched. */
  names: Record<string, string>;
}

export type MessageOutcome = { kind: 'skipped'; reason: SkipReason } | ({ kind: 'records' } & MessageRecords);

export interface MboxMessageInput {
  /** The From_ line's sender field (Takeout: Gmail's decimal message id then `@xxx`). */
  sender: string;
  header: MailHeader;
  /** The text of a sent message's body when it was read (recent own mail), else null. */
  text: string | null;
}

/** True when the labels say the message is not contact (chat, spam, trash, drafts). */
export function hasSkippedLabel(labels: readonly string[]): boolean {
  return labels.some((l) => SKIPPED_LABELS.has(l.toLowerCase()));
}

export function isSentLabel(labels: readonly string[]): boolean {
  return labels.some((l) => l.toLowerCase() === 'sent');
}

/**
 * What one import knows while it reads: the user's settings and addresses (growing as Sent messages name
 * them), the mailbox's account, and the clock. Mutable on purpose: an mbox is read once, in order.
 */
export class MboxContext {
  /** The user's addresses, normalised. */
  readonly self: Set<string>;
  /** Addresses learnt from this mailbox (Sent From, Delivered-To) not known before. */
  readonly newSelf: string[] = [];
  private kinds = new Map<string, PersonKind>();

  constructor(
    readonly settings: Settings,
    self: Iterable<string>,
    readonly now: number,
    /** The mailbox's own account (its Delivered-To), once known; a single known signed-in account before. */
    public account: string | null = null,
  ) {
    this.self = new Set(self);
  }

  addSelf(email: string): void {
    if (this.self.has(email)) return;
    this.self.add(email);
    this.newSelf.push(email);
    this.kinds.clear();
  }

  kindOf(email: string): PersonKind {
    let k = this.kinds.get(email);
    if (!k) {
      k = classifyPerson(email, { self: this.self, settings: this.settings });
      if (this.kinds.size > 100_000) this.kinds.clear();
      this.kinds.set(email, k);
    }
    return k;
  }

  /** Whether a message sent at `at` by the user is recent enough for its text to be read. */
  wantsText(at: number | null): boolean {
    return at !== null && at >= this.now - BODY_WINDOW_MS && at <= this.now + FUTURE_SLACK_MS;
  }
}

function unique(list: MailAddress[], skip: ReadonlySet<string>): { email: string; name: string }[] {
  const out: { email: string; name: string }[] = [];
  const seen = new Set<string>();
  for (const a of list) {
    const e = normalizeEmail(a.address);
    if (!e || seen.has(e) || skip.has(e)) continue;
    seen.add(e);
    out.push({ email: e, name: a.name });
  }
  return out;
}

type MailAddress = MailHeader['from'][number];

/** A display name worth keeping: not empty, not the address itself, within the schema's cap. */
function nameOf(name: string, email: string): string {
  const n = name.trim();
  if (!n || n.toLowerCase() === email) return '';
  return n.slice(0, LIMITS.name);
}

/** Turns one message into records, or says why it gives none. Learns the user's addresses as it goes. */
export function messageRecords(input: MboxMessageInput, ctx: MboxContext): MessageOutcome {
  const h = input.header;
  if (h.draft || hasSkippedLabel(h.labels)) return { kind: 'skipped', reason: 'label' };
  const delivered = h.deliveredTo ? normalizeEmail(h.deliveredTo) : null;
  if (delivered) {
    ctx.addSelf(delivered);
    ctx.account ??= delivered;
  }
  const from = unique(h.from, new Set());
  let sent = isSentLabel(h.labels);
  if (sent) for (const f of from) ctx.addSelf(f.email);
  const sender = from[0];
  if (!sender) return { kind: 'skipped', reason: 'no-sender' };
  if (!sent && ctx.kindOf(sender.email) === 'self') sent = true;
  const at = h.date;
  if (at === null || at > ctx.now + FUTURE_SLACK_MS) return { kind: 'skipped', reason: 'no-date' };
  if (!sent && (h.bulk || ctx.kindOf(sender.email) !== 'person')) return { kind: 'skipped', reason: 'robot' };

  const fromSet = new Set(from.map((f) => f.email));
  const recipients = unique([...h.to, ...h.cc], fromSet).filter((r) => ctx.kindOf(r.email) !== 'self');
  const participants = recipients.length + (sent ? 0 : 1);
  if (participants > ctx.settings.maxThreadPeople) return { kind: 'skipped', reason: 'not-personal' };

  const persons = sent ? recipients.filter((r) => ctx.kindOf(r.email) === 'person') : [sender];
  if (persons.length === 0) return { kind: 'skipped', reason: 'robot' };

  // The user's address the touch was seen from: the mailbox's Delivered-To, the account known before, or for
  // the user's own message its sender. A received message in a mailbox that names none (Thunderbird's, most
  // non-Gmail mbox files) has none: never its sender, who is the contact (Write would open their Gmail).
  const own = delivered ?? ctx.account ?? (sent ? sender.email : null);
  const account = own ?? '';
  const messageHex = decimalToHex(/^(\d{1,30})(@|$)/.exec(input.sender)?.[1]);
  const threadHex = decimalToHex(h.threadDecimal ?? undefined);
  const messageId = h.messageId ? fitKeyPart(h.messageId, LIMITS.id) : undefined;
  const ref = messageHex ?? fitKeyPart(h.messageId || `at-${at}-${sender.email}`, 160);
  const subject = h.subject.slice(0, LIMITS.subject);
  const direction = sent ? 'sent' : 'received';
  const mass = sent && recipients.length > MASS_RECIPIENTS;
  const names: Record<string, string> = {};
  const interactions: Interaction[] = persons.map((p) => {
    const n = nameOf(p.name, p.email);
    if (n) names[p.email] = n;
    const i: Interaction = {
      key: messageHex
        ? touchKey('msg', account, messageHex, p.email)
        : `mbox:msg:${fitKeyPart(ref, 100)}:${fitKeyPart(p.email, 100)}`,
      contact: p.email,
      at,
      direction,
      source: 'mbox',
    };
    if (own) i.account = own;
    if (threadHex) i.threadId = threadHex;
    if (messageId) i.messageId = messageId;
    if (subject) i.subject = subject;
    if (mass) i.mass = true;
    return i;
  });

  const threadKey = fitThreadKey(account, threadHex ?? `mbox-${fitKeyPart(ref, 100)}`);
  const text = sent && input.text ? input.text : null;
  const thread: Thread | null = threadHex
    ? {
        id: threadKey,
        account,
        threadId: threadHex,
        subject,
        people: persons.map((p) => p.email).slice(0, 500),
        messages: [
          {
            id: ref,
            at,
            from: sender.email,
            direction,
            asks: text ? asksSomething(text) : false,
            to: recipients.map((r) => r.email).slice(0, 500),
          },
        ],
        lastAt: at,
        closed: false,
      }
    : null;
  const promises: PromiseRecord[] = [];
  if (text && thread) {
    const tz = ctx.settings.timeZone ? { timeZone: ctx.settings.timeZone } : undefined;
    findPromises(text, new Date(at), tz).forEach((p, i) => {
      promises.push({
        id: `${threadKey}:${ref}:${i}`,
        threadKey,
        messageId: ref,
        contacts: persons.map((x) => x.email),
        text: p.text,
        madeAt: at,
        ...(p.dueAt !== undefined ? { dueAt: p.dueAt } : {}),
        status: 'open',
        suggestDone: false,
      });
    });
  }
  return { kind: 'records', interactions, thread, promises, names };
}
