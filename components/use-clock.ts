import { useEffect, useState } from 'react';

/**
 * The time, for a page left open: it moves on every `everyMs` while the page is in sight, and at once when the
 * page comes back into sight (a tab left open overnight says "today" of the right day). Answers Date.now().
 */
export function useClock(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') setNow(Date.now());
    };
    const timer = setInterval(tick, everyMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [everyMs]);
  return now;
}
