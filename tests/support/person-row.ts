import type { PersonRow } from '@/lib/store/people-table';

/** A People view row for `email`: named by its local part, its company its domain, on time, untagged. */
export function personRow(email: string, over: Partial<PersonRow> = {}): PersonRow {
  const [local = email, domain = ''] = email.split('@');
  return {
    email,
    name: local,
    org: domain,
    overdue: false,
    drifting: false,
    strength: 0.5,
    tags: [],
    muted: false,
    ...over,
  };
}
