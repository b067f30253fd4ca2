/**
 * What the Gmail content script has to send, and what it may forget.
 *
 * Each scan is turned into a batch of only what is new (rows and threads whose fingerprint was neither
 * acknowledged nor already waiting). Every batch stays in memory until the background answers `{ ok: true }`;
 * until then it is re-sent (same batchId) on the next scan and after a growing retry delay, so a service worker
 * restarted mid-ingestion loses nothing.
 *
 * The background also keeps, per tab, which thread the tab shows (the sidebar follows it). So when the tab moves
 * to another place (a list it has already sent, or a thread seen before) and nothing there is new, a light batch
 * still says where the tab is: no rows, and the opened thread if there is one (ingesting it again adds nothing).
 */

import { type GmailScan, rowIdentity } from '../../lib/capture/gmail-extract';
import type { GmailCapture, GmailRowRaw, GmailThreadRaw, PageHealth } from '../../lib/ingest/raw';

export interface QueueDeps {
  send: (capture: GmailCapture) => Promise<unknown>;
  newId: () => string;
  /** Runs `fn` after `ms` (the content script passes `ctx.setTimeout`, cleared when the context dies). */
  schedule: (fn: () => void, ms: number) => void;
}

interface Batch {
  capture: GmailCapture;
  fingerprints: string[];
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** Fingerprints remembered as acknowledged; the oldest are forgotten past this (re-sending is harmless). */
const ACKED_MAX = 20_000;

export function rowFingerprint(scan: Pick<GmailScan, 'account' | 'accountIndex' | 'view'>, row: GmailRowRaw): string {
  const people = row.people.map((p) => p.email.toLowerCase()).join(',');
  const side = scan.view === 'sent' ? 's' : 'o';
  return `r|${scan.account}|${scan.accountIndex}|${side}|${rowIdentity(row)}|${row.dateTitle}|${people}`;
}

/** Changes when any message appears, expands, gains recipients or a body. */
export function threadFingerprint(scan: Pick<GmailScan, 'account' | 'accountIndex'>, thread: GmailThreadRaw): string {
  const parts = thread.messages.map(
    (m) =>
      `${m.legacyMessageId ?? ''}/${m.messageId ?? ''}/${m.dateTitle}/${m.from.email}/${m.expanded ? 1 : 0}/${m.to.length + m.cc.length}/${m.body?.length ?? 0}`,
  );
  return `t|${scan.account}|${scan.accountIndex}|${thread.legacyThreadId ?? thread.permId ?? thread.subject}|${parts.join(';')}`;
}

function healthKey(h: PageHealth): string {
  return `${h.recognised}|${h.hasContent}|${h.problem ?? ''}`;
}

export class CaptureQueue {
  private readonly acked = new Set<string>();
  private readonly pending = new Map<string, Batch>();
  private readonly inFlight = new Set<string>();
  private lastHealth = `true|false|`;
  /** Where the tab was when the last batch was made (undefined until one was). */
  private lastPlace: string | undefined;
  private retryMs = RETRY_MIN_MS;
  private retryScheduled = false;
  private stopped = false;

  constructor(private readonly deps: QueueDeps) {}

  /** Batches not yet acknowledged. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Queues what `scan` shows that is new, then sends every unacknowledged batch. `place` says where the tab is
   * (the URL's hash); a move to another place is sent even when it shows nothing new.
   */
  offer(scan: GmailScan, place = ''): void {
    if (this.stopped) return;
    const waiting = new Set<string>();
    for (const b of this.pending.values()) for (const f of b.fingerprints) waiting.add(f);
    const known = (f: string) => this.acked.has(f) || waiting.has(f);

    const fingerprints: string[] = [];
    const rows: GmailRowRaw[] = [];
    for (const row of scan.rows) {
      const f = rowFingerprint(scan, row);
      if (known(f)) continue;
      waiting.add(f);
      fingerprints.push(f);
      rows.push(row);
    }
    let thread: GmailThreadRaw | undefined;
    if (scan.thread && scan.thread.messages.length > 0) {
      const f = threadFingerprint(scan, scan.thread);
      if (!known(f)) {
        fingerprints.push(f);
        thread = scan.thread;
      }
    }
    const hk = healthKey(scan.health);
    const healthNews = hk !== this.lastHealth && (!scan.health.recognised || !this.lastHealth.startsWith('true|'));
    const opened = scan.thread && scan.thread.messages.length > 0 ? scan.thread : undefined;
    const where = `${place}|${opened ? (opened.legacyThreadId ?? opened.permId ?? opened.subject) : '-'}`;
    const moved = this.lastPlace !== undefined && where !== this.lastPlace;
    if (fingerprints.length > 0 || healthNews || moved) {
      this.lastHealth = hk;
      this.lastPlace = where;
      const capture: GmailCapture = {
        batchId: this.deps.newId(),
        account: scan.account,
        accountIndex: scan.accountIndex,
        view: scan.view,
        rows,
        health: scan.health,
      };
      // A move with nothing new still names the opened thread, so the background knows the tab shows it.
      const shown = thread ?? (moved ? opened : undefined);
      if (shown) capture.thread = shown;
      this.pending.set(capture.batchId, { capture, fingerprints });
    }
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
          (res) => {
            if (isOk(res)) this.ack(id);
            else this.failed();
          },
          () => this.failed(),
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
    for (const f of batch.fingerprints) this.acked.add(f);
    while (this.acked.size > ACKED_MAX) {
      const oldest = this.acked.values().next().value;
      if (oldest === undefined) break;
      this.acked.delete(oldest);
    }
    this.retryMs = RETRY_MIN_MS;
  }

  private failed(): void {
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
  return typeof res === 'object' && res !== null && (res as { ok?: unknown }).ok === true;
}
