import { type ReactNode, useId, useState } from 'react';
import type { SaveResult } from './use-person-save';
import '../lists.css';

/**
 * A person's actions: Write, Find a time (which opens the slot panel below), Mute/Unmute with what it means,
 * and any more buttons (`children`). The mute shows at once, before the store answers; a change made elsewhere wins.
 */
export function PersonActions({
  name,
  short,
  onWrite,
  schedule,
  muted = false,
  onMute,
  setStatus,
  children,
}: {
  name: string;
  short: string;
  onWrite?: () => void;
  schedule?: () => ReactNode;
  muted?: boolean;
  onMute?: (mute: boolean) => Promise<SaveResult> | SaveResult | undefined;
  setStatus: (s: string) => void;
  children?: ReactNode;
}) {
  const [showSlots, setShowSlots] = useState(false);
  const [mutedNow, setMutedNow] = useState(muted);
  const [mutedSeen, setMutedSeen] = useState(muted);
  if (muted !== mutedSeen) {
    setMutedSeen(muted);
    setMutedNow(muted);
  }
  const muteWhyId = useId();
  const toggleMute = async () => {
    if (!onMute) return;
    const next = !mutedNow;
    setMutedNow(next);
    const r = await onMute(next);
    if (r && !r.ok) {
      setMutedNow(!next);
      setStatus('Not saved');
      return;
    }
    setStatus(next ? 'Muted' : 'Unmuted');
  };
  if (!onWrite && !schedule && !onMute && !children) return null;
  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: a toolbar of actions is a group, not a fieldset */}
      <div className="actions card-actions" role="group" aria-label={`Actions for ${name}`}>
        {onWrite ? (
          <button type="button" className="primary" onClick={onWrite}>
            Write
          </button>
        ) : null}
        {schedule ? (
          <button type="button" aria-expanded={showSlots} onClick={() => setShowSlots((v) => !v)}>
            Find a time
          </button>
        ) : null}
        {onMute ? (
          <button type="button" aria-describedby={muteWhyId} onClick={() => void toggleMute()}>
            {mutedNow ? 'Unmute' : 'Mute'}
          </button>
        ) : null}
        {children}
      </div>
      {onMute ? (
        <p id={muteWhyId} className={mutedNow ? 'mute-note small is-muted' : 'mute-note small muted'}>
          {mutedNow
            ? `Muted: no reminders about ${short}; mail is still counted.`
            : `Mute: no reminders about ${short}; mail is still counted.`}
        </p>
      ) : null}
      {schedule && showSlots ? <div className="panel">{schedule()}</div> : null}
    </>
  );
}
