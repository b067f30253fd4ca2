/**
 * Links into Gmail and Google Calendar: a compose window prefilled for a person, a thread, a Calendar week. `accountIndex` is the `/u/<n>/`
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

/**
 * https://calendar.google.com/calendar/u/<n>/r/week/<y>/<m>/<d>: Calendar's week view of the week holding that
 * date (month 1-12), for the account (its address, `u/<n>`, or the first account when unknown).
 */
export function calendarWeekUrl(
  accountIndex: number | string | undefined,
  date: { year: number; month: number; day: number },
): string {
  return `https://calendar.google.com/calendar/u/${slot(accountIndex)}/r/week/${date.year}/${date.month}/${date.day}`;
}
