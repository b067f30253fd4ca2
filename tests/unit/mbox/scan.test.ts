import { MboxScanner, NotMboxError, type ScannedMessage, sniffNotMbox } from '@/lib/ingest/mbox-scan';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Scans `text` fed in pieces of `step` bytes; collects bodies of messages whose header says "Want: yes". */
function scan(text: string | Uint8Array, step = Number.POSITIVE_INFINITY, offset = 0) {
  const bytes = typeof text === 'string' ? enc.encode(text) : text;
  const out: (ScannedMessage & { headerText: string; bodyText: string | null })[] = [];
  const s = new MboxScanner(
    {
      header: (h) => dec.decode(h.header).includes('Want: yes'),
      message: (m) =>
        out.push({ ...m, headerText: dec.decode(m.header), bodyText: m.body ? dec.decode(m.body) : null }),
    },
    offset,
  );
  for (let i = 0; i < bytes.length; i += Math.min(step, bytes.length)) s.push(bytes.subarray(i, i + step));
  s.end();
  return { messages: out, scanner: s };
}

const FROM1 = 'From 1784565224872936612@xxx Thu Jan 12 10:00:00 +0000 2023';
const FROM2 = 'From 1784565224872936613@xxx Fri Jan 13 11:30:05 +0000 2023';
const FROM3 = 'From sam@example.org Sat Jan  7 09:01:02 2023';

const box = [
  FROM1,
  'Subject: one',
  'Want: yes',
  '',
  'Hello.',
  'From the desk of Ann: not a separator (no blank line before, wrong shape).',
  '',
  'From here on, still body: a blank line before, but not the From_ shape.',
  `${FROM2} <- trailing text: not a separator either`,
  '',
  '',
  FROM2,
  'Subject: two',
  '',
  'Body two',
  `${FROM3}`,
  'still body: a From_-shaped line without a blank line before',
  '',
  FROM3,
  'Subject: three',
  'Want: yes',
  '',
  'Three.',
  '',
].join('\n');

