import { type ReactNode, useLayoutEffect } from 'react';
import { releaseFirstScreen } from '@/lib/store/first-screen';

/**
 * Wraps a page whose kept first screen (lib/store/first-screen.ts) React replaces: runs in the commit that
 * replaced it, before the browser paints, and makes the root the live page again (not inert, not hidden).
 */
export function Released({ root, children }: { root: HTMLElement; children: ReactNode }) {
  useLayoutEffect(() => releaseFirstScreen(root), [root]);
  return children;
}
