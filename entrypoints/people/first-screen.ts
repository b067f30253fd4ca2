import { dropScreen, keepScreen, type Served } from '@/components/kept-page';
import { whenStill } from '@/components/when-still';
import { buildId, CACHED_ATTR, KEPT_PEOPLE_ROWS, LATER_ROWS_ATTR, PEOPLE_SCREEN_KEY } from '@/lib/store/first-screen';

/** How long the view must have been still before it is kept. */
export const KEEP_AFTER_MS = 800;

/**
 * The markup to keep: the page as it opens (the table's default view, scrolled to the top, marked by
 * PeopleTable's `data-opening-view`), or null while the user has searched, filtered, sorted, selected or
 * scrolled, or while the kept screen itself is showing.
 */
export function openingMarkup(root: HTMLElement): string | null {
  if (root.hasAttribute(CACHED_ATTR)) return null;
  const view = root.querySelector('[data-opening-view]');
  if (!view) return null;
  const scroll = view.querySelector<HTMLElement>('.people-scroll');
  if ((scroll?.scrollTop ?? 0) > 0) return null;
  return scroll ? keptTable(root, scroll) : root.innerHTML;
}

/**
 * The root's markup without the rows the table renders below its visible part (the virtualizer's overscan):
 * every kept row is laid out before the first paint, seen or not, and those come with the live table a moment
 * later. Of the rows in sight, the first KEPT_PEOPLE_ROWS are painted at once and the others are kept in a
 * template that the page puts in place a frame later (showLaterRows, lib/store/first-screen.ts): each row costs
 * the first paint its style and layout (a bench with 3 rows painted 24 to 56 ms sooner than with 14). The spacer
 * below grows by the height of every row not painted, so the kept table scrolls as tall as the live one. A page
 * not laid out (no height) keeps every row, all painted.
 */
function keptTable(root: HTMLElement, scroll: HTMLElement): string {
  if (scroll.clientHeight <= 0) return root.innerHTML;
  const bottom = scroll.getBoundingClientRect().top + scroll.clientHeight;
  const rows = [...scroll.querySelectorAll('tbody tr[aria-rowindex]')];
  const inSight = rows.filter((r) => r.getBoundingClientRect().top < bottom).length;
  if (inSight === rows.length && inSight <= KEPT_PEOPLE_ROWS) return root.innerHTML;
  const heightOf = (from: number, to: number) =>
    rows.slice(from, to).reduce((sum, r) => sum + r.getBoundingClientRect().height, 0);
  const copy = root.cloneNode(true) as HTMLElement;
  const copied = [...copy.querySelectorAll('.people-scroll tbody tr[aria-rowindex]')];
  for (const r of copied.slice(inSight)) r.remove();
  const body = copy.querySelector('.people-scroll tbody');
  if (!body) return root.innerHTML;
  let spacer = body.lastElementChild as HTMLElement | null;
  if (!spacer?.classList.contains('spacer')) {
    spacer = copy.ownerDocument.createElement('tr');
    spacer.className = 'spacer';
    spacer.style.height = '0px';
    body.append(spacer);
  }
  let grow = heightOf(inSight, rows.length);
  if (inSight > KEPT_PEOPLE_ROWS) {
    const held = heightOf(KEPT_PEOPLE_ROWS, inSight);
    // After the view, in a table of its own: a template inside the table is not read alike by every parser.
    const template = copy.ownerDocument.createElement('template');
    template.setAttribute(LATER_ROWS_ATTR, String(held));
    const table = copy.ownerDocument.createElement('table');
    const tbody = copy.ownerDocument.createElement('tbody');
    tbody.append(...copied.slice(KEPT_PEOPLE_ROWS, inSight));
    table.append(tbody);
    template.content.append(table);
    copy.append(template);
    grow += held;
  }
  spacer.style.height = `${(Number.parseFloat(spacer.style.height) || 0) + grow}px`;
  return copy.innerHTML;
}

/**
 * Keeps the People view's opening screen in `storage` (lib/store/first-screen.ts, PEOPLE_SCREEN_KEY) whenever it
 * has changed and been still for KEEP_AFTER_MS, and as the page the awake background serves (components/
 * kept-page.ts); next time it is on screen at once. A view without rows (nobody known yet) keeps nothing.
 */
export function keepPeopleScreen(
  root: HTMLElement,
  {
    storage,
    served,
    head,
    quietMs = KEEP_AFTER_MS,
  }: { storage: Storage; served?: Served; head: ParentNode; quietMs?: number },
): () => void {
  // Attributes too: the opening view's mark comes and goes with a search, a sort or a selection.
  const watch = { childList: true, subtree: true, characterData: true, attributes: true };
  return whenStill(
    root,
    quietMs,
    async () => {
      const html = openingMarkup(root);
      if (html === null) return;
      if (!root.querySelector('tbody tr[aria-rowindex]')) return dropScreen(storage, served, PEOPLE_SCREEN_KEY);
      await keepScreen(
        storage,
        served,
        { build: buildId(head), computedAt: null, savedAt: Date.now(), html },
        PEOPLE_SCREEN_KEY,
      );
    },
    watch,
  );
}
