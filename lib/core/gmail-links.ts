/**
 * Links into Gmail: a compose window prefilled for a person, or a thread. `accountIndex` is the `/u/<n>/`
 * slot of the signed-in account (0 for the first); Gmail also accepts the account's address in that slot,
 * which survives the user signing accounts in and out in another order.
 */

function slot(accountIndex: number | string | undefined): string {
  if (typeof accountIndex === 'string') {
    // Tend names an account by its address, or `u/<n>` when the page did not show the address.
    const n = /^u\/(\d{1,2})$/.exec(accountIndex);
    if (n?.[1]) return n[1];
    if (/^[^\s/@]+@[^\s/@]+$/.test(accountIndex)) return encodeURIComponent(accountIndex);
  }
  return String(Number.isInteger(accountIndex) && (accountIndex as number) >= 0 ? accountIndex : 0);
}

/** https://mail.google.com/mail/u/<n>/?view=cm&fs=1&to=…&su=…&body=… (subject and body only when given). */
export function composeUrl(o: { to: string; subject?: string; body?: string; accountIndex?: number | string }): string {
  let url = `https://mail.google.com/mail/u/${slot(o.accountIndex)}/?view=cm&fs=1&to=${encodeURIComponent(o.to ?? '')}`;
  if (o.subject) url += `&su=${encodeURIComponent(o.subject)}`;
  if (o.body) url += `&body=${encodeURIComponent(o.body)}`;
  return url;
}

/** https://mail.google.com/mail/u/<n>/#all/<legacyThreadId> */
export function threadUrl(accountIndex: number | string | undefined, legacyThreadId: string): string {
  return `https://mail.google.com/mail/u/${slot(accountIndex)}/#all/${encodeURIComponent(legacyThreadId)}`;
}
