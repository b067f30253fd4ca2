/**
 * From what a content script saw to what the store keeps. Each capture is written in ONE transaction:
 * its interactions, threads, promises and the source's health land together or not at all, so a service
 * worker stopped mid-write loses nothing the content script will not send again.
 */

import { normalizeEmail } from '../core/email';
import { HEX_ID } from '../core/limits';
import type { CalendarEvent, Interaction, PromiseRecord, Thread } from '../core/model';
import { THREAD_WINDOW_MS } from '../engine/followups';
import { asksSomething, findPromises, promiseKeptSuggestion } from '../engine/promises';
import { ACCOUNTS_KEY, knownAccounts, selfAddresses } from '../store/accounts';
import { aliasIndex } from '../store/aliases';
import { addCoverage, UNKNOWN_ACCOUNT } from '../store/calendar-coverage';
import { untouchedByUser } from '../store/contacts';
import type { History, TendDB } from '../store/db';
import { recordHealth } from '../store/health';
import { deleteHistories, HistoryEdit, historyTables } from '../store/histories';
import { recordInteractions } from '../store/interactions';
import { writeTransaction } from '../store/quota';
import { getSettings } from '../store/settings';
import { summarize } from '../store/summary';
import { type TabView, tabKey } from '../store/tab-view';
import { mergeThreads, readRecentThreads, readThreads, threadTables } from '../store/threads';
import { type DayRange, dayNumberOfKey } from '../time/day-ranges';
import { meetingTouches, normalizeCalendarCapture } from './calendar-normalize';
import { gmailDateLanguage } from './gmail-dates';
import { fitThreadKey, normalizeGmailCapture } from './gmail-normalize';
import type { CalendarCapture, GmailCapture } from './raw';

/** Remembers a signed-in address; if it had become a contact before Tend knew, it stops being one. */
async function rememberAccount(db: TendDB, account: string | null): Promise<void> {
  if (!account) return;
  const known = await knownAccounts(db);
  if (known.includes(account)) return;
  await db.kv.put({ key: ACCOUNTS_KEY, value: [...known, account] });
  await forgetSelf(db);
}

/**
 * The user's own addresses are never contacts: one the user has just listed as theirs (in Options) stops being
 * one, with its history. Returns how many went.
 */
export async function forgetSelf(db: TendDB): Promise<number> {
  return writeTransaction(
    db,
    [db.contacts, ...historyTables(db), db.kv],
    'the removal of your own address from the contacts',
    async () => {
      const self = await selfAddresses(db);
      const found = (await db.contacts.bulkGet(self)).filter((c) => c !== undefined).map((c) => c.email);
      if (found.length === 0) return 0;
      await db.contacts.bulkDelete(found);
      await deleteHistories(db, found);
      return found.length;
    },
  );
}

export interface IngestResult {
  stored: number;
  held: number;
  recognised: boolean;
}

export interface GmailIngestResult extends IngestResult {
  /** The account key the capture was filed under. */
  account: string;
  /** The opened thread's key, when a thread was open. */
  threadKey?: string;
  /** The people (not the user, not robots) in the opened thread. */
  people?: string[];
  /** Everyone the capture recorded a touch with (rows and thread). */
  contacts: string[];
}

/**
 * `tab`: the Gmail tab the capture came from; what it shows (the open thread, if any) is kept for the sidebar
 * in the same transaction.
 */
