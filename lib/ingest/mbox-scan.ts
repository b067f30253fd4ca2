/**
 * A streaming byte scanner for mbox files (Google Takeout's "All mail Including Spam and Trash.mbox").
 *
 * It is fed the file in chunks of any size and never holds more than one message's header block (and, when the
 * caller asks for it, one message's body, capped) in memory, so a 10 GB mailbox costs the same as a small one.
 * Bodies are skipped line by line on bytes (`Uint8Array.indexOf` finds each newline natively): no string is
 * made of a body line unless it could be a separator.
 *
 * A message starts at a From_ line of the shape mbox writers use (`From 1784…@xxx Thu Jan 12 10:00:00 +0000
 * 2023`) that follows a blank line (or starts the file); any other line beginning "From " (an unescaped body
 * line) is body. Thunderbird before about 2008 wrote a bare `From ` line as the separator (no sender, no date):
 * that line is a separator too, under the same blank-line rule. Lines may end in LF or CRLF.
 */

const LF = 10;
const CR = 13;

/** `From ` as bytes. */
const FROM_ = [70, 114, 111, 109, 32];

/**
 * The From_ line: sender (Takeout: Gmail's decimal message id @xxx), then an asctime date with an optional
 * numeric zone (Takeout writes `+0000`) before the year.
 */
const FROM_LINE =
  /^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}(?::\d{2})? +(?:[+-]\d{4} +)?(?:[A-Z]{1,5} +)?\d{4}\s*$/;

/** Old Thunderbird's separator: "From " and nothing else (its mailboxes are still around). */
const BARE_FROM_LINE = /^From +$/;

/** True when `line` (without its line end) is a From_ separator line. */
function isFromText(line: string): boolean {
  return FROM_LINE.test(line) || BARE_FROM_LINE.test(line);
}

/** A From_ line is at most this long; longer lines starting "From " are body. */
const MAX_FROM_LINE = 300;
/** A header block larger than this is not mail: the message is counted as corrupt and skipped. */
export const MAX_HEADER_BYTES = 512 * 1024;
/** A body collected for reading (the user's own sent mail) is cut at this size; the rest is skipped. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface ScannedHeader {
  /** Byte offset of the message's From_ line in the file. */
  offset: number;
  /** The From_ line's sender field (Takeout: Gmail's decimal message id followed by `@xxx`). */
  sender: string;
  /** The header block, From_ line excluded, blank line excluded. */
  header: Uint8Array;
}

export interface ScannedMessage extends ScannedHeader {
  /** The body when the caller asked for it (capped at MAX_BODY_BYTES), else null. */
  body: Uint8Array | null;
  /** The body was longer than MAX_BODY_BYTES and was cut. */
  bodyCut: boolean;
  /**
   * Why the message is not usable as mail: its header block never ended (the file or the next message cut
   * it), a header line longer than MAX_HEADER_BYTES, or a header block with bytes no mail has (NUL).
   */
  corrupt?: 'truncated' | 'oversized' | 'binary';
}

export interface ScanHandlers {
  /** Called once a message's header block is complete: return true to have its body collected. */
  header(h: ScannedHeader): boolean;
  /** Called once per message, in file order, when the message ends. */
  message(m: ScannedMessage): void;
}

/** Why a file is not an mbox at all, in words a user can act on. */
export class NotMboxError extends Error {
  override name = 'NotMboxError';
}

/** What a file's first four bytes say it is, when they are the signature of a kind of file that is no mailbox. */
function signature(head: Uint8Array): string | null {
  const b = (i: number) => head[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && (b(2) === 3 || b(2) === 5 || b(2) === 7))
    return 'This is a ZIP archive (Google Takeout downloads one): open it and choose the .mbox file inside.';
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return 'This is a PDF, not an mbox mailbox.';
  if (b(0) === 0x1f && b(1) === 0x8b)
    return 'This is a gzip-compressed file: decompress it and choose the .mbox file inside.';
  if (b(0) === 0x37 && b(1) === 0x7a && b(2) === 0xbc && b(3) === 0xaf)
    return 'This is a 7-Zip archive: extract it and choose the .mbox file inside.';
  return null;
}

