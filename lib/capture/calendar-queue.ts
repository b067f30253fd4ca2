/**
 * What the Calendar content script still has to deliver. A scan becomes a batch only when it shows something
 * new (a chip, a label, the range of days shown or a dialog guest list not yet acknowledged, or a change of page
 * health);
 * lib/capture/delivery.ts keeps every batch until the background acknowledges it.
 */

import type { CalendarCapture } from '../ingest/raw';
import type { CalendarPage } from './calendar-extract';
import { Delivery, type DeliveryDeps } from './delivery';

export interface CalendarQueueDeps extends DeliveryDeps<CalendarCapture> {
  newId: () => string;
}

/** Fingerprints remembered as acknowledged; the oldest are forgotten past this (re-sending is harmless). */
const ACKED_MAX = 10_000;

const chipPrint = (c: CalendarPage['chips'][number]) => `c|${c.eventIdRaw}|${c.label}|${c.columnDate ?? ''}`;

function fingerprints(page: CalendarPage): string[] {
  const out = page.chips.map(chipPrint);
  if (page.shown) out.push(`s|${page.shown.from}|${page.shown.to}`);
  if (page.dialog) out.push(`d|${page.dialog.eventIdRaw ?? ''}|${page.dialog.guests.map((g) => g.email).join(',')}`);
  return out;
}

/** A CalendarCapture queue: what is new becomes a batch, delivered until acknowledged (lib/capture/delivery.ts). */
export class CalendarQueue extends Delivery<CalendarCapture> {
  private lastHealth = '';

  private readonly newId: () => string;

  constructor(deps: CalendarQueueDeps) {
    super(deps, ACKED_MAX);
    this.newId = deps.newId;
  }

  /** Offers a fresh scan: queues what is new, then (re)sends everything pending. */
  offer(page: CalendarPage, meta: { account: string; lang: string }): void {
    if (this.isStopped) return;
    const known = this.knownPrints();
    const fresh = new Set(fingerprints(page).filter((p) => !known(p)));
    const health = `${page.health.recognised}|${page.health.hasContent}|${page.health.problem ?? ''}`;
    if (fresh.size > 0 || health !== this.lastHealth) {
      this.lastHealth = health;
      const chips = page.chips.filter((c) => fresh.has(chipPrint(c)));
      const capture: CalendarCapture = {
        batchId: this.newId(),
        account: meta.account,
        view: page.view.slice(0, 50),
        lang: meta.lang.slice(0, 40),
        // a dialog batch carries every chip so the background can place the guests' meeting in time
        chips: page.dialog && [...fresh].some((p) => p.startsWith('d|')) ? page.chips : chips,
        health: page.health,
      };
      if (page.dialog) capture.dialog = page.dialog;
      if (page.shown) capture.shown = page.shown;
      this.enqueue(capture.batchId, capture, [...fresh]);
    } else this.flush();
  }
}
