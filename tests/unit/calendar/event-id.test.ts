import { decodeEventId, eventKey } from '../../../lib/ingest/calendar-event-id';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

describe('decodeEventId', () => {
  it.each([
    ['single event', b64('abc123def ana@example.com'), { eventId: 'abc123def', calendar: 'ana@example.com' }],
    [
      'instance of a series',
      b64('eieemgj0gr6a9k4qj33obd33eg_20381104T193000Z l69cnt@g'),
      {
        eventId: 'eieemgj0gr6a9k4qj33obd33eg',
        instance: '20381104T193000Z',
        calendar: 'l69cnt@group.calendar.google.com',
      },
    ],
    [
      'all-day instance, base64url',
      b64url('20140101_60o30cho6co30c1g60o30dr4ck en.canadian#holiday@v'),
      { eventId: '20140101_60o30cho6co30c1g60o30dr4ck', calendar: 'en.canadian#holiday@group.v.calendar.google.com' },
    ],
    [
      'gmail calendar',
      b64('x1y2z3_20240610 Someone@m'),
      { eventId: 'x1y2z3', instance: '20240610', calendar: 'someone@gmail.com' },
    ],
    ['no calendar part', b64('onlyid'), { eventId: 'onlyid' }],
  ])('%s', (_name, raw, expected) => {
    expect(decodeEventId(raw)).toEqual(expected);
  });

  it.each([
    ['empty', ''],
    ['not base64', '!!!'],
    ['binary', Buffer.from([0xff, 0xfe, 0x00]).toString('base64')],
    ['three parts', b64('a b c')],
    ['huge', 'A'.repeat(2000)],
  ])('rejects %s', (_n, raw) => {
    expect(decodeEventId(raw)).toBeNull();
  });

  it('keys an instance by id and time', () => {
    expect(eventKey({ eventId: 'a', instance: '20240610T070000Z' })).toBe('a_20240610T070000Z');
    expect(eventKey({ eventId: 'a' })).toBe('a');
  });
});
