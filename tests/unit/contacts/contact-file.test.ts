/**
 * Contact files (lib/ingest/contact-file.ts): vCard 2.1/3.0/4.0, Google Contacts' CSV (old and new columns) and
 * LinkedIn's Connections.csv, crafted case by case and from real files (tests/fixtures/real-world/).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConnectedOn, parseContactFile, parseDayOfYear } from '@/lib/ingest/contact-file';

const REAL = path.resolve(import.meta.dirname, '../../fixtures/real-world');
const real = (rel: string) => readFileSync(path.join(REAL, rel), 'utf8');
const card = (...lines: string[]) => ['BEGIN:VCARD', ...lines, 'END:VCARD'].join('\r\n');

function people(text: string) {
  const r = parseContactFile(text, 'test');
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r;
}

describe('vCard', () => {
  it('reads the RFC 2426 example card (3.0): three addresses, first is main, ORG with an escaped comma, title, note', () => {
    const r = people(real('vcard/ical-js-vcard3.vcf'));
    expect(r.kind).toBe('vcard');
    expect(r.people).toEqual([
      {
        name: 'Mr. John Q. Public, Esq.',
        emails: ['jqpublic@xyz.dom1.com', 'jdoe@isp.net', 'jane_doe@abc.com'],
        birthday: { month: 4, day: 15, year: 1996 },
        organisation: 'ABC, Inc. (North American Division, Marketing)',
        title: 'Director, Research and Development',
        // A folded NOTE line is one line again.
        note: 'This fax number is operational 0800 to 1715 EST, Mon-Fri.',
      },
    ]);
  });

  it('reads the RFC 6350 example card (4.0): a birthday without a year (BDAY:--0203) and an anniversary', () => {
    const [p] = people(real('vcard/ical-js-vcard4.vcf')).people;
    expect(p).toMatchObject({
      name: 'J. Doe',
      emails: ['jqpublic@xyz.example.com'],
      birthday: { month: 2, day: 3 },
      anniversary: { month: 4, day: 15, year: 1996 },
      title: 'Research Scientist',
    });
    expect(p?.birthday).not.toHaveProperty('year');
  });

  it("reads a phone's vCard 2.1 with bare parameters (EMAIL;INTERNET;PREF)", () => {
    const [p] = people(real('vcard/ical-js-vcard21.vcf')).people;
    expect(p).toMatchObject({
      name: 'Mr. John Q. Public, Esq.',
      emails: ['john@example.com'],
      birthday: { month: 1, day: 15, year: 1970 },
      organisation: 'ABC, Inc. (Engineering, Development)',
      title: 'Senior Software Engineer',
    });
  });

  it('decodes vCard 2.1 QUOTED-PRINTABLE in its CHARSET, soft line breaks included', () => {
    const text = card(
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg',
      'FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=F6rg M=FCller',
      'EMAIL;INTERNET;HOME:jm@example.de',
      'NOTE;ENCODING=QUOTED-PRINTABLE:Met at the fair=0D=0A=',
      'Likes sailing; has two kids',
    );
    expect(people(text).people).toEqual([
      { name: 'Jörg Müller', emails: ['jm@example.de'], note: 'Met at the fair\nLikes sailing; has two kids' },
    ]);
  });

  it('reads several cards, folded lines, TYPE parameters and a name from N when FN is missing', () => {
    const text = [
      card(
        'VERSION:3.0',
        'FN:Ann Lee',
        'EMAIL;TYPE=INTERNET;TYPE=WORK:ann@work.example',
        'EMAIL;TYPE=HOME:Ann.Lee@Gmail.com',
      ),
      card('VERSION:3.0', 'N:Okafor;Bob;;;', 'EMAIL;type=pref:bob@okafor.exa', ' mple', 'ORG:Okafor Ltd'),
      card('VERSION:4.0', 'FN:No Mail', 'TEL:+1 555 0100'),
    ].join('\r\n');
    const r = people(text);
    expect(r.people).toEqual([
      { name: 'Ann Lee', emails: ['ann@work.example', 'annlee@gmail.com'] },
      { name: 'Bob Okafor', emails: ['bob@okafor.example'], organisation: 'Okafor Ltd' },
    ]);
    expect(r.skipped).toEqual({ noEmail: 1, unreadable: 0 });
  });

  it.each([
    ['BDAY:1985-03-15', { month: 3, day: 15, year: 1985 }],
    ['BDAY:19850315', { month: 3, day: 15, year: 1985 }],
    ['BDAY:--07-05', { month: 7, day: 5 }],
    ['BDAY:--0705', { month: 7, day: 5 }],
    ['BDAY;VALUE=date:1604-07-05', { month: 7, day: 5 }],
    ['BDAY:1953-10-15T23:10:00Z', { month: 10, day: 15, year: 1953 }],
  ])('reads %s', (line, birthday) => {
    expect(people(card('VERSION:3.0', 'FN:X', 'EMAIL:x@example.com', line)).people[0]?.birthday).toEqual(birthday);
  });

  it('a card it cannot read is counted and skipped; the others are read', () => {
    const text = [
      card('VERSION:3.0', 'FN:Good', 'EMAIL:good@example.com'),
      card('VERSION:3.0', 'FN;X=="":Bad', 'EMAIL;::broken@example.com', 'this line has no colon at all'),
      card('VERSION:3.0', 'FN:Also good', 'EMAIL:also@example.com'),
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Truncated\r\nEMAIL:cut@example.com',
    ].join('\r\n');
    const r = people(text);
    expect(r.people.map((p) => p.emails[0])).toEqual(['good@example.com', 'also@example.com']);
    expect(r.skipped.unreadable).toBe(2);
  });
});

describe('Google Contacts CSV', () => {
  const header =
    'Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title';

  it('reads quoted fields with commas, quotes and newlines, several addresses, birthdays with and without a year', () => {
    const text = [
      header,
      'Ann Lee,Ann,,Lee,1985-03-15,"Met at PyCon, 2019.\nPrefers ""Annie"".",* myContacts,* Work,ann@work.example,Home,ann.lee@gmail.com ::: ann@old.example,,"Lee & Co, Inc.",CTO',
      'Bob Okafor,Bob,,Okafor, --07-05,,* myContacts,,bob@okafor.example,,,,,',
      'No Mail,No,,Mail,,,* myContacts,,,,,,,',
    ].join('\r\n');
    const r = people(text);
    expect(r.kind).toBe('google-csv');
    expect(r.people).toEqual([
      {
        name: 'Ann Lee',
        emails: ['ann@work.example', 'annlee@gmail.com', 'ann@old.example'],
        birthday: { month: 3, day: 15, year: 1985 },
        organisation: 'Lee & Co, Inc.',
        title: 'CTO',
        note: 'Met at PyCon, 2019.\nPrefers "Annie".',
      },
      { name: 'Bob Okafor', emails: ['bob@okafor.example'], birthday: { month: 7, day: 5 } },
    ]);
    expect(r.skipped).toEqual({ noEmail: 1, unreadable: 0 });
  });

  it("reads the newer export's columns (First Name, E-mail 1 - Label, Organization Name/Title)", () => {
    const text = [
      'First Name,Middle Name,Last Name,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Organization Name,Organization Title',
      'Chen,,Wei,--11-02,,* myContacts,* Other,chen@lotus.example,Lotus,Designer',
    ].join('\n');
    expect(people(text).people).toEqual([
      {
        name: 'Chen Wei',
        emails: ['chen@lotus.example'],
        birthday: { month: 11, day: 2 },
        organisation: 'Lotus',
        title: 'Designer',
      },
    ]);
  });
});

describe("LinkedIn's Connections.csv", () => {
  const preamble = [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
  ];

  it('skips the notes before the header; company, position and the connection day (noon UTC)', () => {
    const text = [
      ...preamble,
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Priya,Sharma,https://www.linkedin.com/in/priya,priya@stripe.example,"Stripe, Inc.",Technical Recruiter,12 Mar 2021',
      'Arjun,Mehta,https://www.linkedin.com/in/arjun,,AWS,"Engineering Manager, Payments",03 Jan 2023',
      'Neha,K,https://www.linkedin.com/in/neha,neha@razorpay.example,Razorpay,"Senior Engineer ""Platform""",7-Feb-22',
    ].join('\n');
    const r = people(text);
    expect(r.kind).toBe('linkedin');
    expect(r.people).toEqual([
      {
        name: 'Priya Sharma',
        emails: ['priya@stripe.example'],
        organisation: 'Stripe, Inc.',
        title: 'Technical Recruiter',
        connectedAt: Date.UTC(2021, 2, 12, 12),
      },
      {
        name: 'Neha K',
        emails: ['neha@razorpay.example'],
        organisation: 'Razorpay',
        title: 'Senior Engineer "Platform"',
        connectedAt: Date.UTC(2022, 1, 7, 12),
      },
    ]);
    expect(r.skipped).toEqual({ noEmail: 1, unreadable: 0 });
  });

  it.each([
    ['12 Mar 2021', Date.UTC(2021, 2, 12, 12)],
    ['3 Mar 2021', Date.UTC(2021, 2, 3, 12)],
    ['07-Feb-22', Date.UTC(2022, 1, 7, 12)],
    ['2021-03-12', Date.UTC(2021, 2, 12, 12)],
    ['31 Feb 2021', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ])('connection day %j', (s, expected) => {
    expect(parseConnectedOn(s)).toBe(expected);
  });
});

describe('dates', () => {
  it.each([
    ['--02-29', { month: 2, day: 29 }],
    ['2023-02-29', undefined],
    ['2024-02-29', { month: 2, day: 29, year: 2024 }],
    ['--13-01', undefined],
    ['1985-04-31', undefined],
    ['not a date', undefined],
  ])('%j', (s, expected) => {
    expect(parseDayOfYear(s)).toEqual(expected);
  });
});

describe('bad files', () => {
  it.each([
    ['', /empty/],
    ['   \n\n', /empty/],
    ['PK\u0003\u0004\u0014\u0000\u0000\u0000binary', /not a text file/],
    ['%PDF-1.7\n1 0 obj', /not a text file/],
    ['BEGIN:VCARD\nVERSION:3.0\nFN:Cut off\nEMAIL:a@example.com', /no complete vCard/],
    ['Date,Amount,Description\n2026-01-01,12.00,Coffee', /not a contacts file Tend knows/],
    ['just some words', /not a contacts file Tend knows/],
  ])('%j is refused with a clear error', (text, error) => {
    const r = parseContactFile(text, 'file.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toMatch(error);
  });

  it('a file over 20 MB is refused before it is parsed', () => {
    const r = parseContactFile('x'.repeat(20 * 1024 * 1024 + 1), 'big.vcf');
    expect(r).toEqual({ ok: false, errors: ['big.vcf is larger than 20 MB'] });
  });
});
