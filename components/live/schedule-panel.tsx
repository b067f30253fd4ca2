import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { emailDomain } from '@/lib/core/email';
import { calendarWeekUrl } from '@/lib/core/gmail-links';
import { calendarTemplateUrl, slotIcs, slotsAsText } from '@/lib/scheduling/booking';
import { findSlots } from '@/lib/scheduling/slots';
import { readCoverage, seenDays } from '@/lib/store/calendar-coverage';
import { getDb } from '@/lib/store/db';
import { getSettings } from '@/lib/store/settings';
import { civilDate, dayRangeWords } from '@/lib/time/day-ranges';
import { localDateKey } from '@/lib/time/zoned-time';
import { copyText, downloadText, zoneOf } from '../runtime';
import { SlotList } from '../slot-list';
import type { SlotLike } from '../types';

const DAY = 86_400_000;

/** The next free slots for meeting one person, with "Add to Google Calendar", ".ics" and "Copy as text". */
export function SchedulePanel({ email, name, count = 3 }: { email: string; name: string; count?: number }) {
  const db = getDb();
  const now = useMemo(() => Date.now(), []);
  const data = useLiveQuery(async () => {
    const settings = await getSettings(db);
    const until = now + (settings.slots.horizonDays + 1) * DAY;
    // Events that began up to a month ago may still be running (a conference, a week away).
    const events = await db.events
      .where('start')
      .between(now - 30 * DAY, until)
      .toArray();
    return { settings, events, coverage: await readCoverage(db) };
  }, [now]);
  const result = useMemo(() => {
    if (!data) return undefined;
    const timeZone = zoneOf(data.settings.timeZone);
    const busy = data.events
      .filter((e) => e.end > now)
      .map((e) => ({
        start: e.start,
        end: e.end,
        title: e.title,
        attendees: e.attendees,
        busy: e.busy,
        allDay: e.allDay,
      }));
    const r = findSlots({
      busy,
      now,
      settings: data.settings,
      timeZone,
      contact: { email, domain: emailDomain(email) },
      count,
      seen: seenDays(data.coverage),
    });
    // The weeks Tend has not seen, each with the Calendar week that shows them (in the account seen last).
    const unseen = r.unseen.map((range) => ({
      words: dayRangeWords(range),
      href: calendarWeekUrl(data.coverage.lastAccount, civilDate(range[0])),
    }));
    // The best few, shown in the order of the days they fall on (as "Copy as text" lists them).
    return { ...r, slots: [...r.slots].sort((a, b) => a.start - b.start), unseen, timeZone };
  }, [data, now, email, count]);
  if (!result) return null;
  const who = name || email;
  const title = `Catch up with ${who}`;
  const details = 'Suggested by Tend.';
  return (
    <SlotList
      slots={result.slots}
      unseen={result.unseen}
      reason={result.reason}
      timeZone={result.timeZone}
      calendarHref={(s: SlotLike) =>
        calendarTemplateUrl(s, {
          title,
          details,
          guests: [email],
          timeZone: result.timeZone,
        })
      }
      onDownload={(s: SlotLike) => {
        const ics = slotIcs(s, {
          title,
          description: details,
          attendees: [email],
          uid: `tend-${s.start}-${email}`,
          now: new Date(),
        });
        // The file is named for the slot's day where the user is (not in UTC, a day off east or west of it).
        const day = localDateKey(s.start, result.timeZone);
        downloadText(`tend-${day}-${email.split('@')[0] ?? 'meeting'}.ics`, ics, 'text/calendar');
      }}
      onCopy={() =>
        copyText(
          slotsAsText(result.slots, {
            timeZone: result.timeZone,
            activity: 'a coffee',
          }),
        )
      }
    />
  );
}
