import ICAL from 'ical.js';
import { calendarTemplateUrl, slotIcs, slotsAsText } from '../../lib/scheduling/booking';

const slot = { start: Date.UTC(2025, 2, 4, 11, 30), end: Date.UTC(2025, 2, 4, 12, 0) }; // Tue 12:30 Berlin
const slot2 = { start: Date.UTC(2025, 2, 6, 7, 30), end: Date.UTC(2025, 2, 6, 8, 0) }; // Thu 8:30 Berlin

describe('calendarTemplateUrl', () => {
  it('builds the render?action=TEMPLATE link with UTC dates, guests and zone', () => {
    const url = new URL(
      calendarTemplateUrl(slot, {
        title: 'Coffee with Ana',
        details: 'Catch up & plans',
        guests: ['ana@acme.com', 'bo@x.org'],
        timeZone: 'Europe/Berlin',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe('Coffee with Ana');
    expect(url.searchParams.get('dates')).toBe('20250304T113000Z/20250304T120000Z');
    expect(url.searchParams.get('details')).toBe('Catch up & plans');
    expect(url.searchParams.get('add')).toBe('ana@acme.com,bo@x.org');
    expect(url.searchParams.get('ctz')).toBe('Europe/Berlin');
    expect(url.href).not.toContain('+');
  });
});

describe('slotIcs', () => {
  const ics = slotIcs(slot, {
    title: 'Coffee, with Ana; really',
    description: 'Line one\nLine two — with a long tail that certainly needs folding past seventy-five octets ✓✓✓',
    attendees: ['ana@acme.com', 'not an address'],
    uid: 'slot-1@tend',
    now: new Date(Date.UTC(2025, 2, 1)),
  });
  it('uses CRLF line ends and folds long lines', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
  it('is a valid VCALENDAR that ical.js reads back', () => {
    const comp = new ICAL.Component(ICAL.parse(ics));
    const ev = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
    expect(ev.summary).toBe('Coffee, with Ana; really');
    expect(ev.description).toContain('Line two');
    expect(ev.startDate.toJSDate().getTime()).toBe(slot.start);
    expect(ev.endDate.toJSDate().getTime()).toBe(slot.end);
    expect(ev.attendees.map((a) => a.getFirstValue())).toEqual(['mailto:ana@acme.com']);
    expect(ev.uid).toBe('slot-1@tend');
  });
});

describe('slotsAsText', () => {
  it('says the times in the user zone, chronologically', () => {
    expect(slotsAsText([slot2, slot], { timeZone: 'Europe/Berlin' })).toBe(
      'Would Tue 12:30 or Thu 8:30 work for a coffee?',
    );
    expect(slotsAsText([slot], { timeZone: 'UTC', activity: 'a call' })).toBe('Would Tue 11:30 work for a call?');
  });
  it('lists three and adds the date for far slots', () => {
    const far = { start: slot.start + 9 * 86_400_000, end: slot.end + 9 * 86_400_000 };
    expect(slotsAsText([slot, slot2, far], { timeZone: 'Europe/Berlin', locale: 'en-US' })).toBe(
      'Would Tue 12:30 PM, Thu 8:30 AM or Thu Mar 13 12:30 PM work for a coffee?',
    );
  });
  it('is empty for no slots', () => {
    expect(slotsAsText([], { timeZone: 'UTC' })).toBe('');
  });
});
