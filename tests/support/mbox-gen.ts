/**
 * A generated Takeout-like mailbox (invented people) for the import benchmark and the browser test: Gmail-size
 * header blocks (Received chains, ARC and DKIM signatures, about 3 KB), a share of messages with a base64
 * attachment, a share sent by the user, a few chat, spam and robot messages, threads of a few messages, dates
 * spread over the last two years. Deterministic for a seed. Written to a file in pieces (never held whole).
 */
import { createWriteStream } from 'node:fs';

export interface GenOptions {
  messages: number;
  /** Share of messages with an attachment of `attachmentBytes` (base64 text). */
  attachmentShare: number;
  attachmentBytes: number;
  /** Share sent by the user. */
  sentShare: number;
  /** Size the header block is padded to, about. */
  headerBytes: number;
  people: number;
  now: number;
  seed?: number;
  me?: string;
}

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const FIRST = ['Ann', 'Bo', 'Chen', 'Dana', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jo', 'Kai', 'Lea', 'Mo', 'Nia'];
const LAST = ['Lee', 'Ray', 'Park', 'Diaz', 'Novak', 'Okafor', 'Silva', 'Berg', 'Khan', 'Moreau', 'Sato', 'Weiss'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function asctime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

function rfcDate(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** Generates the mailbox as strings, piece by piece. */
export function* takeoutPieces(o: GenOptions): Generator<string> {
  const r = rng(o.seed ?? 42);
  const me = o.me ?? 'me@example.com';
  const person = (i: number) => ({
    name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
    email: `p${i}@example${i % 7}.org`,
  });
  const line64 = Array.from({ length: 76 }, (_, i) => B64[(i * 7) % 64]).join('');
  const attachmentLines = Math.max(1, Math.round(o.attachmentBytes / 77));
  const attachment = `${Array.from({ length: attachmentLines }, () => line64).join('\n')}\n`;
  const span = 730 * 86_400_000;
  let thread = 1_700_000_000_000_000_000n;
  let msgId = 1_784_565_224_872_936_612n;
  for (let k = 0; k < o.messages; k++) {
    if (k % 3 === 0) thread += 1_000_003n;
    msgId += 7_919n;
    const at = Math.floor(o.now - span + (k / o.messages) * span);
    const roll = r();
    const sent = roll < o.sentShare;
    const other = person(Math.floor(r() * o.people));
    const other2 = person(Math.floor(r() * o.people));
    const robot = !sent && roll < o.sentShare + 0.08;
    const labels = sent
      ? 'Sent'
      : roll > 0.985
        ? 'Spam'
        : roll > 0.975
          ? 'Chat'
          : robot
            ? 'Inbox,Category Promotions'
            : 'Inbox,Important,Opened';
    const from = sent
      ? `Me Myself <${me}>`
      : robot
        ? `Shop News <news@shop${k % 50}.example>`
        : `"${other.name}" <${other.email}>`;
    const to = sent ? `"${other.name}" <${other.email}>` : `Me Myself <${me}>`;
    const head: string[] = [`From ${msgId}@xxx ${asctime(at)}`, `X-GM-THRID: ${thread}`, `X-Gmail-Labels: ${labels}`];
    if (!sent) head.push(`Delivered-To: ${me}`);
    for (let h = 0; h < 4; h++)
      head.push(
        `Received: by 2002:a05:7300:${(k + h).toString(16)} with SMTP id ${msgId}csp${h};`,
        `        ${rfcDate(at - h * 1000)} (PST)`,
      );
    head.push(
      `X-Google-Smtp-Source: AGHT+IF${line64.slice(0, 60)}`,
      `X-Received: by 2002:a17:90b:${k.toString(16)} with SMTP id ${msgId}; ${rfcDate(at)}`,
      'ARC-Seal: i=1; a=rsa-sha256; t=1700000000; cv=none; d=google.com; s=arc-20160816;',
      ...Array.from({ length: 6 }, () => `        b=${line64.slice(0, 70)}`),
      'ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20160816;',
      '        h=to:subject:message-id:date:from:mime-version:dkim-signature;',
      ...Array.from({ length: 4 }, () => `        bh=${line64.slice(0, 70)}`),
      'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=20230601; t=1700000000;',
      ...Array.from({ length: 5 }, () => `        b=${line64.slice(0, 70)}`),
      `From: ${from}`,
      `To: ${to}`,
    );
    if (sent && r() < 0.3) head.push(`Cc: "${other2.name}" <${other2.email}>`);
    if (robot) head.push(`List-Unsubscribe: <mailto:unsubscribe@shop${k % 50}.example>`);
    head.push(
      `Date: ${rfcDate(at)}`,
      `Subject: Re: project ${k % 997} =?UTF-8?Q?caf=C3=A9?=`,
      `Message-ID: <${msgId}.${k}@mail.example.org>`,
      'MIME-Version: 1.0',
    );
    let size = head.reduce((n, l) => n + l.length + 1, 0);
    let pad = 0;
    while (size < o.headerBytes) {
      const l = `X-Pad-${pad++}: ${line64}`;
      head.push(l);
      size += l.length + 1;
    }
    const text = sent
      ? `Hi ${other.name.split(' ')[0]},\n\nThanks for the notes. I'll send you the revised plan by Friday.\nCould you check the numbers?\n\nOn ${rfcDate(at - 3_600_000)}, ${other.name} wrote:\n> Here are my notes.\n`
      : `Hello,\n\nHere are my notes on project ${k % 997}. Let me know what you think.\n\nBest,\n${other.name}\n`;
    if (r() < o.attachmentShare) {
      const b = `b${k}`;
      head.push(`Content-Type: multipart/mixed; boundary="${b}"`);
      yield `${head.join('\n')}\n\n--${b}\nContent-Type: text/plain; charset=UTF-8\n\n${text}\n--${b}\nContent-Type: application/pdf; name="plan.pdf"\nContent-Disposition: attachment; filename="plan.pdf"\nContent-Transfer-Encoding: base64\n\n${attachment}--${b}--\n\n`;
    } else {
      head.push('Content-Type: text/plain; charset="UTF-8"');
      yield `${head.join('\n')}\n\n${text}\n`;
    }
  }
}

/** Writes the generated mailbox to `path`; resolves to its size in bytes. */
export async function writeTakeoutMbox(path: string, o: GenOptions): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let buf: string[] = [];
  let bufLen = 0;
  const flush = async () => {
    const data = buf.join('');
    buf = [];
    bufLen = 0;
    bytes += Buffer.byteLength(data);
    if (!out.write(data)) await new Promise<void>((res) => out.once('drain', () => res()));
  };
  for (const piece of takeoutPieces(o)) {
    buf.push(piece);
    bufLen += piece.length;
    if (bufLen > 1 << 20) await flush();
  }
  await flush();
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  return bytes;
}
