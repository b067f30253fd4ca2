// @vitest-environment happy-dom
/**
 * The Calendar readers (lib/capture/calendar-extract.ts, labels.ts, event-id.ts, normalize.ts) under random and
 * mutated pages and labels: never throw; captures validate against lib/ingest/raw.ts and are valid protocol
 * messages; events and interactions validate against lib/core/model.ts with start <= end; a page with event chips
 * that yields nothing says recognised=false.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseCalendarPage, readAccount } from '@/lib/capture/calendar-extract';
import { CalendarEvent, DEFAULT_SETTINGS, Interaction } from '@/lib/core/model';
import { decodeEventId, eventKey } from '@/lib/ingest/calendar-event-id';
import { CALENDAR_LANGUAGES, parseChipLabel } from '@/lib/ingest/calendar-labels';
import { normalizeCalendarCapture } from '@/lib/ingest/calendar-normalize';
import { parseMessage } from '@/lib/ingest/messages';
import { CalendarCapture, PageHealth } from '@/lib/ingest/raw';
import { fixtureCases, fixtureLanguages } from '@/tests/support/label-coverage';
import { realFixturesDir } from '@/tests/support/real-fixtures';
import { NOW } from './arbitraries';
import { ATTR_NAMES, attrValue, documentOf, domEdit, eventIdAttr, mutate, randomTree, type TreeNode } from './dom';
import { check, checkDom, nastyString, Reached, TEST_TIMEOUT_MS } from './support';

vi.setConfig({ testTimeout: TEST_TIMEOUT_MS });

const REAL = realFixturesDir();
const URLS = [
  'https://calendar.google.com/calendar/u/0/r/week/2024/6/10',
  'https://calendar.google.com/calendar/u/0/r/month/2026/11/1',
  'https://calendar.google.com/calendar/u/0/r/day',
  'https://calendar.google.com/calendar/u/0/r',
  'not a url',
];

const el = (tag: string, attrs: Record<string, string>, ...children: (TreeNode | string)[]): TreeNode => ({
  tag,
  attrs: Object.entries(attrs),
  children,
});

const labels = fc.constantFrom(
  '7:30am to 8am, Walking, Calendar: Chore, No location, June 10, 2024',
  '3pm to 3:30pm, Coffee with Ann, Ann Lee, Accepted, No location, November 3, 2026',
  '9 June 2024 at 22:15 to 10 June 2024 at 06:30, Sleep, Calendar: Critical, No location',
  'All day, Team offsite, Calendar: Work, June 12, 2024',
  '午後1時～午後2時、「Team meeting」、カレンダー: Esri、場所の指定なし、2024年 6月 10日',
);

/** A Calendar-shaped page: main, grid, day columns with chips, maybe an open dialog with guests. */
const calendarPageTree: fc.Arbitrary<TreeNode> = fc
  .record({
    columns: fc.array(
      fc.record({
        key: attrValue('data-datekey'),
        index: fc.option(fc.integer({ min: 0, max: 6 }).map(String)),
        chips: fc.array(
          fc.record({
            id: fc.oneof(eventIdAttr, nastyString(30)),
            label: fc.oneof(labels, nastyString(60)),
            time: fc.option(fc.constantFrom('7:30 – 8am', '15:00', '9 – 10am')),
          }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 4 },
    ),
    dialog: fc.option(
      fc.record({
        id: eventIdAttr,
        title: fc.oneof(labels, nastyString(20)),
        guests: fc.array(
          fc.tuple(attrValue('data-email'), fc.constantFrom('data-email', 'email', 'data-hovercard-id')),
          { maxLength: 4 },
        ),
      }),
    ),
    hiddenWeek: fc.boolean(),
  })
  .map((p) => {
    const grid = (hidden: boolean) =>
      el(
        'div',
        hidden ? { role: 'grid', 'aria-hidden': 'true' } : { role: 'grid' },
        ...p.columns.map((c) =>
          el(
            'div',
            { role: 'gridcell', 'data-datekey': c.key, ...(c.index === null ? {} : { 'data-column-index': c.index }) },
            ...c.chips.map((ch) =>
              el(
                'div',
                { role: 'button', 'data-eventid': ch.id },
                el('div', {}, ch.label),
                ...(ch.time ? [el('div', {}, ch.time)] : []),
              ),
            ),
          ),
        ),
      );
    return el(
      'div',
      { role: 'main' },
      ...(p.hiddenWeek ? [grid(true)] : []),
      grid(false),
      ...(p.dialog
        ? [
            el(
              'div',
              { role: 'dialog', 'data-eventid': p.dialog.id },
              el('div', { role: 'heading' }, p.dialog.title),
              ...p.dialog.guests.map(([e, attr]) => el('div', { [attr]: e }, e)),
            ),
          ]
        : []),
    );
  });

function visibleChips(doc: Document): number {
  let n = 0;
  for (const c of doc.querySelectorAll('[role="button"][data-eventid], [data-eventchip][data-eventid]')) {
    if (c.closest('[aria-hidden="true"]') || c.closest('[role="dialog"]')) continue;
    if ((c.getAttribute('data-eventid') ?? '').trim()) n++;
  }
  return n;
}

type PagePath = 'event chips' | 'events' | 'an unrecognised verdict';
const pageReach = (floors: Partial<Record<PagePath, number>>) =>
  new Reached<PagePath>({ 'event chips': 0, events: 0, 'an unrecognised verdict': 0, ...floors });

function checkPage(doc: Document, url: string, reached: Reached<PagePath>): void {
  const page = parseCalendarPage(doc, url);
  reached.hit('event chips', page.chips.length > 0);
  reached.hit('an unrecognised verdict', !page.health.recognised);
  const account = readAccount(doc);
  const capture = CalendarCapture.safeParse({
    batchId: 'fuzz-1',
    account,
    view: page.view,
    lang: (doc.documentElement.getAttribute('lang') ?? '').slice(0, 40),
    chips: page.chips,
    ...(page.dialog ? { dialog: page.dialog } : {}),
    health: page.health,
  });
  if (!capture.success)
    throw new Error(
      `capture does not validate: ${capture.error.issues[0]?.path.join('.')}: ${capture.error.issues[0]?.message}`,
    );
  expect(parseMessage({ type: 'capture-calendar', capture: capture.data }).ok).toBe(true);
  expect(PageHealth.safeParse(page.health).success).toBe(true);

  if (page.chips.length === 0 && visibleChips(doc) > 0 && page.health.recognised)
    throw new Error('a page showing event chips yielded none but says recognised=true');

  let events = 0;
  for (const known of [new Set<string>(), new Set(['ann@example.com', 'bo@example.com'])]) {
    const n = normalizeCalendarCapture(capture.data, {
      now: new Date(NOW),
      knownContacts: known,
      settings: { ...DEFAULT_SETTINGS, meetingsWithAnyGuest: known.size === 0 },
      selfAddresses: ['me@example.com'],
    });
    checkNormalized(n, capture.data.chips.length);
    events += n.events.length;
  }
  reached.hit('events', events > 0);
}

function checkNormalized(n: ReturnType<typeof normalizeCalendarCapture>, chips: number) {
  expect(PageHealth.safeParse(n.health).success).toBe(true);
  for (const e of n.events) {
    const r = CalendarEvent.safeParse(e);
    if (!r.success)
      throw new Error(
        `event does not validate (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}): ${JSON.stringify(e).slice(0, 300)}`,
      );
    expect(e.start).toBeLessThanOrEqual(e.end);
  }
  for (const i of n.interactions) {
    const r = Interaction.safeParse(i);
    if (!r.success)
      throw new Error(
        `interaction does not validate (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}): ${JSON.stringify(i).slice(0, 300)}`,
      );
    expect(i.at).toBeLessThanOrEqual(NOW);
  }
  if (chips > 0 && n.events.length === 0) expect(n.health.recognised).toBe(false);
}

function fixtures(): { name: string; doc: Document }[] {
  const dir = join(process.cwd(), 'tests/fixtures/calendar');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.html'));
  } catch {
    return [];
  }
  return files.map((f) => ({
    name: f,
    doc: new DOMParser().parseFromString(readFileSync(join(dir, f), 'utf8'), 'text/html'),
  }));
}

describe('fuzz: Calendar page parser', () => {
  const pages = fixtures();

  it('finds the fixture pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  it('random trees', async () => {
    const reached = pageReach({ 'an unrecognised verdict': 0.6 });
    const ran = await checkDom(
      'parseCalendarPage(random tree)',
      fc.tuple(fc.array(randomTree, { minLength: 1, maxLength: 3 }), fc.constantFrom(...URLS)),
      ([trees, url]) => checkPage(documentOf(trees), url, reached),
      80,
    );
    reached.expect('parseCalendarPage(random tree)', ran);
  });

  it('Calendar-shaped pages with corrupted chips, columns and dialogs', async () => {
    const reached = pageReach({ 'event chips': 0.35, events: 0.2 });
    const ran = await checkDom(
      'parseCalendarPage(templated page + edits)',
      fc.tuple(
        calendarPageTree,
        fc.array(domEdit, { maxLength: 6 }),
        fc.constantFrom(...URLS),
        fc.constantFrom('en', 'de', 'ja', 'ar', 'zz', ''),
      ),
      ([tree, edits, url, lang]) => {
        const doc = documentOf([tree]);
        doc.documentElement.setAttribute('lang', lang);
        mutate(doc, edits);
        checkPage(doc, url, reached);
      },
      120,
    );
    reached.expect('parseCalendarPage(templated page + edits)', ran);
  });

  it('mutated fixture pages', async () => {
    const reached = pageReach({ 'event chips': 0.6, events: 0.6 });
    const ran = await checkDom(
      'parseCalendarPage(mutated fixture)',
      fc.tuple(
        fc.nat({ max: Math.max(0, pages.length - 1) }),
        fc.array(domEdit, { minLength: 1, maxLength: 10 }),
        fc.constantFrom(...URLS),
      ),
      ([i, edits, url]) => {
        const page = pages[i];
        if (!page) return;
        const doc = page.doc.cloneNode(true) as Document;
        mutate(doc, edits);
        checkPage(doc, url, reached);
      },
      60,
    );
    reached.expect('parseCalendarPage(mutated fixture)', ran);
  });

  it('fixture pages as they are', () => {
    const reached = pageReach({ 'event chips': 0.95, events: 0.95 });
    for (const p of pages) for (const url of URLS) checkPage(p.doc, url, reached);
    console.log(`[fuzz] parseCalendarPage(fixture as is): ${pages.length * URLS.length} runs`);
    reached.expect('parseCalendarPage(fixture as is)', pages.length * URLS.length);
  });
});

describe('fuzz: Calendar labels and event ids', () => {
  const text = readFileSync(join(REAL, 'gcal-2024-06_event-aria-labels-all-languages_calendar-plus.txt'), 'utf8');
  const langs = fixtureLanguages(
    readFileSync(join(REAL, 'gcal-2024-06_language-bundle-order_calendar-plus.json'), 'utf8'),
  );
  const cases = fixtureCases(text, langs);

  function checkLabel(label: string, opts: Parameters<typeof parseChipLabel>[1], reached: Reached<'a time read'>) {
    const r = parseChipLabel(label, opts);
    reached.hit('a time read', r !== null);
    if (r === null) return;
    expect(Number.isFinite(r.start.getTime())).toBe(true);
    expect(Number.isFinite(r.end.getTime())).toBe(true);
    expect(r.start.getTime()).toBeLessThanOrEqual(r.end.getTime());
    expect(typeof r.title).toBe('string');
    expect(r.title.length).toBeLessThanOrEqual(500);
  }

  it('random labels in every language', () => {
    const reached = new Reached({ 'a time read': 0.03 });
    const ran = check(
      'parseChipLabel(random label)',
      fc.tuple(
        fc.oneof(nastyString(120), fc.string({ maxLength: 300 })),
        fc.option(fc.constantFrom(...CALENDAR_LANGUAGES, 'zz', '', '__proto__')),
        fc.option(nastyString(20)),
        fc.option(fc.oneof(fc.constantFrom('2024-06-10', '2024-02-30', '0000-01-01', '9999-12-31'), nastyString(12))),
      ),
      ([label, lang, timeText, columnDate]) =>
        checkLabel(
          label,
          {
            now: new Date(NOW),
            ...(lang === null ? {} : { lang }),
            ...(timeText === null ? {} : { timeText }),
            ...(columnDate === null ? {} : { columnDate }),
          },
          reached,
        ),
      400,
    );
    reached.expect('parseChipLabel(random label)', ran);
  });

  it('real labels of every language, mutated', () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
      fc.record({
        op: fc.constant('insert' as const),
        at: fc.nat(),
        s: fc.oneof(
          fc.constantFrom('9', '12', ':', '，', ', ', ' to ', 'pm', '午後', '2099', '0000', '99'),
          nastyString(6),
        ),
      }),
    );
    const reached = new Reached({ 'a time read': 0.6 });
    const ran = check(
      'parseChipLabel(mutated real label)',
      fc.tuple(fc.nat({ max: cases.length - 1 }), fc.array(edit, { maxLength: 4 }), fc.boolean()),
      ([i, edits, useLang]) => {
        const c = cases[i];
        if (!c) return;
        let label = c.label;
        for (const e of edits) {
          const at = e.at % (label.length + 1);
          label =
            e.op === 'cut' ? label.slice(0, at) + label.slice(at + e.len) : label.slice(0, at) + e.s + label.slice(at);
        }
        checkLabel(label, { now: new Date(NOW), lang: useLang ? c.lang : undefined, timeText: c.timeText }, reached);
      },
      1000,
    );
    reached.expect('parseChipLabel(mutated real label)', ran);
  });

  it('decodeEventId never throws; what it decodes gives a bounded key', () => {
    const reached = new Reached({ 'a decoded id': 0.12 });
    const ran = check(
      'decodeEventId(random)',
      fc.oneof(eventIdAttr, nastyString(80), fc.base64String({ maxLength: 200 }), fc.string({ maxLength: 1200 })),
      (raw) => {
        const id = decodeEventId(raw);
        reached.hit('a decoded id', id !== null && id !== undefined);
        if (id) {
          expect(id.eventId.length).toBeGreaterThan(0);
          expect(typeof eventKey(id)).toBe('string');
          if (id.calendar) expect(id.calendar).toContain('@');
        }
      },
      1500,
    );
    reached.expect('decodeEventId(random)', ran);
  });

  it('mutated captures: refused by the schema, or normalised into valid records', () => {
    const reached = new Reached({ 'a capture the content script could send': 0.9, events: 0.12 });
    const ran = check(
      'normalizeCalendarCapture(random capture)',
      fc.record({
        chips: fc.array(
          fc.record({
            eventIdRaw: fc.oneof(eventIdAttr, nastyString(30)),
            label: fc.oneof(fc.constantFrom(...cases.slice(0, 200).map((c) => c.label)), nastyString(60)),
            timeText: fc.option(nastyString(20), { nil: undefined }),
            columnDate: fc.option(fc.constantFrom('2024-06-10', '1969-12-31', '2201-01-01', '2024-13-40'), {
              nil: undefined,
            }),
            allDay: fc.boolean(),
          }),
          { maxLength: 5 },
        ),
        lang: fc.constantFrom('', 'en', 'de', 'ja', 'ar', 'zz'),
        guests: fc.array(fc.record({ email: attrValue('data-email'), name: fc.string({ maxLength: 10 }) }), {
          maxLength: 4,
        }),
        pick: fc.nat(),
      }),
      ({ chips, lang, guests, pick }) => {
        const good = chips.filter(
          (c) => c.eventIdRaw.length <= 1000 && c.label.length <= 2000 && (c.timeText?.length ?? 0) <= 200,
        );
        const dialogId = good[pick % Math.max(1, good.length)]?.eventIdRaw;
        const capture = CalendarCapture.safeParse({
          batchId: 'b',
          account: 'me@example.com',
          view: 'week',
          lang,
          chips: good,
          dialog: { eventIdRaw: dialogId, title: 'x', guests: guests.filter((g) => g.email.length <= 320) },
          health: { recognised: true, hasContent: true },
        });
        if (!capture.success) return;
        reached.hit('a capture the content script could send');
        const n = normalizeCalendarCapture(capture.data, {
          now: new Date(NOW),
          knownContacts: new Set(),
          settings: { ...DEFAULT_SETTINGS, meetingsWithAnyGuest: true },
          selfAddresses: [],
        });
        checkNormalized(n, capture.data.chips.length);
        reached.hit('events', n.events.length > 0);
      },
      300,
    );
    reached.expect('normalizeCalendarCapture(random capture)', ran);
  });
});

// Kept so an attribute added to dom.ts is noticed here too.
expect(ATTR_NAMES).toContain('data-eventid');