export async function ingestGmail(
  db: TendDB,
  capture: GmailCapture,
  now: number,
  tab?: { tabId: number; url: string },
): Promise<GmailIngestResult> {
  const account = normalizeEmail(capture.account);
  const settings = await getSettings(db);
  const self = await selfAddresses(db, account ? [account] : []);
  const n = normalizeGmailCapture(capture, { now: new Date(now), settings, selfAddresses: self });

  const bodies = new Map(n.ownMessages.map((m) => [m.messageId, m.body]));
  const threads: Thread[] = n.threads.map((t) => ({
    ...t,
    messages: t.messages.map((m) =>
      m.direction === 'sent' && bodies.has(m.id) ? { ...m, asks: asksSomething(bodies.get(m.id) ?? '') } : m,
    ),
  }));
  const found: PromiseRecord[] = [];
  for (const m of n.ownMessages) {
    findPromises(m.body, new Date(m.at), settings.timeZone ? { timeZone: settings.timeZone } : undefined).forEach(
      (p, i) => {
        found.push({
          id: `${m.threadKey}:${m.messageId}:${i}`,
          threadKey: m.threadKey,
          messageId: m.messageId,
          contacts: m.to,
          text: p.text,
          madeAt: m.at,
          ...(p.dueAt !== undefined ? { dueAt: p.dueAt } : {}),
          status: 'open',
          suggestDone: false,
        });
      },
    );
  }

  return writeTransaction(
    db,
    [db.contacts, ...historyTables(db), ...threadTables(db), db.promises, db.kv],
    'a Gmail capture',
    async () => {
      await rememberAccount(db, account);
      await mergeThreads(db, threads, now);
      const fresh = await withoutExplainedRows(db, n.interactions, now);
      const rec = await recordInteractions(db, fresh, n.names, now, await aliasIndex(db));
      // The opened threads as stored now (merged with what was known), read once for both steps below.
      const stored = (
        await readThreads(
          db,
          threads.map((t) => t.id),
        )
      ).filter((t) => t !== undefined);
      await settleRows(db, stored, now);
      await upsertPromises(db, found, stored);
      await recordHealth(
        db,
        'gmail',
        {
          recognised: n.health.recognised,
          hasContent: n.health.hasContent,
          problem: n.health.problem,
          records: n.interactions.length + threads.length,
          unreadableDates: n.unreadableDates,
          lang: gmailDateLanguage(capture.lang) ?? capture.lang,
        },
        now,
      );
      const opened = threads[0];
      const result = {
        stored: rec.added,
        held: n.unreadableDates,
        recognised: n.health.recognised,
        account: account ?? `u/${capture.accountIndex}`,
        contacts: [...new Set(n.interactions.map((i) => i.contact))],
        ...(opened ? { threadKey: opened.id, people: opened.people } : {}),
      };
      if (tab) {
        const view: TabView = {
          url: tab.url,
          account: result.account,
          threadKey: result.threadKey,
          people: result.people,
          at: now,
        };
        await db.kv.put({ key: tabKey(tab.tabId), value: view });
      }
      return result;
    },
  );
}

/** A thread-list row's time has minute precision: a message within this of it is the move the row shows. */
const ROW_MATCH_MS = 60_000;

/** When a thread's messages are known (by Gmail id) up to: the latest such message's time, or null. */
function knownUpTo(thread: Thread | undefined): number | null {
  let latest: number | null = null;
  if (!thread) return latest;
  for (const m of thread.messages) if (HEX_ID.test(m.id) && (latest === null || m.at > latest)) latest = m.at;
  return latest;
}

/** True when a coarse row touch only repeats what the thread's known messages already tell. */
function explained(it: Pick<Interaction, 'coarse' | 'threadId' | 'at'>, upTo: number | null | undefined): boolean {
  return !!it.coarse && !!it.threadId && upTo !== null && upTo !== undefined && it.at <= upTo + ROW_MATCH_MS;
}

/**
 * Drops row touches of threads already opened up to that time. A row says "this thread moved at T" for every
 * person it shows; once the thread's messages are known, they say who wrote to whom at T (a message from
 * one participant is not a touch with every other one), so the row adds nothing.
 */
