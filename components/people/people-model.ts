import type { PeopleFilter } from '@/lib/core/pages';
import { foldText, matchesQuery } from '@/lib/store/contact-search';
import type { PersonRow } from '@/lib/store/people-table';

export type SortKey = 'name' | 'org' | 'lastAt' | 'rhythmDays' | 'dueAt' | 'strength' | 'tags';
export type Filter = PeopleFilter;

/** What each sort key compares; missing values sort last whichever the direction. */
const VALUE: Record<SortKey, (r: PersonRow) => string | number | undefined> = {
  name: (r) => r.name.trim() || r.email,
  org: (r) => r.org,
  lastAt: (r) => r.lastAt,
  rhythmDays: (r) => r.rhythmDays,
  dueAt: (r) => r.dueAt,
  strength: (r) => r.strength,
  tags: (r) => (r.tags.length ? r.tags.join(', ') : undefined),
};

/** Words in the order a reader expects (Ø, Ł and Æ among their letters, not after Z; "10" after "9"). */
const words = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const compare = (a: string | number, b: string | number) =>
  typeof a === 'string' && typeof b === 'string' ? words.compare(a, b) : a < b ? -1 : a > b ? 1 : 0;

export function matchesFilter(r: PersonRow, f: Filter): boolean {
  if (f === 'all') return true;
  if (f === 'overdue') return r.overdue;
  if (f === 'drifting') return r.drifting;
  if (f === 'no-rhythm') return r.rhythmDays === undefined;
  if (f === 'muted') return r.muted;
  const tag = f.slice(4).toLowerCase();
  return r.tags.some((t) => t.toLowerCase() === tag);
}

/**
 * The rows a view shows: filtered, searched (name or any of their addresses as the popup's search finds them,
 * company, tag; case and accents ignored), sorted; pure.
 */
export function visibleRows(
  rows: readonly PersonRow[],
  o: { filter: Filter; query: string; sort: SortKey; desc: boolean },
): PersonRow[] {
  const q = foldText(o.query.trim());
  const get = VALUE[o.sort];
  const out = rows.filter(
    (r) =>
      matchesFilter(r, o.filter) &&
      (!q || matchesQuery(r, q) || foldText(r.org).includes(q) || r.tags.some((t) => foldText(t).includes(q))),
  );
  const keyed = out.map((r) => ({ r, v: get(r) }));
  keyed.sort((a, b) => {
    if (a.v === undefined || b.v === undefined) return a.v === b.v ? 0 : a.v === undefined ? 1 : -1;
    const c = compare(a.v, b.v);
    return (o.desc ? -c : c) || (a.r.email < b.r.email ? -1 : 1);
  });
  return keyed.map((k) => k.r);
}

/** Every tag in use, sorted, once (ignoring case). */
export function allTags(rows: readonly PersonRow[]): string[] {
  const seen = new Map<string, string>();
  for (const r of rows) for (const t of r.tags) if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}
