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
