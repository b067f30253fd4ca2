/**
 * Reads what Gmail shows: thread-list rows and the opened thread, as raw records (lib/ingest/raw.ts).
 *
 * Pure functions over a Document / ParentNode. They run inside Gmail on every debounced mutation, so they stay
 * cheap: one query for the rows (messages), then small queries scoped to each row (message), `getAttribute` and
 * `textContent` only (no `innerText`, no layout reads, no `innerHTML`), no regular expression over a whole page.
 * (Measured in Chromium: scoped per-row queries beat one document-wide query per kind filed with `closest()`.)
 * They never throw on a strange page: they return what they could read plus a health verdict.
 *
 * Dates stay raw strings here (parsed in the background by lib/ingest/gmail-dates.ts) so the content script carries
 * no date library.
 */

import { normalizeEmail } from '../core/email';
import { RAW_LIMITS } from '../core/limits';
import type { GmailCapture, GmailMessageRaw, GmailRowRaw, GmailThreadRaw, PageHealth, RawPerson } from '../ingest/raw';
import * as S from './gmail-selectors';

/** Caps mirroring lib/ingest/raw.ts, so one odd element never makes the background reject a whole batch. */

export interface GmailView {
  /** The `/mail/u/<n>` index (0 when absent). */
  accountIndex: number;
  /** First hash segment, lower case: inbox, sent, all, search, label, category, starred, ... ('inbox' for no hash). */
  view: string;
  /** The view's argument when it has one: the search query, label name or category (decoded). */
  arg?: string;
  /** The id in the hash when a thread is open (`#inbox/<id>`, `#label/x/<id>`). */
  threadId?: string;
}

/** Views whose first path segment after the view is an argument, not a thread. */
const VIEWS_WITH_ARG = new Set(['search', 'label', 'category', 'advanced-search', 'section_query']);
/** Views that never show a thread. */
const VIEWS_WITHOUT_THREAD = new Set(['settings', 'create-filter']);

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Reads the account index, the view and an open thread's id from a Gmail URL. Ignores `?compose=...`. */
export function parseGmailView(url: string): GmailView {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { accountIndex: 0, view: '' };
  }
  const m = /\/mail\/u\/(\d{1,2})(?:\/|$)/.exec(u.pathname);
  const accountIndex = m ? Number(m[1]) : 0;
  let hash = u.hash.replace(/^#/, '');
  const q = hash.indexOf('?');
  if (q >= 0) hash = hash.slice(0, q);
  if (hash === '') return { accountIndex, view: 'inbox' };
  const parts = hash.split('/');
  const view = decode(parts[0] ?? '').toLowerCase();
  let rest = parts.slice(1);
  const out: GmailView = { accountIndex, view };
  if (VIEWS_WITH_ARG.has(view)) {
    if (rest[0] !== undefined) out.arg = decode(rest[0]);
    rest = rest.slice(1);
  }
  const id = rest[0];
  // `p2` is a page of the list, not a thread.
  if (id && !VIEWS_WITHOUT_THREAD.has(view) && !/^p\d+$/.test(id)) out.threadId = decode(id);
  return out;
}

