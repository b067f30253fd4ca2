import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

/**
 * The id of the active tab in this window, following tab switches and navigation. `null` when there is none
 * (or the page was opened on its own); `undefined` while not known yet.
 */
export function useActiveTabId(): number | null | undefined {
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const update = async () => {
      try {
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        if (alive) setTabId(tab?.id ?? null);
      } catch {
        if (alive) setTabId(null);
      }
    };
    const onUpdated = (_id: number, info: { status?: string; url?: string }) => {
      if (info.status === 'complete' || info.url) void update();
    };
    void update();
    browser.tabs.onActivated.addListener(update);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.windows?.onFocusChanged?.addListener(update);
    return () => {
      alive = false;
      browser.tabs.onActivated.removeListener(update);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.windows?.onFocusChanged?.removeListener(update);
    };
  }, []);
  return tabId;
}
