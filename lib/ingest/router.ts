/**
 * The background's message handlers, one per message type. Runtime-free: the background passes in the
 * database, the clock and what to do after a change, so tests drive the same handlers.
 */

import { parseNudgeKey } from '../engine/nudge-keys';
import { snoozeUntil } from '../engine/snooze';
import { exportBackup, importBackup, validateBackup } from '../store/backup';
import { mergeImportedPeople } from '../store/contact-merge';
import { setPromiseStatus } from '../store/contacts';
import { dataTables, type TendDB } from '../store/db';
import { applyNudgeAction } from '../store/nudge-state';
import { getSettings } from '../store/settings';
import { type TabView, tabKey } from '../store/tab-view';
import type { LayerDriver } from '../sync/driver';
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
  catchUp?: { start: (limit: number) => Promise<Reply>; stop: () => Promise<Reply> };
  /** Keeps the safety copy of what the user wrote (and sync) up to date. */
  layer?: UserLayerControl;
}

const ICS_PAST_DAYS = 365;
const ICS_FUTURE_DAYS = 90;

export function createHandlers({ db, now, changed, catchUp, layer }: RouterDeps): Handlers {
  const edited = () => layer?.edited();
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
      edited();
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
    'import-contacts': async ({ text, fileName }) => {
      const r = parseContactFile(text, fileName);
      if (!r.ok) return { ok: false, error: 'the contacts were not imported: nothing was changed', errors: r.errors };
      if (r.people.length === 0 && r.skipped.noEmail + r.skipped.unreadable === 0)
        return { ok: false, error: `${fileName} lists nobody: nothing was changed`, errors: [] };
      const counts = await mergeImportedPeople(db, r.people, now());
      changed();
      return { ok: true, kind: r.kind, counts, noEmail: r.skipped.noEmail, unreadable: r.skipped.unreadable };
    },
    'catch-up-start': async ({ limit }) =>
      catchUp ? catchUp.start(limit) : { ok: false, error: 'catching up from Gmail is not available here' },
    'catch-up-stop': async () => (catchUp ? catchUp.stop() : { ok: true }),
    'nudge-action': async (msg) => {
      const t = now();
      const until = msg.until ?? (msg.for ? snoozeUntil(msg.for, t, (await getSettings(db)).timeZone) : undefined);
      const state = await applyNudgeAction(db, { ...msg, until }, t);
      // A promise closed from the popup or a notice is kept, wherever it is shown (the sidebar lists open ones).
      const about = parseNudgeKey(msg.key);
      if (msg.action === 'done' && about.kind === 'promise') await setPromiseStatus(db, about.id, 'done');
      changed();
      edited();
      return { ok: true, state };
    },
    'delete-all': async () => {
      await db.transaction('rw', dataTables(db), () => Promise.all(dataTables(db).map((t) => t.clear())));
      // The safety copy would bring it all back at the next start; sync is switched off in this browser.
      await layer?.forget();
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
