/**
 * What the Calendar content script still has to deliver. A scan becomes a batch only when it shows something
 * new (a chip, a label or a dialog guest list not yet acknowledged, or a change of page health). Each batch
 * stays until the background answers `{ ok: true }` and is re-sent (same batchId) after a growing delay and on
 * the next scan, so a service-worker restart loses nothing.
 */

import type { CalendarPage } from '../../lib/capture/calendar-extract';
import type { CalendarCapture } from '../../lib/ingest/raw';

export interface CalendarQueueDeps {
  send: (capture: CalendarCapture) => Promise<unknown>;
  newId: () => string;
  schedule: (fn: () => void, ms: number) => void;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;
const ACKED_MAX = 10_000;

function fingerprints(page: CalendarPage): string[] {
  const out = page.chips.map((c) => `c|${c.eventIdRaw}|${c.label}|${c.columnDate ?? ''}`);
  if (page.dialog) out.push(`d|${page.dialog.eventIdRaw ?? ''}|${page.dialog.guests.map((g) => g.email).join(',')}`);
  return out;
}

export class CalendarQueue {
  private readonly acked = new Set<string>();
  private readonly pending = new Map<string, { capture: CalendarCapture; prints: string[] }>();
  private readonly inFlight = new Set<string>();
  private lastHealth = '';
  private retryMs = RETRY_MIN_MS;
  private retryScheduled = false;
  private stopped = false;

  constructor(private readonly deps: CalendarQueueDeps) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Offers a fresh scan: queues what is new, then (re)sends everything pending. */
  offer(page: CalendarPage, meta: { account: string; lang: string }): void {
    if (this.stopped) return;
    const waiting = new Set([...this.pending.values()].flatMap((b) => b.prints));
    const prints = fingerprints(page);
    const fresh = new Set(prints.filter((p) => !this.acked.has(p) && !waiting.has(p)));
    const health = `${page.health.recognised}|${page.health.hasContent}|${page.health.problem ?? ''}`;
    if (fresh.size > 0 || health !== this.lastHealth) {
      this.lastHealth = health;
      const chips = page.chips.filter((c) => fresh.has(`c|${c.eventIdRaw}|${c.label}|${c.columnDate ?? ''}`));
      const capture: CalendarCapture = {
        batchId: this.deps.newId(),
        account: meta.account,
        view: page.view.slice(0, 50),
        lang: meta.lang.slice(0, 40),
        // a dialog batch carries every chip so the background can place the guests' meeting in time
        chips: page.dialog && [...fresh].some((p) => p.startsWith('d|')) ? page.chips : chips,
        health: page.health,
      };
      if (page.dialog) capture.dialog = page.dialog;
      this.pending.set(capture.batchId, { capture, prints: [...fresh] });
    }
    this.flush();
  }

  stop(): void {
    this.stopped = true;
  }

  private flush(): void {
    for (const [id, batch] of this.pending) {
      if (this.inFlight.has(id)) continue;
      this.inFlight.add(id);
      this.deps
        .send(batch.capture)
        .then((reply) => {
          this.inFlight.delete(id);
          if ((reply as { ok?: unknown } | undefined)?.ok === true) {
            this.pending.delete(id);
            for (const p of batch.prints) this.acked.add(p);
            if (this.acked.size > ACKED_MAX) this.acked.clear();
            this.retryMs = RETRY_MIN_MS;
          } else this.retryLater();
        })
        .catch(() => {
          this.inFlight.delete(id);
          this.retryLater();
        });
    }
  }

  private retryLater(): void {
    if (this.stopped || this.retryScheduled || this.pending.size === 0) return;
    this.retryScheduled = true;
    const ms = this.retryMs;
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
    this.deps.schedule(() => {
      this.retryScheduled = false;
      this.flush();
    }, ms);
  }
}
