/**
 * Every Google Calendar selector Tend uses, in one place. Class names are obfuscated and change, so these
 * rely on roles and data attributes only. Each names the fixtures (tests/fixtures/calendar/) it must match;
 * tests/unit/calendar/selectors.test.ts fails when one matches none of them.
 */

/** The main region of the app. Fixtures: all. */
export const MAIN = '[role="main"]';

/** A calendar grid (day, week, custom days, month). During a week-switch animation there are two. Fixtures: week, day, month, week-switching. */
export const GRID = '[role="grid"]';

/** An event chip: a button carrying the base64 event id (`data-eventchip` on newer builds). Fixtures: all with events. */
export const EVENT_CHIP = '[role="button"][data-eventid], [data-eventchip][data-eventid]';

/** A day column in the time grid (day, week, custom days). Fixtures: week, day, week-switching. */
export const DAY_COLUMN = '[role="gridcell"][data-column-index]';

/** Anything that carries a day's date key (columns, month cells, all-day cells, schedule day rows). Fixtures: week, month, schedule. */
export const DATE_KEY = '[data-datekey]';

/** A grid cell: with `data-column-index` a time column; without it, the all-day row or a month day. Fixtures: week, month. */
export const GRID_CELL = '[role="gridcell"]';

/** The view key on <body> ("DAY", "WEEK", "MONTH", "CUSTOM_DAYS", "AGENDA"), when the URL does not say. Fixtures: schedule. */
export const VIEW_KEY = 'body[data-viewkey]';

/** Hidden subtrees (the outgoing week during a switch animation). Fixtures: week-switching. */
export const HIDDEN = '[aria-hidden="true"]';

/** The open event's detail dialog. Fixtures: dialog. */
export const EVENT_DIALOG = '[role="dialog"]';

/** The dialog's title. Fixtures: dialog. */
export const DIALOG_TITLE = '[role="heading"]';

/** A guest in the dialog: an element carrying the address. Fixtures: dialog. */
export const GUEST = '[data-email], [data-hovercard-id], [email]';

/** The account button, whose label ends with the signed-in address. Fixtures: week. */
export const ACCOUNT = 'a[aria-label*="@"][href*="accounts.google.com"], [data-ogsr-up] [aria-label*="@"]';
