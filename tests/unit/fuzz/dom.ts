/**
 * Random DOM for the parser fuzz tests: trees of realistic Gmail / Calendar tags and attributes, built with
 * createElement (no HTML parser fix-ups), and mutations of real pages (remove, duplicate, move, hide elements;
 * drop, duplicate or corrupt attributes and text).
 */
import fc from 'fast-check';
import { nastyString } from './support';

export interface TreeNode {
  tag: string;
  attrs: [string, string][];
  children: (TreeNode | string)[];
}

const TAGS = ['div', 'span', 'tr', 'td', 'table', 'tbody', 'h2', 'a', 'img', 'blockquote', 'p', 'br', 'b', 'script'];

const CLASSES = [
  'zA',
  'zE',
  'yO',
  'apv',
  'xW',
  'yf',
  'apt',
  'apm',
  'bog',
  'y6',
  'y2',
  'yP',
  'zF',
  'yW',
  'adn',
  'h7',
  'kv',
  'gD',
  'g2',
  'g3',
  'a3s',
  'ii',
  'gt',
  'ajC',
  'hP',
  'gmail_quote',
  'gmail_signature',
  'xY',
  'a4W',
  'im',
  'adL',
];

export const ATTR_NAMES = [
  'class',
  'email',
  'name',
  'title',
  'alt',
  'data-thread-id',
  'data-legacy-thread-id',
  'data-message-id',
  'data-legacy-message-id',
  'data-thread-perm-id',
  'role',
  'gh',
  'style',
  'hidden',
  'rowspan',
  'aria-label',
  'href',
  'data-eventid',
  'data-eventchip',
  'data-datekey',
  'data-column-index',
  'data-viewkey',
  'lang',
  'dir',
  'id',
  'aria-hidden',
  'data-email',
  'data-hovercard-id',
];

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

/** A `data-eventid`: base64 of "<id>[_<instance>] <calendar>", as Calendar writes it. */
export const eventIdAttr = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuv0123456789'), minLength: 6, maxLength: 26 }),
    fc.option(fc.constantFrom('20261103T150000Z', '20261104', '20240610T070000Z')),
    fc.constantFrom('ann@example.com', 'me@m', 'team@g', '', 'x@v'),
  )
  .map(([id, inst, cal]) => b64(`${id}${inst ? `_${inst}` : ''}${cal ? ` ${cal}` : ''}`));

const dateTitles = fc.constantFrom(
  'Thu, Dec 18, 2014 at 12:35 PM',
  'Tue, Nov 25, 2025, 3:14 PM',
  'Wed, 20 Aug 2025, 13:19',
  'Do., 20. Aug. 2025, 13:19',
  'jeu. 18 déc. 2014 à 12:35',
  'qui., 18 de dez. de 2014 às 12:35',
  'mié, 20 ago 2025, 13:19',
  '2026-10-30 09:00',
  'Mon, Nov 2, 2026, 12:00 AM',
);

const emails = fc.oneof(
  fc.constantFrom(
    'ann@example.com',
    'Bo.Ray@gmail.com',
    'cy+news@example.org',
    'no-reply@example.com',
    'me@example.com',
  ),
  fc.emailAddress(),
);

/** A value for a given attribute: usually plausible for that attribute, sometimes anything. */
export function attrValue(name: string): fc.Arbitrary<string> {
  const plausible: Record<string, fc.Arbitrary<string>> = {
    class: fc.uniqueArray(fc.constantFrom(...CLASSES), { minLength: 1, maxLength: 3 }).map((c) => c.join(' ')),
    email: emails,
    name: fc.constantFrom('Ann Lee', 'me', 'Bo', '', 'محمد', '\u202eRTL'),
    title: dateTitles,
    alt: dateTitles,
    'data-thread-id': fc.bigInt({ min: 1n, max: 2n ** 64n }).map((n) => `#thread-f:${n}`),
    'data-legacy-thread-id': fc.bigInt({ min: 1n, max: 2n ** 64n }).map((n) => n.toString(16)),
    'data-message-id': fc.bigInt({ min: 1n, max: 2n ** 64n }).map((n) => `#msg-f:${n}`),
    'data-legacy-message-id': fc.bigInt({ min: 1n, max: 2n ** 64n }).map((n) => n.toString(16)),
    'data-thread-perm-id': fc.oneof(
      fc.constant('undefined'),
      fc.bigInt({ min: 1n, max: 2n ** 64n }).map((n) => `thread-f:${n}`),
    ),
    role: fc.constantFrom('main', 'row', 'button', 'gridcell', 'grid', 'dialog', 'heading', 'listitem', 'checkbox'),
    'data-eventid': eventIdAttr,
    'aria-hidden': fc.constantFrom('true', 'false'),
    'data-email': emails,
    'data-hovercard-id': emails,
    gh: fc.constantFrom('tl', 'mtb', ''),
    style: fc.constantFrom('display: none', 'display:none !important', 'visibility:hidden', 'color: red', ''),
    hidden: fc.constant(''),
    rowspan: fc.constantFrom('2', '3'),
    'aria-label': fc.constantFrom(
      'Google Account: Me (me@example.com)',
      '3pm to 3:30pm, Coffee, Ann Lee, Accepted, No location, November 3, 2026',
      '7:30am to 8am, Walking, Calendar: Chore, No location, June 10, 2024',
    ),
    href: fc.constantFrom('https://accounts.google.com/SignOutOptions?hl=en', '#inbox', 'javascript:void(0)'),
    'data-datekey': fc.integer({ min: 0, max: 40000 }).map(String),
    'data-column-index': fc.integer({ min: -1, max: 7 }).map(String),
  };
  return fc.oneof(
    { weight: 3, arbitrary: plausible[name] ?? nastyString(30) },
    { weight: 1, arbitrary: nastyString(40) },
  );
}

