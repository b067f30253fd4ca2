import { browser } from 'wxt/browser';
import { type CatchUpProgress, runCatchUp, saveCatchUp, settleCatchUp } from '@/lib/ingest/catch-up';
import { ingestGmail } from '@/lib/ingest/ingest';
import type { Reply } from '@/lib/ingest/messages';
import type { TendDB } from '@/lib/store/db';
import type { SaveTeller } from '@/lib/store/quota';

export const GMAIL_URL = 'https://mail.google.com/*';

/**
 * "Catch up from Gmail", wired to the browser: the Gmail tab, its content script, the store. One walk at a time.
 * Whether a walk runs is known only here; what a saved walk with none behind it becomes is lib's (settleCatchUp).
 */
export function createCatchUp(db: TendDB, changed: () => void, saves?: SaveTeller) {
  let running = false;
  let stop = false;
  /** How this background's last walk ended: the truth when its last save was refused. */
  let ended: CatchUpProgress | undefined;
  const settle = () => settleCatchUp(db, { walking: () => running, ended, now: Date.now(), saves });
  /** With no walk running: a saved `running` settled, and what the progress says now when it was stale. */
  const idle = async (): Promise<Reply> => {
    const progress = await settle();
    return progress ? { ok: true, running: false, progress } : { ok: true, running: false };
  };
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
          save: (p) => saveCatchUp(db, p),
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
          now: Date.now,
          stopRequested: () => stop,
          newId: () => crypto.randomUUID(),
          saves,
        },
        limit,
      )
        .then((end) => {
          ended = end;
        })
        .catch((e) => console.error('Tend: catch-up', e))
        // Summaries follow each page; nudges are recomputed once, at the end.
        .finally(() => {
          running = false;
          changed();
        });
      return { ok: true, tabId };
    },
    /** Stops the walk after its page; with none running, a saved `running` is settled and answered. */
    stop: async (): Promise<Reply> => {
      if (running) {
        stop = true;
        return { ok: true, running: true };
      }
      return idle();
    },
    /**
     * Whether a walk runs, asked by Options when the store says one does: a walk whose settling at the
     * background's start could not be saved (a full disk) shows as what it is, not as running until Stop.
     */
    status: async (): Promise<Reply> => (running ? { ok: true, running: true } : idle()),
    /** At the background's start: a walk saved as running belongs to a background that is gone. */
    settle,
  };
}
