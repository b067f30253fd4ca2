/**
 * Imports a mailbox file (Google Takeout's mbox) into the store, streaming: the file is read in slices
 * (`Blob.slice().arrayBuffer()`, MBOX_SLICE_BYTES at a time), scanned on bytes (lib/ingest/mbox-scan.ts), and every few thousand messages the records are
 * written through the one bulk write path, `importBackup` (lib/store/backup.ts), as a BackupV1-shaped chunk.
 *
 * Resumable: after each committed chunk the byte offset of the next unread message is kept in `kv` under the
 * file's name, size and modification time, so an import stopped by closing Options, Cancel or a crash carries on
 * from there when the same file is chosen again. Writing a chunk twice changes nothing (every record has a
 * stable key), so a chunk committed just before a stop is harmless to read again.
 *
 * A file that is not an mbox (empty, a ZIP, a PDF, no complete message) is refused before anything is written.
 * After the last chunk, the nudge list is recomputed once.
 */
import PostalMime from 'postal-mime';
import type { Interaction, PromiseRecord, Thread } from '../core/model';
import { THREAD_WINDOW_MS } from '../engine/followups';
import { knownAccounts, selfAddresses } from '../store/accounts';
import { findContact } from '../store/aliases';
import { type BackupV1, ImportStoppedError, importBackup } from '../store/backup';
import { untouchedByUser } from '../store/contacts';
import type { TendDB } from '../store/db';
import { refreshNudgeList } from '../store/nudge-list';
import { checkRoom, FAILURE_TEXT, noRoomWords, RECORD_BYTES, StoreWriteError, writeTransaction } from '../store/quota';
import { getSettings, updateSettings } from '../store/settings';
import { namesSentOrInbox } from './gmail-labels';
import { forgetSelf } from './ingest';
import { type MailHeader, readMailHeader } from './mbox-header';
import {
  guessMailboxOwner,
  OWNER_SAMPLE_BYTES,
  OWNER_SAMPLE_MESSAGES,
  type OwnerGuess,
  type OwnerSample,
} from './mbox-owner';
import { addText, MboxContext, type MessageOutcome, messageRecords, type SkipReason, wantsText } from './mbox-records';
import { MboxScanner, NotMboxError, type ScannedMessage } from './mbox-scan';

/**
 * What the store may grow by per byte of mailbox, for the room check before an import: a message becomes about one
 * touch, a thread message and a share of a thread (RECORD_BYTES), and a Takeout mailbox averages tens of KB a
 * message once attachments count; 40 KB is taken, so a mailbox of small text messages may need more, which each
 * chunk's own check (importBackup) then catches at a clean point.
 */
export const MBOX_STORE_SHARE =
  (RECORD_BYTES.interaction + RECORD_BYTES.threadMessage + RECORD_BYTES.thread / 2) / 40_000;

