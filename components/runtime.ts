/**
 * The few things a page does with the browser: talk to the background, open a tab, save a file, copy text.
 * Kept here so that views stay free of runtime APIs.
 */

import { browser } from 'wxt/browser';
import { PEOPLE_PAGE_PATH, personPagePath } from '@/lib/core/pages';
import type { Message, Reply } from '@/lib/ingest/messages';
import { resolveTimeZone } from '@/lib/time/zoned-time';

/** Sends one protocol message to the background; a missing or broken answer becomes a failure reply. */
export async function send(msg: Message): Promise<Reply> {
  try {
    const reply = (await browser.runtime.sendMessage(msg)) as Reply | undefined;
    return reply ?? { ok: false, error: 'the background did not answer' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Imports a backup file. In Chromium the background is a service worker, and the file itself is posted to it,
 * unread (entrypoints/background/transfers.ts): runtime messaging serializes a message as JSON, and a 45 MB
 * backup's text took about 5 s to cross that way. Elsewhere (Firefox's background page) the text goes as the
 * protocol's `import` message. Either way the background runs the same `import`.
 */
export async function sendBackupFile(file: Blob): Promise<Reply> {
  const worker = await navigator.serviceWorker
    ?.getRegistration?.()
    .then((r) => r?.active ?? null)
    .catch(() => null);
  if (!worker) return send({ type: 'import', backup: await file.text() });
  const { port1, port2 } = new MessageChannel();
  const reply = new Promise<Reply>((resolve) => {
    port1.onmessage = (e: MessageEvent<Reply>) => {
      port1.close();
      resolve(e.data ?? { ok: false, error: 'the background did not answer' });
    };
    // A worker that stops before answering (an update, a crash) answers nothing: say so instead of waiting.
    worker.addEventListener('statechange', () => {
      if (worker.state === 'redundant') resolve({ ok: false, error: 'the background stopped before answering' });
    });
  });
  worker.postMessage({ tendTransfer: 'import', file }, [port2]);
  return reply;
}

/** Opens Tend's settings page (where the catch-up shows its progress). */
export async function openOptions(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

/** The address of one of Tend's own pages (e.g. `/options.html#mail-history`). */
export function extensionUrl(path: `/${string}.html${string}`): string {
  return browser.runtime.getURL(path as '/options.html');
}

export async function openTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}

/** Saves text as a file through an object URL and a temporary `<a download>`. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function copyText(text: string): Promise<string> {
  await navigator.clipboard.writeText(text);
  return text;
}

/** The user's time zone: the one in settings, else the browser's. */
export function zoneOf(settingsZone: string | undefined): string {
  return resolveTimeZone(settingsZone);
}

/** Opens Tend's page of one person in a new tab. */
export async function openPerson(email: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(personPagePath(email)) });
}

/** Opens the People view (everyone, as a table) in a new tab. */
export async function openPeople(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(PEOPLE_PAGE_PATH) });
}
