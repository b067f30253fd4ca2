/**
 * Google Calendar's `data-eventid` (and the `eid` of event links) is base64 / base64url of
 * "<eventId>[_<instance time>] <calendar>", e.g. "abc123_20240610T070000Z ana@example.com".
 * The calendar part is abbreviated for Google's own domains: "@m" = @gmail.com, "@g" =
 * @group.calendar.google.com, "@v" = @group.v.calendar.google.com; "@" alone stands for nothing more.
 */

export interface DecodedEventId {
  eventId: string;
  /** The instance of a recurring event ("20240610T070000Z" or "20240610"), when present. */
  instance?: string;
  /** The calendar the event belongs to (an address), when present. */
  calendar?: string;
}

const CALENDAR_SUFFIXES: Record<string, string> = {
  m: 'gmail.com',
  g: 'group.calendar.google.com',
  v: 'group.v.calendar.google.com',
};

function base64Decode(raw: string): string | null {
  let s = raw.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+=*$/.test(s)) return null;
  s = s.replace(/=+$/, '');
  if (s.length % 4 === 1) return null;
  s += '='.repeat((4 - (s.length % 4)) % 4);
  try {
    const bin = atob(s);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes a `data-eventid`; null when it is not one. */
export function decodeEventId(raw: string | null | undefined): DecodedEventId | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 1000) return null;
  const text = base64Decode(raw);
  if (!text) return null;
  const [idPart, calendarPart, ...rest] = text.split(' ');
  if (!idPart || rest.length > 0) return null;
  const m = /^([A-Za-z0-9_-]+?)(?:_((?:\d{8})(?:T\d{6}Z?)?))?$/.exec(idPart);
  if (!m?.[1]) return null;
  const out: DecodedEventId = { eventId: m[1] };
  if (m[2]) out.instance = m[2];
  if (calendarPart) {
    const at = calendarPart.lastIndexOf('@');
    if (at > 0) {
      const domain = calendarPart.slice(at + 1);
      out.calendar = `${calendarPart.slice(0, at)}@${CALENDAR_SUFFIXES[domain] ?? domain}`.toLowerCase();
    }
  }
  return out;
}

/** The key Tend stores an event under: the event id, plus the instance for one occurrence of a series. */
export function eventKey(id: DecodedEventId): string {
  return id.instance ? `${id.eventId}_${id.instance}` : id.eventId;
}
