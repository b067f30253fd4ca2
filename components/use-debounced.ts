import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A text value edited locally and committed after a pause, on blur, and when the component goes away.
 * Outside changes (another page saved) are taken in while the user is not typing.
 */
export function useDebouncedText(value: string, commit: (v: string) => void, delayMs = 400) {
  const [draft, setDraft] = useState(value);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const commitRef = useRef(commit);
  commitRef.current = commit;

  useEffect(() => {
    if (pending.current === null) setDraft(value);
  }, [value]);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const v = pending.current;
    pending.current = null;
    if (v !== null) commitRef.current(v);
  }, []);

  useEffect(() => flush, [flush]);

  const change = useCallback(
    (v: string) => {
      setDraft(v);
      pending.current = v;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );
  return { draft, change, flush };
}
