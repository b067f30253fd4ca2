import type { Browser } from 'wxt/browser';
import type { Failure } from '@/lib/ingest/messages';

const CONTENT_ORIGINS: Record<string, string> = {
  'capture-gmail': 'https://mail.google.com',
  'capture-calendar': 'https://calendar.google.com',
};

/**
 * Only this extension talks to the background; captures come only from the page they describe, and
 * everything else only from extension pages (a Gmail page cannot ask for an export or a delete).
 */
export function isTrustedSender(
  raw: unknown,
  sender: Browser.runtime.MessageSender,
  ownId: string,
): { ok: true } | Failure {
  if (sender.id !== ownId) return { ok: false, error: 'message from another extension refused' };
  const type = raw && typeof raw === 'object' && 'type' in raw ? String((raw as { type: unknown }).type) : '';
  const fromTab = sender.tab !== undefined;
  if (!fromTab) return { ok: true };
  const origin = sender.url ? new URL(sender.url).origin : '';
  if (CONTENT_ORIGINS[type] && CONTENT_ORIGINS[type] === origin) return { ok: true };
  if (origin.startsWith('chrome-extension://') || origin.startsWith('moz-extension://')) return { ok: true };
  return { ok: false, error: `"${type.slice(0, 60)}" is not accepted from a web page` };
}