const attr: fc.Arbitrary<[string, string]> = fc
  .constantFrom(...ATTR_NAMES)
  .chain((n) => attrValue(n).map((v) => [n, v] as [string, string]));

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('Lunch?', 'Re: deck', '10:32 AM', "I'll send it by Friday.", '\u00a0') },
  { weight: 2, arbitrary: nastyString(40) },
);

/** Purely random trees of realistic tags and attributes. */
export const randomTree: fc.Arbitrary<TreeNode> = fc.letrec<{ node: TreeNode; child: TreeNode | string }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    attrs: fc.array(attr, { maxLength: 4 }),
    children: fc.array(tie('child'), { maxLength: 4 }),
  }),
  child: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('node')),
})).node;

const el = (tag: string, attrs: Record<string, string>, ...children: (TreeNode | string)[]): TreeNode => ({
  tag,
  attrs: Object.entries(attrs),
  children,
});

/** A thread-list row in today's one-line layout. */
const rowTemplate = fc
  .record({
    unread: fc.boolean(),
    people: fc.array(fc.tuple(emails, attrValue('name')), { maxLength: 3 }),
    date: fc.oneof(dateTitles, nastyString(30)),
    subject: text,
    id: attrValue('data-thread-id'),
    legacy: attrValue('data-legacy-thread-id'),
  })
  .map((r) =>
    el(
      'tr',
      { class: `zA ${r.unread ? 'zE' : 'yO'}` },
      el('td', { class: 'yX xY' }, ...r.people.map(([e, n]) => el('span', { class: 'yP', email: e, name: n }, n))),
      el(
        'td',
        { class: 'xY a4W' },
        el('span', { class: 'bog', 'data-thread-id': r.id, 'data-legacy-thread-id': r.legacy }, r.subject),
        el('span', { class: 'y2' }, 'snippet'),
      ),
      el('td', { class: 'xW xY' }, el('span', { title: r.date }, '10:32 AM')),
    ),
  );

/** A message of an opened thread. */
const messageTemplate = fc
  .record({
    from: fc.tuple(emails, attrValue('name')),
    to: fc.array(emails, { maxLength: 3 }),
    date: fc.oneof(dateTitles, nastyString(30)),
    id: attrValue('data-message-id'),
    legacy: attrValue('data-legacy-message-id'),
    body: text,
    expanded: fc.boolean(),
  })
  .map((m) =>
    el(
      'div',
      { class: m.expanded ? 'h7' : 'kv' },
      el(
        'div',
        { class: 'adn', 'data-message-id': m.id, 'data-legacy-message-id': m.legacy },
        el('span', { class: 'gD', email: m.from[0], name: m.from[1] }, m.from[1]),
        ...m.to.map((e) => el('span', { class: 'g2', email: e, name: '' }, e)),
        el('span', { class: 'g3', title: m.date, alt: m.date }, 'Oct 30'),
        el('div', { class: 'a3s' }, m.body, el('div', { class: 'gmail_quote' }, 'On ... wrote: old text')),
      ),
    ),
  );

/** A Gmail-like page: main region, a thread list and/or an opened thread, built from templates. */
export const gmailPageTree: fc.Arbitrary<TreeNode> = fc
  .record({
    rows: fc.array(rowTemplate, { maxLength: 5 }),
    messages: fc.array(messageTemplate, { maxLength: 4 }),
    subject: fc.option(fc.tuple(text, attrValue('data-legacy-thread-id'), attrValue('data-thread-perm-id'))),
    extra: fc.array(randomTree, { maxLength: 2 }),
  })
  .map((p) =>
    el(
      'div',
      { role: 'main' },
      el('div', { gh: 'tl' }, el('table', {}, el('tbody', {}, ...p.rows))),
      ...(p.subject
        ? [
            el(
              'h2',
              { class: 'hP', 'data-legacy-thread-id': p.subject[1], 'data-thread-perm-id': p.subject[2] },
              p.subject[0],
            ),
          ]
        : []),
      ...p.messages,
      ...p.extra,
    ),
  );

