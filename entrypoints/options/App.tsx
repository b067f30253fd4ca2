import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { HealthBanner } from '@/components/health-banner';
import { forgetKeptScreens } from '@/components/kept-page';
import { CatchUpSection } from '@/components/options/catch-up-section';
import { ContactImport } from '@/components/options/contact-import';
import { BackupSection, CalendarImport, DeleteAll, HealthSection } from '@/components/options/data-section';
import { MailHistory } from '@/components/options/mail-history';
import { SettingsForm } from '@/components/options/settings-form';
import { downloadText, send, sendBackupFile, zoneOf } from '@/components/runtime';
import { LiveSaveFailureBanner } from '@/components/save-failure-banner';
import { clearSaveFailure, noteSaveFailure } from '@/components/save-failures';
import { StorageView } from '@/components/storage-view';
import { StoreBanner } from '@/components/store-banner';
import { SyncSection } from '@/components/sync-section';
import { PEOPLE_PAGE_PATH } from '@/lib/core/pages';
import { CATCH_UP_KEY, type CatchUpProgress } from '@/lib/ingest/catch-up';
import { DELETE_ALL_CONFIRMATION } from '@/lib/ingest/messages';
import { getDb } from '@/lib/store/db';
import { allHealth } from '@/lib/store/health';
import { saveOrSay } from '@/lib/store/quota';
import { getSettings, updateSettings } from '@/lib/store/settings';
import { dataCounts, storageFacts } from './counts';
import { startMboxImport } from './mbox-runner';

const loadStorage = () => storageFacts(getDb());
const loadSync = () => send({ type: 'sync-status' });
const toggleSync = (on: boolean) => send({ type: 'sync-enable', on });

/** Tend's settings and data: rhythms, hours, notifications, addresses, ignore rules, import, backup, delete. */
export function App() {
  const db = getDb();
  // Bumped after "Delete all data", so the form starts again from what is stored (the defaults).
  const [generation, setGeneration] = useState(0);
  const settings = useLiveQuery(() => getSettings(db), []);
  const health = useLiveQuery(() => allHealth(db), []);
  // The zone every date on the page is shown in (the saved setting; the browser's until it is read).
  const timeZone = zoneOf(settings?.timeZone);
  const catchUp = useLiveQuery(async () => (await db.kv.get(CATCH_UP_KEY))?.value as CatchUpProgress | undefined, []);
  return (
    <div className="page wide options">
      <header>
        <h1>Tend settings</h1>
        <p className="muted">Everything stays in this browser. Nothing is sent anywhere.</p>
        <p>
          <a href={PEOPLE_PAGE_PATH}>See everyone in the People view</a>
        </p>
      </header>
      {/* The same warning as the popup's, first: a layout change must not hide at the bottom of the page. */}
      <StoreBanner />
      <LiveSaveFailureBanner />
      <HealthBanner health={health} timeZone={timeZone} />
      <main>
        {settings ? (
          <SettingsForm
            key={generation}
            settings={settings}
            onSave={async (edit) => {
              // A refusal of the read-and-write as a whole (the room check) answers as one of the write's own.
              const saved = await saveOrSay('settings', () => updateSettings(db, edit), undefined, Date.now);
              const r = saved.ok ? saved.value : { ok: false as const, errors: [saved.error], reason: saved.reason };
              if (!r.ok && r.reason)
                await noteSaveFailure({
                  kind: 'settings',
                  reason: r.reason,
                  notSaved: 'your settings',
                  at: Date.now(),
                });
              if (!r.ok) return r;
              await clearSaveFailure('settings');
              await send({ type: 'refresh' });
              return { ok: true, settings: r.settings };
            }}
          />
        ) : null}
        <MailHistory start={startMboxImport} />
        <CatchUpSection
          progress={catchUp}
          onStart={(limit) => send({ type: 'catch-up-start', limit })}
          onStop={() => send({ type: 'catch-up-stop' })}
          onStatus={() => send({ type: 'catch-up-status' })}
        />
        <ContactImport onImport={(text, fileName) => send({ type: 'import-contacts', text, fileName })} />
        <CalendarImport onImport={(text) => send({ type: 'import-ics', text })} />
        <BackupSection
          onExport={() => send({ type: 'export' })}
          onImport={sendBackupFile}
          timeZone={timeZone}
          save={(name, text) => downloadText(name, text, 'application/json')}
        />
        <SyncSection load={loadSync} onToggle={toggleSync} timeZone={timeZone} />
        <HealthSection health={health} timeZone={timeZone} />
        <StorageView load={loadStorage} />
        <DeleteAll
          loadCounts={() => dataCounts(db)}
          onDelete={async () => {
            const r = await send({ type: 'delete-all', confirm: DELETE_ALL_CONFIRMATION });
            // The popup's and the People view's kept first screens name people too.
            if (r.ok) await forgetKeptScreens(localStorage, typeof caches === 'undefined' ? undefined : caches);
            if (r.ok) setGeneration((g) => g + 1);
            return r;
          }}
        />
      </main>
    </div>
  );
}
