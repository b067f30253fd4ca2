import type { Contact, Settings } from '@/lib/core/model';
import {
  atWorstDays,
  type ContactAck,
  contactDue,
  describeRhythm,
  effectiveRhythm,
  presetLabel,
  type Rhythm,
  rhythmWords,
} from '@/lib/engine/cadence';
import { relativeWords, spanWords } from '@/lib/time/relative';
import { localDayNumber, resolveTimeZone } from '@/lib/time/zoned-time';
import { dueScale } from './due-scale';

/** A rhythm in words, and the next touch in words with its step on the colour scale (components/due-scale.ts). */
export interface RhythmText {
  description: string;
  due?: string;
  dueStep?: number;
}

/**
 * A contact's rhythm and next touch in words, for the sidebar and the person page; `ack` is what the user said
 * about their nudge (Done restarts the clock, a snooze puts it off), as in the popup (contactDue). Days are those
 * of the settings' zone, as the popup's reasons say them.
 */
export function rhythmText(contact: Contact, settings: Settings, now: number, ack?: ContactAck): RhythmText {
  const timeZone = resolveTimeZone(settings.timeZone);
  const r = effectiveRhythm(contact, settings);
  const inferred = contact.summary?.inferredDays ?? null;
  let description: string;
  if (contact.cadence.mode === 'off') description = 'Not tracked: Tend will not remind you about them.';
  else if (!r) description = 'Not enough history yet to tell a rhythm.';
  else if (r.source === 'set')
    description = `${presetLabel(r.days) ?? `Every ${r.days} days`}${atWorst(r)}, set by you`;
  else if (r.source === 'tag')
    description = `${presetLabel(r.days) ?? rhythmWords(r.days)}${atWorst(r)}, from the tag “${r.tag}”`;
  else description = `Auto: ${describeRhythm(inferred ?? r.days)}`;
  // What the history says, next to a rhythm set by hand or by a tag.
  if (r && r.source !== 'inferred' && inferred) description += `; ${describeRhythm(inferred)}`;
  if (r) description += '.';
  const { due, overdue } = contactDue(contact, settings, now, ack);
  if (!due) return { description };
  // The same step as the person's row in the People view (muting is said apart, beside the rhythm).
  const dueStep = dueScale({
    dueRatio: due.overdueRatio,
    worstRatio: due.worstRatio,
    rhythmDays: r?.days,
    muted: false,
    overdue,
  }).step;
  const text = (words: string): RhythmText => ({ description, due: words, dueStep });
  if (ack?.snoozedUntil !== undefined && ack.snoozedUntil > now && now >= due.dueAt)
    return text(`snoozed, back ${relativeWords(ack.snoozedUntil, now, timeZone)}`);
  // Days past the due day, counted in the zone's calendar days (as the People table's "tomorrow" is).
  const days = localDayNumber(now, timeZone) - localDayNumber(due.dueAt, timeZone);
  if (days === 0) return text('due today');
  if (days < 0) return text(`due ${relativeWords(due.dueAt, now, timeZone)}`);
  // Past the date but not yet overdue: an inferred rhythm's allowance (the popup waits for it too).
  return text(overdue ? `overdue by ${spanWords(days)}` : `was due ${relativeWords(due.dueAt, now, timeZone)}`);
}

/**
 * The tolerance of a rhythm set by hand or by a tag, as the day from which the person is well overdue
 * (lib/engine/cadence.ts atWorstDays): " (at worst every 44 days)", or nothing without a tolerance.
 */
function atWorst(r: Rhythm): string {
  const days = atWorstDays(r);
  return days === null ? '' : ` (at worst every ${days} days)`;
}
