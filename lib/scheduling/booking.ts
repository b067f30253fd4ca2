/**
 * Turning a free slot into something bookable: a Google Calendar "new event" link, an .ics file, and a line
 * of text to paste into a reply ("Would Tue 12:30 or Thu 8:30 work for a coffee?").
 */
import type { Slot } from './slots';

type SlotTimes = Pick<Slot, 'start' | 'end'>;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** YYYYMMDDTHHmmSSZ in UTC, the form both the Calendar link and iCalendar accept. */
function utcStamp(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/**
 * https://calendar.google.com/calendar/render?action=TEMPLATE&text=..&dates=START/END&details=..&add=a,b&ctz=Zone
 * Times are written in UTC (with Z); `ctz` makes Calendar show them in the user's zone.
 */
export function calendarTemplateUrl(
  slot: SlotTimes,
  opts: { title: string; details: string; guests: string[]; timeZone: string },
): string {
  const params = new URLSearchParams();
  params.set('action', 'TEMPLATE');
  params.set('text', opts.title.slice(0, 500));
  params.set('dates', `${utcStamp(slot.start)}/${utcStamp(slot.end)}`);
  if (opts.details) params.set('details', opts.details.slice(0, 4000));
  const guests = opts.guests.map((g) => g.trim()).filter((g) => g.includes('@'));
  if (guests.length) params.set('add', guests.join(','));
  if (opts.timeZone) params.set('ctz', opts.timeZone);
  // URLSearchParams writes spaces as '+', which Calendar reads; '%20' is safer for every reader
  return `https://calendar.google.com/calendar/render?${params.toString().replace(/\+/g, '%20')}`;
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never splitting a UTF-8 character. */
function fold(line: string): string {
  const enc = new TextEncoder();
  if (enc.encode(line).length <= 75) return line;
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + n > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

/** A single-event VCALENDAR (REQUEST-free PUBLISH file the user imports or opens), lines ending in CRLF. */
export function slotIcs(
  slot: SlotTimes,
  opts: { title: string; description: string; attendees: string[]; uid: string; now: Date },
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tend//Relationship time//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${opts.uid.replace(/[\r\n]/g, '')}`,
    `DTSTAMP:${utcStamp(opts.now.getTime())}`,
    `DTSTART:${utcStamp(slot.start)}`,
    `DTEND:${utcStamp(slot.end)}`,
    `SUMMARY:${icsText(opts.title)}`,
    ...(opts.description ? [`DESCRIPTION:${icsText(opts.description)}`] : []),
    ...opts.attendees
      .map((a) => a.trim())
      .filter((a) => /^[^\s@:;,]+@[^\s@:;,]+$/.test(a))
      .map((a) => `ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:${a}`),
    'STATUS:TENTATIVE',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/**
 * "Would Tue 12:30 or Thu 8:30 work for a coffee?" Times are shown in `timeZone`, chronologically, with the
 * weekday (and the date when a slot is more than 6 days away).
 */
export function slotsAsText(
  slots: SlotTimes[],
  opts: { timeZone: string; locale?: string; activity?: 'a coffee' | 'a call' },
): string {
  if (slots.length === 0) return '';
  const locale = opts.locale ?? 'en-GB';
  const sorted = [...slots].sort((a, b) => a.start - b.start);
  const first = sorted[0]!.start;
  const make = (o: Intl.DateTimeFormatOptions) => {
    try {
      return new Intl.DateTimeFormat(locale, { ...o, timeZone: opts.timeZone || undefined });
    } catch {
      return new Intl.DateTimeFormat('en-GB', o);
    }
  };
  const weekday = make({ weekday: 'short' });
  const date = make({ day: 'numeric', month: 'short' });
  const time = make({ hour: 'numeric', minute: '2-digit' });
  const parts = sorted.map((s) => {
    const far = s.start - first > 6 * 86_400_000;
    return `${weekday.format(s.start)}${far ? ` ${date.format(s.start)}` : ''} ${time.format(s.start)}`;
  });
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]!}`;
  return `Would ${list} work for ${opts.activity ?? 'a coffee'}?`;
}
