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
  if ((view.querySelector('.people-scroll')?.scrollTop ?? 0) > 0) return null;
  return root.innerHTML;
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
