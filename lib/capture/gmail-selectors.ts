/**
 * Every Gmail selector Tend uses, in one place. Nothing else lives here.
 *
 * Gmail's class names are obfuscated and change without warning, so attributes (`email`, `name`, `title`,
 * `data-*`, `role`, `gh`) are preferred; a class is used only where Gmail offers nothing better. Each entry says
 * which fixtures under tests/fixtures/gmail/ (and ../shared/fixtures/real/) it must match; the selector test
 * (tests/unit/gmail/selectors.test.ts) fails when one matches nothing in its fixtures.
 *
 * Never match on visible or aria text: it is localised.
 */

/**
 * The main region: the ARIA landmark, whatever element carries it (Gmail's is a `div`; a tag-bound selector
 * let mail under another element pass as an empty page). Fixtures: every list and thread fixture, and the real
 * inbox page.
 */
export const MAIN = '[role="main"]';

/** The thread-list container (`gh="tl"`). Fixtures: inbox, sent, search, label, split-pane, automated, dates-*, empty-inbox, real inbox. */
export const THREAD_LIST = '[gh="tl"]';

/**
 * A thread-list row, default one-line layout (`zE` unread, `yO` read) and each of the 2-3 `tr` of the vertical
 * split-pane layout. Fixtures: inbox, sent, search, label, split-pane, automated, dates-*, all real rows.
 */
export const ROW = 'tr.zA';

/** A row of the split-pane layout (several `tr` per thread). Fixtures: split-pane, real vertical-split rows. */
export const ROW_SPLIT_CLASS = 'apv';

/** Class of an unread row. Fixtures: inbox, real inbox. */
export const ROW_UNREAD_CLASS = 'zE';

/**
 * In a split-pane thread, the first `tr` holds cells spanning the others (`td[rowspan]`): it starts a new thread.
 * Fixtures: split-pane, real vertical-split rows.
 */
export const ROW_GROUP_START = 'td[rowspan]';

/** A person shown in a row: every element with an `email` attribute (`name` = display name, "me" for the user). Fixtures: all list fixtures, all real rows. */
export const ROW_PERSON = '[email]';

/** The row's thread id (decimal, `#thread-f:<n>`), on the subject span since the 2018 UI. Fixtures: inbox, sent, search, label, split-pane, automated. */
export const ROW_THREAD_ID = '[data-thread-id]';

/** The row's legacy thread id (hex). Fixtures: inbox, sent, search, label, split-pane, automated. */
export const ROW_LEGACY_THREAD_ID = '[data-legacy-thread-id]';

/**
 * The row's date: `td.xW > span[title]` (one-line layout) or `td.yf.apt span[title]` (split pane). The `title`
 * holds the full date; the visible text may be only "10:32 AM". Fixtures: all list fixtures, all real rows.
 */
export const ROW_DATE = 'td.xW span[title], td.yf.apt span[title]';

/** The subject: `span.bog` in today's Gmail. Fixtures: inbox, sent, search, label, split-pane, automated, dates-*. */
export const ROW_SUBJECT = 'span.bog';

/** Older rows: the first span of `div.y6` that is not the snippet. Fixtures: real inbox, real rows. */
export const ROW_SUBJECT_LEGACY = 'div.y6 > span:not(.y2)';

/** The snippet (never read, listed so a reader knows what `span.y2` is). Fixtures: inbox, real rows. */
export const ROW_SNIPPET = 'span.y2';

/** The subject of an opened thread; carries `data-legacy-thread-id` and `data-thread-perm-id`. Fixtures: thread-long, thread-cc, thread-group, split-pane. */
export const THREAD_SUBJECT = 'h2.hP';

/** One message of an opened thread, expanded or collapsed. Fixtures: thread-long, thread-cc, thread-group, split-pane. */
export const MESSAGE = 'div.adn';

/** Wrapper of an expanded message. Fixtures: thread-long, thread-cc, thread-group, split-pane. */
export const MESSAGE_EXPANDED = '.h7';

/** Wrapper of a collapsed message. Fixtures: thread-long, thread-group. */
export const MESSAGE_COLLAPSED = '.kv';

/** Message ids: `data-message-id="#msg-f:<decimal>"` (or `#msg-a:r-...` just after sending) and the legacy hex id. Fixtures: thread-*. */
export const MESSAGE_ID_ATTR = 'data-message-id';
export const MESSAGE_LEGACY_ID_ATTR = 'data-legacy-message-id';

/** The sender: `span.gD[email][name]`. Fixtures: thread-long, thread-cc, thread-group, split-pane. */
export const SENDER = 'span.gD[email]';

/** Visible To / Cc recipients in the header (may be truncated). Fixtures: thread-long, thread-cc, thread-group. */
export const RECIPIENT = 'span.g2[email]';

/**
 * The "show details" table (full From / To / Cc lists) when it is open: `table.ajC`, one `tr` per field.
 * Fixtures: thread-cc.
 */
export const DETAILS_TABLE = 'table.ajC';
export const DETAILS_ROW = 'tr';

/** The timestamp: `span.g3[title]` (same value in `alt`). Fixtures: thread-long, thread-cc, thread-group, split-pane. */
export const TIMESTAMP = 'span.g3[title]';

/** The message body. Fixtures: thread-long, thread-cc, thread-group, split-pane. */
export const BODY = 'div.a3s';

/**
 * Quoted history and trimmed content inside a body: not the user's own words. Fixtures: thread-long (gmail_quote),
 * thread-cc (blockquote).
 */
export const BODY_QUOTE = '.gmail_quote, .gmail_extra, blockquote, .yj6qo, .adL .im, .gmail_signature';

/**
 * The list's "Older" button in the toolbar's pagination (`div.T-I.amJ[role=button]`, right of "Newer" `amD`);
 * `aria-disabled="true"` on the last page. Only the catch-up walk reads it, and it does not depend on it (a page
 * with no rows, or one Gmail does not change to, ends the walk too). Fixtures: sent-pages.
 */
export const OLDER_BUTTON = '.amJ[role=button]';

/** The account button (label "Google Account: Name (address)"). Fixtures: inbox, thread-long. */
export const ACCOUNT_BUTTON = 'a[aria-label][href*="accounts.google.com/SignOutOptions"]';

/** Anything that looks like a Gmail message id in the main region (used only to say "a thread is here but unread"). */
/** Any thread id in a list, whatever element carries it. Fixtures: all list fixtures. */
export const ANY_THREAD_ID = '[data-thread-id], [data-legacy-thread-id]';

export const ANY_MESSAGE_ID = '[data-message-id], [data-legacy-message-id]';

/**
 * Any row, a table row or an ARIA one (used only to notice people in rows of an unknown shape: a person is an
 * `[email]` whose row, itself or an ancestor, lies inside the list or main region). Fixtures: unknown-layout.
 */
export const ANY_ROW = 'tr, [role="row"]';
