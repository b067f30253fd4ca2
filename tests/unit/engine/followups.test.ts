import { followUpState } from '@/lib/engine/followups';
import { classifyPerson, personTest } from '@/lib/engine/people';
import { DAY, msg, NOW, settings, thread } from './fixtures';

const ME = 'me@example.com';
const SAM = 'sam@example.com';
const s = settings({ replyNeededDays: 3, awaitingReplyDays: 5, ignoredAddresses: ['ignored@example.com'] });
const isPerson = personTest(s, [ME]);
const at = (daysAgo: number) => NOW - daysAgo * DAY;

describe('followUpState', () => {
  it.each([
    [
      'they wrote last 4 days ago: reply needed',
      thread('a', [msg('1', at(6), 'sent', ME, [SAM]), msg('2', at(4), 'received', SAM, [ME])]),
      { kind: 'reply-needed', since: at(4), contact: SAM, messageId: '2' },
    ],
    ['they wrote last 2 days ago: not yet', thread('b', [msg('1', at(2), 'received', SAM, [ME])]), null],
    [
      'the user asked 6 days ago: awaiting reply',
      thread('c', [msg('1', at(8), 'received', SAM, [ME]), msg('2', at(6), 'sent', ME, [SAM], true)]),
      { kind: 'awaiting-reply', since: at(6), contact: SAM, messageId: '2' },
    ],
    ['the user asked 3 days ago: not yet', thread('d', [msg('1', at(3), 'sent', ME, [SAM], true)]), null],
    [
      'the user wrote last without asking: nobody waits',
      thread('e', [msg('1', at(8), 'received', SAM, [ME]), msg('2', at(6), 'sent', ME, [SAM])]),
      null,
    ],
    [
      'asked, then a plain follow-up: still awaiting, from the last message',
      thread('f', [msg('1', at(12), 'sent', ME, [SAM], true), msg('2', at(7), 'sent', ME, [SAM])]),
      { kind: 'awaiting-reply', since: at(7), contact: SAM, messageId: '2' },
    ],
    [
      'asked, they answered, the user thanked: nobody waits',
      thread('g', [
        msg('1', at(12), 'sent', ME, [SAM], true),
        msg('2', at(10), 'received', SAM, [ME]),
        msg('3', at(9), 'sent', ME, [SAM]),
      ]),
      null,
    ],
    ['closed by the user', thread('h', [msg('1', at(4), 'received', SAM, [ME])], { closed: true }), null],
    ['a robot wrote last', thread('i', [msg('1', at(4), 'received', 'noreply@shop.com', [ME])]), null],
    ['an ignored contact wrote last', thread('j', [msg('1', at(4), 'received', 'ignored@example.com', [ME])]), null],
    ['cold for over a month', thread('k', [msg('1', at(40), 'received', SAM, [ME])]), null],
    [
      'a crowded thread',
      thread('l', [
        msg(
          '1',
          at(4),
          'received',
          SAM,
          Array.from({ length: 30 }, (_, i) => `p${i}@x.com`),
        ),
      ]),
      null,
    ],
    [
      'messages out of order',
      thread('m', [msg('2', at(4), 'received', SAM, [ME]), msg('1', at(6), 'sent', ME, [SAM], true)]),
      { kind: 'reply-needed', since: at(4), contact: SAM, messageId: '2' },
    ],
    [
      'awaiting the person the user answered, not the first in To',
      thread('n', [
        msg('1', at(9), 'received', 'ann@x.com', [ME]),
        msg('2', at(6), 'sent', ME, ['bob@x.com', 'ann@x.com'], true),
      ]),
      { kind: 'awaiting-reply', since: at(6), contact: 'ann@x.com', messageId: '2' },
    ],
    ['no messages', thread('o', []), null],
  ])('%s', (_name, t, expected) => {
    expect(followUpState(t, s, NOW, isPerson)).toEqual(expected);
    // the same answer when the messages are not in time order (the scan that assumes nothing)
    expect(followUpState({ ...t, messages: [...t.messages].reverse() }, s, NOW, isPerson)).toEqual(expected);
  });

  it('follows the configured number of days', () => {
    const t = thread('p', [msg('1', at(2), 'received', SAM, [ME])]);
    expect(followUpState(t, settings({ replyNeededDays: 1 }), NOW, isPerson)?.kind).toBe('reply-needed');
    expect(followUpState(t, settings({ replyNeededDays: 3 }), NOW, isPerson)).toBeNull();
  });
});

describe('personTest', () => {
  it.each([
    ['sam@example.com', true],
    ['noreply@github.com', false],
    ['billing@stripe.com', false],
    ['someone@lists.example.org', false],
    ['me@example.com', false],
    ['ignored@example.com', false],
  ])('%s → %s', (email, expected) => {
    expect(isPerson(email)).toBe(expected);
  });
  it('bare-domain rules and ignored domains cover subdomains', () => {
    const t = personTest(settings({ robotRules: ['mailer.example.com'], ignoredDomains: ['spam.com'] }));
    expect(t('a@mailer.example.com')).toBe(false);
    expect(t('a@x.mailer.example.com')).toBe(false);
    expect(t('a@eu.spam.com')).toBe(false);
    expect(t('a@example.com')).toBe(true);
  });
  it('agrees with classifyPerson, the one owner of who is a person (a Gmail alias of a robot is a robot)', () => {
    const s2 = settings({ robotRules: ['noreply@*'] });
    const t = personTest(s2, [ME]);
    for (const e of ['no.reply+x@gmail.com', 'noreply@gmail.com', 'No.Reply@Gmail.com', 'sam@example.com', ME]) {
      expect(t(e), e).toBe(classifyPerson(e, { self: new Set([ME]), settings: s2 }) === 'person');
    }
    expect(t('no.reply+x@gmail.com')).toBe(false);
  });
});
