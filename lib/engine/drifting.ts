/**
 * Drifting: people who were regular and are slipping away. Pure; works on the contact summary alone (the
 * inferred rhythm is the usual gap over the past year, `lastTouchAt` the last touch that counts), so it runs over
 * 5,000 contacts in well under a millisecond each.
 *
 * - `silent`: they had a rhythm, and the silence since the last touch is at least `SILENT_FACTOR` times it
 *   (and at least `MIN_SILENCE_DAYS`), but under a year (after a year the relationship is history, not drift).
 * - `slowing`: the silence is already past `SLOWING_FACTOR` times the usual gap, less than silent.
 * People with no rhythm (too little history), rhythm turned off, muted or snoozed are never drifting; a Done counts
 * as a touch, as it does for the rhythm.
 */

import type { Contact } from '../core/model';
import type { ContactAck } from './cadence';

const DAY = 86_400_000;
export const SLOWING_FACTOR = 1.5;
export const SILENT_FACTOR = 3;
export const MIN_SILENCE_DAYS = 21;

export type Drift = { kind: 'slowing' | 'silent'; usualDays: number; silentDays: number };

export function drift(contact: Pick<Contact, 'summary' | 'cadence'>, now: number, ack?: ContactAck): Drift | null {
  if (contact.cadence?.mode === 'off') return null;
  // A snoozed person is put off on purpose, and Done counts as a touch, as it does for the rhythm (contactDue).
  if (ack?.snoozedUntil !== undefined && ack.snoozedUntil > now) return null;
  const usual = contact.cadence?.mode === 'fixed' ? contact.cadence.days : (contact.summary?.inferredDays ?? null);
  const touched = contact.summary?.lastTouchAt ?? contact.summary?.lastAt;
  const last = ack?.doneAt !== undefined ? Math.max(touched ?? 0, ack.doneAt) : touched;
  if (usual === null || usual === undefined || !(usual > 0) || last === undefined) return null;
  const silentDays = (now - last) / DAY;
  if (silentDays >= 365 || silentDays < MIN_SILENCE_DAYS / 2) return null;
  if (silentDays >= Math.max(MIN_SILENCE_DAYS, usual * SILENT_FACTOR))
    return { kind: 'silent', usualDays: usual, silentDays };
  if (silentDays >= Math.max(MIN_SILENCE_DAYS / 2, usual * SLOWING_FACTOR))
    return { kind: 'slowing', usualDays: usual, silentDays };
  return null;
}

/** The people drifting most, by silence over their usual gap (largest first), at most `max`. */
export function driftingPeople<C extends Pick<Contact, 'summary' | 'cadence' | 'email'>>(
  contacts: readonly C[],
  now: number,
  skip: (email: string) => boolean,
  ackOf: (email: string) => ContactAck | undefined = () => undefined,
  max = 5,
): { contact: C; drift: Drift }[] {
  const out: { contact: C; drift: Drift }[] = [];
  for (const c of contacts) {
    const d = drift(c, now, ackOf(c.email));
    if (d && !skip(c.email)) out.push({ contact: c, drift: d });
  }
  out.sort((a, b) => b.drift.silentDays / b.drift.usualDays - a.drift.silentDays / a.drift.usualDays);
  return out.slice(0, max);
}