/** Builds a tree under `parent` with createElement/setAttribute/textContent (never innerHTML). */
export function build(doc: Document, parent: Node, node: TreeNode | string): void {
  if (typeof node === 'string') {
    parent.appendChild(doc.createTextNode(node));
    return;
  }
  const e = doc.createElement(node.tag);
  for (const [k, v] of node.attrs) e.setAttribute(k, v);
  for (const c of node.children) build(doc, e, c);
  parent.appendChild(e);
}

export function documentOf(trees: TreeNode[], title = ''): Document {
  const doc = document.implementation.createHTMLDocument(title);
  for (const t of trees) build(doc, doc.body, t);
  return doc;
}

export type DomEdit =
  | { op: 'remove'; i: number }
  | { op: 'duplicate'; i: number }
  | { op: 'move'; i: number; j: number }
  | { op: 'drop-attr'; i: number; k: number }
  | { op: 'set-attr'; i: number; name: string; value: string }
  | { op: 'text'; i: number; value: string }
  | { op: 'hide'; i: number; how: 'style' | 'hidden' }
  | { op: 'unhide'; i: number }
  | { op: 'scramble'; i: number; j: number };

export const domEdit: fc.Arbitrary<DomEdit> = fc.oneof(
  fc.record({ op: fc.constant('remove' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('move' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ op: fc.constant('drop-attr' as const), i: fc.nat(), k: fc.nat() }),
  fc
    .constantFrom(...ATTR_NAMES)
    .chain((name) =>
      fc.record({ op: fc.constant('set-attr' as const), i: fc.nat(), name: fc.constant(name), value: attrValue(name) }),
    ),
  fc.record({ op: fc.constant('text' as const), i: fc.nat(), value: nastyString(40) }),
  fc.record({
    op: fc.constant('hide' as const),
    i: fc.nat(),
    how: fc.constantFrom('style' as const, 'hidden' as const),
  }),
  fc.record({ op: fc.constant('unhide' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('scramble' as const), i: fc.nat(), j: fc.nat() }),
);

/** Applies edits to the elements under `doc.body` (indexes are taken modulo the current element count). */
export function mutate(doc: Document, edits: readonly DomEdit[]): void {
  for (const e of edits) {
    const all = Array.from(doc.body.querySelectorAll('*'));
    if (all.length === 0) return;
    const a = all[e.i % all.length] as Element;
    switch (e.op) {
      case 'remove':
        a.remove();
        break;
      case 'duplicate':
        a.after(a.cloneNode(true));
        break;
      case 'move': {
        const b = all[e.j % all.length] as Element;
        if (b !== a && !a.contains(b)) b.appendChild(a);
        break;
      }
      case 'drop-attr': {
        const names = a.getAttributeNames();
        const n = names[e.k % Math.max(1, names.length)];
        if (n) a.removeAttribute(n);
        break;
      }
      case 'set-attr':
        a.setAttribute(e.name, e.value);
        break;
      case 'text':
        a.textContent = e.value;
        break;
      case 'hide':
        if (e.how === 'style') a.setAttribute('style', 'display: none');
        else a.setAttribute('hidden', '');
        break;
      case 'unhide':
        a.removeAttribute('hidden');
        a.removeAttribute('style');
        break;
      case 'scramble': {
        // Swap the attribute values of two elements (ids, emails and dates end up on the wrong things).
        const b = all[e.j % all.length] as Element;
        const av = a.getAttributeNames().map((n) => [n, a.getAttribute(n) ?? ''] as const);
        const bv = b.getAttributeNames().map((n) => [n, b.getAttribute(n) ?? ''] as const);
        for (const [n] of av) a.removeAttribute(n);
        for (const [n] of bv) b.removeAttribute(n);
        for (const [n, v] of bv) a.setAttribute(n, v);
        for (const [n, v] of av) b.setAttribute(n, v);
        break;
      }
    }
  }
}

/** Gmail's own test for a parked view: `hidden`, or an inline `display: none`, on the element or an ancestor. */
export function parked(el: Element | null): boolean {
  for (let e = el; e; e = e.parentElement) {
    if (e.hasAttribute('hidden')) return true;
    if (/display\s*:\s*none/i.test(e.getAttribute('style') ?? '')) return true;
  }
  return false;
}
