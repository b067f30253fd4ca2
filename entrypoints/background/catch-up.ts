import { browser } from 'wxt/browser';
import { CATCH_UP_KEY, type CatchUpProgress, runCatchUp } from '@/lib/ingest/catch-up';
import { ingestGmail } from '@/lib/ingest/ingest';
import type { Reply } from '@/lib/ingest/messages';
import type { TendDB } from '@/lib/store/db';
import { writeTransaction } from '@/lib/store/quota';

export const GMAIL_URL = 'https://mail.google.com/*';

/** "Catch up from Gmail", wired to the browser: the Gmail tab, its content script, the store. One walk at a time. */
export function createCatchUp(db: TendDB, changed: () => void) {
  let running = false;
  let stop = false;
  return {
    start: async (limit: number): Promise<Reply> => {
      if (running) return { ok: false, error: 'Tend is already catching up from Gmail' };
      const tabs = await browser.tabs.query({ url: GMAIL_URL });
      const tab = tabs.find((t) => t.active) ?? tabs[0];
      if (tab?.id === undefined) return { ok: false, error: 'Open Gmail first', noGmail: true } as Reply;
      const tabId = tab.id;
      running = true;
      stop = false;
      void runCatchUp(
        {
          ask: (hash) => browser.tabs.sendMessage(tabId, { catchUp: hash ?? '' }),
          ingest: async (capture) => ingestGmail(db, capture, Date.now()),
          save: async (p: CatchUpProgress) => {
            await writeTransaction(db, [db.kv], 'the progress of catching up', () =>
              db.kv.put({ key: CATCH_UP_KEY, value: p }),
            );
          },
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
          now: Date.now,
          stopRequested: () => stop,
          newId: () => crypto.randomUUID(),
        },
        limit,
      )
        .catch((e) => console.error('Tend: catch-up', e))
        // Summaries follow each page; nudges are recomputed once, at the end.
        .finally(() => {
          running = false;
          changed();
        });
      return { ok: true, tabId };
    },
    stop: async (): Promise<Reply> => {
      stop = true;
      return { ok: true, running };
    },
  };
}
