/**
 * What a Gmail tab shows, as the background keeps it for the sidebar to follow: written on every capture from
 * that tab (a list view clears `threadKey`), read by the side panel for the active tab.
 */

/** The kv key under which the background keeps what a Gmail tab shows. */
export const tabKey = (tabId: number) => `tab:${tabId}`;

export interface TabView {
  url: string;
  account: string;
  /** The open thread's key; absent when the tab shows a list. */
  threadKey?: string;
  /** The other people in the open thread (normalised emails). */
  people?: string[];
  at: number;
}
