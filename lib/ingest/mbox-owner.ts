/**
 * Whose mailbox a file is, when the file does not say. A Google Takeout mailbox names its owner on every message
 * (Delivered-To) and its Sent label names the user's own mail (lib/ingest/mbox-records.ts learns from both). The
 * copies a desktop mail program keeps of sent mail (Thunderbird's and Apple Mail's Sent folders, mutt's record)
 * carry neither: read in order, the user would be one more correspondent, every message of theirs a touch
 * "received" from themselves. The user is told from the file's first messages instead: the one address on
 * nearly every message that wrote a good share of them, to other people (a folder of one friend's mail names the
 * friend and the user alike, and stays undecided; a folder of one sender's Bcc'd mail names nobody else).
 */
import { normalizeEmail } from '../core/email';
import type { MailHeader } from './mbox-header';

/** The first messages read for the guess (mail to many, Takeout's and unreadable messages aside). */
export const OWNER_SAMPLE_MESSAGES = 200;
/**
 * ... within at most this much of the file's beginning: a Sent folder carries its attachments (a few MB each), and
 * only the headers are read (the scan passes over the rest at memory speed).
 */
export const OWNER_SAMPLE_BYTES = 64 * 1024 * 1024;
/** Fewer messages than this decide nothing. */
export const OWNER_MIN_MESSAGES = 5;
/** The owner is on at least this share of the messages (From, To or Cc) ... */
export const OWNER_PRESENT_SHARE = 0.8;
/**
 * ... and wrote at least this share of them (an inbox, where the user only receives, decides nothing). Two such
 * addresses (both sides of one friendship) decide nothing either.
 */
export const OWNER_SENT_SHARE = 0.2;
/** At least this share of the owner's own messages name someone else (To or Cc): mail to people, not Bcc'd news. */
export const OWNER_WRITES_TO_OTHERS_SHARE = 0.5;

export interface OwnerGuess {
  /** The owner's address, normalised. */
  email: string;
  /** Messages of the sample that name it, and those it wrote. */
  present: number;
  sent: number;
  /** Messages the guess was made from. */
  sampled: number;
}

/** What the guess reads of a message: its header, or nothing for one that could not be read. */
export type OwnerSample = Pick<MailHeader, 'from' | 'to' | 'cc' | 'deliveredTo' | 'labels' | 'bulk' | 'draft'>;

/**
 * The mailbox's owner from its first messages, or null: when a message names its owner (Delivered-To) or is
 * labelled by Gmail (the records learn from those), when too few messages were read, or when no address stands
 * out as the owner's. `isPerson` leaves robots and the user's ignored addresses out (never an owner).
 */
export function guessMailboxOwner(
  sample: readonly OwnerSample[],
  isPerson: (email: string) => boolean,
): OwnerGuess | null {
  const present = new Map<string, number>();
  const sent = new Map<string, number>();
  /** Messages each address wrote that name someone else. */
  const toOthers = new Map<string, number>();
  let sampled = 0;
  for (const h of sample) {
    if (h.deliveredTo || h.labels.length > 0) return null;
    if (h.bulk || h.draft) continue;
    const from = h.from.map((a) => normalizeEmail(a.address)).find((e) => e !== null);
    if (!from) continue;
    sampled++;
    sent.set(from, (sent.get(from) ?? 0) + 1);
    const named = new Set<string>([from]);
    for (const a of [...h.to, ...h.cc]) {
      const e = normalizeEmail(a.address);
      if (e) named.add(e);
    }
    if (named.size > 1) toOthers.set(from, (toOthers.get(from) ?? 0) + 1);
    for (const e of named) present.set(e, (present.get(e) ?? 0) + 1);
  }
  if (sampled < OWNER_MIN_MESSAGES) return null;
  const candidates = [...present].filter(
    ([e, n]) => n >= OWNER_PRESENT_SHARE * sampled && (sent.get(e) ?? 0) >= OWNER_SENT_SHARE * sampled,
  );
  const [only, other] = candidates;
  if (!only || other) return null;
  const [email, count] = only;
  const wrote = sent.get(email) ?? 0;
  if ((toOthers.get(email) ?? 0) < OWNER_WRITES_TO_OTHERS_SHARE * wrote) return null;
  if (!isPerson(email)) return null;
  return { email, present: count, sent: wrote, sampled };
}
