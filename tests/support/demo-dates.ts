/**
 * The demo's Gmail pages (tests/fixtures/gmail) carry the dates they were written with (November 2025); the
 * demo history is relative to today. `followToday` moves every date on such a page by whole weeks (so each
 * weekday name stays right) until the page's latest message is in the week before `now`: what the demo then
 * shows ("was due yesterday", "4 days ago") follows today like the rest of the demo.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** Gmail's English tooltip: "Tue, Nov 25, 2025, 3:14 PM" (or "… 2014 at 12:35 PM"; a narrow space before PM). */
const FULL =
  /\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat), (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}), (\d{4})(, | at )/g;
/** A full tooltip date, or a bare "Nov 24" / "Dec 18, 2014" (a row's short date, in its text and labels). */
const ANY =
  /\b(?:(Sun|Mon|Tue|Wed|Thu|Fri|Sat), )?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2})\b(?:, (\d{4})\b)?/g;

/** Calendar day as a UTC midnight (the page's wall-clock dates carry no zone). */
const dayOf = (mon: string, d: string, y: string) => Date.UTC(Number(y), MONTHS.indexOf(mon), Number(d));

export function followToday(html: string, now: number): { html: string; shiftDays: number } {
  let latest = Number.NEGATIVE_INFINITY;
  for (const m of html.matchAll(FULL)) latest = Math.max(latest, dayOf(m[2] ?? '', m[3] ?? '', m[4] ?? ''));
  if (!Number.isFinite(latest)) return { html, shiftDays: 0 };
  const today = Math.floor(now / DAY) * DAY;
  // Whole weeks, so the latest day lands 1-7 days before today.
  const shift = Math.floor((today - DAY - latest) / WEEK) * WEEK;
  const name = (t: Date) => `${MONTHS[t.getUTCMonth()]} ${t.getUTCDate()}`;
  // The bare dates of this page are the days of its tooltips (their year is the tooltip's).
  const yearOf = new Map<string, string>();
  for (const m of html.matchAll(FULL)) yearOf.set(`${m[2]} ${Number(m[3])}`, m[4] ?? '');
  // One pass over the original text, so a moved date is never moved again.
  const out = html.replace(ANY, (all, wd: string | undefined, mon: string, d: string, y: string | undefined) => {
    const year = y ?? yearOf.get(`${mon} ${Number(d)}`);
    if (!year) return all;
    const t = new Date(dayOf(mon, d, year) + shift);
    return `${wd ? `${DAYS[t.getUTCDay()]}, ` : ''}${name(t)}${y ? `, ${t.getUTCFullYear()}` : ''}`;
  });
  return { html: out, shiftDays: Math.round(shift / DAY) };
}
