/**
 * One mbox message (its read header, and for the user's own recent sent mail its text) turned into Tend's
 * records, by the same rules as Gmail capture (lib/ingest/gmail-normalize.ts):
 *
 * - Chat, Spam, Trash and Drafts, in any language Gmail writes them (lib/ingest/gmail-labels.ts), are skipped
 *   (and a draft or unsent message by its mail program's mark). A message labelled Sent, or from one of the
 *   user's addresses, is the user's (`isOwnMessage`, the one rule): a Sent message's From addresses join the
 *   user's own, it is a sent touch with each To/Cc person, and its text is read for promises and asks. Any
 *   other message is a received touch with its sender only.
 * - Robots by the user's editable rules (lib/engine/people.ts), plus List-Unsubscribe / List-Id / Precedence:
 *   bulk / Auto-Submitted as signs of mass mail; more than `settings.maxThreadPeople` people is not personal;
 *   a sent message to more than MASS_RECIPIENTS people is mass mail (kept, but it does not reset a rhythm).
 * - A message without a usable date is held back, never guessed.
 * - Who a message is from and to is decided when its header is read, in file order (`messageRecords`), so
 *   the user's addresses it learns are those of the messages before it; what it says is read after, when its
 *   body arrives (`wantsText`, `addText`).
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
import { type GmailLabelKind, gmailLabelKinds } from './gmail-labels';
import { decimalToHex, fitKeyPart, fitThreadKey, MASS_RECIPIENTS, touchKey } from './gmail-normalize';
import type { MailHeader } from './mbox-header';

/** Gmail's labels whose messages are not contact. */
const SKIPPED_KINDS: readonly GmailLabelKind[] = ['chat', 'spam', 'trash', 'drafts'];

/** A date more than this far in the future is a misreading, not a message. */
const FUTURE_SLACK_MS = 36 * 3_600_000;

/**
 * Promises and asks are read from the user's own messages sent within this window before the import: an
 * unkept promise from years ago is history, not a nudge (the same window the nudge list reads threads in).
 */
export const BODY_WINDOW_MS = THREAD_WINDOW_MS;

export type SkipReason = 'label' | 'robot' | 'not-personal' | 'no-date' | 'no-sender';

export interface MessageRecords {
  /** The user's own message (isOwnMessage): a sent touch, whose text is read when it is recent (wantsText). */
  mine: boolean;
  interactions: Interaction[];
  /** The thread record for this one message (merged with the rest of the thread by the store). */
  thread: Thread | null;
  /** Filled by addText from the message's text. */
  promises: PromiseRecord[];
  /** Normalised address -> display name, for the people touched. */
  names: Record<string, string>;
}

export type MessageOutcome = { kind: 'skipped'; reason: SkipReason } | ({ kind: 'records' } & MessageRecords);

export interface MboxMessageInput {
  /** The From_ line's sender field (Takeout: Gmail's decimal message id then `@xxx`). */
  sender: string;
  header: MailHeader;
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

  /** Whether a message sent at `at` is recent enough for its text to be read. */
  recent(at: number): boolean {
    return at >= this.now - BODY_WINDOW_MS && at <= this.now + FUTURE_SLACK_MS;
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

/**
 * Whether a message is the user's own: Gmail labelled it Sent (in any language, lib/ingest/gmail-labels.ts), or
 * its sender is one of the user's addresses (known before, or learnt from the messages read so far). The one
 * rule for "mine": a message it names is a sent touch, and its text is read for promises and asks.
 */
export function isOwnMessage(system: ReadonlySet<GmailLabelKind>, sender: string, ctx: MboxContext): boolean {
  return system.has('sent') || ctx.kindOf(sender) === 'self';
}

/**
 * Turns one message's header into records, or says why it gives none. Learns the user's addresses as it goes
 * (the mailbox's Delivered-To, a Sent message's From), so messages are given to it once each, in file order.
 * The records carry no promises yet, and no asks: those come from the text (wantsText, addText).
 */
export function messageRecords(input: MboxMessageInput, ctx: MboxContext): MessageOutcome {
  const h = input.header;
  const system = gmailLabelKinds(h.labels);
  if (h.draft || SKIPPED_KINDS.some((k) => system.has(k))) return { kind: 'skipped', reason: 'label' };
  const delivered = h.deliveredTo ? normalizeEmail(h.deliveredTo) : null;
  if (delivered) {
    ctx.addSelf(delivered);
    ctx.account ??= delivered;
  }
  const from = unique(h.from, new Set());
  if (system.has('sent')) for (const f of from) ctx.addSelf(f.email);
  const sender = from[0];
  if (!sender) return { kind: 'skipped', reason: 'no-sender' };
  const sent = isOwnMessage(system, sender.email, ctx);
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

  const thread: Thread | null = threadHex
    ? {
        id: fitThreadKey(account, threadHex),
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
            asks: false,
            to: recipients.map((r) => r.email).slice(0, 500),
          },
        ],
        lastAt: at,
        closed: false,
      }
    : null;
  return { kind: 'records', mine: sent, interactions, thread, promises: [], names };
}

/**
 * Whether a message's text is read: the user's own (isOwnMessage), recent (BODY_WINDOW_MS), and with a thread
 * record to hold its asks and promises. Asked when the header is read, so only these bodies are kept.
 */
export function wantsText(out: MessageOutcome, ctx: MboxContext): boolean {
  const message = out.kind === 'records' ? out.thread?.messages[0] : undefined;
  return out.kind === 'records' && out.mine && message !== undefined && ctx.recent(message.at);
}

/** Reads the text of a message wantsText chose: whether it asks something, and the promises it makes. */
export function addText(records: MessageRecords, text: string, ctx: MboxContext): void {
  const thread = records.thread;
  const message = thread?.messages[0];
  if (!records.mine || !thread || !message || !text) return;
  message.asks = asksSomething(text);
  const tz = ctx.settings.timeZone ? { timeZone: ctx.settings.timeZone } : undefined;
  findPromises(text, new Date(message.at), tz).forEach((p, i) => {
    records.promises.push({
      id: `${thread.id}:${message.id}:${i}`,
      threadKey: thread.id,
      messageId: message.id,
      contacts: records.interactions.map((x) => x.contact),
      text: p.text,
      madeAt: message.at,
      ...(p.dueAt !== undefined ? { dueAt: p.dueAt } : {}),
      status: 'open',
      suggestDone: false,
    });
  });
}
