/** Tend's own pages, as paths inside the extension (open them with `browser.runtime.getURL`). */

/** A person's page. */
export function personPagePath(email: string): `/person.html${string}` {
  return `/person.html?email=${encodeURIComponent(email)}`;
}

/** The address a person's page was opened for (`?email=`), or null. */
export function personFromSearch(search: string): string | null {
  const e = new URLSearchParams(search).get('email')?.trim();
  return e ? e : null;
}

/** Everyone, as a table. */
export const PEOPLE_PAGE_PATH = '/people.html' as const;

/** What the People view can be narrowed to: everyone, a state, or one tag (`tag:<name>`). */
export type PeopleFilter = 'all' | 'overdue' | 'drifting' | 'no-rhythm' | 'muted' | `tag:${string}`;
const STATES: readonly string[] = ['all', 'overdue', 'drifting', 'no-rhythm', 'muted'] satisfies PeopleFilter[];

/** The People view opened on one filter (`?filter=drifting`), or as it opens by itself. */
export function peoplePagePath(filter: PeopleFilter = 'all'): `/people.html${string}` {
  return filter === 'all' ? PEOPLE_PAGE_PATH : `${PEOPLE_PAGE_PATH}?filter=${encodeURIComponent(filter)}`;
}

/** The filter a People view's address names, or null (none, or one it does not know: the view opens as usual). */
export function peopleFilterFromSearch(search: string): PeopleFilter | null {
  const f = new URLSearchParams(search).get('filter');
  if (f === null) return null;
  if (STATES.includes(f)) return f as PeopleFilter;
  return f.startsWith('tag:') && f.length > 4 ? (f as `tag:${string}`) : null;
}
