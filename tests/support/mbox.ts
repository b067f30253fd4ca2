/**
 * Crafted mailboxes for the mbox importer's tests and benchmark: messages shaped like Google Takeout's
 * (From_ line with Gmail's decimal message id, X-GM-THRID, X-Gmail-Labels, Delivered-To), invented people.
 */

export interface MsgSpec {
  /** Gmail message id in decimal (the From_ line's number). */
  id?: bigint | string;
  /** Gmail thread id in decimal (X-GM-THRID). */
  thread?: bigint | string;
  labels?: string;
  from: string;
  to?: string;
  cc?: string;
  /** The Date header's value; omitted with `date: null`. */
  date?: string | null;
  subject?: string;
  messageId?: string;
  deliveredTo?: string | null;
  /** Extra header lines, as written. */
  extra?: string[];
  /** The body as written (already encoded). */
  body?: string;
  /** Headers of a multipart body (Content-Type etc.) written with the header block. */
  contentHeaders?: string[];
}

export const ME = 'me@example.com';

/** One message in mbox form (From_ line, headers, blank line, body, blank separator line), LF line ends. */
export function mboxMessage(m: MsgSpec): string {
  const id = String(m.id ?? 1784565224872936612n);
  const lines = [`From ${id}@xxx Thu Jan 12 10:00:00 +0000 2023`];
  if (m.thread !== undefined) lines.push(`X-GM-THRID: ${m.thread}`);
  lines.push(`X-Gmail-Labels: ${m.labels ?? 'Inbox,Important'}`);
  if (m.deliveredTo !== null) lines.push(`Delivered-To: ${m.deliveredTo ?? ME}`);
  lines.push('Received: by 2002:a05:6a10:1234 with SMTP id abc;', '        Thu, 12 Jan 2023 02:00:00 -0800 (PST)');
  lines.push(`From: ${m.from}`);
  if (m.to !== undefined) lines.push(`To: ${m.to}`);
  if (m.cc !== undefined) lines.push(`Cc: ${m.cc}`);
  if (m.date !== null) lines.push(`Date: ${m.date ?? 'Thu, 12 Jan 2023 10:00:00 +0000'}`);
  lines.push(`Subject: ${m.subject ?? 'Hello'}`);
  lines.push(`Message-ID: <${m.messageId ?? `${id}.msg@mail.example.com`}>`);
  lines.push('MIME-Version: 1.0');
  for (const x of m.extra ?? []) lines.push(x);
  for (const x of m.contentHeaders ?? ['Content-Type: text/plain; charset="UTF-8"']) lines.push(x);
  lines.push('', m.body ?? 'Hi there.', '');
  return `${lines.join('\n')}\n`;
}

export function mbox(msgs: MsgSpec[], eol: '\n' | '\r\n' = '\n'): string {
  const text = msgs.map(mboxMessage).join('');
  return eol === '\n' ? text : text.replace(/\n/g, '\r\n');
}

/** A Blob that looks like a chosen File (name, size, lastModified), as the importer takes it. */
export function mboxFile(
  content: string | Uint8Array<ArrayBuffer>,
  name = 'All mail Including Spam and Trash.mbox',
  lastModified = 1,
) {
  const blob = new Blob([typeof content === 'string' ? new TextEncoder().encode(content) : content]);
  return { name, size: blob.size, lastModified, slice: (a?: number, b?: number) => blob.slice(a, b) };
}

/** A Date header value for `ms`. */
export function mailDate(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

const DAY = 86_400_000;

/**
 * A small Takeout-like mailbox with one of everything, dated relative to `now`: Dana Drift, with whom the
 * user kept a three-week rhythm for most of a year and then went silent for 90 days (she must be overdue);
 * a recent sent message with a promise (quoted-printable) to two people; a message from Eve whose body has
 * an unescaped "From " line; chat, spam, a robot and a newsletter (skipped); a message without a date (held
 * back); and a corrupt header block in the middle (skipped and counted).
 *
 * Expected: 22 messages imported, 4 people, 1 promise; 4 skipped; 1 without a date; 1 unreadable.
 */
export function demoMailbox(now: number, eol: '\n' | '\r\n' = '\n'): string {
  const msgs: MsgSpec[] = [];
  let id = 1_784_565_224_872_936_612n;
  let thread = 1_784_565_000_000_000_000n;
  const nextId = () => {
    id += 10n;
    return id;
  };
  const nextThread = () => {
    thread += 1_000n;
    return thread;
  };
  const dana = '"Drift, Dana" <dana@drift.example>';
  for (let k = 0; k < 10; k++) {
    nextThread();
    const at = now - (90 + (9 - k) * 21) * DAY;
    msgs.push({ id: nextId(), thread, from: dana, to: ME, date: mailDate(at), subject: `Plans ${k}` });
    msgs.push({
      id: nextId(),
      thread,
      labels: 'Sent',
      deliveredTo: null,
      from: `Me <${ME}>`,
      to: dana,
      date: mailDate(at + 3_600_000),
      subject: `Re: Plans ${k}`,
    });
  }
  msgs.push({
    id: nextId(),
    thread: nextThread(),
    labels: 'Sent,Important',
    deliveredTo: null,
    from: `Me <${ME}>`,
    to: '"Ray, Bo" <bo@example.net>',
    cc: '=?UTF-8?B?Q3kgRMO8cnI=?= <cy@example.net>',
    date: mailDate(now - 2 * DAY),
    subject: 'Deck',
    contentHeaders: ['Content-Type: text/plain; charset="UTF-8"', 'Content-Transfer-Encoding: quoted-printable'],
    body: "Hi Bo,=0A=0AI'll send you the deck by Friday.=\n\nOn Mon, Bo wrote:\n> Could you send the deck?",
  });
  msgs.push({
    id: nextId(),
    thread: nextThread(),
    labels: 'Chat',
    from: dana,
    to: ME,
    date: mailDate(now - 5 * DAY),
  });
  msgs.push({
    id: nextId(),
    thread: nextThread(),
    labels: 'Spam',
    from: 'Win <win@lottery.example>',
    to: ME,
    date: mailDate(now - 5 * DAY),
  });
  msgs.push({
    id: nextId(),
    thread: nextThread(),
    from: 'Service <no-reply@service.example>',
    to: ME,
    date: mailDate(now - 4 * DAY),
  });
  msgs.push({
    id: nextId(),
    thread: nextThread(),
    from: 'Pat Letter <pat@news.example>',
    to: ME,
    date: mailDate(now - 4 * DAY),
    extra: ['List-Unsubscribe: <mailto:leave@news.example>'],
  });
  msgs.push({ id: nextId(), thread: nextThread(), from: 'Nod <nod@example.org>', to: ME, date: null });
  msgs.push({
    id: nextId(),
    thread: nextThread(),
    from: 'Eve Stone <eve@example.com>',
    to: ME,
    date: mailDate(now - 3 * DAY),
    body: 'Notes below.\n\nFrom the desk of Eve: the plan is fine.\n\nFrom here on, all good.',
  });
  const text = msgs.map(mboxMessage);
  // A corrupt message between Eve's and the end: its header block has a line that is no header.
  text.splice(
    text.length - 1,
    0,
    `From 1784565224872939999@xxx Thu Jan 12 10:00:00 +0000 2023\nX-GM-THRID: 1\nthis is not a header line\nFrom: Zed <zed@example.org>\n\nBody.\n\n`,
  );
  const all = text.join('');
  return eol === '\n' ? all : all.replace(/\n/g, '\r\n');
}
