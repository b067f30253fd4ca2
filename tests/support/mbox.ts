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
