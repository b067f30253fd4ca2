import { backupFileName, displayName, initials, lastContactWords, lines } from '@/components/format';

const DAY = 86_400_000;
const NOW = new Date(2025, 2, 12, 15, 0).getTime();

describe('initials', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['ada', 'A'],
    ['Jean-Luc Picard', 'JP'],
    ['ada.lovelace@example.org', 'AL'],
    ['bob@example.org', 'B'],
    ['  ', '?'],
    ['Élodie Durand', 'ÉD'],
    ['李 小龙', '李小'],
  ])('%s -> %s', (input, expected) => {
    expect(initials(input)).toBe(expected);
  });
});

it('words the last contact', () => {
  expect(lastContactWords(NOW - 3 * DAY, NOW)).toBe('last contact 3 days ago');
  expect(lastContactWords(undefined, NOW)).toBe('no contact yet');
});

it('names a person by name, else by address', () => {
  expect(displayName({ name: ' Ada ', email: 'ada@x.org' })).toBe('Ada');
  expect(displayName({ name: '', email: 'ada@x.org' })).toBe('ada@x.org');
});

it('names the backup file by local date', () => {
  expect(backupFileName(new Date(2025, 0, 5, 23, 59).getTime())).toBe('tend-backup-2025-01-05.json');
});

it('reads a textarea as a clean list', () => {
  expect(lines(' a@x.org \n\n b@x.org\r\na@x.org\n')).toEqual(['a@x.org', 'b@x.org']);
});
