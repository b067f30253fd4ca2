import { useEffect, useId, useRef, useState } from 'react';
import { CatchUpProgress } from '@/lib/ingest/catch-up';
import type { Reply } from './outcome';

export const GMAIL_SENT_URL = 'https://mail.google.com/mail/u/0/#sent';

/** "Page 3 · 150 messages · 42 people". */
export function catchUpWords(p: CatchUpProgress): string {
  return `Page ${p.page.toLocaleString('en-US')} · ${p.messages.toLocaleString('en-US')} messages · ${p.people.toLocaleString('en-US')} people`;
}

/** The background's answer for the saved walk that started at `of`, when no walk runs; else null. */
function answerOf(of: number | undefined, r: Reply): { of: number; progress: CatchUpProgress } | null {
  const settled = r.ok && r.running === false ? CatchUpProgress.safeParse(r.progress) : null;
  return settled?.success && of !== undefined ? { of, progress: settled.data } : null;
}

/**
 * "Catch up from Gmail": walks the Sent view's older pages in the user's Gmail tab (lib/ingest/catch-up.ts).
 * Progress is what the background saved last (`progress`, read live from the store). A saved walk with none behind
 * it is settled by the background (at its start, or on Stop); when that could not be saved (a full disk), the
 * background's answer is shown in its place, so Start is offered again: the card asks it (`onStatus`) as soon as
 * the store says a walk runs, and Stop answers it too.
 */
export function CatchUpSection({
  progress,
  onStart,
  onStop,
  onStatus,
}: {
  progress: CatchUpProgress | undefined;
  onStart: (limit: number) => Promise<Reply>;
  onStop: () => Promise<Reply>;
  /** Whether a walk runs; with none, what the saved one says now (the background settles it). */
  onStatus: () => Promise<Reply>;
}) {
  const id = useId();
  const [limit, setLimit] = useState(2000);
  const [error, setError] = useState<{ text: string; noGmail: boolean } | null>(null);
  /** Stop's answer when no walk ran, for the saved walk it settles (`of`: that walk's start). */
  const [answer, setAnswer] = useState<{ of: number; progress: CatchUpProgress } | null>(null);
  const shown = progress?.state === 'running' && answer?.of === progress.startedAt ? answer.progress : progress;
  const running = shown?.state === 'running';
  const ask = useRef(onStatus);
  ask.current = onStatus;
  const savedRunning = progress?.state === 'running' ? progress.startedAt : undefined;
  // The store says a walk runs: ask whether one does (once per walk). A failed question leaves what the store says.
  useEffect(() => {
    if (savedRunning === undefined) return;
    let live = true;
    ask.current().then(
      (r) => {
        const a = answerOf(savedRunning, r);
        if (live && a) setAnswer(a);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [savedRunning]);
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Catch up from Gmail</h2>
      <p className="hint">
        Tend turns the pages of your Sent mail in your open Gmail tab, as you would by pressing Older, and learns whom
        you write to. Nothing is downloaded; the tab goes back where it was.
      </p>
      <div className="field">
        <label htmlFor={`${id}-limit`}>
          <span>At most this many messages</span>
        </label>
        <input
          id={`${id}-limit`}
          type="number"
          min={1}
          max={100000}
          step={100}
          value={limit}
          disabled={running}
          onChange={(e) => setLimit(Math.max(1, Math.min(100_000, Math.round(Number(e.target.value) || 1))))}
        />
      </div>
      <div className="actions">
        {running ? (
          <button
            type="button"
            onClick={async () => {
              setError(null);
              const of = progress?.startedAt;
              const r = await onStop();
              if (!r.ok) {
                setError({ text: r.error, noGmail: false });
                return;
              }
              // No walk was running: the background settled the saved one and answers what it says now.
              const a = answerOf(of, r);
              if (a) setAnswer(a);
            }}
          >
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={async () => {
              setError(null);
              const r = await onStart(limit);
              if (!r.ok) setError({ text: r.error, noGmail: (r as { noGmail?: boolean }).noGmail === true });
            }}
          >
            Catch up from Gmail
          </button>
        )}
      </div>
      <div role="status" className="outcome">
        {error ? (
          <p className="error">
            {error.text}
            {error.noGmail ? (
              <>
                {': '}
                <a href={GMAIL_SENT_URL} target="_blank" rel="noreferrer">
                  open Gmail
                </a>
                {', then press the button again.'}
              </>
            ) : null}
          </p>
        ) : null}
        {shown ? (
          <>
            {/* How many pages Sent has is unknown until the last one: indeterminate while it runs. */}
            {running ? (
              <progress aria-label="Catch-up progress" />
            ) : (
              <progress max={1} value={1} aria-label="Catch-up progress" />
            )}
            <p className={shown.state === 'failed' ? 'error' : running ? '' : 'ok'}>
              {running ? `Reading Sent… ${catchUpWords(shown)}` : `${catchUpWords(shown)}. ${shown.message ?? ''}`}
            </p>
          </>
        ) : null}
      </div>
    </section>
  );
}
