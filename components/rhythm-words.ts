import type { Contact, Settings } from '@/lib/core/model';
import { describeRhythm, dueInfo, effectiveRhythm, presetLabel, rhythmWords } from '@/lib/engine/cadence';
import { relativeWords, spanWords } from '@/lib/time/relative';

const DAY = 86_400_000;

/** A contact's rhythm and next touch in words, for the sidebar. */
export function rhythmText(contact: Contact, settings: Settings, now: number): { description: string; due?: string } {
  const r = effectiveRhythm(contact, settings);
  const inferred = contact.summary?.inferredDays ?? null;
  let description: string;
  if (contact.cadence.mode === 'off') description = 'Not tracked: Tend will not remind you about them.';
  else if (!r) description = 'Not enough history yet to tell a rhythm.';
  else if (r.source === 'set') description = `${presetLabel(r.days) ?? `Every ${r.days} days`}, set by you`;
  else if (r.source === 'tag') description = `${presetLabel(r.days) ?? rhythmWords(r.days)}, from the tag “${r.tag}”`;
  else description = `Auto: ${describeRhythm(inferred ?? r.days)}`;
  // What the history says, next to a rhythm set by hand or by a tag.
  if (r && r.source !== 'inferred' && inferred) description += `; ${describeRhythm(inferred)}`;
  if (r) description += '.';
  const due = dueInfo(contact, settings, now);
  if (!due) return { description };
  const days = (now - due.dueAt) / DAY;
  if (Math.abs(days) < 1) return { description, due: 'due today' };
  return { description, due: days > 0 ? `overdue by ${spanWords(days)}` : `due ${relativeWords(due.dueAt, now)}` };
}
