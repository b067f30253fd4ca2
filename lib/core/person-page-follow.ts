import { personPagePath } from './pages';

/** The person a page goes on with: their own address, and the page's path for it. */
export interface FollowedPerson {
  email: string;
  path: ReturnType<typeof personPagePath>;
}

/**
 * Whether a person's page, read by `address`, should go on by the person it found instead. Pages are opened by an
 * address as it was written (the sender of a reply needed, the sidebar card's Open page), which may be one of a
 * person's others: the page then follows the person, read by their own address from then on and with that address
 * in its URL, so that removing the other address (which splits it off as a contact of its own) or a reload keeps
 * the page on the person. The same holds when the person is merged into someone else: the page goes on with them.
 * Null when the page already reads by the person, or when no one is there to follow (`found`: the person's record
 * exists): the page stays on the address it was opened for.
 */
export function followPerson(address: string, person: string, found: boolean): FollowedPerson | null {
  if (!found || person === address) return null;
  return { email: person, path: personPagePath(person) };
}
