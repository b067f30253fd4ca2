import { dropScreen, keepScreen, type Served } from '@/components/kept-page';
import { whenStill } from '@/components/when-still';
import { buildId, CACHED_ATTR, PEOPLE_SCREEN_KEY } from '@/lib/store/first-screen';

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
  return scroll ? withoutRowsBelow(root, scroll) : root.innerHTML;
}

/**
 * The root's markup without the rows the table renders below its visible part (the virtualizer's overscan):
 * every kept row is laid out before the first paint, seen or not, and those come with the live table a moment
 * later. The spacer below grows by their height, so the kept table scrolls as tall as the live one. A page not
 * laid out (no height) keeps every row.
 */
function withoutRowsBelow(root: HTMLElement, scroll: HTMLElement): string {
  const box = scroll.getBoundingClientRect();
  if (scroll.clientHeight <= 0) return root.innerHTML;
  const bottom = box.top + scroll.clientHeight;
  const rows = [...scroll.querySelectorAll('tbody tr[aria-rowindex]')];
  const below = rows.filter((r) => r.getBoundingClientRect().top >= bottom);
  if (below.length === 0) return root.innerHTML;
  const height = below.reduce((sum, r) => sum + r.getBoundingClientRect().height, 0);
  const copy = root.cloneNode(true) as HTMLElement;
  const copied = [...copy.querySelectorAll('.people-scroll tbody tr[aria-rowindex]')];
  for (const r of copied.slice(rows.length - below.length)) r.remove();
  const body = copy.querySelector('.people-scroll tbody');
  const last = body?.lastElementChild as HTMLElement | null | undefined;
  if (last?.classList.contains('spacer'))
    last.style.height = `${(Number.parseFloat(last.style.height) || 0) + height}px`;
  else body?.insertAdjacentHTML('beforeend', `<tr class="spacer" style="height: ${height}px"></tr>`);
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
