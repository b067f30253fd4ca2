// @vitest-environment happy-dom
/**
 * Every selector in lib/capture/gmail-selectors.ts, paired with the fixtures it must match. A selector that matches nothing
 * in one of its fixtures fails; so does a selector added without fixtures.
 */
import * as S from '../../../lib/capture/gmail-selectors';
import { fixtureDoc, readReal, realDoc, toDocument } from './fixtures';

const LISTS = ['inbox.html', 'sent.html', 'search.html', 'label.html', 'split-pane.html', 'automated.html'];
const DATES = ['en-US', 'en-GB', 'de', 'fr', 'es', 'pt'].map((l) => `dates-${l}.html`);
const THREADS = ['thread-long.html', 'thread-cc.html', 'thread-group.html', 'split-pane.html'];
const REAL_PAGE = 'real:gmail-2014-12_inbox-threadlist_inboxsdk.html';
const REAL_ROWS = [
  'real:gmail-horizontal-row_2014-12-04_threadrow_inboxsdk.html',
  'real:gmail-vertical-split-row_2014-12-04_threadrow_inboxsdk.html',
  'real:gmail-vertical-split-row-no-snippet_2015-01-05_threadrow_inboxsdk.html',
];
const REAL_SPLIT = REAL_ROWS.slice(1);

/** Selector export name -> [CSS selector to test, fixtures it must match]. */
const EXPECTED: Record<keyof typeof S, [string, string[]]> = {
  MAIN: [S.MAIN, [...LISTS, ...DATES, ...THREADS, 'empty-inbox.html', 'unknown-layout.html', REAL_PAGE]],
  THREAD_LIST: [S.THREAD_LIST, [...LISTS, ...DATES, 'empty-inbox.html', 'unknown-layout.html', REAL_PAGE]],
  ROW: [S.ROW, [...LISTS, ...DATES, REAL_PAGE, ...REAL_ROWS]],
  ROW_SPLIT_CLASS: [`tr.${S.ROW_SPLIT_CLASS}`, ['split-pane.html', ...REAL_SPLIT]],
  ROW_UNREAD_CLASS: [`tr.${S.ROW_UNREAD_CLASS}`, ['inbox.html', 'automated.html', REAL_PAGE]],
  ROW_GROUP_START: [`tr.zA ${S.ROW_GROUP_START}`, ['split-pane.html', ...REAL_SPLIT]],
  ROW_PERSON: [`tr.zA ${S.ROW_PERSON}`, [...LISTS, ...DATES, REAL_PAGE, ...REAL_ROWS]],
  ROW_THREAD_ID: [`tr.zA ${S.ROW_THREAD_ID}`, [...LISTS, ...DATES]],
  ROW_LEGACY_THREAD_ID: [`tr.zA ${S.ROW_LEGACY_THREAD_ID}`, [...LISTS, ...DATES]],
  ROW_DATE: [S.ROW_DATE, [...LISTS, ...DATES, REAL_PAGE, ...REAL_ROWS]],
  ROW_SUBJECT: [`tr.zA ${S.ROW_SUBJECT}`, [...LISTS, ...DATES]],
  ROW_SUBJECT_LEGACY: [`tr.zA ${S.ROW_SUBJECT_LEGACY}`, [REAL_PAGE, ...REAL_ROWS]],
  ROW_SNIPPET: [`tr.zA ${S.ROW_SNIPPET}`, ['inbox.html', REAL_PAGE, REAL_ROWS[0] ?? '']],
  THREAD_SUBJECT: [S.THREAD_SUBJECT, THREADS],
  MESSAGE: [S.MESSAGE, THREADS],
  MESSAGE_EXPANDED: [`${S.MESSAGE_EXPANDED} ${S.MESSAGE}`, THREADS],
  MESSAGE_COLLAPSED: [`${S.MESSAGE_COLLAPSED} ${S.MESSAGE}`, ['thread-long.html', 'thread-group.html']],
  MESSAGE_ID_ATTR: [`${S.MESSAGE}[${S.MESSAGE_ID_ATTR}]`, THREADS],
  MESSAGE_LEGACY_ID_ATTR: [`${S.MESSAGE}[${S.MESSAGE_LEGACY_ID_ATTR}]`, THREADS],
  SENDER: [`${S.MESSAGE} ${S.SENDER}`, THREADS],
  RECIPIENT: [`${S.MESSAGE} ${S.RECIPIENT}`, THREADS],
  DETAILS_TABLE: [`${S.MESSAGE} ${S.DETAILS_TABLE}`, ['thread-cc.html']],
  DETAILS_ROW: [`${S.DETAILS_TABLE} ${S.DETAILS_ROW}`, ['thread-cc.html']],
  TIMESTAMP: [`${S.MESSAGE} ${S.TIMESTAMP}`, THREADS],
  BODY: [`${S.MESSAGE} ${S.BODY}`, THREADS],
  BODY_QUOTE: [`${S.BODY} :is(${S.BODY_QUOTE})`, ['thread-long.html', 'thread-cc.html']],
  OLDER_BUTTON: [S.OLDER_BUTTON, ['sent-pages.html']],
  ACCOUNT_BUTTON: [S.ACCOUNT_BUTTON, ['inbox.html', 'thread-long.html', 'label.html', 'dates-de.html']],
  ANY_THREAD_ID: [`[gh="tl"] :is(${S.ANY_THREAD_ID})`, [...LISTS, ...DATES]],
  ANY_MESSAGE_ID: [S.ANY_MESSAGE_ID, THREADS],
  ANY_ROW: [`[gh="tl"] :is(${S.ANY_ROW}) ${S.ROW_PERSON}`, ['unknown-layout.html', 'inbox.html', REAL_PAGE]],
};

const docs = new Map<string, Document>();
function load(name: string): Document {
  let d = docs.get(name);
  if (!d) {
    if (name.startsWith('real:')) {
      const file = name.slice(5);
      // The single-row snapshots are bare <table> markup: parse them inside a body.
      d = file.includes('threadrow') ? toDocument(`<body>${readReal(file)}</body>`) : realDoc(file);
    } else {
      d = fixtureDoc(name);
    }
    docs.set(name, d);
  }
  return d;
}

describe('Gmail selectors', () => {
  it('every exported selector has fixtures it must match', () => {
    for (const name of Object.keys(S)) {
      expect(EXPECTED, `selector ${name} has no fixtures in this test`).toHaveProperty(name);
      expect(EXPECTED[name as keyof typeof S][1].length, name).toBeGreaterThan(0);
    }
  });

  const cases = Object.entries(EXPECTED).flatMap(([name, [css, files]]) => files.map((f) => [name, f, css] as const));
  it.each(cases)('%s matches in %s', (_name, file, css) => {
    expect(load(file).querySelectorAll(css).length).toBeGreaterThan(0);
  });

  it('the thread-list row selector matches nothing in the thread-only and empty pages', () => {
    for (const f of [
      'thread-cc.html',
      'thread-group.html',
      'empty-inbox.html',
      'unknown-layout.html',
      'loading.html',
    ]) {
      expect(load(f).querySelectorAll(S.ROW).length, f).toBe(0);
    }
  });

  it('no thread id in an empty thread list', () => {
    expect(load('empty-inbox.html').querySelectorAll(`[gh="tl"] :is(${S.ANY_THREAD_ID})`).length).toBe(0);
  });
});
