/**
 * The few things a page does with the browser: talk to the background, open a tab, save a file, copy text.
 * Kept here so that views stay free of runtime APIs.
 */

import { browser } from 'wxt/browser';
import { type PeopleFilter, peoplePagePath, personPagePath } from '@/lib/core/pages';
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
  try {
    const worker = await navigator.serviceWorker
      ?.getRegistration?.()
      .then((r) => r?.active ?? null)
      .catch(() => null);
    if (!worker) return await send({ type: 'import', backup: await file.text() });
    return await postToWorker(worker, file);
  } catch (e) {
    // A file changed or removed since it was chosen cannot be read.
    return { ok: false, error: `the backup could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function postToWorker(worker: ServiceWorker, file: Blob): Promise<Reply> {
  const { port1, port2 } = new MessageChannel();
  return new Promise<Reply>((resolve) => {
    const settle = (r: Reply) => {
      worker.removeEventListener('statechange', onState);
      port1.close();
      resolve(r);
    };
    // A worker that stops before answering (a crash, an update) answers nothing: its end of the channel closes,
    // or the worker is replaced. Either is said in words instead of waiting for ever.
    const stopped = () => settle({ ok: false, error: 'the background stopped before answering' });
    const onState = () => {
      if (worker.state === 'redundant') stopped();
    };
    worker.addEventListener('statechange', onState);
    // (A close after the answer changes nothing: the first outcome settles; a short wait lets a queued answer win.)
    port1.addEventListener('close', () => setTimeout(stopped, 100));
    port1.onmessage = (e: MessageEvent<Reply>) =>
      settle(e.data ?? { ok: false, error: 'the background did not answer' });
    worker.postMessage({ tendTransfer: 'import', file }, [port2]);
  });
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

/**
 * The user's time zone: the one in settings, else the browser's. The one zone every view counts and shows days in,
 * as the background does for the nudges; pages pass it down from their read of the settings (or from
 * components/live/time-zone.ts where they read none).
 */
export function zoneOf(settingsZone: string | undefined): string {
  return resolveTimeZone(settingsZone);
}

/** Opens Tend's page of one person in a new tab. */
export async function openPerson(email: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(personPagePath(email)) });
}

/** Opens the People view (everyone, as a table) in a new tab, on one filter if given. */
export async function openPeople(filter?: PeopleFilter): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(peoplePagePath(filter)) });
}