describe('MboxScanner', () => {
  it('starts a message only at a From_ line of the right shape after a blank line', () => {
    const { messages } = scan(box);
    expect(messages.map((m) => m.sender)).toEqual([
      '1784565224872936612@xxx',
      '1784565224872936613@xxx',
      'sam@example.org',
    ]);
    expect(messages.map((m) => m.headerText)).toEqual([
      'Subject: one\nWant: yes\n',
      'Subject: two\n',
      'Subject: three\nWant: yes\n',
    ]);
    // Bodies are kept only when asked for, without the blank line that belongs to the separator.
    expect(messages[0]?.bodyText).toBe(
      [
        'Hello.',
        'From the desk of Ann: not a separator (no blank line before, wrong shape).',
        '',
        'From here on, still body: a blank line before, but not the From_ shape.',
        `${FROM2} <- trailing text: not a separator either`,
        '',
        '',
      ].join('\n'),
    );
    expect(messages[1]?.body).toBeNull();
    expect(messages[2]?.bodyText).toBe('Three.\n');
    expect(messages.every((m) => m.corrupt === undefined)).toBe(true);
  });

  it('gives the same messages whatever the chunk size, and CRLF as LF', () => {
    const whole = scan(box).messages.map((m) => [m.offset, m.headerText, m.bodyText]);
    for (const step of [1, 2, 3, 7, 64, 1000]) {
      expect(scan(box, step).messages.map((m) => [m.offset, m.headerText, m.bodyText])).toEqual(whole);
    }
    const crlf = scan(box.replace(/\n/g, '\r\n'), 5).messages;
    expect(crlf.map((m) => m.headerText)).toEqual(scan(box).messages.map((m) => m.headerText));
    expect(crlf[2]?.bodyText).toBe('Three.\n');
  });

  it('takes old Thunderbird\'s bare "From " line as a separator, by the same blank-line rule', () => {
    const old = [
      'From ',
      'Subject: one',
      'Want: yes',
      '',
      'Old Thunderbird left this unescaped:',
      'From ',
      'so it is body (no blank line before).',
      '',
      'From  ',
      'Subject: two',
      '',
      'Two.',
      '',
    ].join('\n');
    for (const text of [old, old.replace(/\n/g, '\r\n')]) {
      for (const step of [1, 4, 1000]) {
        const { messages } = scan(text, step);
        expect(messages.map((m) => [m.sender, m.headerText, m.corrupt])).toEqual([
          ['', 'Subject: one\nWant: yes\n', undefined],
          ['', 'Subject: two\n', undefined],
        ]);
        expect(messages[0]?.bodyText).toBe(
          'Old Thunderbird left this unescaped:\nFrom \nso it is body (no blank line before).\n',
        );
      }
    }
    expect(sniffNotMbox(enc.encode('From \r\nSubject: x\r\n'))).toBeNull();
  });

  it('knows each message offset, and a scan resumed at one reads the rest', () => {
    const { messages } = scan(box);
    const second = messages[1]?.offset ?? -1;
    expect(box.slice(second, second + FROM2.length)).toBe(FROM2);
    const rest = scan(enc.encode(box).subarray(second), 10, second).messages;
    expect(rest.map((m) => [m.offset, m.headerText])).toEqual(messages.slice(1).map((m) => [m.offset, m.headerText]));
  });

  it('counts a header block cut off by the next message or by the end of the file as truncated', () => {
    const text = [FROM1, 'Subject: cut', FROM2, 'Subject: ok', '', 'body', '', FROM3, 'Subject: cut at the end'].join(
      '\n',
    );
    const { messages, scanner } = scan(text, 4);
    expect(messages.map((m) => m.corrupt)).toEqual(['truncated', undefined, 'truncated']);
    expect(scanner.lastTruncated).toBe(true);
  });

  it('skips an oversized or binary header block to the next message', () => {
    const huge = `X-Big: ${'a'.repeat(600 * 1024)}`;
    const text = [
      FROM1,
      huge,
      '',
      'b',
      '',
      FROM2,
      'Bad: a\u0000b',
      '',
      'b',
      '',
      FROM3,
      'Subject: fine',
      '',
      'x',
      '',
    ].join('\n');
    const { messages } = scan(text, 4096);
    expect(messages.map((m) => m.corrupt)).toEqual(['oversized', 'binary', undefined]);
    expect(messages[2]?.headerText).toBe('Subject: fine\n');
  });

  it('caps a collected body and says it was cut', () => {
    const body = `${'x'.repeat(1000)}\n`.repeat(5000);
    const { messages } = scan([FROM1, 'Want: yes', '', body, FROM2, 'S: 2', '', 'b', ''].join('\n'), 65536);
    expect(messages[0]?.bodyCut).toBe(true);
    expect(messages[0]?.body?.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(messages[1]?.headerText).toBe('S: 2\n');
  });

  it.each([
    ['', 'The file is empty.'],
    ['PK\u0003\u0004zipdata', 'ZIP archive'],
    ['%PDF-1.7\n', 'PDF'],
    ['\u001f\u008b\u0008', 'gzip'],
    ['Hello world\nFrom 1@xxx Thu Jan 12 10:00:00 +0000 2023\n', 'does not begin with a "From " line'],
    ['From: ann@example.org\nSubject: an .eml, not an mbox\n', 'does not begin with a "From " line'],
    ['From me to you, a letter\n', 'first line is not an mbox "From " line'],
  ])('refuses %j in words', (text, words) => {
    const bytes = new Uint8Array([...text].map((c) => c.charCodeAt(0)));
    expect(() => scan(bytes)).toThrow(NotMboxError);
    expect(() => scan(bytes)).toThrow(words);
    if (bytes.length) expect(sniffNotMbox(bytes)).toContain(words);
  });
});
