import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { unfinishedMboxImports } from '@/lib/ingest/mbox-import';
import { getDb } from '@/lib/store/db';
import { MboxImport, type StartMboxImport } from './mbox-import';

/** Options' "Mail history" card: the .mbox import (`start` runs it in its own worker), with unfinished imports. */
export function MailHistory({ start }: { start: StartMboxImport }) {
  const unfinished = useLiveQuery(() => unfinishedMboxImports(getDb()), []);
  // The popup's welcome links here (#mail-history): the card is drawn after load, so scroll to it then.
  useEffect(() => {
    if (location.hash === '#mail-history') document.getElementById('mail-history')?.scrollIntoView();
  }, []);
  return <MboxImport start={start} unfinished={unfinished ?? []} />;
}
