/**
 * Gmail content script: watches what the user sees and sends raw records to the background.
 *
 * Small and cheap on purpose: it imports only the extractor and selectors (no zod, no date library), scans after
 * Gmail settles (debounced, with a maximum wait), observes only the main region, and stops when the extension
 * context goes away. It never injects page-world scripts and never writes page data as HTML.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { debounce } from '../../lib/capture/delivery';
import { detectAccount, scanGmailPage } from '../../lib/capture/gmail-extract';
import { CaptureQueue } from '../../lib/capture/gmail-queue';
import { MAIN, MESSAGE_ID_ATTR, MESSAGE_LEGACY_ID_ATTR, OLDER_BUTTON } from '../../lib/capture/gmail-selectors';

const DEBOUNCE_MS = 400;
const MAX_WAIT_MS = 2_000;
/** While the title does not name the account yet, wait this long between tries, at most ACCOUNT_TRIES times. */
const ACCOUNT_RETRY_MS = 1_000;
const ACCOUNT_TRIES = 10;

/** Attributes whose change means new information (ids arriving on a just-sent reply, dates, people). */
const WATCHED_ATTRIBUTES = [
  MESSAGE_ID_ATTR,
  MESSAGE_LEGACY_ID_ATTR,
  'data-thread-id',
  'data-legacy-thread-id',
  'title',
  'email',
];

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    let account = '';
    let accountTries = 0;
    const later = (fn: () => void, ms: number) => ctx.setTimeout(fn, ms);
    const queue = new CaptureQueue({
      send: (capture) => browser.runtime.sendMessage({ type: 'capture-gmail', capture }),
      newId: () => crypto.randomUUID(),
      schedule: later,
    });

    const timers = { setTimeout: later, now: () => performance.now() };
    const poke = debounce(() => scan(), timers, { delayMs: DEBOUNCE_MS, maxWaitMs: MAX_WAIT_MS });

    // Observe every main region (Gmail may keep several views in the DOM), else the body until one exists.
    const observer = new MutationObserver(() => poke());
    let observed: Element[] = [];
    const observe = () => {
      const mains = Array.from(document.querySelectorAll(MAIN));
      const targets = mains.length > 0 ? mains : document.body ? [document.body] : [];
      if (targets.length === observed.length && targets.every((t, i) => t === observed[i])) return;
      observer.disconnect();
      for (const t of targets) {
        observer.observe(t, { childList: true, subtree: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
      }
      observed = targets;
    };

    const scan = () => {
      if (ctx.isInvalid) return;
      observe();
      if (!account) account = detectAccount(document);
      if (!account && accountTries < ACCOUNT_TRIES) {
        // Keys include the account: wait for Gmail to name it rather than record rows under "u/<n>".
        accountTries++;
        poke(ACCOUNT_RETRY_MS);
        return;
      }
      queue.offer(scanGmailPage(document, location.href, account), location.pathname + location.hash);
    };

    // "Catch up from Gmail": the background walks Sent's pages by hash, as a user pressing Older would, and asks
    // what each page shows (lib/ingest/catch-up.ts). Nothing but the hash is touched.
    browser.runtime.onMessage.addListener((msg: { catchUp?: string }, _, reply) => {
      if (typeof msg?.catchUp !== 'string') return;
      if (msg.catchUp) location.hash = msg.catchUp;
      // [where the tab is, what it shows, the Older button's aria-disabled (null: no button)]
      reply([
        location.hash,
        scanGmailPage(document, location.href, account),
        document.querySelector(OLDER_BUTTON)?.getAttribute('aria-disabled') ?? null,
      ]);
    });

    const moved = () => poke();
    ctx.addEventListener(window, 'hashchange', moved);
    ctx.addEventListener(window, 'wxt:locationchange', moved);
    ctx.onInvalidated(() => {
      observer.disconnect();
      queue.stop();
    });
    observe();
    poke();
  },
});
