/**
 * What the Gmail content script has to send, and what it may forget.
 *
 * Each scan is turned into a batch of only what is new (rows and threads whose fingerprint was neither
 * acknowledged nor already waiting); lib/capture/delivery.ts keeps every batch until the background
 * acknowledges it.
 *
 * The background also keeps, per tab, which thread the tab shows (the sidebar follows it). So when the tab moves
 * to another place (a list it has already sent, or a thread seen before) and nothing there is new, a light batch
 * still says where the tab is: no rows, and the opened thread if there is one (ingesting it again adds nothing).
 */

import type { GmailCapture, GmailRowRaw, GmailThreadRaw, PageHealth } from '../ingest/raw';
import { Delivery, type DeliveryDeps } from './delivery';
import { type GmailScan, rowIdentity } from './gmail-extract';

export interface QueueDeps extends DeliveryDeps<GmailCapture> {
  newId: () => string;
}

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

/** A GmailCapture queue: what is new becomes a batch, delivered until acknowledged (lib/capture/delivery.ts). */
export class CaptureQueue extends Delivery<GmailCapture> {
  private lastHealth = `true|false|`;
  /** Where the tab was when the last batch was made (undefined until one was). */
  private lastPlace: string | undefined;

  private readonly newId: () => string;

  constructor(deps: QueueDeps) {
    super(deps, ACKED_MAX);
    this.newId = deps.newId;
  }

  /**
   * Queues what `scan` shows that is new, then sends every unacknowledged batch. `place` says where the tab is
   * (the URL's hash); a move to another place is sent even when it shows nothing new.
   */
  offer(scan: GmailScan, place = ''): void {
    if (this.isStopped) return;
    const seen = this.knownPrints();
    const waiting = new Set<string>();
    const known = (f: string) => seen(f) || waiting.has(f);

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
        batchId: this.newId(),
        account: scan.account,
        accountIndex: scan.accountIndex,
        view: scan.view,
        rows,
        health: scan.health,
      };
      if (scan.lang) capture.lang = scan.lang;
      // A move with nothing new still names the opened thread, so the background knows the tab shows it.
      const shown = thread ?? (moved ? opened : undefined);
      if (shown) capture.thread = shown;
      this.enqueue(capture.batchId, capture, fingerprints);
    } else this.flush();
  }
}
