import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseGmailDate } from '@/lib/ingest/gmail-dates';
import { followToday } from '@/tests/support/demo-dates';

const DAY = 86_400_000;
const page = (name: string) => readFileSync(path.join(process.cwd(), 'tests/fixtures/gmail', name), 'utf8');
const titles = (html: string) => Array.from(html.matchAll(/(?:title|alt)="([^"]*\d{4}[^"]*)"/g), (m) => m[1] ?? '');

describe('the demo pages follow today', () => {
  it.each(['inbox.html', 'thread-long.html'])(
    '%s: the latest message is in the week before now, weekdays right',
    (f) => {
      for (const now of [Date.UTC(2026, 11, 2, 1, 0), Date.UTC(2027, 5, 15, 23, 30), Date.UTC(2025, 10, 26, 12)]) {
        const { html, shiftDays } = followToday(page(f), now);
        expect(shiftDays % 7).toBe(0);
        const dates = titles(html).map((t) => parseGmailDate(t, { now: new Date(now) }));
        expect(dates.length).toBeGreaterThan(5);
        for (const d of dates) expect(d).not.toBeNull();
        const latest = Math.max(...dates.map((d) => d?.getTime() ?? 0));
        expect(latest).toBeLessThan(now);
        expect(latest).toBeGreaterThan(now - 8 * DAY);
        // Every weekday name matches its date.
        for (const t of titles(html)) {
          const m = /^(\w{3}), (\w{3}) (\d+), (\d{4})/.exec(t);
          if (!m) continue;
          const wd = new Date(`${m[2]} ${m[3]}, ${m[4]} 12:00 UTC`).toUTCString().slice(0, 3);
          expect(wd).toBe(m[1]);
        }
        // The short row dates moved with their tooltips: none is left from the original page's month.
        if (shiftDays !== 0) expect(html).not.toMatch(/>Nov (3|4|5|19|20|21|24)</);
      }
    },
  );
});
