/**
 * Who is not a person: the user, automated senders and lists (robot rules), and what the user chose to ignore.
 * Pure functions; the rules come from Settings (DEFAULT_ROBOT_RULES in lib/core/model.ts).
 */
import { emailDomain, normalizeEmail } from '../core/email';
import type { Settings } from '../core/model';

export type PersonKind = 'self' | 'robot' | 'ignored' | 'person';

/** One robot rule compiled: an address pattern (`local@domain` with `*`) or a bare domain (and its subdomains). */
type Rule = { kind: 'pattern'; re: RegExp } | { kind: 'domain'; domain: string };

const compiled = new WeakMap<readonly string[], Rule[]>();

function compileRule(raw: string): Rule | null {
  const rule = raw.trim().toLowerCase();
  if (rule.length === 0) return null;
  if (!rule.includes('@')) {
    const domain = rule.replace(/^\*?\.?/, '');
    return domain ? { kind: 'domain', domain } : null;
  }
  const source = rule
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return { kind: 'pattern', re: new RegExp(`^${source}$`) };
}

function rulesOf(rules: readonly string[]): Rule[] {
  let out = compiled.get(rules);
  if (!out) {
    out = [];
    for (const r of rules) {
      const c = compileRule(r);
      if (c) out.push(c);
    }
    compiled.set(rules, out);
  }
  return out;
}

/** True when `domain` is `parent` or one of its subdomains. */
export function inDomain(domain: string, parent: string): boolean {
  const p = parent
    .trim()
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/^\*?\.?/, '');
  if (p.length === 0) return false;
  return domain === p || domain.endsWith(`.${p}`);
}

/**
 * True when an address is an automated sender or a list by one of `rules`: `no-reply@*`, `*@googlegroups.com`,
 * `bounce*@*`, or a bare domain (`calendar-server.bounces.google.com`, which also covers its subdomains).
 * Matches the address as written (lower case) and normalised, so `no.reply+x@gmail.com` is caught as well.
 */
export function isRobot(email: string, rules: readonly string[]): boolean {
  const raw = email.trim().toLowerCase();
  const norm = normalizeEmail(raw);
  const forms = norm && norm !== raw ? [raw, norm] : [raw];
  for (const rule of rulesOf(rules)) {
    for (const form of forms) {
      if (rule.kind === 'pattern' ? rule.re.test(form) : inDomain(emailDomain(form), rule.domain)) return true;
    }
  }
  return false;
}

const sets = new WeakMap<readonly string[], Set<string>>();

/** A list of addresses as a set of normalised ones (cached per list). */
function addressSet(list: readonly string[]): Set<string> {
  let set = sets.get(list);
  if (!set) {
    set = new Set();
    for (const a of list) {
      const n = normalizeEmail(a);
      if (n) set.add(n);
    }
    sets.set(list, set);
  }
  return set;
}

export interface ClassifyContext {
  /** The user's addresses, normalised (signed-in accounts and settings.selfAddresses). */
  self: ReadonlySet<string>;
  settings: Settings;
}

/**
 * What an address is to Tend: the user (`self`), an automated sender or list (`robot`), something the user chose
 * to ignore (address, or a domain with its subdomains; also anything that is not an address), or a `person`.
 */
export function classifyPerson(email: string, ctx: ClassifyContext): PersonKind {
  const e = normalizeEmail(email);
  if (e === null) return 'ignored';
  if (ctx.self.has(e)) return 'self';
  if (addressSet(ctx.settings.selfAddresses).has(e)) return 'self';
  if (addressSet(ctx.settings.ignoredAddresses).has(e)) return 'ignored';
  const domain = emailDomain(e);
  for (const d of ctx.settings.ignoredDomains) if (inDomain(domain, d)) return 'ignored';
  if (isRobot(email, ctx.settings.robotRules)) return 'robot';
  return 'person';
}

/**
 * `classifyPerson(…) === 'person'` as a predicate, built once per settings object and list of the user's
 * addresses (it caches each answer). Every surface that asks "is this a person?" uses this one test.
 */
export function personTest(settings: Settings, self: readonly string[] = []): (email: string) => boolean {
  const ctx: ClassifyContext = { self: addressSet(self), settings };
  const cache = new Map<string, boolean>();
  return (email: string) => {
    let ok = cache.get(email);
    if (ok === undefined) {
      ok = classifyPerson(email, ctx) === 'person';
      if (cache.size > 100_000) cache.clear();
      cache.set(email, ok);
    }
    return ok;
  };
}
