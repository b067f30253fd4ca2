/**
 * The background's message handlers, one per message type. Runtime-free: the background passes in the
 * database, the clock and what to do after a change, so tests drive the same handlers.
 */

import { parseNudgeKey } from '../engine/nudge-keys';
import { snoozeUntil } from '../engine/snooze';
import { type BackupV1, exportBackup, ImportStoppedError, importBackup, validateBackup } from '../store/backup';
import { addCoverage, ICS_SOURCE } from '../store/calendar-coverage';
import { mergeImportedPeople } from '../store/contact-merge';
import { setPromiseStatus } from '../store/contacts';
import { dataTables, type TendDB } from '../store/db';
import { historyTables } from '../store/histories';
import { deleteTouch, editTouch, logTouch, restoreTouch, type TouchResult } from '../store/manual-touches';
import { applyNudgeAction } from '../store/nudge-state';
import {
  checkRoom,
  FAILURE_TEXT,
  importBytes,
  noRoomWords,
  type SaveTeller,
  saveOrSay,
  writeTransaction,
} from '../store/quota';
import { getSettings } from '../store/settings';
import type { LayerDriver } from '../sync/driver';
import { daysWithin } from '../time/day-ranges';
import { resolveTimeZone } from '../time/zoned-time';
import { parseContactFile } from './contact-file';
import { parseIcs } from './ics';
import { forgetSelf, ingestCalendar, ingestGmail, mergeEvents, recordStartedMeetings } from './ingest';
import type { Handlers, Reply } from './messages';

/** The user-authored layer's driver as the handlers need it (lib/sync/driver.ts; absent in some tests). */
export type UserLayerControl = Pick<LayerDriver, 'edited' | 'status' | 'setSyncEnabled' | 'forget'>;

export interface RouterDeps {
  db: TendDB;
  now: () => number;
  /** Called after anything that may change the nudges (the background recomputes and re-plans alarms). */
  changed: () => void;
  /** "Catch up from Gmail" (it needs the browser's tabs: the background passes it in). */
  catchUp?: { start: (limit: number) => Promise<Reply>; stop: () => Promise<Reply>; status: () => Promise<Reply> };
  /** Keeps the safety copy of what the user wrote (and sync) up to date. */
  layer?: UserLayerControl;
  /** What the disk has room for (`navigator.storage.estimate()`); absent, imports are not checked first. */
  estimate?: () => Promise<{ usage?: number; quota?: number } | undefined>;
  /** Where failed saves are told (the banners read them) and cleared once a save of that kind succeeds. */
  saves?: SaveTeller;
}

/** How much a validated backup will take on disk. */
function backupBytes(b: BackupV1): number {
  let threadMessages = 0;
  for (const t of b.threads) threadMessages += t.messages.length;
  return importBytes({
    contacts: b.contacts.length,
    interactions: b.interactions.length,
    threads: b.threads.length,
    threadMessages,
    events: b.events.length,
    promises: b.promises.length,
    nudgeState: b.nudgeState.length,
  });
}

const ICS_PAST_DAYS = 365;
const ICS_FUTURE_DAYS = 90;

