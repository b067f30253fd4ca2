/**
 * How both content scripts deliver batches to the background, and how they wait for the page to settle.
 *
 * `Delivery`: every batch stays in memory until the background answers `{ ok: true }`; until then it is re-sent
 * (same batch id) on the next flush and after a growing delay (1 s doubling to 30 s), so a service worker
 * restarted mid-ingestion, or a store that could not save, loses nothing. Fingerprints of acknowledged records
 * are remembered so the same record is not sent twice; past `ackedMax` the oldest are forgotten (re-sending one
 * is harmless: the background counts each record once).
 *
 * `debounce`: a trailing debounce with a maximum wait, without re-arming a timer on every mutation.
 */

export interface DeliveryDeps<C> {
  send: (capture: C) => Promise<unknown>;
  /** Runs `fn` after `ms` (the content script passes `ctx.setTimeout`, cleared when the context dies). */
  schedule: (fn: () => void, ms: number) => void;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export class Delivery<C> {
  private readonly acked = new Set<string>();
  private readonly pending = new Map<string, { capture: C; prints: readonly string[] }>();
  private readonly inFlight = new Set<string>();
  private retryMs = RETRY_MIN_MS;
  private retryScheduled = false;
  private stopped = false;

  constructor(
    private readonly deps: DeliveryDeps<C>,
    private readonly ackedMax: number,
  ) {}

  /** Batches not yet acknowledged. */
  get pendingCount(): number {
    return this.pending.size;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Fingerprints acknowledged or waiting in a batch: what a new batch need not carry again. */
  knownPrints(): (print: string) => boolean {
    const waiting = new Set<string>();
    for (const b of this.pending.values()) for (const p of b.prints) waiting.add(p);
    return (p) => this.acked.has(p) || waiting.has(p);
  }

  /** Keeps a batch until it is acknowledged, then sends everything pending. */
  enqueue(id: string, capture: C, prints: readonly string[]): void {
    if (this.stopped) return;
    this.pending.set(id, { capture, prints });
    this.flush();
  }

  /** Sends every unacknowledged batch that is not already on its way. */
  flush(): void {
    if (this.stopped) return;
    for (const [id, batch] of this.pending) {
      if (this.inFlight.has(id)) continue;
      this.inFlight.add(id);
      this.deps
        .send(batch.capture)
        .then(
          (res) => (isOk(res) ? this.ack(id) : this.retryLater()),
          () => this.retryLater(),
        )
        .finally(() => this.inFlight.delete(id));
    }
  }

  /** Stops sending and retrying (the extension context is gone). */
  stop(): void {
    this.stopped = true;
  }

  private ack(id: string): void {
    const batch = this.pending.get(id);
    if (!batch) return;
    this.pending.delete(id);
    for (const p of batch.prints) this.acked.add(p);
    while (this.acked.size > this.ackedMax) {
      const oldest = this.acked.values().next().value;
      if (oldest === undefined) break;
      this.acked.delete(oldest);
    }
    this.retryMs = RETRY_MIN_MS;
  }

  private retryLater(): void {
    if (this.stopped || this.retryScheduled) return;
    this.retryScheduled = true;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.deps.schedule(() => {
      this.retryScheduled = false;
      this.flush();
    }, wait);
  }
}

function isOk(res: unknown): boolean {
  return (res as { ok?: unknown } | null | undefined)?.ok === true;
}

/**
 * A trailing debounce with a maximum wait: `poke()` asks for `run` `delay` ms after the last poke, but never
 * later than `maxWaitMs` after the first one of a burst. One timer at a time.
 */
export function debounce(
  run: () => void,
  timers: { setTimeout: (fn: () => void, ms: number) => unknown; now: () => number },
  { delayMs, maxWaitMs }: { delayMs: number; maxWaitMs: number },
): (delay?: number) => void {
  let armed = false;
  let due = 0;
  let deadline = 0;
  const tick = () => {
    const now = timers.now();
    const until = Math.min(due, deadline);
    if (now < until - 1) {
      timers.setTimeout(tick, until - now);
      return;
    }
    armed = false;
    run();
  };
  return (delay = delayMs) => {
    const now = timers.now();
    due = Math.max(due, now + delay);
    if (!armed) {
      armed = true;
      due = now + delay;
      deadline = now + Math.max(delay, maxWaitMs);
      timers.setTimeout(tick, delay);
    }
  };
}
