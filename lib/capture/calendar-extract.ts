/**
 * Reads a Google Calendar page into raw records (lib/ingest/raw.ts types). Pure and cheap: a Document in, plain
 * data out, no layout reads (no getBoundingClientRect, no offsetTop), never throws.
 *
 * The duplicate week of a switch animation: while Calendar slides from one week to the next, both grids are in
 * the DOM. The outgoing one is hidden from screen readers (`aria-hidden="true"` on it or an ancestor), so
 * chips under an aria-hidden subtree are ignored. If two grids are still both visible, the grid whose day
 * columns contain the date in the URL wins (the URL always names the week being shown); failing that, the
 * last grid in document order (the incoming one is appended after the outgoing one).
 */
import { RAW_LIMITS } from '../core/limits';
import type { CalendarChipRaw, CalendarDialogRaw, PageHealth } from '../ingest/raw';
import * as S from './calendar-selectors';

export interface CalendarPage {
  view: string;
  chips: CalendarChipRaw[];
  /** The first and last date (YYYY-MM-DD) the view shows, when it is a view of whole days that Tend reads. */
  shown?: { from: string; to: string };
  dialog?: CalendarDialogRaw;
  health: PageHealth;
}

const VIEWS: Record<string, string> = {
  day: 'day',
  week: 'week',
  month: 'month',
  customday: 'customday',
  custom_days: 'customday',
  customweek: 'customday',
  agenda: 'schedule',
  schedule: 'schedule',
  year: 'year',
};

/** The view and the date the URL names ("/calendar/u/0/r/week/2024/6/10"). */
export function viewFromUrl(url: string): { view?: string; date?: string } {
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    return {};
  }
  const m = /\/r\/([a-z_]+)(?:\/(\d{4})\/(\d{1,2})\/(\d{1,2}))?/i.exec(path);
  if (!m) return {};
  const view = VIEWS[m[1]!.toLowerCase()];
  const date = m[2] ? `${m[2]}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}` : undefined;
  return { view, date };
}

/**
 * A `data-datekey` as YYYY-MM-DD. Calendar packs the day into an integer: (year - 1970) << 9 | month << 5 | day
 * (month 1-12). ISO and YYYYMMDD keys are accepted too.
 */
export function decodeDateKey(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim();
  const pad = (n: number) => String(n).padStart(2, '0');
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
  if (iso) {
    y = Number(iso[1]);
    m = Number(iso[2]);
    d = Number(iso[3]);
  } else if (/^\d{1,6}$/.test(s)) {
    const n = Number(s);
    y = (n >> 9) + 1970;
    m = (n >> 5) & 15;
    d = n & 31;
  } else return undefined;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1970 || y > 2200) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function text(el: Element | null | undefined, max = 2000): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

function hidden(el: Element): boolean {
  return el.closest(S.HIDDEN) !== null;
}

/** The chip's screen-reader label: its first child's text (Calendar's visually hidden label), else aria-label. */
function chipLabel(chip: Element): string {
  const first = chip.firstElementChild;
  const label = text(first) || chip.getAttribute('aria-label')?.trim() || text(chip);
  return label.slice(0, RAW_LIMITS.label);
}

/** The chip's visible time text: the first later child whose text has a digit and is short. */
function chipTimeText(chip: Element): string | undefined {
  const kids = Array.from(chip.querySelectorAll('*')).filter(
    (k) => k !== chip.firstElementChild && !chip.firstElementChild?.contains(k),
  );
  for (const k of kids) {
    if (k.children.length > 0) continue;
    const t = text(k, 200);
    if (t && /\d/.test(t) && t.length <= 40) return t;
  }
  return undefined;
}