const EMAIL_IN_TEXT = /[^\s()<>,;:"'[\]]+@[^\s()<>,;:"'[\]]+\.[a-z]{2,}/gi;

function lastEmailIn(text: string | null | undefined): string {
  if (!text) return '';
  const found = text.slice(0, 1000).match(EMAIL_IN_TEXT);
  if (!found) return '';
  for (let i = found.length - 1; i >= 0; i--) {
    const e = normalizeEmail(found[i]);
    if (e) return e;
  }
  return '';
}

/**
 * The signed-in address, normalised: from the title ("Inbox (3) - user@example.com - Gmail"; the last address in
 * it, since a subject may hold one too), else the account button's label. '' when unknown.
 */
export function detectAccount(doc: Document): string {
  const fromTitle = lastEmailIn(doc.title);
  if (fromTitle) return fromTitle;
  const button = doc.querySelector(S.ACCOUNT_BUTTON);
  return lastEmailIn(button?.getAttribute('aria-label'));
}

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

/** Collapses whitespace (including no-break and narrow no-break spaces) and trims. */
function tidy(s: string | null | undefined, max: number): string {
  if (!s) return '';
  return clip(s.replace(/[\s\u00a0\u202f\u2009]+/g, ' ').trim(), max);
}

function person(el: Element): RawPerson | null {
  const email = tidy(el.getAttribute('email'), RAW_LIMITS.email);
  if (!email.includes('@')) return null;
  return { email, name: tidy(el.getAttribute('name'), RAW_LIMITS.name) };
}

/** Adds people from `els` to `into`, once per address (case-insensitive). */
function addPeople(els: Iterable<Element>, into: RawPerson[], seen: Set<string>, max: number): void {
  for (const el of els) {
    if (into.length >= max) return;
    const p = person(el);
    if (!p) continue;
    const k = p.email.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    into.push(p);
  }
}

const HIDDEN_STYLE = /display\s*:\s*none/i;

/**
 * True when `el` or an ancestor is hidden by an inline `display: none` or `hidden` (how Gmail parks views it keeps
 * in the DOM). Reads attributes only, never layout. `memo` is shared across calls of one scan.
 */
function isParked(el: Element | null, memo: Map<Element, boolean>): boolean {
  const chain: Element[] = [];
  let verdict = false;
  for (let e = el; e; e = e.parentElement) {
    const known = memo.get(e);
    if (known !== undefined) {
      verdict = known;
      break;
    }
    chain.push(e);
    const style = e.getAttribute('style');
    if (e.hasAttribute('hidden') || (style !== null && HIDDEN_STYLE.test(style))) {
      verdict = true;
      break;
    }
  }
  for (const e of chain) memo.set(e, verdict);
  return verdict;
}

function stripPrefix(raw: string | null, prefix: RegExp): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim().replace(prefix, '').replace(/^#/, '');
  return s ? clip(s, RAW_LIMITS.id) : undefined;
}

/** `#thread-f:<decimal>` -> `<decimal>`; other forms (`#thread-a:r-...`) are kept without the `#`. */
export function threadIdFromAttr(raw: string | null): string | undefined {
  return stripPrefix(raw, /^#?thread-f:/);
}

/** `#msg-f:<decimal>` -> `<decimal>`; other forms (`#msg-a:r-...`, a reply just sent) are kept without the `#`. */
export function messageIdFromAttr(raw: string | null): string | undefined {
  return stripPrefix(raw, /^#?msg-f:/);
}

/** A `data-legacy-*-id` attribute (hex, as Gmail writes it), trimmed, clipped and lower-cased. */
function legacyIdFromAttr(raw: string | null): string | undefined {
  return stripPrefix(raw, /^$/)?.toLowerCase();
}

function firstAttr(root: ParentNode, selector: string, attr: string): string | null {
  return root.querySelector(selector)?.getAttribute(attr) ?? null;
}

/**
 * A selector list for `scope.querySelector*` whose every part is anchored at the scope. Without `:scope`, a
 * descendant selector called on an element still matches through ancestors OUTSIDE it (Selectors API, as
 * Chromium does; happy-dom, where the unit tests run, scopes them): `tr.querySelector('td.xW span[title]')`
 * finds a title in a row nested in another row's date cell. Anchored, both read the same thing.
 */
function inScope(selectors: string): string {
  return selectors
    .split(',')
    .map((s) => `:scope ${s.trim()}`)
    .join(', ');
}

const ROW_DATE_IN = inScope(S.ROW_DATE);
const ROW_SUBJECT_LEGACY_IN = inScope(S.ROW_SUBJECT_LEGACY);
const BODY_QUOTE_IN = inScope(S.BODY_QUOTE);

/** Reads one thread from the `tr` elements of one row (1 in the default layout, 2-3 in the split pane). */
function readRow(trs: readonly Element[]): GmailRowRaw | null {
  const people: RawPerson[] = [];
  const seen = new Set<string>();
  let dateTitle = '';
  let threadId: string | undefined;
  let legacyThreadId: string | undefined;
  let subject = '';
  let unread = false;
  for (const tr of trs) {
    addPeople(tr.querySelectorAll(S.ROW_PERSON), people, seen, RAW_LIMITS.rowPeople);
    if (!dateTitle) dateTitle = tidy(firstAttr(tr, ROW_DATE_IN, 'title'), RAW_LIMITS.dateTitle);
    threadId ??= threadIdFromAttr(firstAttr(tr, S.ROW_THREAD_ID, 'data-thread-id'));
    legacyThreadId ??= legacyIdFromAttr(firstAttr(tr, S.ROW_LEGACY_THREAD_ID, 'data-legacy-thread-id'));
    if (!subject) {
      const el = tr.querySelector(S.ROW_SUBJECT) ?? tr.querySelector(ROW_SUBJECT_LEGACY_IN);
      subject = tidy(el?.textContent, RAW_LIMITS.subject);
    }
    if (tr.classList.contains(S.ROW_UNREAD_CLASS)) unread = true;
  }
  if (!dateTitle || people.length === 0) return null;
  const row: GmailRowRaw = { subject, people, dateTitle, unread };
  if (threadId) row.threadId = threadId;
  if (legacyThreadId) row.legacyThreadId = legacyThreadId;
  return row;
}

/** Identity of a row for de-duplication: its thread id, else subject, date and people. */
export function rowIdentity(row: GmailRowRaw): string {
  if (row.legacyThreadId) return `l:${row.legacyThreadId}`;
  if (row.threadId) return `t:${row.threadId}`;
  return `s:${row.subject}|${row.dateTitle}|${row.people.map((p) => p.email.toLowerCase()).join(',')}`;
}

/**
 * Reads the visible thread-list rows: default one-line rows and split-pane rows (2-3 `tr` per thread), each
 * thread once. Rows in views Gmail keeps parked (inline `display: none`) are skipped.
 */
export function parseThreadList(root: ParentNode): { rows: GmailRowRaw[]; health: PageHealth } {
  const trs = root.querySelectorAll(S.ROW);
  const memo = new Map<Element, boolean>();
  const rows: GmailRowRaw[] = [];
  const seen = new Set<string>();
  let visible = 0;
  let unreadable = 0;
  let group: Element[] = [];
  let groupHasDate = false;

  const flush = () => {
    if (group.length === 0) return;
    const row = readRow(group);
    group = [];
    groupHasDate = false;
    if (!row) {
      unreadable++;
      return;
    }
    const id = rowIdentity(row);
    if (seen.has(id) || rows.length >= RAW_LIMITS.rows) return;
    seen.add(id);
    rows.push(row);
  };

  for (const tr of trs) {
    if (isParked(tr, memo)) continue;
    visible++;
    if (tr.classList.contains(S.ROW_SPLIT_CLASS)) {
      const hasDate = tr.querySelector(ROW_DATE_IN) !== null;
      // A split-pane thread starts at the `tr` whose cells span the others, or at a second date.
      if (group.length === 0 || tr.querySelector(S.ROW_GROUP_START) !== null || (hasDate && groupHasDate)) flush();
      group.push(tr);
      groupHasDate ||= hasDate;
    } else {
      flush();
      group.push(tr);
      flush();
    }
  }
  flush();

  if (rows.length > 0) {
    const health: PageHealth = { recognised: true, hasContent: true };
    if (unreadable > 0) health.problem = `rows-unread:${unreadable}`;
    return { rows, health };
  }
  if (visible > 0) {
    return {
      rows,
      health: notRecognised(`rows-none:${visible}`),
    };
  }
  return { rows, health: listWithoutRows(root, memo) };
}

/**
 * A page that shows mail Tend cannot read: the health a parser reports, with what it saw as a short code
 * ("rows-none:7"); the background words it (lib/ingest/gmail-problems.ts), so the words cost Gmail nothing.
 */
const notRecognised = (problem: string): PageHealth => ({ recognised: false, hasContent: true, problem });

/**
 * Mail without the attributes Tend reads: thread ids, or several table rows of several cells (an empty list is
 * one row, one cell: "No new mail!"). A redesign that drops `email` attributes must not look like an empty inbox.
 */
function looksLikeMail(list: Element): boolean {
  if (list.querySelector(S.ANY_THREAD_ID) !== null) return true;
  let rows = 0;
  for (const tr of list.querySelectorAll('tr')) {
    if (tr.cells.length >= 3 && ++rows >= 2) return true;
  }
  return false;
}

/**
 * A visible person in a row that lies inside `scope`, below it (the person's own element may be the row; `scope`
 * is not a row of itself). Walks up from
 * each person instead of asking `scope.querySelector('tr [email]')`, which matches through a row OUTSIDE `scope`
 * in a browser (see `inScope`) and misses a row carrying its own address: a list nested in some row would count
 * that row's people, and the fuzz oracle's (seed 777 at 40x) `<tr><div gh="tl"><tr email="…">` said nothing.
 */
function personInRow(scope: Element, memo: Map<Element, boolean>): boolean {
  for (const p of scope.querySelectorAll(S.ROW_PERSON)) {
    const row = p.closest(S.ANY_ROW);
    if (row !== null && row !== scope && scope.contains(row) && !isParked(p, memo)) return true;
  }
  return false;
}

/** A visible element inside `scope` matching `selector` (a parked one shows nothing). */
function visibleIn(scope: Element, selector: string, memo: Map<Element, boolean>): boolean {
  for (const e of scope.querySelectorAll(selector)) if (!isParked(e, memo)) return true;
  return false;
}

/** No known rows: is this an honestly empty or loading page, or mail in a shape Tend does not know? */
function listWithoutRows(root: ParentNode, memo: Map<Element, boolean>): PageHealth {
  for (const list of root.querySelectorAll(S.THREAD_LIST)) {
    if (isParked(list, memo)) continue;
    if (personInRow(list, memo) || looksLikeMail(list)) {
      return notRecognised('rows-shape');
    }
  }
  for (const main of root.querySelectorAll(S.MAIN)) {
    // An opened thread is the thread reader's to judge (its details table holds people in rows); one Gmail
    // parks is not shown, so it does not excuse rows of mail beside it.
    if (
      !isParked(main, memo) &&
      personInRow(main, memo) &&
      !visibleIn(main, S.MESSAGE, memo) &&
      !visibleIn(main, S.THREAD_SUBJECT, memo) &&
      !visibleIn(main, S.ANY_MESSAGE_ID, memo)
    ) {
      return notRecognised('list-none');
    }
  }
  return { recognised: true, hasContent: false };
}

const BLOCK_TAGS = new Set(['DIV', 'P', 'BR', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'BLOCKQUOTE', 'TABLE', 'UL', 'OL']);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/** The text of a message body without quoted history, signatures or trimmed content, capped at `max` characters. */
export function ownBodyText(body: Element, max: number = RAW_LIMITS.body): string {
  const quoted = new Set<Element>(body.querySelectorAll(BODY_QUOTE_IN));
  const out: string[] = [];
  let len = 0;
  const walk = (node: Node, depth: number): void => {
    if (depth > 200) return;
    for (let c = node.firstChild; c !== null && len < max; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const t = c.nodeValue ?? '';
        out.push(t);
        len += t.length;
      } else if (c.nodeType === 1) {
        const e = c as Element;
        if (SKIP_TAGS.has(e.tagName) || quoted.has(e)) continue;
        walk(e, depth + 1);
        if (BLOCK_TAGS.has(e.tagName)) {
          out.push('\n');
          len++;
        }
      }
    }
  };
  walk(body, 0);
  return out
    .join('')
    .replace(/[ \t\u00a0\u202f]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim()
    .slice(0, max);
}

/** To and Cc from the details table: the row holding the sender is From; the next row with people is To, later ones Cc. */
function readDetails(table: Element, senderEmail: string): { to: RawPerson[]; cc: RawPerson[] } {
  const to: RawPerson[] = [];
  const cc: RawPerson[] = [];
  const seenTo = new Set<string>();
  const seenCc = new Set<string>();
  let sawFrom = false;
  let field = 0;
  for (const tr of table.querySelectorAll(S.DETAILS_ROW)) {
    const els = tr.querySelectorAll(S.ROW_PERSON);
    if (els.length === 0) continue;
    if (!sawFrom && Array.from(els).some((e) => (e.getAttribute('email') ?? '').trim().toLowerCase() === senderEmail)) {
      sawFrom = true;
      continue;
    }
    if (field === 0) addPeople(els, to, seenTo, RAW_LIMITS.recipients);
    else addPeople(els, cc, seenCc, RAW_LIMITS.recipients);
    field++;
  }
  return { to, cc };
}

function readMessage(el: Element, self: ReadonlySet<string>): GmailMessageRaw | null {
  const senderEl = el.querySelector(S.SENDER);
  const from = senderEl ? person(senderEl) : null;
  const dateEl = el.querySelector(S.TIMESTAMP);
  const dateTitle = tidy(dateEl?.getAttribute('title') || dateEl?.getAttribute('alt'), RAW_LIMITS.dateTitle);
  if (!from || !dateTitle) return null;

  const body = el.querySelector(S.BODY);
  const expanded =
    el.closest(S.MESSAGE_EXPANDED) !== null || (el.closest(S.MESSAGE_COLLAPSED) === null && body !== null);

  const header: Element[] = [];
  for (const r of el.querySelectorAll(S.RECIPIENT)) if (r.closest(S.DETAILS_TABLE) === null) header.push(r);
  const details = el.querySelector(S.DETAILS_TABLE);
  let to: RawPerson[] = [];
  let cc: RawPerson[] = [];
  if (details) ({ to, cc } = readDetails(details, from.email.toLowerCase()));
  const seen = new Set<string>([...to, ...cc].map((p) => p.email.toLowerCase()));
  addPeople(header, to, seen, RAW_LIMITS.recipients);

  const msg: GmailMessageRaw = { from, to, cc, dateTitle, expanded };
  const id = messageIdFromAttr(el.getAttribute(S.MESSAGE_ID_ATTR));
  if (id) msg.messageId = id;
  const legacy = legacyIdFromAttr(el.getAttribute(S.MESSAGE_LEGACY_ID_ATTR));
  if (legacy) msg.legacyMessageId = legacy;
  const sender = normalizeEmail(from.email);
  if (body && sender !== null && self.has(sender)) msg.body = ownBodyText(body);
  return msg;
}

export interface OpenThreadOptions {
  /** The user's addresses: only their own messages' bodies are read (for promises and questions). */
  self: readonly string[];
  /** The thread id from the URL, used when the subject carries no legacy id. */
  urlThreadId?: string;
}

/**
 * Reads the opened thread (if one is shown): subject, ids and every message in the DOM, expanded or collapsed.
 * Messages Gmail folds away entirely ("5 older messages") are not in the DOM and are not invented.
 */
export function parseOpenThread(
  root: ParentNode,
  opts: OpenThreadOptions,
): { thread?: GmailThreadRaw; health: PageHealth } {
  const memo = new Map<Element, boolean>();
  let subjectEl: Element | null = null;
  for (const h of root.querySelectorAll(S.THREAD_SUBJECT)) {
    if (!isParked(h, memo)) {
      subjectEl = h;
      break;
    }
  }
  const els: Element[] = [];
  for (const m of root.querySelectorAll(S.MESSAGE)) if (!isParked(m, memo)) els.push(m);

  if (!subjectEl && els.length === 0) {
    for (const main of root.querySelectorAll(S.MAIN)) {
      if (!isParked(main, memo) && visibleIn(main, S.ANY_MESSAGE_ID, memo)) {
        return {
          health: notRecognised('message-shape'),
        };
      }
    }
    return { health: { recognised: true, hasContent: false } };
  }

  const self = new Set<string>();
  for (const s of opts.self) {
    const n = normalizeEmail(s);
    if (n) self.add(n);
  }
  const messages: GmailMessageRaw[] = [];
  let unreadable = 0;
  for (const el of els) {
    if (messages.length >= RAW_LIMITS.messages) break;
    const m = readMessage(el, self);
    if (m) messages.push(m);
    else unreadable++;
  }

  const thread: GmailThreadRaw = { subject: tidy(subjectEl?.textContent, RAW_LIMITS.subject), messages };
  const legacy = legacyIdFromAttr(subjectEl?.getAttribute('data-legacy-thread-id') ?? null);
  if (legacy) thread.legacyThreadId = legacy;
  else if (opts.urlThreadId) thread.legacyThreadId = clip(opts.urlThreadId, RAW_LIMITS.id);
  const perm = subjectEl?.getAttribute('data-thread-perm-id')?.trim();
  if (perm && perm !== 'undefined' && perm !== 'null') thread.permId = clip(perm.replace(/^#/, ''), RAW_LIMITS.id);

  if (messages.length === 0) {
    return {
      thread,
      health: notRecognised(els.length > 0 ? `messages-none:${els.length}` : 'thread-shape'),
    };
  }
  const health: PageHealth = { recognised: true, hasContent: true };
  if (unreadable > 0) health.problem = `messages-unread:${unreadable}`;
  return { thread, health };
}

/** One verdict for a page from the list's and the thread's. */
export function mergeHealth(a: PageHealth, b: PageHealth): PageHealth {
  const out: PageHealth = {
    recognised: a.recognised && b.recognised,
    hasContent: a.hasContent || b.hasContent,
  };
  const problems = [a.problem, b.problem].filter((p): p is string => !!p);
  if (problems.length > 0) out.problem = clip(problems.join('; '), RAW_LIMITS.problem);
  return out;
}

/** Everything one scan of a Gmail page yields, without a batch id. */
export type GmailScan = Omit<GmailCapture, 'batchId'>;

/**
 * Scans a Gmail page: view and account, visible rows, the opened thread, and one health verdict.
 * `account` overrides detection (the content script remembers it once known).
 */
export function scanGmailPage(doc: Document, url: string, account: string = detectAccount(doc)): GmailScan {
  const view = parseGmailView(url);
  const list = parseThreadList(doc);
  const opened = parseOpenThread(doc, { self: account ? [account] : [], urlThreadId: view.threadId });
  const scan: GmailScan = {
    account,
    accountIndex: view.accountIndex,
    view: clip(view.view, 100),
    rows: list.rows,
    health: mergeHealth(list.health, opened.health),
  };
  if (opened.thread) scan.thread = opened.thread;
  const lang = clip(doc.documentElement?.getAttribute('lang') ?? '', 40).trim();
  if (lang) scan.lang = lang;
  return scan;
}
