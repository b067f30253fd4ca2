import { useId } from 'react';
import type { NudgeKind } from '@/lib/engine/nudge-kinds';
import type { NudgeLike } from '../types';
import '../lists.css';

/** The kinds a card lists as open with a person: what is owed either way, in any thread. */
const OPEN_KINDS: Partial<Record<NudgeKind, string>> = {
  'reply-needed': 'Reply needed',
  'awaiting-reply': 'Follow up',
  promise: 'Promise',
};

/** How many open items a card lists. */
export const OPEN_MAX = 5;

/**
 * A person's open items from the precomputed nudge list: their reply-needed, follow-up and promise nudges in
 * every thread, in the list's order, at most `max`. `emails` are the person's address and aliases.
 */
export function openNudgesOf(
  nudges: readonly NudgeLike[] | undefined,
  emails: readonly string[],
  max = OPEN_MAX,
): NudgeLike[] {
  if (!nudges) return [];
  const who = new Set(emails);
  const out: NudgeLike[] = [];
  for (const n of nudges) {
    if (out.length >= max) break;
    if (OPEN_KINDS[n.kind] && who.has(n.contact)) out.push(n);
  }
  return out;
}

/** What a short line calls a person: the first word of their name, else their address. */
export function shortName(c: { name?: string; email: string }): string {
  return (c.name ?? '').trim().split(/\s+/)[0] || c.email;
}

/** "Open with Ann": what is owed either way, reason then subject. Nothing when nothing is open. */
export function OpenWith({
  name,
  items,
  Heading,
  max = OPEN_MAX,
}: {
  name: string;
  items: readonly NudgeLike[];
  Heading: 'h2' | 'h3' | 'h4';
  max?: number;
}) {
  const id = useId();
  if (items.length === 0) return null;
  return (
    <section className="open-with" aria-labelledby={id}>
      <Heading id={id}>Open with {name}</Heading>
      <ul className="open-list">
        {items.slice(0, max).map((n) => (
          <li key={n.key} className="open-item">
            <span className="open-kind">{OPEN_KINDS[n.kind] ?? n.kind}</span> <span>{n.reason}</span>
            {n.subject ? <span className="open-subject muted small">{n.subject}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
