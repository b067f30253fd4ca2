/**
 * Drifting: people who were regular and are slipping away. Pure; works on the contact summary alone (the
 * inferred rhythm is the usual gap over the past year, `lastTouchAt` the last touch that counts), so it runs over
 * 5,000 contacts in well under a millisecond each.
 *
 * The usual gap is the contact's rhythm as the rest of the engine sees it (`effectiveRhythm` in cadence.ts: the
 * one set by hand, else a tag's, else the inferred one), so whoever the popup and the People view call overdue
 * for a rhythm can drift from it too.
 *
 * - `silent`: they had a rhythm, and the silence since the last touch is at least `SILENT_FACTOR` times it
 *   (and at least `MIN_SILENCE_DAYS`), but under a year (after a year the relationship is history, not drift).
 * - `slowing`: the silence is already past `SLOWING_FACTOR` times the usual gap, less than silent.
 * People with no rhythm (too little history, no tag with one), rhythm turned off, muted or snoozed are never
 * drifting; a Done counts as a touch, as it does for the rhythm.
 */

import type { Contact, Settings } from '../core/model';
import { type ContactAck, effectiveRhythm } from './cadence';

const DAY = 86_400_000;
export const SLOWING_FACTOR = 1.5;
export const SILENT_FACTOR = 3;
export const MIN_SILENCE_DAYS = 21;
/** How many of the most adrift the popup lists (its heading counts them all). */
export const DRIFTING_ROWS = 5;

export type Drift = { kind: 'slowing' | 'silent'; usualDays: number; silentDays: number };

export function drift(contact: Contact, settings: Settings, now: number, ack?: ContactAck): Drift | null {
  // A snoozed person is put off on purpose, and Done counts as a touch, as it does for the rhythm (contactDue).
  if (ack?.snoozedUntil !== undefined && ack.snoozedUntil > now) return null;
  // 'off' and "no rhythm known" give null here.
  const usual = effectiveRhythm(contact, settings)?.days;
  const touched = contact.summary?.lastTouchAt ?? contact.summary?.lastAt;
  const last = ack?.doneAt !== undefined ? Math.max(touched ?? 0, ack.doneAt) : touched;
  if (usual === undefined || !(usual > 0) || last === undefined) return null;
  const silentDays = (now - last) / DAY;
  if (silentDays >= 365 || silentDays < MIN_SILENCE_DAYS / 2) return null;
  if (silentDays >= Math.max(MIN_SILENCE_DAYS, usual * SILENT_FACTOR))
    return { kind: 'silent', usualDays: usual, silentDays };
  if (silentDays >= Math.max(MIN_SILENCE_DAYS / 2, usual * SLOWING_FACTOR))
    return { kind: 'slowing', usualDays: usual, silentDays };
  return null;
}

export type DriftingPerson<C> = { contact: C; drift: Drift };

/**
 * Everyone drifting (`count`: as many as the People view's Drifting filter shows) and the most adrift of them, by
 * silence over their usual gap (largest first), at most `max`.
 */
export function driftingPeople<C extends Contact>(
  contacts: readonly C[],
  settings: Settings,
  now: number,
  skip: (email: string) => boolean,
  ackOf: (email: string) => ContactAck | undefined = () => undefined,
  max = DRIFTING_ROWS,
): { count: number; top: DriftingPerson<C>[] } {
  const out: DriftingPerson<C>[] = [];
  for (const c of contacts) {
    if (skip(c.email)) continue;
    const d = drift(c, settings, now, ackOf(c.email));
    if (d) out.push({ contact: c, drift: d });
  }
  out.sort((a, b) => b.drift.silentDays / b.drift.usualDays - a.drift.silentDays / a.drift.usualDays);
  return { count: out.length, top: out.slice(0, max) };
}
