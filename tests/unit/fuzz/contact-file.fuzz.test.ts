/**
 * Contact files (lib/ingest/contact-file.ts) under generated, truncated and mutated vCards and CSVs: never throws;
 * either ok:false with errors in words, or people who each have at least one normalised address, names and notes
 * within the model's limits, and real calendar days. Counts of cases and of the share that reached people are
 * asserted, so a generator that stops producing readable files fails the test.
 */
import fc from 'fast-check';
import { normalizeEmail } from '@/lib/core/email';
import { LIMITS } from '@/lib/core/limits';
import { type ContactFileResult, parseContactFile } from '@/lib/ingest/contact-file';
import { check, nastyString, prototypeIsClean } from './support';

vi.setConfig({ testTimeout: 120_000 });

const word = fc.stringMatching(/^[A-Za-zÀ-ÿ' .,;:"-]{0,20}$/);
const address = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom('Ann.Lee+x@GoogleMail.com', '"Bo" <bo@example.org>', 'not-an-address', ''),
  nastyString(),
);
const day = fc.oneof(
  fc.constantFrom('1985-03-15', '--07-05', '--0705', '19850315', '2024-02-29', '2023-02-29', '--13-45', ''),
  fc.string({ maxLength: 12 }),
);
const person = fc.record({
  name: fc.oneof(word, nastyString()),
  emails: fc.array(address, { maxLength: 4 }),
  bday: day,
  org: fc.oneof(word, nastyString()),
  title: word,
  note: fc.oneof(word, fc.string({ maxLength: 60 }), nastyString()),
  connected: fc.constantFrom('12 Mar 2021', '7-Feb-22', '31 Feb 2021', 'soon', ''),
});
type P = typeof person extends fc.Arbitrary<infer T> ? T : never;

const vEsc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/,/g, '\\,');
const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function vcard(ps: P[], version: string): string {
  return ps
    .map((p) =>
      [
        'BEGIN:VCARD',
        `VERSION:${version}`,
        `FN:${vEsc(p.name)}`,
        ...p.emails.map((e, i) =>
          version === '2.1' ? `EMAIL;INTERNET${i ? '' : ';PREF'}:${e}` : `EMAIL;TYPE=INTERNET:${e}`,
        ),
        `BDAY:${p.bday}`,
        `ORG:${vEsc(p.org)}`,
        `TITLE:${vEsc(p.title)}`,
        `NOTE:${vEsc(p.note)}`,
        'END:VCARD',
      ].join('\r\n'),
    )
    .join('\r\n');
}

function googleCsv(ps: P[]): string {
  const head =
    'Name,Birthday,Notes,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Value,Organization 1 - Name,Organization 1 - Title';
  return [
    head,
    ...ps.map((p) =>
      [p.name, p.bday, p.note, '* Work', p.emails[0] ?? '', p.emails.slice(1).join(' ::: '), p.org, p.title]
        .map(csvCell)
        .join(','),
    ),
  ].join('\r\n');
}

function linkedIn(ps: P[]): string {
  return [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    ...ps.map((p) =>
      [p.name, '', 'https://www.linkedin.com/in/x', p.emails[0] ?? '', p.org, p.title, p.connected]
        .map(csvCell)
        .join(','),
    ),
  ].join('\n');
}

/** A file mutated as files get damaged: cut short, a line dropped or doubled, bytes flipped, junk inserted. */
const mutation = fc.oneof(
  fc.constant((s: string) => s),
  fc.nat().map((n) => (s: string) => s.slice(0, n % (s.length + 1))),
  fc.nat().map((n) => (s: string) => {
    const lines = s.split('\n');
    lines.splice(n % (lines.length || 1), 1);
    return lines.join('\n');
  }),
  fc.nat().map((n) => (s: string) => {
    const lines = s.split('\n');
    const i = n % (lines.length || 1);
    lines.splice(i, 0, lines[i] ?? '');
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 8 })).map(([n, junk]) => (s: string) => {
    const i = n % (s.length + 1);
    return s.slice(0, i) + junk + s.slice(i);
  }),
);

const file = fc
  .tuple(
    fc.array(person, { maxLength: 6 }),
    fc.constantFrom('vcard-3.0', 'vcard-4.0', 'vcard-2.1', 'google', 'linkedin', 'noise'),
    mutation,
    fc.string({ maxLength: 300 }),
  )
  .map(([ps, kind, mutate, noise]) => {
    const text =
      kind === 'google'
        ? googleCsv(ps)
        : kind === 'linkedin'
          ? linkedIn(ps)
          : kind === 'noise'
            ? noise
            : vcard(ps, kind.slice(6));
    return { kind, text: mutate(text) };
  });

function wellFormed(r: ContactFileResult): boolean {
  if (!r.ok) return r.errors.length > 0 && r.errors.every((e) => typeof e === 'string' && e.length > 0);
  for (const p of r.people) {
    if (p.emails.length === 0) return false;
    if (!p.emails.every((e) => normalizeEmail(e) === e)) return false;
    if (new Set(p.emails).size !== p.emails.length) return false;
    if (p.name.length > LIMITS.name || (p.note?.length ?? 0) > LIMITS.note) return false;
    for (const d of [p.birthday, p.anniversary]) {
      if (!d) continue;
      const date = new Date(Date.UTC(d.year ?? 2000, d.month - 1, d.day));
      if (date.getUTCMonth() !== d.month - 1 || date.getUTCDate() !== d.day) return false;
    }
    if (p.connectedAt !== undefined && !(Number.isInteger(p.connectedAt) && p.connectedAt > 0)) return false;
  }
  return r.skipped.noEmail >= 0 && r.skipped.unreadable >= 0;
}

describe('contact files, fuzzed', () => {
  it('generated, cut and damaged vCards and CSVs: a clear error or well-formed people, never a throw', () => {
    let cases = 0;
    let withPeople = 0;
    let refused = 0;
    const kinds = new Map<string, number>();
    check(
      'contact files',
      file,
      ({ kind, text }) => {
        cases++;
        const r = parseContactFile(text, 'fuzz.vcf');
        if (r.ok && r.people.length > 0) {
          withPeople++;
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        }
        if (!r.ok) refused++;
        return wellFormed(r) && prototypeIsClean();
      },
      500,
    );
    console.log(
      `[fuzz] contact files: ${cases} cases, ${withPeople} with people, ${refused} refused`,
      Object.fromEntries(kinds),
    );
    expect(cases).toBeGreaterThanOrEqual(500);
    // Most generated files are still readable after their damage, for every kind of file…
    expect(withPeople / cases).toBeGreaterThan(0.3);
    for (const k of ['vcard-3.0', 'vcard-4.0', 'vcard-2.1', 'google', 'linkedin'])
      expect(kinds.get(k) ?? 0).toBeGreaterThan(10);
    // …and the refusals are real (noise, cut headers), not the rule.
    expect(refused).toBeGreaterThan(25);
  });
});
