import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { HealthBanner } from '@/components/health-banner';
import { downloadText, send } from '@/components/runtime';
import { PEOPLE_PAGE_PATH } from '@/lib/core/pages';
import { DELETE_ALL_CONFIRMATION } from '@/lib/ingest/messages';
import { getDb } from '@/lib/store/db';
import { allHealth } from '@/lib/store/health';
import { getSettings, saveSettings } from '@/lib/store/settings';
import { dataCounts } from './counts';
import { BackupSection, CalendarImport, DeleteAll, HealthSection } from './data-section';
import { SettingsForm } from './settings-form';

/** Tend's settings and data: rhythms, hours, notifications, addresses, ignore rules, import, backup, delete. */
export function App() {
  const db = getDb();
  // Bumped after "Delete all data", so the form starts again from what is stored (the defaults).
  const [generation, setGeneration] = useState(0);
  const settings = useLiveQuery(() => getSettings(db), []);
  const health = useLiveQuery(() => allHealth(db), []);
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
      <HealthBanner health={health} />
      <main>
        {settings ? (
          <SettingsForm
            key={generation}
            settings={settings}
            onSave={async (next) => {
              const r = await saveSettings(db, next);
              if (!r.ok) return r;
              await send({ type: 'refresh' });
              return { ok: true };
            }}
          />
        ) : null}
        <CalendarImport onImport={(text) => send({ type: 'import-ics', text })} />
        <BackupSection
          onExport={() => send({ type: 'export' })}
          onImport={(backup) => send({ type: 'import', backup })}
          save={(name, text) => downloadText(name, text, 'application/json')}
        />
        <HealthSection health={health} />
        <DeleteAll
          loadCounts={() => dataCounts(db)}
          onDelete={async () => {
            const r = await send({ type: 'delete-all', confirm: DELETE_ALL_CONFIRMATION });
            if (r.ok) setGeneration((g) => g + 1);
            return r;
          }}
        />
      </main>
    </div>
  );
}