/** What the importer needs of a File: Blob's slice and arrayBuffer, and what identifies the file. */
export interface MboxFile {
  name: string;
  size: number;
  lastModified: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * The file is read in slices of this size, the next one requested while the current one is scanned: two slices
 * in memory whatever the file's size, and a few hundred reads for a large mailbox where `File.stream()` handed
 * over 64 KB at a time (thousands of awaits).
 */
export const MBOX_SLICE_BYTES = 4 * 1024 * 1024;

export interface MboxCounts {
  /** Messages read, whatever became of them. */
  messages: number;
  /** Messages that became at least one touch. */
  imported: number;
  /** Touches new to the store. */
  interactions: number;
  promises: number;
  skipped: Record<SkipReason, number>;
  /** Messages whose header block was not mail (cut off, oversized, binary, not header lines). */
  corrupt: number;
  /**
   * Messages with Gmail labels (X-Gmail-Labels), and of them those naming Sent or Inbox in a language Tend knows
   * (lib/ingest/gmail-labels.ts): labels and none known say the mailbox's labels were not understood.
   */
  gmailLabels: { labelled: number; known: number };
}

export interface MboxProgress {
  bytes: number;
  total: number;
  messages: number;
  people: number;
  /** Milliseconds left at the rate so far, or null before there is a rate. */
  etaMs: number | null;
}

export interface MboxSummary extends MboxCounts {
  people: number;
  /** Where this run started (0, or the offset an earlier run had reached). */
  resumedFrom: number;
  /** The file ended inside a message (that message is counted as corrupt). */
  endedMidMessage: boolean;
  /** The user's addresses learnt from the mailbox (they never become contacts). */
  newSelf: string[];
  /**
   * The user's address told from the file's first messages (lib/ingest/mbox-owner.ts), when the file did not name
   * it (a desktop mail program's Sent folder) and it was not known yet; it is among `newSelf`.
   */
  owner?: OwnerGuess;
  /** Where this run's time went (ms): waiting for the file, scanning and reading messages, writing chunks. */
  timings: { readMs: number; parseMs: number; commitMs: number; finishMs: number };
}

export type MboxResult =
  | { ok: true; summary: MboxSummary }
  | { ok: false; cancelled: true; progress: MboxProgress }
  | {
      ok: false;
      cancelled?: false;
      error: string /** Chunks written before the problem are kept. */;
      partial: boolean;
      /** Refused before writing (no room), or stopped short of a full disk: choose the same file once there is room. */
      reason?: 'no-room' | 'disk-full';
    };

export interface MboxImportOptions {
  now?: () => number;
  signal?: AbortSignal;
  onProgress?: (p: MboxProgress) => void;
  /** Messages per committed chunk. */
  chunkMessages?: number;
  /** Bytes per slice read from the file (MBOX_SLICE_BYTES). */
  sliceBytes?: number;
}

/** The resume record kept in `kv`. */
interface ResumeState {
  offset: number;
  done: boolean;
  counts: MboxCounts;
  people: string[];
  account: string | null;
  /** The owner told from the file's first messages, until the summary has named it (a run stopped before). */
  owner?: OwnerGuess;
}

export const MBOX_STATE_PREFIX = 'mbox-import:';

/** The kv key of a file's resume state: name, size and modification time say "the same file". */
export function mboxStateKey(file: Pick<MboxFile, 'name' | 'size' | 'lastModified'>): string {
  return `${MBOX_STATE_PREFIX}${file.size}:${file.lastModified}:${file.name.slice(0, 200)}`;
}

/** An unfinished import of this file: the byte offset it reached, or null. */
export async function pendingMboxImport(db: TendDB, file: Pick<MboxFile, 'name' | 'size' | 'lastModified'>) {
  const rec = await db.kv.get(mboxStateKey(file));
  const s = rec?.value as ResumeState | undefined;
  return s && !s.done && typeof s.offset === 'number' ? s.offset : null;
}

const emptyCounts = (): MboxCounts => ({
  messages: 0,
  imported: 0,
  interactions: 0,
  promises: 0,
  skipped: { label: 0, robot: 0, 'not-personal': 0, 'no-date': 0, 'no-sender': 0 },
  corrupt: 0,
  gmailLabels: { labelled: 0, known: 0 },
});

/** Records waiting for the next commit. */
class Chunk {
  interactions: Interaction[] = [];
  names = new Map<string, string>();
  threads = new Map<string, Thread>();
  promises = new Map<string, PromiseRecord>();
  messages = 0;

  addThread(t: Thread): void {
    const old = this.threads.get(t.id);
    if (!old) {
      this.threads.set(t.id, t);
      return;
    }
    old.messages.push(...t.messages);
    for (const p of t.people) if (!old.people.includes(p)) old.people.push(p);
    old.lastAt = Math.max(old.lastAt, t.lastAt);
    if (!old.subject) old.subject = t.subject;
  }

