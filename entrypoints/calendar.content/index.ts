/**
 * Google Calendar content script: reads the visible chips (and an open event's guests) and sends raw records to
 * the background, which parses the labels (lib/ingest/calendar-normalize.ts). Small on purpose: only the extractor and
 * selectors are imported (no zod, no date parsing here). Debounced; rescans on Calendar's in-app navigation;
 * stops when the extension context goes away.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { parseCalendarPage, readAccount } from '../../lib/capture/calendar-extract';
import { CalendarQueue } from '../../lib/capture/calendar-queue';
import { MAIN } from '../../lib/capture/calendar-selectors';
import { debounce } from '../../lib/capture/delivery';

const DEBOUNCE_MS = 400;
const MAX_WAIT_MS = 2_000;

export default defineContentScript({
  matches: ['https://calendar.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const queue = new CalendarQueue({
      send: (capture) => browser.runtime.sendMessage({ type: 'capture-calendar', capture }),
      newId: () => crypto.randomUUID(),
      schedule: (fn, ms) => {
        ctx.setTimeout(fn, ms);
      },
    });

    const scan = () => {
      if (ctx.isInvalid) return;
      observe();
      const page = parseCalendarPage(document, location.href);
      queue.offer(page, { account: readAccount(document), lang: document.documentElement.lang || '' });
    };
    const timers = { setTimeout: (fn: () => void, ms: number) => ctx.setTimeout(fn, ms), now: () => performance.now() };
    const poke = debounce(scan, timers, { delayMs: DEBOUNCE_MS, maxWaitMs: MAX_WAIT_MS });

    const observer = new MutationObserver(() => poke());
    let observed: Element | null = null;
    const observe = () => {
      const target = document.querySelector(MAIN)?.parentElement ?? document.body;
      if (!target || target === observed) return;
      observer.disconnect();
      // the event dialog is appended outside the main region: watch its parent, attributes that matter only
      observer.observe(target, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['data-eventid', 'aria-hidden', 'data-email'],
      });
      observed = target;
    };

    ctx.addEventListener(window, 'wxt:locationchange', () => poke());
    ctx.addEventListener(window, 'popstate', () => poke());
    ctx.onInvalidated(() => {
      observer.disconnect();
      queue.stop();
    });
    observe();
    poke();
  },
});
