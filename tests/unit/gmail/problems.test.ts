import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gmailProblemWords } from '@/lib/ingest/gmail-problems';

describe('the Gmail problem codes, in words', () => {
  it('words each code the content script sends, keeps several apart, and keeps anything else as it came', () => {
    expect(gmailProblemWords('rows-none:7')).toBe('7 thread-list row(s) found but none had people and a date');
    expect(gmailProblemWords('list-none; messages-unread:2')).toBe(
      'the main region shows rows of mail, but no known thread list; 2 message(s) had no sender or no date',
    );
    expect(gmailProblemWords('something an older Tend wrote')).toBe('something an older Tend wrote');
    expect(gmailProblemWords('rows-none:99999999')).toBe('rows-none:99999999');
  });

  it('every code the extractor can send has words (no code reaches the banner bare)', () => {
    const source = readFileSync(path.resolve(import.meta.dirname, '../../../lib/capture/gmail-extract.ts'), 'utf8');
    const codes = new Set([
      ...[...source.matchAll(/notRecognised\(\s*'([a-z-]+)'/g)].map((m) => m[1]),
      ...[...source.matchAll(/`([a-z]+-[a-z]+):\$\{/g)].map((m) => m[1]),
      ...[...source.matchAll(/\? `([a-z-]+):\$\{[^`]*` : '([a-z-]+)'/g)].flatMap((m) => [m[1], m[2]]),
    ]);
    expect(codes.size).toBeGreaterThanOrEqual(8);
    for (const code of codes) expect(gmailProblemWords(`${code}:3`), code).not.toContain(code);
  });
});
