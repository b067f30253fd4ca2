/**
 * Links that hand off to Google (Tend itself never requests anything): Gmail compose, a Gmail thread,
 * and the popup. Gmail accepts the account as `/mail/u/<index>` or `/mail/u/<address>`.
 */

/** Tend's name for an account: the signed-in address, or `u/<n>` when the address was not known. */
export function accountPath(account: string | undefined): string {
  if (!account) return '0';
  const m = /^u\/(\d{1,2})$/.exec(account);
  if (m?.[1]) return m[1];
  return encodeURIComponent(account);
}

export function composeUrl(opts: { to: string | string[]; subject?: string; body?: string; account?: string }): string {
  const to = Array.isArray(opts.to) ? opts.to.join(',') : opts.to;
  const q = new URLSearchParams({ view: 'cm', fs: '1', to });
  if (opts.subject) q.set('su', opts.subject);
  if (opts.body) q.set('body', opts.body);
  return `https://mail.google.com/mail/u/${accountPath(opts.account)}/?${q.toString()}`;
}

export function threadUrl(opts: { threadId: string; account?: string }): string {
  return `https://mail.google.com/mail/u/${accountPath(opts.account)}/#all/${encodeURIComponent(opts.threadId)}`;
}
