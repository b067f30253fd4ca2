import { asksSomething, findPromises, ownText, promiseGist, promiseKeptSuggestion } from '@/lib/engine/promises';
import { wallTime } from '@/lib/time/zoned-time';
import { msg, thread } from './fixtures';

/** Sent on Wednesday 13 March 2024 at 11:00 in New York (15:00 UTC). */
const SENT = new Date('2024-03-13T15:00:00Z');
const TZ = 'America/New_York';

/** A due date as the user reads it: "2024-03-15" (end of that day) or "2024-03-14 15:00" (a named time). */
function local(ms: number): string {
  const w = wallTime(ms, TZ);
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${w.year}-${p(w.month)}-${p(w.day)}`;
  return w.hour === 23 && w.minute === 59 ? day : `${day} ${p(w.hour)}:${p(w.minute)}`;
}

/** [sentence, expected: null = not a promise, '' = a promise without a date, else its local due date] */
const CORPUS: [string, string | null][] = [
  // Commitments with due dates
  ["I'll send you the deck by Friday.", '2024-03-15'],
  ['I will get back to you next week.', '2024-03-20'],
  ['Let me check with the team and get back to you tomorrow.', '2024-03-14'],
  ["I'll have it to you by Friday.", '2024-03-15'],
  ["Thanks! I'll review the draft by the end of the week.", '2024-03-15'],
  ["I'm going to put together a proposal by the 15th.", '2024-03-15'],
  ["I'll follow up with legal early next week.", '2024-03-20'],
  ["We'll ship the fix by EOD.", '2024-03-13'],
  ["I'll send the notes from Tuesday's meeting by Friday.", '2024-03-15'],
  ['Sure, I’ll take a look this afternoon.', '2024-03-13'],
  ["I'll send it over by 3pm tomorrow.", '2024-03-14 15:00'],
  ["I'll let you know by the end of the month.", '2024-03-31'],
  ["I'll send it tomorrow, does that work?", '2024-03-14'],
  ['I promise to finish the review by next Monday.', '2024-03-18'],
  ["I'd be happy to review your resume next month.", '2024-04-30'],
  ["I'll try to get you the numbers in a couple of days.", '2024-03-15'],
  ["I'll circle back on pricing by Thursday.", '2024-03-14'],
  ['Will send the signed contract tomorrow morning.', '2024-03-14'],
  ["Ok, I'll book the room for March 20.", '2024-03-20'],
  ["I'll get the invoice to you on Monday.", '2024-03-18'],
  ["I'll call you tonight.", '2024-03-13'],
  ["I'll have the slides ready by 5/1.", '2024-05-01'],
  ["I'll share the recording later this week.", '2024-03-15'],
  ["I'm going to send the final version by end of day.", '2024-03-13'],
  ["I'll ping Maria and get back to you within two weeks.", '2024-03-27'],
  // Commitments without a date
  ['I can intro you to Dana at Acme.', ''],
  ['Happy to intro you to my old manager.', ''],
  ["I'll keep you posted.", ''],
  ["I'll need to check with my boss and get back to you.", ''],
  ["Let me look into it and I'll let you know.", ''],
  ['I will forward your CV to the hiring manager.', ''],
  ["We'll send over the revised quote.", ''],
  ["I'll be in touch once the budget is approved.", ''],
  // Not commitments
  ["I'll be out of office until Monday.", null],
  ['I will not be able to make it on Thursday.', null],
  ["I'd love to but I'm swamped this month.", null],
  ["Sam said he'll send the contract tomorrow.", null],
  ['Will you send me the slides?', null],
  ['If I have time, I’ll look at it tonight.', null],
  ["I'll talk to you soon.", null],
  ["I'll see you at the conference.", null],
  ['I think I’ll pass on this one.', null],
  ['Should I send it tomorrow?', null],
  ['Let me know if you have any questions.', null],
  ["You said you'll send the invoice by Friday.", null],
  ['I can see why that’s frustrating.', null],
  ['I will be travelling next week.', null],
  ["I won't be able to join the call.", null],
  ['Can I send you the deck tomorrow?', null],
  ['The team will send the report on Friday.', null],
  ['She mentioned that I will be presenting first.', null],
  ["I'll admit the first draft was rough.", null],
  ['Thanks for sending the deck yesterday.', null],
  ["I can't promise anything before April.", null],
  ["I'll send it if I get a chance.", null],
  ["I'd be glad to help, but I'm travelling until May.", null],
];

describe('findPromises: corpus', () => {
  it('has at least 40 sentences', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });
  it.each(CORPUS)('%s', (sentence, expected) => {
    const found = findPromises(sentence, SENT, { timeZone: TZ });
    if (expected === null) {
      expect(found).toEqual([]);
      return;
    }
    expect(found).toHaveLength(1);
    expect(sentence).toContain(found[0]?.text);
    if (expected === '') expect(found[0]?.dueAt).toBeUndefined();
    else expect(local(found[0]?.dueAt as number)).toBe(expected);
  });
});

describe('findPromises: whole messages', () => {
  it('ignores quoted text and the signature', () => {
    const body = [
      'Hi Sam,',
      '',
      "Thanks for the call today. I'll send you the deck by Friday.",
      '',
      'Best,',
      'Alex',
      'Head of Partnerships, Foo Inc.',
      "I'll never forget to sign off",
      '',
      'On Tue, Mar 12, 2024 at 10:00 AM Sam Lee <sam@example.com> wrote:',
      '> Could you send the deck?',
      "> I'll send you the budget tomorrow.",
    ].join('\n');
    const found = findPromises(body, SENT, { timeZone: TZ });
    expect(found.map((p) => p.text)).toEqual(["I'll send you the deck by Friday."]);
  });
  it('finds several promises in one message', () => {
    const body = "Great meeting you.\nI'll send the contract tomorrow. I can also intro you to Priya.\n\nCheers,\nAlex";
    const found = findPromises(body, SENT, { timeZone: TZ });
    expect(found.map((p) => p.text)).toEqual(["I'll send the contract tomorrow.", 'I can also intro you to Priya.']);
  });
  it('reads days in the user’s zone: late evening in New York is already tomorrow in UTC', () => {
    const lateEvening = new Date('2024-03-14T02:30:00Z'); // Wed 13 March 22:30 in New York
    const [p] = findPromises("I'll send it tomorrow.", lateEvening, { timeZone: TZ });
    expect(local(p?.dueAt as number)).toBe('2024-03-14');
  });
  it.each(['', '   ', '\n\n', '>>> quoted only', 'x'.repeat(200_000)])('never throws on strange input (%#)', (s) => {
    expect(() => findPromises(s, SENT)).not.toThrow();
  });
  it('never throws on a bad date', () => {
    expect(findPromises("I'll send it tomorrow.", new Date(Number.NaN))).toEqual([{ text: "I'll send it tomorrow." }]);
  });
});

describe('ownText', () => {
  it.each([
    ['reply header on one line', 'Sounds good.\n\nOn Mon, 4 Mar 2024, Sam <s@x.com> wrote:\n> hi', 'Sounds good.'],
    [
      'reply header over two lines',
      'Sounds good.\nOn Mon, Mar 4, 2024 at 9:00 AM Sam Lee <s@x.com>\nwrote:\n> hi',
      'Sounds good.',
    ],
    ['outlook header', 'Done.\n\nFrom: Sam Lee\nSent: Monday\nTo: me\nSubject: hi\n\nbody', 'Done.'],
    ['forwarded part', 'FYI\n---------- Forwarded message ---------\nFrom: a', 'FYI'],
    ['dash-dash signature', 'See below.\n-- \nAlex\n+1 555', 'See below.'],
    ['mobile footer', 'Ok!\n\nSent from my iPhone', 'Ok!'],
    [
      '"Thanks," with a long body after it is not a signature',
      'Thanks,\nI will send the deck tomorrow. It has the numbers you asked for. Talk soon.',
      'Thanks,\nI will send the deck tomorrow. It has the numbers you asked for. Talk soon.',
    ],
  ])('%s', (_name, input, expected) => {
    expect(ownText(input)).toBe(expected);
  });
});

describe('asksSomething', () => {
  it.each<[string, boolean]>([
    ['Could you send me the file?', true],
    ['Can you review the contract by Friday.', true],
    ['Please send the signed copy by Friday.', true],
    ['Let me know what you think.', true],
    ['Any thoughts on the proposal', true],
    ['What time works for you?', true],
    ['Would you be open to a quick call next week', true],
    ['Are you free on Thursday afternoon', true],
    ['Looking forward to hearing your thoughts.', true],
    ['Kindly confirm receipt.', true],
    ['Here is the deck. Does Tuesday work', true],
    ['Please find attached the invoice.', false],
    ['Let me know if you have any questions.', false],
    ['Thanks, talk soon.', false],
    ['How are you? Here are the notes from today.', false],
    ["I'll send it tomorrow.", false],
    ['Great to see you yesterday!', false],
    ['Feel free to reach out if anything comes up.', false],
    ['Sounds good.\n\nOn Mon, 4 Mar 2024, Sam <s@x.com> wrote:\n> Could you send it?', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(asksSomething(text)).toBe(expected);
  });
});

describe('promiseKeptSuggestion', () => {
  const t = thread('t1', [
    msg('m1', 1_000, 'received', 'sam@x.com', ['me@example.com']),
    msg('m2', 2_000, 'sent', 'me@example.com', ['sam@x.com']),
    msg('m3', 3_000, 'received', 'sam@x.com', ['me@example.com']),
  ]);
  it.each([
    ['the user has not written since', { madeAt: 2_000, messageId: 'm2' }, false],
    ['the user wrote after the promise', { madeAt: 1_500, messageId: 'm0' }, true],
    ['only they wrote since', { madeAt: 2_500, messageId: 'mx' }, false],
  ])('%s', (_name, p, expected) => {
    expect(promiseKeptSuggestion(p, t)).toBe(expected);
  });
  it('no thread, no suggestion', () => {
    expect(promiseKeptSuggestion({ madeAt: 0, messageId: 'm' }, undefined)).toBe(false);
  });
});

describe('promiseGist', () => {
  it.each([
    ["I'll send you the deck by Friday.", 'send them the deck'],
    ['Let me check with the team and get back to you tomorrow.', 'check with the team and get back to them'],
    ['I can intro you to Dana at Acme.', 'intro them to Dana at Acme'],
    ["I'll let you know by the end of the month.", 'let them know'],
    ["I'll send the notes from Tuesday's meeting by Friday.", "send the notes from Tuesday's meeting"],
    ['Happy to intro you to my old manager.', 'intro them to your old manager'],
  ])('%s', (text, gist) => {
    expect(promiseGist(text)).toBe(gist);
  });
});