  /**
   * The chunk as the backup importer takes it (BackupV1, times already in milliseconds). Only threads with a
   * message in the nudge list's window are kept (THREAD_WINDOW_MS): nothing reads an older thread record (its
   * touches are in the histories, and Gmail capture writes the thread again if the user opens it), and writing
   * years of them was a third of a mailbox import's time.
   */
  toBackup(now: number): BackupV1 {
    const contacts = [...new Set(this.interactions.map((i) => i.contact))].map((email) => ({
      email,
      name: this.names.get(email) ?? '',
    }));
    return {
      format: 'tend-backup',
      version: 1,
      exportedAt: now,
      contacts,
      interactions: this.interactions,
      events: [],
      threads: [...this.threads.values()]
        .filter((t) => t.lastAt >= now - THREAD_WINDOW_MS)
        .map((t) => ({ ...t, messages: t.messages.slice(-2000) })),
      promises: [...this.promises.values()],
      nudgeState: [],
    };
  }
}

/** The plain text of a message (its text part, or its HTML part without tags); '' when it has none. */
async function bodyText(header: Uint8Array, body: Uint8Array): Promise<string> {
  const raw = new Uint8Array(header.length + 1 + body.length);
  raw.set(header, 0);
  raw[header.length] = 10;
  raw.set(body, header.length + 1);
  try {
    const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
    if (email.text) return email.text;
    if (email.html) return htmlText(email.html);
  } catch {
    // A body postal-mime cannot read gives no promises; the touch itself stands.
  }
  return '';
}

/** Visible text of an HTML body, enough for sentences: block ends become line breaks, quotes are dropped. */
function htmlText(html: string): string {
  return html
    .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '\n')
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

const SELF_CAP = 50;

/** A message's header, read when the scanner reached its end, and what it gave (mbox-records). */
interface ReadHeader {
  header: MailHeader;
  outcome: MessageOutcome;
}

interface Queued {
  message: ScannedMessage;
  /** Null for a message whose header block is not mail. */
  read: ReadHeader | null;
}

/** Imports `file`; never throws (a problem is returned in words). */
export async function importMbox(db: TendDB, file: MboxFile, opts: MboxImportOptions = {}): Promise<MboxResult> {
  const clock = opts.now ?? Date.now;
  const now = clock();
  // Each chunk rewrites the histories and summaries of everyone it touches (the benchmark's largest share), so
  // chunks are large: at 4,000 messages the 40,000-message benchmark rewrote each of its 3,000 people ten times;
  // at 24,000 rather than 16,000 its write time fell from 9.4 to 6.2 s and its peak memory did not move (238
  // and 243 MiB: the slices in flight and the store's own work weigh more than a chunk's records).
  // What a stop loses is only the reading of the chunk in flight (its records are written in importBackup's
  // bounded transactions; the resume offset moves after them).
  const chunkMessages = opts.chunkMessages ?? 24_000;
  const sliceBytes = Math.max(1, opts.sliceBytes ?? MBOX_SLICE_BYTES);
  const key = mboxStateKey(file);
  let committed = false;
  try {
    const stored = (await db.kv.get(key))?.value as ResumeState | undefined;
    const resume = stored && !stored.done && stored.offset > 0 && stored.offset < file.size ? stored : null;
    const state: ResumeState = resume
      ? { ...resume, counts: { ...emptyCounts(), ...resume.counts } }
      : { offset: 0, done: false, counts: emptyCounts(), people: [], account: null };
    const startOffset = state.offset;
    // Room before anything is written: what the rest of the file may add, at its most (MBOX_STORE_SHARE).
    const room = checkRoom(
      Math.ceil((file.size - startOffset) * MBOX_STORE_SHARE),
      await db.estimateRoom().catch(() => undefined),
    );
    if (!room.ok) {
      return {
        ok: false,
        reason: 'no-room',
        partial: startOffset > 0,
        error: `The mailbox was not imported: ${noRoomWords(room)}.`,
      };
    }
    const settings = await getSettings(db);
    const accounts = await knownAccounts(db);
    const ctx = new MboxContext(
      settings,
      await selfAddresses(db),
      now,
      state.account ?? (accounts.length === 1 ? (accounts[0] ?? null) : null),
    );
    // A file that names its owner nowhere (a desktop mail program's Sent folder): the user's address is told from
    // its first messages before any is read as a touch. A run that goes on from an earlier one's offset, or starts
    // the file again after one stopped, names the owner that run told (kept with the resume state until a summary
    // has named it). A contact the user has described is never taken for the owner.
    let owner: OwnerGuess | undefined = resume?.owner ?? (stored?.owner && !stored.done ? stored.owner : undefined);
    if (startOffset === 0) {
      const guess = guessMailboxOwner(await firstHeaders(file, sliceBytes), (e) => {
        const kind = ctx.kindOf(e);
        return kind === 'person' || kind === 'self';
      });
      const learnt = guess && !ctx.self.has(guess.email) ? guess : null;
      const contact = learnt ? await findContact(db, learnt.email) : undefined;
      if (learnt && (!contact || untouchedByUser(contact))) {
        ctx.addSelf(learnt.email);
        owner = learnt;
      } else if (guess?.email !== owner?.email) owner = undefined;
    }
    const people = new Set(state.people);
    const counts = state.counts;
    let chunk = new Chunk();
    const queue: Queued[] = [];
    let pending: ReadHeader | null = null;
    let committedSomething = startOffset > 0;
    const learntAll: string[] = [];

    const scanner = new MboxScanner(
      {
        // Headers come in file order: each message's records are made here, learning the user's addresses as it
        // goes, and its body is kept only when its text is to be read (the user's own recent mail, wantsText).
        header(h) {
          const r = readMailHeader(h.header);
          pending =
            'problem' in r ? null : { header: r, outcome: messageRecords({ sender: h.sender, header: r }, ctx) };
          return pending !== null && wantsText(pending.outcome, ctx);
        },
        message(m) {
          queue.push({ message: m, read: m.corrupt ? null : pending });
          pending = null;
        },
      },
      startOffset,
    );

    const started = performance.now();
    const progress = (): MboxProgress => {
      const done = scanner.position - startOffset;
      const elapsed = performance.now() - started;
      const rate = elapsed > 500 && done > 0 ? done / elapsed : 0;
      return {
        bytes: scanner.position,
        total: file.size,
        messages: counts.messages,
        people: people.size,
        etaMs: rate > 0 ? Math.round((file.size - scanner.position) / rate) : null,
      };
    };

    const drain = async () => {
      for (const q of queue.splice(0)) {
        counts.messages++;
        if (!q.read || q.message.corrupt) {
          counts.corrupt++;
          continue;
        }
        const { header, outcome: out } = q.read;
        if (header.labels.length > 0) {
          counts.gmailLabels.labelled++;
          if (namesSentOrInbox(header.labels)) counts.gmailLabels.known++;
        }
        if (out.kind === 'skipped') {
          counts.skipped[out.reason]++;
          continue;
        }
        if (q.message.body && q.message.body.length > 0)
          addText(out, await bodyText(q.message.header, q.message.body), ctx);
        counts.imported++;
        chunk.messages++;
        for (const i of out.interactions) {
          chunk.interactions.push(i);
          people.add(i.contact);
        }
        for (const [e, n] of Object.entries(out.names)) if (!chunk.names.has(e)) chunk.names.set(e, n);
        if (out.thread) chunk.addThread(out.thread);
        for (const p of out.promises) chunk.promises.set(p.id, p);
      }
    };

    const timings = { readMs: 0, parseMs: 0, commitMs: 0, finishMs: 0 };
    const commit = async (offset: number, done: boolean) => {
      const t0 = performance.now();
      if (ctx.newSelf.length) {
        const learnt = ctx.newSelf.splice(0);
        learntAll.push(...learnt);
        await updateSettings(db, (s) => ({
          ...s,
          selfAddresses: [...new Set([...s.selfAddresses, ...learnt])].slice(0, SELF_CAP),
        }));
        for (const e of learnt) people.delete(e);
        await forgetSelf(db);
      }
      // An address first taken for a person, then seen as the user's own in this chunk's Sent mail.
      chunk.interactions = chunk.interactions.filter((i) => !ctx.self.has(i.contact));
      for (const t of chunk.threads.values()) t.people = t.people.filter((p) => !ctx.self.has(p));
      if (chunk.interactions.length || chunk.threads.size || chunk.promises.size) {
        const r = await importBackup(db, chunk.toBackup(now), now);
        counts.interactions += r.interactions;
        counts.promises += chunk.promises.size;
        committedSomething = true;
        committed = true;
      }
      chunk = new Chunk();
      const resume: ResumeState = {
        offset,
        done,
        counts,
        people: [...people],
        account: ctx.account,
        ...(owner && !done ? { owner } : {}),
      };
      await writeTransaction(db, [db.kv], 'where the import stopped', () => db.kv.put({ key, value: resume }));
      timings.commitMs += performance.now() - t0;
    };

    const read = (from: number): Promise<ArrayBuffer> | null =>
      from < file.size ? file.slice(from, Math.min(file.size, from + sliceBytes)).arrayBuffer() : null;
    let next = read(startOffset);
    let readTo = startOffset;
    let lastProgress = 0;
    try {
      for (;;) {
        if (opts.signal?.aborted) {
          // What was read is kept: the messages read so far are committed, the next run starts after them.
          await commit(scanner.messageStart, false);
          return { ok: false, cancelled: true, progress: progress() };
        }
        const t0 = performance.now();
        if (!next) break;
        const value = new Uint8Array(await next);
        readTo += value.length;
        // The next slice is read while this one is scanned.
        next = value.length > 0 ? read(readTo) : null;
        const t1 = performance.now();
        timings.readMs += t1 - t0;
        scanner.push(value);
        await drain();
        timings.parseMs += performance.now() - t1;
        if (chunk.messages >= chunkMessages) await commit(scanner.messageStart, false);
        const t = performance.now();
        if (opts.onProgress && t - lastProgress >= 100) {
          lastProgress = t;
          opts.onProgress(progress());
        }
      }
    } finally {
      next?.catch(() => undefined);
    }
    scanner.end();
    await drain();
    const endedMidMessage = scanner.lastTruncated;
    if (!committedSomething && counts.imported === 0 && counts.messages === counts.corrupt) {
      return {
        ok: false,
        partial: false,
        error:
          counts.messages <= 1
            ? 'This mbox file holds no complete message: it looks truncated.'
            : `None of the ${counts.messages} messages in this file could be read as mail.`,
      };
    }
    if (opts.signal?.aborted) return { ok: false, cancelled: true, progress: progress() };
    await commit(file.size, true);
    const t2 = performance.now();
    // Everything is saved: a nudge list or a summary the disk has no room for does not undo that (the
    // background recomputes the list on its next tick).
    const unlessFull = (e: unknown) => {
      if (!(e instanceof StoreWriteError)) throw e;
    };
    await refreshNudgeList(db, clock()).catch(unlessFull);
    timings.finishMs = performance.now() - t2;
    opts.onProgress?.(progress());
    const summary: MboxSummary = {
      ...counts,
      people: people.size,
      resumedFrom: startOffset,
      endedMidMessage,
      newSelf: learntAll,
      ...(owner ? { owner } : {}),
      timings,
    };
    // The last run's summary, kept beside the resume state (what the benchmark reads its timings from).
    await writeTransaction(db, [db.kv], "the import's summary", async () =>
      db.kv.put({ key, value: { ...((await db.kv.get(key))?.value as ResumeState), summary } }),
    ).catch(unlessFull);
    return { ok: true, summary };
  } catch (e) {
    if (e instanceof NotMboxError) return { ok: false, error: e.message, partial: false };
    if ((e instanceof ImportStoppedError || e instanceof StoreWriteError) && e.reason === 'disk-full') {
      // Stopped short of a full disk (lib/store/quota.ts): the chunks before it and the resume offset are kept.
      return {
        ok: false,
        reason: 'disk-full',
        error: `${FAILURE_TEXT['disk-full']}. The import stopped at a clean point.`,
        partial: committed || (e instanceof ImportStoppedError && Object.values(e.saved).some((n) => n > 0)),
      };
    }
    return {
      ok: false,
      error: `The import stopped: ${e instanceof Error ? e.message : String(e)}.`,
      partial: committed,
    };
  }
}

/**
 * The headers of the file's first messages, for guessMailboxOwner: at most OWNER_SAMPLE_MESSAGES of them within
 * OWNER_SAMPLE_BYTES, and no more once one names its owner or carries Gmail's labels (a Takeout mailbox: the
 * first message decides, so such a file is read for it only as far as its first slice).
 */
async function firstHeaders(file: MboxFile, sliceBytes: number): Promise<OwnerSample[]> {
  const out: OwnerSample[] = [];
  let enough = false;
  const scanner = new MboxScanner({
    header(h) {
      const r = readMailHeader(h.header);
      if ('problem' in r) return false;
      out.push(r);
      enough = r.deliveredTo !== null || r.labels.length > 0 || out.length >= OWNER_SAMPLE_MESSAGES;
      return false;
    },
    message() {},
  });
  const end = Math.min(file.size, OWNER_SAMPLE_BYTES);
  for (let at = 0; at < end && !enough; ) {
    const to = Math.min(end, at + Math.min(sliceBytes, 1024 * 1024));
    scanner.push(new Uint8Array(await file.slice(at, to).arrayBuffer()));
    at = to;
  }
  return out;
}

/** The summary line the user reads at the end. */
export function mboxSummaryText(s: MboxSummary): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;
  const skipped = s.skipped.label + s.skipped.robot + s.skipped['not-personal'] + s.skipped['no-sender'];
  let text = `Imported ${plural(s.imported, 'message')}: ${plural(s.people, 'person', 'people')}, ${plural(s.promises, 'promise')}; skipped ${plural(skipped, 'chat, spam and robot message')}, ${n(s.skipped['no-date'])} without a date`;
  if (s.corrupt) text += `, ${n(s.corrupt)} unreadable`;
  text += '.';
  if (s.endedMidMessage) text += ' The file ends in the middle of a message: it may be truncated.';
  if (s.owner)
    text += ` ${s.owner.email} was taken for your address: it wrote ${n(s.owner.sent)} of the first ${plural(s.owner.sampled, 'message')}. If it is not yours, remove it from Your addresses in Settings.`;
  if (s.gmailLabels.labelled > 0 && s.gmailLabels.known === 0)
    text +=
      " Gmail's labels in this file were not recognised (no Sent or Inbox in a language Tend knows): what you sent was told from your addresses alone, and drafts, spam and trash could not be left out.";
  return text;
}

/** Imports that stopped before the end (Cancel, Options closed): the file's name, size and how far it got. */
export async function unfinishedMboxImports(db: TendDB): Promise<{ name: string; size: number; offset: number }[]> {
  const recs = await db.kv.where('key').startsWith(MBOX_STATE_PREFIX).toArray();
  return recs.flatMap((r) => {
    const s = r.value as ResumeState | undefined;
    const m = /^mbox-import:(\d+):\d+:(.*)$/s.exec(r.key);
    if (!m || !s || s.done || typeof s.offset !== 'number' || s.offset <= 0) return [];
    return [{ name: m[2] as string, size: Number(m[1]), offset: s.offset }];
  });
}
