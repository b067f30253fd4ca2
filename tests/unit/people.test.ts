import { DEFAULT_ROBOT_RULES, DEFAULT_SETTINGS, type Settings } from '../../lib/core/model';
import { classifyPerson, inDomain, isRobot } from '../../lib/engine/people';

describe('isRobot with the default rules', () => {
  it.each([
    'no-reply@accounts.google.com',
    'noreply@github.com',
    'No.Reply@gmail.com',
    'do-not-reply@bank.example',
    'notifications@github.com',
    'mailer-daemon@googlemail.com',
    'postmaster@example.org',
    'bounces+123@mail.example.com',
    'calendar-notification@google.com',
    'someone@calendar-server.bounces.google.com',
    'billing@stripe.example',
    'invoices@acme.example',
    'newsletter@medium.example',
    'book-club@googlegroups.com',
    'dev@lists.debian.org',
    'notifications@mailfoogae.appspotmail.com',
  ])('%s is a robot', (email) => {
    expect(isRobot(email, DEFAULT_ROBOT_RULES)).toBe(true);
  });

  it.each([
    'alice.moreau@northwind.example',
    'bob@okafor.example',
    'noreen@example.com',
    'billy@example.com',
    'lists@example.com',
  ])('%s is not', (email) => {
    expect(isRobot(email, DEFAULT_ROBOT_RULES)).toBe(false);
  });

  it('reads bare domains as the domain and its subdomains, and * anywhere', () => {
    const rules = ['robots.example', '*@*.tickets.example', 'alerts-*@*'];
    expect(isRobot('a@robots.example', rules)).toBe(true);
    expect(isRobot('a@eu.robots.example', rules)).toBe(true);
    expect(isRobot('a@notrobots.example', rules)).toBe(false);
    expect(isRobot('a@x.tickets.example', rules)).toBe(true);
    expect(isRobot('a@tickets.example', rules)).toBe(false);
    expect(isRobot('alerts-prod@ops.example', rules)).toBe(true);
    expect(isRobot('alerts@ops.example', rules)).toBe(false);
  });

  it('treats regex characters in rules literally', () => {
    expect(isRobot('a+b@x.example', ['a+b@x.example'])).toBe(true);
    expect(isRobot('aab@x.example', ['a+b@x.example'])).toBe(false);
    expect(isRobot('a@xyexample', ['a@x.example'])).toBe(false);
  });

  it('with no rules nothing is a robot', () => {
    expect(isRobot('no-reply@x.example', [])).toBe(false);
  });
});

describe('inDomain', () => {
  it.each([
    ['acme.example', 'acme.example', true],
    ['mail.acme.example', 'acme.example', true],
    ['mail.acme.example', '@acme.example', true],
    ['mail.acme.example', '*.acme.example', true],
    ['notacme.example', 'acme.example', false],
    ['acme.example', '', false],
  ])('%s in %s: %s', (domain, parent, expected) => {
    expect(inDomain(domain, parent)).toBe(expected);
  });
});

describe('classifyPerson', () => {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    selfAddresses: ['dana@home.example'],
    ignoredAddresses: ['spammy@friend.example'],
    ignoredDomains: ['recruiters.example'],
  };
  const self = new Set(['dana.reyes@example.com', 'danareyes@gmail.com']);

  it.each([
    ['Dana.Reyes@Example.com', 'self'],
    ['dana.reyes+work@googlemail.com', 'self'],
    ['DANA@home.example', 'self'],
    ['spammy@friend.example', 'ignored'],
    ['jo@recruiters.example', 'ignored'],
    ['jo@eu.recruiters.example', 'ignored'],
    ['not an address', 'ignored'],
    ['no-reply@accounts.google.com', 'robot'],
    ['alice.moreau@northwind.example', 'person'],
    ['jo@notrecruiters.example', 'person'],
  ] as const)('%s is %s', (email, kind) => {
    expect(classifyPerson(email, { self, settings })).toBe(kind);
  });

  it('lets the user edit the robot rules', () => {
    const none = { ...settings, robotRules: [] };
    expect(classifyPerson('no-reply@accounts.google.com', { self, settings: none })).toBe('person');
  });
});
