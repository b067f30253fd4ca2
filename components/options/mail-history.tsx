import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { MboxImport } from '@/components/mbox-import';
import { unfinishedMboxImports } from '@/lib/ingest/mbox-import';
import { getDb } from '@/lib/store/db';
import { startMboxImport } from './mbox-runner';

/** Options' "Mail history" card: the .mbox import, run in its own worker. */
export function MailHistory() {
  const unfinished = useLiveQuery(() => unfinishedMboxImports(getDb()), []);
  // The popup's welcome links here (#mail-history): the card is drawn after load, so scroll to it then.
  useEffect(() => {
    if (location.hash === '#mail-history') document.getElementById('mail-history')?.scrollIntoView();
  }, []);
  return <MboxImport start={startMboxImport} unfinished={unfinished ?? []} />;
}
