/**
 * A contact's summary, derived from its packed history. Pure: the store calls it in the same transaction
 * that changes the history, so the summary can never disagree with what it summarises.
 */

import type { ContactSummary } from '../core/model';
import { inferRhythmDays } from '../engine/cadence';
import type { HistoryItem } from './db';
import { packHash } from './pack-hash';

export function summarize(items: readonly HistoryItem[], now: number): ContactSummary {
  const s: ContactSummary = { count: 0, sent: 0, received: 0, meetings: 0, inferredDays: null };
  for (const it of items) {
    s.count++;
    if (s.lastAt === undefined || it.at > s.lastAt) s.lastAt = it.at;
    if (it.direction === 'sent') {
      s.sent++;
      if (s.lastSentAt === undefined || it.at > s.lastSentAt) s.lastSentAt = it.at;
    } else if (it.direction === 'received') {
      s.received++;
      if (s.lastReceivedAt === undefined || it.at > s.lastReceivedAt) s.lastReceivedAt = it.at;
    } else {
      s.meetings++;
      if (s.lastMeetingAt === undefined || it.at > s.lastMeetingAt) s.lastMeetingAt = it.at;
    }
    if (!it.mass && (s.lastTouchAt === undefined || it.at > s.lastTouchAt)) s.lastTouchAt = it.at;
  }
  s.inferredDays = inferRhythmDays(items, now);
  return { ...s, ...manualSummary(items) };
}

/**
 * How many touches logged by hand a history holds and a hash of them (key, day, direction, kind, note), or nothing
 * when there are none: lib/store/user-layer.ts reads a person's history again only when these change.
 */
export function manualSummary(items: readonly HistoryItem[]): Pick<ContactSummary, 'manual' | 'manualSig'> {
  let text = '';
  let n = 0;
  for (const it of items) {
    if (it.source !== 'manual') continue;
    n++;
    text += `${it.key}\u0001${it.at}\u0001${it.direction}\u0001${it.kind ?? ''}\u0001${it.note ?? ''}\u0002`;
  }
  return n ? { manual: n, manualSig: packHash(text).toString(36) } : {};
}
