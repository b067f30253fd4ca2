import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { unfinishedMboxImports } from '@/lib/ingest/mbox-import';
import { getDb } from '@/lib/store/db';
import { send } from '../runtime';
import { clearSaveFailure, noteSaveFailure } from '../save-failures';
import { MboxImport, type StartMboxImport } from './mbox-import';

/**
 * A mailbox import that stops short of a full disk is also said where the user looks (the popup's and Options'
 * save-failure banner, which outlives a restart); one that finishes clears it. However it ended, what it wrote
 * is told to the background (`refresh`): the addresses it learnt as the user's leave the contacts, the
 * notifications are planned again, and the safety copy and sync take the people it added.
 */
function withBanner(start: StartMboxImport): StartMboxImport {
  return (file, onProgress) => {
    const run = start(file, onProgress);
    run.result.then(
      (r) => {
        void send({ type: 'refresh' });
        if (r.ok) void clearSaveFailure('import').catch(() => undefined);
        else if (!r.cancelled && r.reason === 'disk-full')
          void noteSaveFailure({
            kind: 'import',
            reason: 'disk-full',
            notSaved: `the rest of ${file.name} (an import; choose the same file to carry on once there is room)`,
            at: Date.now(),
          }).catch(() => undefined);
      },
      () => undefined,
    );
    return run;
  };
}

/** Options' "Mail history" card: the .mbox import (`start` runs it in its own worker), with unfinished imports. */
export function MailHistory({ start }: { start: StartMboxImport }) {
  const unfinished = useLiveQuery(() => unfinishedMboxImports(getDb()), []);
  // The popup's welcome links here (#mail-history): the card is drawn after load, so scroll to it then.
  useEffect(() => {
    if (location.hash === '#mail-history') document.getElementById('mail-history')?.scrollIntoView();
  }, []);
  return <MboxImport start={withBanner(start)} unfinished={unfinished ?? []} />;
}
