/**
 * Finding contacts for the surfaces: the first screenful by last contact (through the index) and search by
 * name or address. Types only from the model, so the popup's first paint does not load zod.
 */

import type { Contact } from '../core/model';
import type { TendDB } from './db';

/** Which addresses to list (people, not robots or addresses marked "not a person"); all when not given. */
export type Keep = (email: string) => boolean;

/** The contacts most recently in touch, newest first, read through the `summary.lastAt` index. */
export async function recentContacts(db: TendDB, limit = 20, keep?: Keep): Promise<Contact[]> {
  const newest = db.contacts.orderBy('summary.lastAt').reverse();
  return (keep ? newest.filter((c) => keep(c.email)) : newest).limit(limit).toArray();
}

/** Folds case and accents so "jose" finds "José". */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđħŧıßæœþ]/g, (c) => UNMARKED[c] ?? c);
}

/** Letters that carry their mark inside (no decomposition takes it off), as a search typed without it spells them. */
const UNMARKED: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ŧ: 't',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

/**
 * Does a person match a search (by name or any of their addresses, case and accents ignored)? An empty query
 * matches all.
 */
export function matchesQuery(p: { name?: string; email: string; aliases?: readonly string[] }, query: string): boolean {
  const q = foldText(query.trim());
  if (!q) return true;
  return (
    foldText(p.name ?? '').includes(q) ||
    foldText(p.email).includes(q) ||
    (p.aliases?.some((a) => foldText(a).includes(q)) ?? false)
  );
}

/**
 * Contacts whose name or address contains `query`, most recent contact first (never in touch last). One bulk
 * read of the table (IndexedDB's getAll is far cheaper than a cursor walking 5,000 records), then a filter.
 */
export async function searchContacts(db: TendDB, query: string, limit = 20, keep?: Keep): Promise<Contact[]> {
  const q = query.trim();
  if (!q) return recentContacts(db, limit, keep);
  const all = await db.contacts.toArray();
  const found = all.filter((c) => matchesQuery(c, q) && (!keep || keep(c.email)));
  found.sort((a, b) => (b.summary?.lastAt ?? -1) - (a.summary?.lastAt ?? -1) || (a.email < b.email ? -1 : 1));
  return found.slice(0, limit);
}
