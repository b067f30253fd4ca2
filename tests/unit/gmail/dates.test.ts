import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseGmailDate } from '../../../lib/ingest/gmail-dates';

const now = new Date(2025, 10, 28, 12, 0);
const NNBSP = '\u202f';
const NBSP = '\u00a0';

/** [title as Gmail writes it, expected local y, m (1-12), d, h, min]. */
const READABLE: [string, number, number, number, number, number][] = [
  // English (US), 12 h: old "at" form and today's comma form (with a narrow no-break space before PM).
  ['Thu, Dec 18, 2014 at 12:35 PM', 2014, 12, 18, 12, 35],
  ['Thu, Dec 18, 2014 at 12:35 AM', 2014, 12, 18, 0, 35],
  [`Tue, Nov 25, 2025, 3:14${NNBSP}PM`, 2025, 11, 25, 15, 14],
  ['Nov 25, 2025, 3:14 PM', 2025, 11, 25, 15, 14],
  ['Sat, Mar 1, 2025, 12:05 PM', 2025, 3, 1, 12, 5],
  ['Wednesday, August 20, 2025 at 1:19 PM', 2025, 8, 20, 13, 19],
  // English (UK), 24 h and 12 h.
  ['20 Aug 2025, 13:19', 2025, 8, 20, 13, 19],
  ['Wed, 20 Aug 2025, 13:19', 2025, 8, 20, 13, 19],
  ['20 Aug 2025, 00:05', 2025, 8, 20, 0, 5],
  ['Thu, 18 Dec 2014 at 12:35', 2014, 12, 18, 12, 35],
  ['5 Sept 2025, 09:05', 2025, 9, 5, 9, 5],
  ['Wed, 20 Aug 2025, 1:19 pm', 2025, 8, 20, 13, 19],
  // German.
  ['Do., 20. Aug. 2025, 13:19', 2025, 8, 20, 13, 19],
  ['Mi., 5. März 2025, 09:05', 2025, 3, 5, 9, 5],
  ['Do., 18. Dez. 2014 um 12:35', 2014, 12, 18, 12, 35],
  ['Fr., 5. Sept. 2025, 07:00', 2025, 9, 5, 7, 0],
  ['Di., 1. Juli 2025, 18:00', 2025, 7, 1, 18, 0],
  ['Mi., 20.08.2025, 13:19', 2025, 8, 20, 13, 19],
  // French.
  ['mer. 20 août 2025, 13:19', 2025, 8, 20, 13, 19],
  ['lun. 3 févr. 2025, 08:00', 2025, 2, 3, 8, 0],
  ['jeu. 18 déc. 2014 à 12:35', 2014, 12, 18, 12, 35],
  ['ven. 5 sept. 2025, 09:05', 2025, 9, 5, 9, 5],
  ['mar. 1 juil. 2025, 18:00', 2025, 7, 1, 18, 0],
  ['sam. 1 mars 2025 13h05', 2025, 3, 1, 13, 5],
  // Spanish.
  ['mié, 20 ago 2025, 13:19', 2025, 8, 20, 13, 19],
  [`mié, 20 ago 2025, 1:19 p.${NBSP}m.`, 2025, 8, 20, 13, 19],
  ['jue., 18 dic. 2014 a las 12:35', 2014, 12, 18, 12, 35],
  ['lun, 6 ene 2025, 10:00', 2025, 1, 6, 10, 0],
  // Portuguese (Brazil and Portugal).
  ['qua., 20 de ago. de 2025, 13:19', 2025, 8, 20, 13, 19],
  ['ter., 1 de abr. de 2025, 23:59', 2025, 4, 1, 23, 59],
  ['qui., 18 de dez. de 2014 às 12:35', 2014, 12, 18, 12, 35],
  ['sex., 10 de out. de 2025, 08:15', 2025, 10, 10, 8, 15],
  ['qua, 20 de ago. de 2025, 13:19', 2025, 8, 20, 13, 19],
];

describe('parseGmailDate', () => {
  it.each(READABLE)('%s', (title, y, m, d, h, mi) => {
    expect(parseGmailDate(title, { now })).toEqual(new Date(y, m - 1, d, h, mi));
  });

  it.each([
    '',
    '10:32 AM',
    'Nov 25',
    'yesterday',
    'EDITED Thu, Dec 18, 2014 at 12:35 PM',
    'Thu, Feb 30, 2025, 3:14 PM',
    'Thu, Dec 18, 2014 at 13:35 PM',
    'Thu, Dec 18, 2014 at 24:10',
    'Thu, Dec 18, 2014 at 12:75',
    'Smarch 4, 2025, 3:14 PM',
    '20/08/2025, 13:19',
    '08/20/2025, 1:19 PM',
    '2025年8月20日 13:19',
    'Thu, Dec 18, 1814 at 12:35 PM',
    'x'.repeat(500),
  ])('does not guess: %j', (title) => {
    expect(parseGmailDate(title, { now })).toBeNull();
  });
});

describe('parseGmailDate in other time zones', () => {
  const script = `
    import { parseGmailDate } from ${JSON.stringify(path.resolve(process.cwd(), 'lib/ingest/gmail-dates.ts'))};
    const now = new Date();
    const out = {
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      parsed: [
        parseGmailDate('Wed, 20 Aug 2025, 13:19', { now })?.getTime(),
        parseGmailDate('Tue, Nov 25, 2025, 3:14 PM', { now })?.getTime(),
        parseGmailDate('Do., 18. Dez. 2014 um 12:35', { now })?.getTime(),
      ],
      local: [new Date(2025, 7, 20, 13, 19).getTime(), new Date(2025, 10, 25, 15, 14).getTime(), new Date(2014, 11, 18, 12, 35).getTime()],
    };
    console.log(JSON.stringify(out));
  `;
  const run = (tz: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      }),
    ) as { zone: string; parsed: number[]; local: number[] };

  // Two child processes (each loads TypeScript through tsx): slow on a busy machine, so a generous timeout.
  it('reads the title as local time of the zone the browser is in', { timeout: 60_000 }, () => {
    const ny = run('America/New_York');
    const tokyo = run('Asia/Tokyo');
    expect(ny.zone).toBe('America/New_York');
    expect(tokyo.zone).toBe('Asia/Tokyo');
    expect(ny.parsed).toEqual(ny.local);
    expect(tokyo.parsed).toEqual(tokyo.local);
    // 13:19 in New York (UTC-4 in August) is 13 hours after 13:19 in Tokyo (UTC+9).
    expect((ny.parsed[0] ?? 0) - (tokyo.parsed[0] ?? 0)).toBe(13 * 3_600_000);
    // In November New York is UTC-5: 14 hours apart.
    expect((ny.parsed[1] ?? 0) - (tokyo.parsed[1] ?? 0)).toBe(14 * 3_600_000);
    expect(new Date(ny.parsed[0] ?? 0).toISOString()).toBe('2025-08-20T17:19:00.000Z');
  });
});