/** What the first bytes of a file say it is, when it is plainly not a mailbox. */
export function sniffNotMbox(head: Uint8Array): string | null {
  const b = (i: number) => head[i] ?? -1;
  if (head.length === 0) return 'The file is empty.';
  const sig = signature(head);
  if (sig) return sig;
  for (let i = 0; i < FROM_.length; i++) {
    if (b(i) !== FROM_[i]) return 'This file is not an mbox mailbox: it does not begin with a "From " line.';
  }
  const nl = head.indexOf(LF);
  const line = latin1(head.subarray(0, nl < 0 ? Math.min(head.length, MAX_FROM_LINE) : nl));
  if (!isFromText(line.endsWith('\r') ? line.slice(0, -1) : line))
    return 'This file is not an mbox mailbox: its first line is not an mbox "From " line.';
  return null;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

/** True when `line` (without its LF) is a From_ separator line. */
function isFromLine(buf: Uint8Array, start: number, end: number): boolean {
  if (end - start < 5 || end - start > MAX_FROM_LINE) return false;
  for (let i = 0; i < 5; i++) if (buf[start + i] !== FROM_[i]) return false;
  return isFromText(latin1(buf.subarray(start, end)));
}

/** A growable byte buffer (header blocks, collected bodies, a line split across chunks). */
class Bytes {
  buf = new Uint8Array(4096);
  length = 0;
  /** Appends `src[start..end)`; returns true when a NUL byte was among them (no mail header has one). */
  push(src: Uint8Array, start: number, end: number): boolean {
    const n = end - start;
    if (this.length + n + 1 > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.length + n + 1) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    let nul = false;
    if (n > 256) {
      // Long runs: one native copy (a subarray view costs an allocation, worth it only here).
      this.buf.set(src.subarray(start, end), this.length);
      this.length += n;
      return false;
    }
    // Short lines (header fields, text): a plain loop, no allocation, and the NUL check on the way.
    const buf = this.buf;
    let o = this.length;
    for (let i = start; i < end; i++) {
      const c = src[i] as number;
      if (c === 0) nul = true;
      buf[o++] = c;
    }
    this.length = o;
    return nul;
  }
  /** Appends one LF. */
  newline(): void {
    if (this.length + 1 > this.buf.length) this.push(NEWLINE, 0, 1);
    else this.buf[this.length++] = LF;
  }
  take(): Uint8Array {
    const out = this.buf.slice(0, this.length);
    this.clear();
    return out;
  }
  clear(): void {
    this.length = 0;
    // Do not keep a huge buffer around after one big message.
    if (this.buf.length > 1 << 20) this.buf = new Uint8Array(4096);
  }
}

type State = 'start' | 'header' | 'body';

/**
 * The scanner. `push` every chunk in order, then `end`. `offset` is where the first byte pushed sits in the
 * file (a resumed import starts at a message's From_ line). Throws NotMboxError from the first push when the
 * data does not begin with a From_ line.
 */
export class MboxScanner {
  private state: State = 'start';
  /** File offset of the next byte to be pushed. */
  private pos: number;
  /** A line split across chunks (capped: see `partialCut`). */
  private partial = new Bytes();
  private partialCut = false;
  private partialStart = 0;
  private header = new Bytes();
  private body = new Bytes();
  private collect = false;
  private bodyCut = false;
  private prevBlank = true;
  /** The body's bytes up to the last blank line, which belongs to the separator if a From_ line follows. */
  private pendingBlank = 0;
  private current: { offset: number; sender: string } | null = null;
  private corrupt: ScannedMessage['corrupt'];
  private first = true;
  /** After `end`: the file ended inside the last message's header block. */
  lastTruncated = false;

  constructor(
    private readonly handlers: ScanHandlers,
    offset = 0,
  ) {
    this.pos = offset;
  }

  /** Offset of the From_ line of the message being read (where a resumed import starts), or the end so far. */
  get messageStart(): number {
    return this.current?.offset ?? this.pos;
  }

  /** Bytes consumed so far (file offset). */
  get position(): number {
    return this.pos;
  }

  push(chunk: Uint8Array): void {
    if (this.first && chunk.length > 0) {
      this.first = false;
      const sig = signature(chunk);
      if (sig) throw new NotMboxError(sig);
      // A first chunk too short to hold a whole From_ line is judged line by line instead (state 'start').
      if (chunk.length >= MAX_FROM_LINE || chunk.indexOf(LF) >= 0) {
        const problem = sniffNotMbox(chunk.subarray(0, Math.min(chunk.length, MAX_FROM_LINE + 2)));
        if (problem) throw new NotMboxError(problem);
      }
    }
    let i = 0;
    const n = chunk.length;
    if (this.partial.length > 0 || this.partialCut) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) {
        this.addPartial(chunk, 0, n);
        this.pos += n;
        return;
      }
      this.addPartial(chunk, 0, nl);
      const p = this.partial;
      const startOffset = this.partialStart;
      const cut = this.partialCut;
      this.partialCut = false;
      this.line(p.buf, 0, p.length, startOffset, cut);
      p.clear();
      i = nl + 1;
    }
    while (i < n) {
      const nl = chunk.indexOf(LF, i);
      if (nl < 0) {
        this.partialStart = this.pos + i;
        this.addPartial(chunk, i, n);
        break;
      }
      // The hot path: a body line being skipped that cannot start a message (no blank line before it, or
      // not starting with "F") only says whether it is blank. Most of a mailbox's bytes pass here.
      if (this.state === 'body' && !this.collect && !(this.prevBlank && chunk[i] === 70)) {
        this.prevBlank = nl === i || (nl === i + 1 && chunk[i] === CR);
        i = nl + 1;
        continue;
      }
      this.line(chunk, i, nl, this.pos + i, false);
      i = nl + 1;
    }
    this.pos += n;
  }

  /** Ends the file: the last message is emitted (corrupt when its header block never ended). */
  end(): void {
    if (this.partial.length > 0 || this.partialCut) {
      const cut = this.partialCut;
      this.partialCut = false;
      this.line(this.partial.buf, 0, this.partial.length, this.partialStart, cut);
      this.partial.clear();
    }
    if (this.first) throw new NotMboxError('The file is empty.');
    this.lastTruncated = this.state === 'header';
    this.finish();
  }

  private addPartial(src: Uint8Array, start: number, end: number): void {
    // Only header lines and collected bodies need a split line whole; a skipped body line needs its first bytes.
    const limit =
      this.state === 'header' ? MAX_HEADER_BYTES + 1 : this.collect ? MAX_BODY_BYTES + 1 : MAX_FROM_LINE + 1;
    const room = limit - this.partial.length;
    if (room <= 0) {
      this.partialCut = true;
      return;
    }
    const take = Math.min(room, end - start);
    this.partial.push(src, start, start + take);
    if (take < end - start) this.partialCut = true;
  }

  /** One line, `buf[start..end)` without its LF, at file offset `offset`; `cut` when it was longer than kept. */
  private line(buf: Uint8Array, start: number, end: number, offset: number, cut: boolean): void {
    let e = end;
    if (e > start && buf[e - 1] === CR) e--;
    const blank = e === start && !cut;
    switch (this.state) {
      case 'start':
        if (isFromLine(buf, start, e)) this.open(buf, start, e, offset);
        else if (!blank)
          throw new NotMboxError('This file is not an mbox mailbox: it does not begin with a "From " line.');
        return;
      case 'header':
        if (blank) {
          const header = this.header.take();
          const h = { offset: this.current?.offset ?? offset, sender: this.current?.sender ?? '', header };
          this.collect = this.corrupt === undefined && this.handlers.header(h);
          this.headerDone = h;
          this.state = 'body';
          this.prevBlank = true;
          this.pendingBlank = 0;
          return;
        }
        // A From_ line inside a header block: the previous message was cut off before its body.
        if (!cut && isFromLine(buf, start, e)) {
          this.corrupt ??= 'truncated';
          this.finish();
          this.open(buf, start, e, offset);
          return;
        }
        if (cut || this.header.length + (end - start) + 1 > MAX_HEADER_BYTES) {
          this.corrupt ??= 'oversized';
          this.header.clear();
          this.toSkip();
          return;
        }
        if (this.header.push(buf, start, e) && this.corrupt === undefined) this.corrupt = 'binary';
        this.header.newline();
        return;
      case 'body':
        if (this.prevBlank && !cut && buf[start] === 70 && isFromLine(buf, start, e)) {
          this.finish();
          this.open(buf, start, e, offset);
          return;
        }
        if (this.collect) {
          if (this.body.length + (end - start) + 1 > MAX_BODY_BYTES || cut) {
            this.bodyCut = true;
            this.collect = false;
          } else {
            if (this.pendingBlank > 0) {
              for (let k = 0; k < this.pendingBlank; k++) this.body.newline();
              this.pendingBlank = 0;
            }
            if (blank) this.pendingBlank = 1;
            else {
              this.body.push(buf, start, e);
              this.body.newline();
            }
          }
        }
        this.prevBlank = blank;
        return;
    }
  }

  private headerDone: ScannedHeader | null = null;

  /** A header block that cannot be mail: skip to the next separator. */
  private toSkip(): void {
    this.state = 'body';
    this.collect = false;
    this.prevBlank = false;
  }

  private open(buf: Uint8Array, start: number, end: number, offset: number): void {
    const line = latin1(buf.subarray(start, end));
    // The sender field ('' for a bare "From " separator).
    const sender = line.slice(5).trimStart().split(' ', 1)[0] ?? '';
    this.current = { offset, sender };
    this.state = 'header';
    this.header.clear();
    this.body.clear();
    this.collect = false;
    this.bodyCut = false;
    this.corrupt = undefined;
    this.headerDone = null;
    this.pendingBlank = 0;
  }

  private finish(): void {
    const cur = this.current;
    if (!cur) return;
    if (this.state === 'header') {
      this.corrupt ??= 'truncated';
      this.header.clear();
    }
    const header = this.headerDone?.header ?? new Uint8Array(0);
    const m: ScannedMessage = {
      offset: cur.offset,
      sender: cur.sender,
      header,
      body: this.headerDone && this.corrupt === undefined && (this.collect || this.bodyCut) ? this.body.take() : null,
      bodyCut: this.bodyCut,
    };
    if (this.corrupt !== undefined) m.corrupt = this.corrupt;
    this.body.clear();
    this.current = null;
    this.headerDone = null;
    this.handlers.message(m);
  }
}

const NEWLINE = new Uint8Array([LF]);