async function withoutExplainedRows(db: TendDB, interactions: Interaction[], now: number): Promise<Interaction[]> {
  // The thread records' own ids (a very long account is cut to a prefix and a hash there, and must be here).
  const idOf = (i: Interaction) => fitThreadKey(i.account ?? '', i.threadId ?? '');
  const earliest = new Map<string, number>();
  for (const i of interactions) {
    if (!i.coarse || !i.threadId) continue;
    const id = idOf(i);
    earliest.set(id, Math.min(earliest.get(id) ?? i.at, i.at));
  }
  if (earliest.size === 0) return interactions;
  // Only a thread known up to a row's time explains the row. For rows within the follow-up window that is a
  // thread that moved within it, never one in an old pack (lib/store/threads.ts): a list of this week's mail
  // reads no old pack.
  const windowStart = now - THREAD_WINDOW_MS;
  const ids = [...earliest.keys()];
  const recent = ids.filter((id) => (earliest.get(id) ?? 0) - ROW_MATCH_MS > windowStart);
  const older = ids.filter((id) => (earliest.get(id) ?? 0) - ROW_MATCH_MS <= windowStart);
  const [fromRecent, fromAll] = await Promise.all([readRecentThreads(db, recent), readThreads(db, older)]);
  const upTo = new Map([
    ...recent.map((id, k) => [id, knownUpTo(fromRecent[k])] as const),
    ...older.map((id, k) => [id, knownUpTo(fromAll[k])] as const),
  ]);
  return interactions.filter((i) => !i.threadId || !explained(i, upTo.get(idOf(i))));
}

/**
 * The same, the other way round: a thread just opened explains row touches recorded before, for every person
 * in it (the people a row shows are the thread's participants). Summaries of changed contacts are recomputed.
 */
async function settleRows(db: TendDB, threads: readonly Thread[], now: number): Promise<void> {
  for (const stored of threads) {
    const upTo = knownUpTo(stored);
    if (upTo === null || stored.people.length === 0) continue;
    const histories = await HistoryEdit.open(db, stored.people);
    const changed: History[] = [];
    for (const contact of stored.people) {
      const h = histories.get(contact);
      if (!h) continue;
      const items = h.filter(
        (it) => !(it.threadId === stored.threadId && it.account === stored.account && explained(it, upTo)),
      );
      if (items.length !== h.length) changed.push({ contact, items });
    }
    if (changed.length === 0) continue;
    const contacts = await db.contacts.bulkGet(changed.map((h) => h.contact));
    // Someone known only from this thread's list row (a group thread, opened at last) is no contact at all
    // unless the user wrote something about them (notes, details, tags, dates, a rhythm, merged addresses).
    const gone = changed
      .filter((h, k) => h.items.length === 0 && contacts[k] !== undefined && untouchedByUser(contacts[k]))
      .map((h) => h.contact);
    const goneSet = new Set(gone);
    if (gone.length) await db.contacts.bulkDelete(gone);
    for (const h of changed) {
      if (goneSet.has(h.contact)) histories.delete(h.contact);
      else histories.set(h.contact, h.items);
    }
    await histories.save();
    await db.contacts.bulkPut(
      contacts.flatMap((c, k) =>
        c && !goneSet.has(c.email) ? [{ ...c, summary: summarize(changed[k]?.items ?? [], now) }] : [],
      ),
    );
  }
}

/** New promises are added; known ones keep the user's verdict; open ones in a thread the user wrote in again are flagged. */
async function upsertPromises(db: TendDB, found: PromiseRecord[], threads: readonly Thread[]): Promise<void> {
  const existing = await db.promises.bulkGet(found.map((p) => p.id));
  const fresh = found.filter((_, i) => !existing[i]);
  if (fresh.length) await db.promises.bulkAdd(fresh);
  for (const stored of threads) {
    const open = await db.promises
      .where('threadKey')
      .equals(stored.id)
      .filter((p) => p.status === 'open' && !p.suggestDone)
      .toArray();
    const kept = open.filter((p) => promiseKeptSuggestion(p, stored));
    if (kept.length) await db.promises.bulkPut(kept.map((p) => ({ ...p, suggestDone: true })));
  }
}

