/**
 * Turns a raw Calendar capture (what the content script saw) into events and meeting interactions.
 *
 * - Events are keyed by the decoded event id plus the instance of a recurring event (`eventKey`), so a chip
 *   seen in several columns, views or scans is one event.
 * - Guests come only from the open event dialog (chips carry no addresses). An event with guests who are known
 *   contacts (or any person guest when settings.meetingsWithAnyGuest) yields one `meeting` interaction per
 *   guest at the event start, keyed `calendar:<event key>:<email>`: the same key however often it is seen, and
 *   one per occurrence of a recurring meeting.
 * - Meetings that have not started yet give no interaction (a touch in the future would count as contact that
 *   has not happened); their event still carries the attendees.
 */

import { normalizeEmail } from '../core/email';
import { MAX_MILLIS } from '../core/limits';
import type { CalendarEvent, Interaction, Settings } from '../core/model';
import { classifyPerson } from '../engine/people';
import { decodeEventId, eventKey } from './calendar-event-id';
import { parseChipLabel } from './calendar-labels';
import type { CalendarCapture, PageHealth } from './raw';

export interface NormalizeContext {
  now: Date;
  knownContacts: Set<string>;
  settings: Settings;
  selfAddresses: string[];
}

export interface NormalizedCalendar {
  events: CalendarEvent[];
  interactions: Interaction[];
  /** Chips whose id or label could not be read (held back, never guessed). */
  unreadable: number;
  health: PageHealth;
}

/** Calendars that are rooms and shared calendars, never people. */
const NON_PERSON_DOMAINS = ['resource.calendar.google.com', 'group.calendar.google.com', 'group.v.calendar.google.com'];

/**
 * Whether a guest is a person other than the user: not a room or shared calendar, and not the user, a robot or
 * list, or an address or domain the user ignores (lib/engine/people.ts, the same rules as for mail).
 */
function isOtherPerson(email: string, self: Set<string>, settings: Settings): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (NON_PERSON_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`))) return false;
  return classifyPerson(email, { self, settings }) === 'person';
}

export interface MeetingContext {
  self: Set<string>;
  settings: Settings;
  /** People already known from mail: only they count, unless the settings count any guest. */
  knownContacts: ReadonlySet<string>;
  now: number;
  account?: string | null;
}

/**
 * The touches a meeting makes once it has started: one per guest who is another person (known, or any guest
 * when the user allows), keyed by source, event and guest so that seeing it again adds nothing.
 */
export function meetingTouches(event: CalendarEvent, ctx: MeetingContext): Interaction[] {
  if (event.start > ctx.now) return [];
  const out: Interaction[] = [];
  for (const email of event.attendees) {
    if (!isOtherPerson(email, ctx.self, ctx.settings)) continue;
    if (!ctx.knownContacts.has(email) && !ctx.settings.meetingsWithAnyGuest) continue;
    const interaction: Interaction = {
      key: `${event.source}:${event.id}:${email}`.slice(0, 400),
      contact: email,
      at: event.start,
      direction: 'meeting',
      source: event.source,
      eventId: event.id,
    };
    if (event.title) interaction.subject = event.title;
    if (ctx.account) interaction.account = ctx.account;
    out.push(interaction);
  }
  return out;
}

export function normalizeCalendarCapture(capture: CalendarCapture, ctx: NormalizeContext): NormalizedCalendar {
  const self = new Set<string>();
  for (const a of [...ctx.selfAddresses, ...ctx.settings.selfAddresses, capture.account]) {
    const n = normalizeEmail(a);
    if (n) self.add(n);
  }
  const lang = capture.lang || undefined;
  const byKey = new Map<string, CalendarEvent>();
  let unreadable = 0;

  for (const chip of capture.chips) {
    const id = decodeEventId(chip.eventIdRaw);
    const parsed = id
      ? parseChipLabel(chip.label, {
          now: ctx.now,
          lang,
          columnDate: chip.columnDate,
          // A chip in the all-day row has no time text of its own to fall back on; its label may still have
          // times (Calendar draws events of 24 hours or more there), and those win.
          timeText: chip.allDay ? undefined : chip.timeText,
        })
      : null;
    if (!id || !parsed) {
      unreadable++;
      continue;
    }
    const key = eventKey(id);
    if (byKey.has(key)) continue;
    const event: CalendarEvent = {
      id: key.slice(0, 400),
      start: parsed.start.getTime(),
      end: parsed.end.getTime(),
      title: parsed.title.slice(0, 500),
      allDay: parsed.allDay,
      attendees: [],
      source: 'calendar',
      // As Google Calendar itself: a timed event is busy, an all-day one (a birthday, a holiday, a working
      // location) is free unless the user says otherwise there.
      busy: !parsed.allDay,
    };
    if (id.calendar) event.calendar = id.calendar.slice(0, 320);
    if (event.start < 0 || event.end > MAX_MILLIS) {
      unreadable++;
      continue;
    }
    byKey.set(key, event);
  }

  // The open dialog: its guests belong to the event it shows.
  const interactions: Interaction[] = [];
  const dialog = capture.dialog;
  const dialogId = dialog?.eventIdRaw ? decodeEventId(dialog.eventIdRaw) : null;
  if (dialog && dialogId) {
    let event = byKey.get(eventKey(dialogId));
    if (!event && !dialogId.instance) {
      const same = [...byKey.values()].filter(
        (e) => e.id === dialogId.eventId || e.id.startsWith(`${dialogId.eventId}_`),
      );
      if (same.length === 1) event = same[0];
    }
    if (event) {
      const guests = new Set<string>();
      for (const g of dialog.guests) {
        const e = normalizeEmail(g.email);
        if (e) guests.add(e);
      }
      event.attendees = [...guests].slice(0, 500);
      interactions.push(
        ...meetingTouches(event, {
          self,
          settings: ctx.settings,
          knownContacts: ctx.knownContacts,
          now: ctx.now.getTime(),
          account: normalizeEmail(capture.account),
        }),
      );
    }
  }

  let health: PageHealth = capture.health;
  if (capture.chips.length > 0 && unreadable === capture.chips.length)
    health = {
      recognised: false,
      hasContent: true,
      problem: `none of the ${unreadable} event chips could be read (page language "${capture.lang || 'unknown'}")`,
    };
  else if (unreadable > 0 && health.recognised && !health.problem)
    health = { ...health, problem: `${unreadable} of ${capture.chips.length} event chips could not be read` };
  return { events: [...byKey.values()], interactions, unreadable, health };
}
