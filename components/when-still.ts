/**
 * Runs `work` once `root` has not changed for `quietMs` (and once at the start, after the same quiet), again
 * after each later change. One run at a time: a change during a run schedules the next one. Returns the stop.
 * What both kept screens use to write themselves (entrypoints/popup/first-screen.tsx, entrypoints/people).
 */
export function whenStill(
  root: HTMLElement,
  quietMs: number,
  work: () => void | Promise<void>,
  watch: MutationObserverInit = { childList: true, subtree: true, characterData: true },
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  const run = async () => {
    timer = undefined;
    if (running) return schedule();
    running = true;
    try {
      await work();
    } finally {
      running = false;
    }
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void run(), quietMs);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(root, watch);
  schedule();
  return () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  };
}