export async function ingestCalendar(db: TendDB, capture: CalendarCapture, now: number): Promise<IngestResult> {
  const settings = await getSettings(db);
  const account = normalizeEmail(capture.account);
  const self = await selfAddresses(db, account ? [account] : []);
  const knownContacts = new Set<string>(
    capture.dialog?.guests.length ? ((await db.contacts.toCollection().primaryKeys()) as string[]) : [],
  );
  const n = normalizeCalendarCapture(capture, { now: new Date(now), knownContacts, settings, selfAddresses: self });
  return writeTransaction(db, [db.contacts, ...historyTables(db), db.events, db.kv], 'a Calendar capture', async () => {
    await rememberAccount(db, account);
    await mergeEvents(db, n.events);
    const seen = shownDays(capture, n.unreadable, n.health.recognised);
    if (seen) await addCoverage(db, account ?? UNKNOWN_ACCOUNT, [seen]);
    const rec = await recordInteractions(db, n.interactions, {}, now, await aliasIndex(db));
    await recordHealth(
      db,
      'calendar',
      {
        recognised: n.health.recognised,
        hasContent: n.health.hasContent,
        problem: n.health.problem,
        records: n.events.length,
        unreadableDates: n.unreadable,
      },
      now,
    );
    return { stored: n.events.length + rec.added, held: n.unreadable, recognised: n.health.recognised };
  });
}

/**
 * The days a Calendar capture lets Tend call seen: the view's first to last date, only when the page was
 * recognised and every chip on it was read (a day with an event Tend could not read is not known to be free).
 */
function shownDays(capture: CalendarCapture, unreadable: number, recognised: boolean): DayRange | null {
  if (!capture.shown || unreadable > 0 || !recognised) return null;
  const from = dayNumberOfKey(capture.shown.from);
  const to = dayNumberOfKey(capture.shown.to);
  // A view shows at most six weeks (month) or a few months (schedule): anything longer is not a real page.
  return from !== null && to !== null && from <= to && to - from <= 120 ? [from, to] : null;
}

/**
 * Meetings become touches once they have started: an event whose guests were read before it began (the user
 * opened it to join), or one imported from an `.ics` file, is recorded here, for each guest, once (the keys
 * are the ones the Calendar page would give). Looks back `sinceMs` from `now` through the `start` index.
 */
export async function recordStartedMeetings(db: TendDB, now: number, sinceMs: number): Promise<number> {
  return writeTransaction(db, [db.events, db.contacts, ...historyTables(db), db.kv], 'calendar events', async () => {
    const events = await db.events
      .where('start')
      .between(now - sinceMs, now, true, true)
      .filter((e) => e.attendees.length > 0)
      .toArray();
    if (events.length === 0) return 0;
    const settings = await getSettings(db);
    const self = new Set(await selfAddresses(db));
    const guests = [...new Set(events.flatMap((e) => e.attendees))];
    const known = new Set((await db.contacts.bulkGet(guests)).filter((c) => c !== undefined).map((c) => c.email));
    const touches = events.flatMap((e) => meetingTouches(e, { self, settings, knownContacts: known, now }));
    if (touches.length === 0) return 0;
    return (await recordInteractions(db, touches, {}, now, await aliasIndex(db))).added;
  });
}

/** Upserts events; guests learnt from an event's dialog survive the event being seen again as a bare chip. */
export async function mergeEvents(db: TendDB, events: readonly CalendarEvent[]): Promise<void> {
  if (!events.length) return;
  const existing = await db.events.bulkGet(events.map((e) => e.id));
  await db.events.bulkPut(
    events.map((e, i) => {
      const old = existing[i];
      if (!old) return e;
      return { ...old, ...e, title: e.title || old.title, attendees: [...new Set([...old.attendees, ...e.attendees])] };
    }),
  );
}
