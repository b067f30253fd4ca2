/**
 * Gmail in three non-Latin-script languages, in the built extension: the inbox fixture served as Gmail would
 * write it in Japanese, Russian and Arabic (Arabic with Arabic-Indic digits) — `<html lang>` and every date
 * tooltip in that language — must put the same touches in the store as the English page, each language's
 * dates moved back a few days so every page's touches are its own. The browser itself speaks en-US, so it
 * is the page's language that reads them. A page in a calendar Tend does not read (Persian) is held back and
 * the popup names the language.
 */
import type { Page } from 'playwright-core';
import { parseGmailDate } from '../../lib/ingest/gmail-dates';
import { GMAIL_TITLE_OPTIONS } from '../../lib/ingest/intl-tables';
import { artifactPath, fixture, launchTend, leakedRequests, readKv, type Tend, until } from './harness';

const TZ = 'America/New_York';
const GMAIL = 'https://mail.google.com/mail/u/0/';
const DAY = 86_400_000;

let tend: Tend;
let served = fixture('gmail/inbox.html');

beforeAll(async () => {
  tend = await launchTend({ timezoneId: TZ });
  await tend.serve('https://mail.google.com/**', () => served);
});

afterAll(async () => {
  await tend?.close();
});

type Backup = { interactions: { contact: string; at: string; direction: string; source: string }[] };

async function touches(): Promise<Set<string>> {
  const r = await tend.send({ type: 'export' });
  expect(r.ok).toBe(true);
  return new Set(
    (r.backup as Backup).interactions
      .filter((i) => i.source === 'gmail')
      .map((i) => `${i.contact} | ${new Date(i.at).getTime()} | ${i.direction}`),
  );
}

/**
 * The inbox as Gmail writes it in `locale`: each English date title read (as a wall time), moved `daysBack`
 * days and written again with Gmail's tooltip options; `<html lang>` set to `lang`.
 */
function localizedInbox(lang: string, locale: string, daysBack: number): { html: string; titles: string[] } {
  const english = fixture('gmail/inbox.html');
  const titles: string[] = [];
  const html = english
    .replace('<html lang="en">', `<html lang="${lang}">`)
    .replace(/title="([^"]*\d{4}[^"]*)"/g, (whole, title: string) => {
      const wall = parseGmailDate(title.replace(/&#8239;|\u202f/g, ' '), { now: new Date(), lang: 'en' });
      if (!wall) return whole;
      const moved = new Date(
        wall.getFullYear(),
        wall.getMonth(),
        wall.getDate() - daysBack,
        wall.getHours(),
        wall.getMinutes(),
      );
      const out = new Intl.DateTimeFormat(locale, GMAIL_TITLE_OPTIONS).format(moved);
      titles.push(out);
      return `title="${out}"`;
    });
  return { html, titles };
}

async function open(html: string): Promise<Page> {
  served = html;
  const page = await tend.context.newPage();
  await page.goto(`${GMAIL}#inbox`);
  return page;
}

let english: string[] = [];

describe('Gmail dates in the page language', () => {
  it('reads the English inbox first, as the reference', async () => {
    const page = await open(fixture('gmail/inbox.html'));
    const got = await until(async () => {
      const t = await touches();
      return [...t].some((l) => l.startsWith('sam.carter@acme.example')) ? t : undefined;
    }, 'the English rows');
    english = [...got];
    expect(english.length).toBeGreaterThanOrEqual(4);
    await page.close();
  });

  it.each([
    ['ja', 'ja-u-ca-gregory', 1, /年.*月.*日/],
    ['ru', 'ru-u-ca-gregory', 2, /[а-я]/],
    ['ar', 'ar-u-ca-gregory-nu-arab', 3, /[٠-٩]/],
  ] as const)(
    '%s (%s): the same touches reach the store, %d day(s) earlier',
    async (lang, locale, daysBack, script) => {
      const { html, titles } = localizedInbox(lang, locale, daysBack);
      expect(titles.length).toBe(7);
      for (const t of titles) expect(t).toMatch(script);
      const expected = english.map((l) => {
        const [contact, at, direction] = l.split(' | ') as [string, string, string];
        return `${contact} | ${Number(at) - daysBack * DAY} | ${direction}`;
      });
      const page = await open(html);
      const got = await until(async () => {
        const t = await touches();
        return expected.every((l) => t.has(l)) ? t : undefined;
      }, `the ${lang} rows`);
      expect(expected.filter((l) => !got.has(l))).toEqual([]);
      const health = (await readKv(tend, 'health:gmail')) as { failingSince?: number; unreadableDates: number };
      expect(health.failingSince).toBeUndefined();
      expect(health.unreadableDates).toBe(0);
      await page.close();
    },
  );

  it('holds back dates in a calendar Tend does not read, and the popup names the language', async () => {
    const before = await touches();
    const { html } = localizedInbox('fa', 'fa', 4); // Persian calendar: "۱۴۰۴ آذر ۴, ..."
    const page = await open(html);
    const health = (await until(async () => {
      const h = (await readKv(tend, 'health:gmail')) as { failingSince?: number; lang?: string } | undefined;
      return h?.failingSince ? h : undefined;
    }, 'the failing Gmail health')) as { lang?: string; unreadableDates: number };
    expect(health.lang).toBe('fa');
    expect(health.unreadableDates).toBeGreaterThanOrEqual(7);
    expect([...(await touches())].sort()).toEqual([...before].sort());
    for (const colorScheme of ['light', 'dark'] as const) {
      const popup = await tend.openPage('popup.html', { colorScheme });
      await popup
        .getByText('The dates are written in Persian (fa).', { exact: false })
        .first()
        .waitFor({ timeout: 10_000 });
      await popup.screenshot({ path: artifactPath(`gmail-dates-language-banner-${colorScheme}.png`) });
      await popup.close();
    }
    await page.close();
  });

  it('sent nothing off the machine', () => {
    expect(leakedRequests(tend.requests)).toEqual([]);
  });
});
