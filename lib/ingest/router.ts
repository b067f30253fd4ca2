/**
 * The background's message handlers, one per message type. Runtime-free: the background passes in the
 * database, the clock and what to do after a change, so tests drive the same handlers.
 */

import { parseNudgeKey } from '../engine/nudge-keys';
import { snoozeUntil } from '../engine/snooze';
import { exportBackup, importBackup, validateBackup } from '../store/backup';
import { setPromiseStatus } from '../store/contacts';
import { dataTables, type TendDB } from '../store/db';
import { deleteTouch, editTouch, logTouch } from '../store/manual-touches';
import { applyNudgeAction } from '../store/nudge-state';
import { getSettings } from '../store/settings';
import { type TabView, tabKey } from '../store/tab-view';
import { parseIcs } from './ics';
import { forgetSelf, ingestCalendar, ingestGmail, mergeEvents, recordStartedMeetings } from './ingest';
import type { Handlers } from './messages';

export interface RouterDeps {
  db: TendDB;
  now: () => number;
  /** Called after anything that may change the nudges (the background recomputes and re-plans alarms). */
  changed: () => void;
}

const ICS_PAST_DAYS = 365;
const ICS_FUTURE_DAYS = 90;

export function createHandlers({ db, now, changed }: RouterDeps): Handlers {
  return {
    'capture-gmail': async ({ capture }, sender) => {
      const r = await ingestGmail(db, capture, now());
      if (sender.tabId !== undefined) {
        // What the sidebar follows: the thread open in this Gmail tab, if any.
        await db.kv.put({
          key: tabKey(sender.tabId),
          value: {
            url: sender.url ?? '',
            account: r.account,
            threadKey: r.threadKey,
            people: r.people,
            at: now(),
          } satisfies TabView,
        });
      }
      if (r.stored) changed();
      return { ok: true, ...r };
    },
    'capture-calendar': async ({ capture }) => {
      const r = await ingestCalendar(db, capture, now());
      if (r.stored) changed();
      return { ok: true, ...r };
    },
    export: async () => ({ ok: true, backup: await exportBackup(db, now()) }),
    import: async ({ backup }) => {
      const v = validateBackup(backup);
      if (!v.ok) return { ok: false, error: 'the backup was not imported: nothing was changed', errors: v.errors };
      const counts = await importBackup(db, v.backup, now());
      changed();
      return { ok: true, counts };
    },
    'import-ics': async ({ text }) => {
      const t = now();
      const r = parseIcs(text, {
        now: new Date(t),
        from: new Date(t - ICS_PAST_DAYS * 86_400_000),
        to: new Date(t + ICS_FUTURE_DAYS * 86_400_000),
      });
      if (!r.ok)
        return { ok: false, error: 'the calendar file was not imported: nothing was changed', errors: r.errors };
      // The events and the meetings they make (guests who are people, events already begun) in one transaction.
      const meetings = await db.transaction('rw', [db.events, db.contacts, db.histories, db.kv], async () => {
        await mergeEvents(db, r.events);
        return recordStartedMeetings(db, t, ICS_PAST_DAYS * 86_400_000);
      });
      changed();
      return { ok: true, counts: { events: r.events.length, skipped: r.skipped, meetings } };
    },
    'nudge-action': async (msg) => {
      const t = now();
      const until = msg.until ?? (msg.for ? snoozeUntil(msg.for, t, (await getSettings(db)).timeZone) : undefined);
      const state = await applyNudgeAction(db, { ...msg, until }, t);
      // A promise closed from the popup or a notice is kept, wherever it is shown (the sidebar lists open ones).
      const about = parseNudgeKey(msg.key);
      if (msg.action === 'done' && about.kind === 'promise') await setPromiseStatus(db, about.id, 'done');
      changed();
      return { ok: true, state };
    },
    'log-touch': async ({ contact, kind, at, note, key }) => {
      const touch = { kind, at, ...(note !== undefined ? { note } : {}) };
      const r = key ? await editTouch(db, contact, key, touch, now()) : await logTouch(db, contact, touch, now());
      if (!r.ok) return { ok: false, error: r.errors[0] ?? 'the touch was not saved', errors: r.errors };
      changed();
      return { ok: true, key: r.key };
    },
    'delete-touch': async ({ contact, key }) => {
      const r = await deleteTouch(db, contact, key, now());
      if (!r.ok) return { ok: false, error: r.errors[0] ?? 'the touch was not deleted', errors: r.errors };
      changed();
      return { ok: true };
    },
    'delete-all': async () => {
      await db.transaction('rw', dataTables(db), () => Promise.all(dataTables(db).map((t) => t.clear())));
      changed();
      return { ok: true };
    },
    refresh: async () => {
      // Sent after the settings are saved: an address the user now calls theirs leaves the contacts.
      await forgetSelf(db);
      changed();
      return { ok: true };
    },
    ping: async () => ({ ok: true, at: now() }),
  };
}
