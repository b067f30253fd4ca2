/**
 * Email addresses, normalised in exactly one place.
 *
 * Two spellings that reach the same mailbox are one person: case never matters, `googlemail.com` is
 * `gmail.com`, and for Gmail addresses dots and a `+tag` in the local part are ignored by Gmail itself.
 */

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** A pragmatic address shape: one `@`, no spaces, a dotted domain. Not RFC 5322, on purpose. */
const ADDRESS = /^[^\s@<>(),;:"[\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** Normalises an address, or returns null when it is not one. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  let s = raw.trim();
  if (s.length === 0 || s.length > 320) return null;
  const angle = /<([^<>]+)>\s*$/.exec(s);
  if (angle?.[1]) s = angle[1].trim();
  if (s.toLowerCase().startsWith('mailto:')) s = s.slice(7);
  s = s.toLowerCase();
  if (!ADDRESS.test(s)) return null;
  const at = s.lastIndexOf('@');
  let local = s.slice(0, at);
  let domain = s.slice(at + 1);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = 'gmail.com';
    local = local.split('+')[0]?.replaceAll('.', '') ?? '';
    if (local.length === 0) return null;
  }
  return `${local}@${domain}`;
}

/** The domain part of a normalised address. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/** True when two raw addresses are the same person. */
export function sameAddress(a: string, b: string): boolean {
  const na = normalizeEmail(a);
  return na !== null && na === normalizeEmail(b);
}