function readDialog(doc: Document): CalendarDialogRaw | undefined {
  const dialogs = Array.from(doc.querySelectorAll(S.EVENT_DIALOG)).filter((d) => !hidden(d));
  const dialog = dialogs.find(
    (d) => d.querySelector(S.GUEST) || d.querySelector('[data-eventid]') || d.hasAttribute('data-eventid'),
  );
  if (!dialog) return undefined;
  const idHolder = dialog.hasAttribute('data-eventid') ? dialog : dialog.querySelector('[data-eventid]');
  const guests: CalendarDialogRaw['guests'] = [];
  const seen = new Set<string>();
  for (const g of Array.from(dialog.querySelectorAll(S.GUEST))) {
    const email = (
      g.getAttribute('data-email') ??
      g.getAttribute('email') ??
      g.getAttribute('data-hovercard-id') ??
      ''
    ).trim();
    if (!email.includes('@') || email.length > RAW_LIMITS.email || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    const name = (g.getAttribute('data-name') ?? g.getAttribute('name') ?? text(g, RAW_LIMITS.name)).slice(
      0,
      RAW_LIMITS.name,
    );
    guests.push({ email, name: name === email ? '' : name });
    if (guests.length >= 500) break;
  }
  return {
    eventIdRaw: idHolder?.getAttribute('data-eventid')?.slice(0, RAW_LIMITS.eventId) || undefined,
    title: text(dialog.querySelector(S.DIALOG_TITLE), 500),
    guests,
  };
}

/** The signed-in address, from the account button's label, or ''. */
export function readAccount(doc: Document): string {
  for (const el of Array.from(doc.querySelectorAll(S.ACCOUNT))) {
    const m = /[^\s()<>,;:"]+@[^\s()<>,;:"]+\.[a-z]{2,}/i.exec(el.getAttribute('aria-label') ?? '');
    if (m) return m[0].toLowerCase();
  }
  return '';
}

export function parseCalendarPage(doc: Document, url: string): CalendarPage {
  try {
    return parseUnsafe(doc, url);
  } catch (e) {
    return {
      view: '',
      chips: [],
      health: { recognised: false, hasContent: false, problem: `calendar parser failed: ${String(e).slice(0, 200)}` },
    };
  }
}

function parseUnsafe(doc: Document, url: string): CalendarPage {
  const fromUrl = viewFromUrl(url);
  const bodyKey = doc.querySelector(S.VIEW_KEY)?.getAttribute('data-viewkey')?.toLowerCase() ?? '';
  const view = fromUrl.view ?? VIEWS[bodyKey] ?? (bodyKey || 'unknown');
  const main = doc.querySelector(S.MAIN);

  // Chips outside hidden subtrees, grouped by the grid they sit in.
  const all = Array.from(doc.querySelectorAll(S.EVENT_CHIP)).filter((c) => !hidden(c) && !c.closest(S.EVENT_DIALOG));
  const grids = new Map<Element | null, Element[]>();
  for (const c of all) {
    const g = c.closest(S.GRID);
    const list = grids.get(g) ?? [];
    list.push(c);
    grids.set(g, list);
  }
  let chosen = all;
  let shownGrid: Element | null = null;
  const gridKeys = [...grids.keys()].filter((g): g is Element => g !== null);
  if (gridKeys.length > 1) {
    const withDate = fromUrl.date
      ? gridKeys.find((g) =>
          Array.from(g.querySelectorAll(S.DATE_KEY)).some(
            (c) => decodeDateKey(c.getAttribute('data-datekey')) === fromUrl.date,
          ),
        )
      : undefined;
    const keep = withDate ?? gridKeys[gridKeys.length - 1]!;
    shownGrid = keep;
    chosen = all.filter((c) => {
      const g = c.closest(S.GRID);
      return g === keep || g === null;
    });
  }

  const chips: CalendarChipRaw[] = [];
  const seen = new Set<string>();
  let unlabelled = 0;
  for (const chip of chosen) {
    const eventIdRaw = chip.getAttribute('data-eventid')?.trim() ?? '';
    if (!eventIdRaw) continue;
    const label = chipLabel(chip);
    if (!label) {
      unlabelled++;
      continue;
    }
    const key = `${eventIdRaw}\u0000${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cell = chip.closest(S.GRID_CELL);
    const column = chip.closest(S.DATE_KEY);
    const columnDate = decodeDateKey(column?.getAttribute('data-datekey'));
    const allDay = !!cell && !cell.hasAttribute('data-column-index') && view !== 'month';
    const record: CalendarChipRaw = { eventIdRaw: eventIdRaw.slice(0, RAW_LIMITS.eventId), label, allDay };
    const timeText = chipTimeText(chip);
    if (timeText) record.timeText = timeText;
    if (columnDate) record.columnDate = columnDate;
    chips.push(record);
    if (chips.length >= 3000) break;
  }

  const dialog = readDialog(doc);
  const hasGrid = doc.querySelector(S.GRID) !== null || doc.querySelector(S.DATE_KEY) !== null;
  let health: PageHealth;
  if (!main && chips.length === 0)
    health = { recognised: false, hasContent: false, problem: 'no Calendar main region on the page' };
  else if (!hasGrid && chips.length === 0 && view !== 'schedule')
    health = { recognised: false, hasContent: false, problem: `no calendar grid found in the ${view} view` };
  else if (unlabelled > 0 && chips.length === 0)
    health = { recognised: false, hasContent: true, problem: `${unlabelled} event chips have no label` };
  else health = { recognised: true, hasContent: chips.length > 0 || !!dialog };
  const page: CalendarPage = { view, chips, health };
  const shown = health.recognised && SHOWS_DAYS.has(view) ? shownDates(doc, shownGrid) : undefined;
  if (shown) page.shown = shown;
  if (dialog) page.dialog = dialog;
  return page;
}

/** Views that show every event of every day they show (the year view shows none). */
const SHOWS_DAYS = new Set(['day', 'week', 'month', 'customday', 'schedule']);

/**
 * The first and last visible date key: in the grid being shown (the incoming one mid-switch), or anywhere
 * visible when there is one grid or none (the schedule view's day rows).
 */
function shownDates(doc: Document, grid: Element | null): { from: string; to: string } | undefined {
  let from: string | undefined;
  let to: string | undefined;
  for (const el of Array.from((grid ?? doc).querySelectorAll(S.DATE_KEY))) {
    if (hidden(el) || el.closest(S.EVENT_DIALOG)) continue;
    const key = decodeDateKey(el.getAttribute('data-datekey'));
    if (!key) continue;
    if (from === undefined || key < from) from = key;
    if (to === undefined || key > to) to = key;
  }
  return from && to ? { from, to } : undefined;
}
