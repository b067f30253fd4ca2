import { useState } from 'react';
import { slotWords } from './format';
import type { SlotLike } from './types';

const MOMENT: Record<string, string> = {
  'before-work': 'Before work',
  lunch: 'Lunch',
  'after-work': 'After work',
  'around-shared-meeting': 'Next to a shared meeting',
  work: 'During work',
};

export interface SlotListProps {
  slots: readonly SlotLike[] | undefined;
  /** Why nothing fits, when `slots` is empty. */
  reason?: string;
  timeZone: string;
  /** The "Add to Google Calendar" link for a slot. */
  calendarHref: (slot: SlotLike) => string;
  onDownload: (slot: SlotLike) => void;
  /** Returns the text copied, or throws when the clipboard refused. */
  onCopy: () => Promise<string> | string;
}

/** The next free slots with their booking actions. */
export function SlotList({ slots, reason, timeZone, calendarHref, onDownload, onCopy }: SlotListProps) {
  const [copied, setCopied] = useState<string | null>(null);
  if (slots === undefined) return null;
  if (slots.length === 0) return <p className="muted">{reason ?? 'No free time fits in the next days.'}</p>;
  return (
    <div className="slots">
      <ul className="slot-rows" aria-label="Free slots">
        {slots.map((s) => {
          const when = slotWords(s.start, s.end, timeZone);
          return (
            <li key={s.start} className="slot">
              <p className="slot-when">
                <strong>{when}</strong>
              </p>
              <p className="slot-why muted">{s.why || MOMENT[s.moment] || s.moment}</p>
              <div className="actions">
                <a className="button" href={calendarHref(s)} target="_blank" rel="noreferrer noopener">
                  Add to Google Calendar
                </a>
                <button type="button" onClick={() => onDownload(s)} aria-label={`Download .ics for ${when}`}>
                  Download .ics
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <div className="actions">
        <button
          type="button"
          onClick={async () => {
            try {
              setCopied(`Copied: ${await onCopy()}`);
            } catch {
              setCopied('Could not copy to the clipboard');
            }
          }}
        >
          Copy as text
        </button>
        <span className="muted" role="status">
          {copied ?? ''}
        </span>
      </div>
    </div>
  );
}
