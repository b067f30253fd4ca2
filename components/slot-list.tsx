import { useState } from 'react';
import { slotWords } from './format';
import type { SlotLike } from './types';
import './lists.css';

const MOMENT: Record<string, string> = {
  'before-work': 'Before work',
  lunch: 'Lunch',
  'after-work': 'After work',
  'around-shared-meeting': 'Next to a shared meeting',
  work: 'During work',
};

/** Days Tend has not seen the calendar for, in words ("Dec 7 – 11"), with the Calendar week that shows them. */
export interface UnseenDays {
  words: string;
  href: string;
}

export interface SlotListProps {
  slots: readonly SlotLike[] | undefined;
  /** Working days in the horizon whose calendar Tend has not seen: named, never called free. */
  unseen?: readonly UnseenDays[];
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
export function SlotList({ slots, unseen = [], reason, timeZone, calendarHref, onDownload, onCopy }: SlotListProps) {
  const [copied, setCopied] = useState<string | null>(null);
  if (slots === undefined) return null;
  const notSeen =
    unseen.length > 0 ? (
      <ul className="slot-unseen" aria-label="Days Tend has not seen">
        {unseen.map((u) => (
          <li key={u.href + u.words}>
            <span>Tend has not seen your calendar for {u.words}.</span>{' '}
            <a href={u.href} target="_blank" rel="noreferrer noopener">
              Open Calendar for {u.words}
            </a>
          </li>
        ))}
      </ul>
    ) : null;
  if (slots.length === 0)
    return (
      <div className="slots">
        <p className="muted">{reason ?? 'No free time fits in the next days.'}</p>
        {notSeen}
      </div>
    );
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
      {notSeen}
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