export function createHandlers({ db, now, changed, catchUp, estimate, saves, layer }: RouterDeps): Handlers {
  /** A capture written, or the reply that keeps it in the content script's queue (the disk is full). */
  const captured = <T>(write: () => Promise<T>, what: string) => saveOrSay('capture', write, saves, now, what);
  /** A change to a person or a nudge the user made, or the reply that says it was not saved. */
  const personChange = <T>(write: () => Promise<T>) => saveOrSay('contact', write, saves, now);

  const edited = () => layer?.edited();
  /** A touch logged by hand written (logged, edited, deleted, put back): the store's refusal in words. */
  const touchChange = async (write: () => Promise<TouchResult>, notDone: string): Promise<Reply> => {
    const saved = await personChange(write);
    if (!saved.ok) return saved;
    const r = saved.value;
    if (!r.ok) return { ok: false, error: r.errors[0] ?? notDone, errors: r.errors };
    changed();
    // The user's writing: the safety copy and sync carry it (lib/store/user-layer.ts).
    edited();
    return { ok: true, key: r.key };
  };
  return {
    'capture-gmail': async ({ capture }, sender) => {
      const r = await captured(
        () =>
          ingestGmail(
            db,
            capture,
            now(),
            sender.tabId !== undefined ? { tabId: sender.tabId, url: sender.url ?? '' } : undefined,
          ),
        `a Gmail capture (${capture.rows.length} rows${capture.thread ? ' and an open thread' : ''}), kept in the Gmail tab until there is room`,
      );
      if (!r.ok) return r;
      if (r.value.stored) changed();
      return { ok: true, ...r.value };
    },
    'capture-calendar': async ({ capture }) => {
      const r = await captured(
        () => ingestCalendar(db, capture, now()),
        'a Calendar capture, kept in the Calendar tab until there is room',
      );
      if (!r.ok) return r;
      if (r.value.stored) changed();
      return { ok: true, ...r.value };
    },
    export: async () => ({ ok: true, backup: await exportBackup(db, now()) }),
    import: async ({ backup, force }) => {
      const v = validateBackup(backup);
      if (!v.ok) return { ok: false, error: 'the backup was not imported: nothing was changed', errors: v.errors };
      if (!force && estimate) {
        const room = checkRoom(backupBytes(v.backup), await estimate().catch(() => undefined));
        if (!room.ok) {
          return {
            ok: false,
            reason: 'no-room',
            error: `the backup was not imported: ${noRoomWords(room)}. Nothing was changed.`,
            need: room.need,
            free: room.free,
          };
        }
      }
      try {
        const counts = await importBackup(db, v.backup, now());
        saves?.saved('import');
        changed();
        edited();
        return { ok: true, counts };
      } catch (e) {
        if (!(e instanceof ImportStoppedError)) throw e;
        saves?.failed({ kind: 'import', reason: e.reason, notSaved: `${e.notSaved} of an import`, at: now() });
        changed();
        return {
          ok: false,
          reason: e.reason,
          error: `${FAILURE_TEXT[e.reason]}. The import stopped at a clean point: what was there before is intact, and importing the same file again carries on.`,
          saved: e.saved,
          notSaved: e.notSavedCounts,
        };
      }
    },
    'import-ics': async ({ text }) => {
      const t = now();
      const window = { from: t - ICS_PAST_DAYS * 86_400_000, to: t + ICS_FUTURE_DAYS * 86_400_000 };
      const r = parseIcs(text, { now: new Date(t), from: new Date(window.from), to: new Date(window.to) });
      if (!r.ok)
        return { ok: false, error: 'the calendar file was not imported: nothing was changed', errors: r.errors };
      // The events and the meetings they make (guests who are people, events already begun) in one transaction.
      const meetings = await writeTransaction(
        db,
        [db.events, db.contacts, ...historyTables(db), db.kv],
        'a calendar file',
        async () => {
          await mergeEvents(db, r.events);
          // The whole days of what the file covers that the window expanded in full (its edge days only in part).
          const zone = resolveTimeZone((await getSettings(db)).timeZone);
          const covered = r.covers && daysWithin(r.covers, window, zone);
          if (covered) await addCoverage(db, ICS_SOURCE, [covered]);
          return recordStartedMeetings(db, t, ICS_PAST_DAYS * 86_400_000);
        },
      );
      changed();
      return { ok: true, counts: { events: r.events.length, skipped: r.skipped, meetings } };
    },
    'import-contacts': async ({ text, fileName }) => {
      const r = parseContactFile(text, fileName);
      if (!r.ok) return { ok: false, error: 'the contacts were not imported: nothing was changed', errors: r.errors };
      if (r.people.length === 0 && r.skipped.noEmail + r.skipped.unreadable === 0)
        return { ok: false, error: `${fileName} lists nobody: nothing was changed`, errors: [] };
      const counts = await mergeImportedPeople(db, r.people, now());
      changed();
      // Notes, key dates, other addresses and joins are the user's: the safety copy and sync carry them.
      edited();
      return { ok: true, kind: r.kind, counts, noEmail: r.skipped.noEmail, unreadable: r.skipped.unreadable };
    },
    'catch-up-start': async ({ limit }) =>
      catchUp ? catchUp.start(limit) : { ok: false, error: 'catching up from Gmail is not available here' },
    'catch-up-stop': async () => (catchUp ? catchUp.stop() : { ok: true }),
    'catch-up-status': async () => (catchUp ? catchUp.status() : { ok: true, running: false }),
    'nudge-action': async (msg) => {
      const t = now();
      const until = msg.until ?? (msg.for ? snoozeUntil(msg.for, t, (await getSettings(db)).timeZone) : undefined);
      // The nudge's state and, for a promise, the promise itself: saved together or not at all.
      const r = await personChange(() =>
        writeTransaction(db, [db.nudgeState, db.promises], `your ${msg.action} on a nudge`, async () => {
          const state = await applyNudgeAction(db, { ...msg, until }, t);
          // A promise closed from the popup or a notice is kept, wherever it is shown (the sidebar lists open ones).
          const about = parseNudgeKey(msg.key);
          if (msg.action === 'done' && about.kind === 'promise') await setPromiseStatus(db, about.id, 'done');
          return state;
        }),
      );
      if (!r.ok) return r;
      changed();
      edited();
      return { ok: true, state: r.value };
    },
    'log-touch': async ({ contact, kind, at, note, key }) => {
      const extra = note !== undefined ? { note } : {};
      // An edit without a kind keeps the touch's own; a new touch must say what it was.
      const write = key
        ? () => editTouch(db, contact, key, { ...(kind ? { kind } : {}), at, ...extra }, now())
        : kind
          ? () => logTouch(db, contact, { kind, at, ...extra }, now())
          : null;
      if (!write) return { ok: false, error: 'Say what the touch was: a call, coffee, meeting, message or event.' };
      return touchChange(write, 'the touch was not saved');
    },
    'restore-touch': ({ contact, touch }) =>
      touchChange(() => restoreTouch(db, contact, touch, now()), 'the touch was not put back'),
    'delete-touch': ({ contact, key }) =>
      touchChange(() => deleteTouch(db, contact, key, now()), 'the touch was not deleted'),
    'delete-all': async () => {
      const clear = () =>
        writeTransaction(db, dataTables(db), 'deleting all data', () =>
          Promise.all(dataTables(db).map((t) => t.clear())),
        );
      // The safety copy would bring it all back at the next start; sync is switched off in this browser. Both in
      // one turn of the layer's queue, so that no pass of it runs between the two.
      if (layer) await layer.forget(async () => void (await clear()));
      else await clear();
      changed();
      return { ok: true };
    },
    refresh: async () => {
      // Sent after the settings are saved: an address the user now calls theirs leaves the contacts.
      await forgetSelf(db);
      changed();
      edited();
      return { ok: true };
    },
    edited: async () => {
      edited();
      return { ok: true };
    },
    'sync-status': async () =>
      layer ? { ok: true, status: await layer.status() } : { ok: false, error: 'sync is not available here' },
    'sync-enable': async ({ on }) =>
      layer ? { ok: true, status: await layer.setSyncEnabled(on) } : { ok: false, error: 'sync is not available here' },
    ping: async () => ({ ok: true, at: now() }),
  };
}
