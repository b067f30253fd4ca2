import { emailDomain, normalizeEmail, sameAddress } from '@/lib/core/email';

describe('normalizeEmail', () => {
  it.each([
    ['Alice@Example.COM', 'alice@example.com'],
    ['  bob@example.org ', 'bob@example.org'],
    ['"Bob B" <Bob@Example.org>', 'bob@example.org'],
    ['mailto:carol@example.net', 'carol@example.net'],
    ['j.doe@gmail.com', 'jdoe@gmail.com'],
    ['J.Doe+newsletters@GMAIL.com', 'jdoe@gmail.com'],
    ['jdoe@googlemail.com', 'jdoe@gmail.com'],
    ['j.d.o.e+x+y@googlemail.com', 'jdoe@gmail.com'],
    // Dots and tags only collapse for Gmail: elsewhere they may be different people.
    ['j.doe+sales@example.com', 'j.doe+sales@example.com'],
    ['first.last@sub.example.co.uk', 'first.last@sub.example.co.uk'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['not an email'],
    ['@example.com'],
    ['alice@'],
    ['alice@localhost'],
    ['a b@example.com'],
    ['alice@@example.com'],
    ['+tag@gmail.com'],
    [`${'a'.repeat(400)}@example.com`],
  ])('rejects %j', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(normalizeEmail(undefined)).toBeNull();
    expect(normalizeEmail(null)).toBeNull();
    expect(normalizeEmail(42 as unknown as string)).toBeNull();
  });

  it('says when two spellings are one person', () => {
    expect(sameAddress('Jane.Doe@googlemail.com', 'janedoe+work@gmail.com')).toBe(true);
    expect(sameAddress('jane.doe@example.com', 'janedoe@example.com')).toBe(false);
    expect(emailDomain('x@mail.example.com')).toBe('mail.example.com');
  });
});
