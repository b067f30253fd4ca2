import { useState } from 'react';
import './lists.css';

export const NEW_USER_TEXT = 'Open Gmail and browse your inbox; Tend learns as you read.';

export const GMAIL_URL = 'https://mail.google.com/mail/u/0/#inbox';
export const CALENDAR_URL = 'https://calendar.google.com/calendar/u/0/r/week';

/**
 * What a new user sees (what to do first, with buttons that do it when `onOpen` is given), or a calm
 * "all clear" once Tend knows people.
 */
export function EmptyState({
  knowsPeople,
  onOpen,
  onCatchUp,
  onImportMail,
}: {
  knowsPeople: boolean;
  onOpen?: (url: string) => void;
  /** "Catch up from Gmail": starts the walk; answers an error in words, or null once it runs. */
  onCatchUp?: () => Promise<string | null>;
  /** Opens Options at the mail history import. */
  onImportMail?: () => void;
}) {
  const [catchUpError, setCatchUpError] = useState<string | null>(null);
  if (knowsPeople)
    return (
      <div className="empty">
        <p className="empty-title">All caught up</p>
        <p>Nobody is waiting on you today.</p>
      </div>
    );
  return (
    <div className="empty welcome">
      <p className="empty-title">Welcome to Tend</p>
      <p>{NEW_USER_TEXT}</p>
      {onOpen ? (
        <div className="actions center">
          <button type="button" className="primary" onClick={() => onOpen(GMAIL_URL)}>
            Open Gmail
          </button>
          <button type="button" onClick={() => onOpen(CALENDAR_URL)}>
            Open Calendar
          </button>
        </div>
      ) : null}
      {onImportMail ? (
        <>
          <p>Or start from your past mail: a Google Takeout mailbox, read on this computer.</p>
          <div className="actions center">
            <button type="button" onClick={onImportMail}>
              Import mail history (.mbox)
            </button>
          </div>
        </>
      ) : null}
      {onCatchUp ? (
        <div className="actions center">
          <button type="button" onClick={async () => setCatchUpError(await onCatchUp())}>
            Catch up from Gmail
          </button>
        </div>
      ) : null}
      {catchUpError ? (
        <p className="error" role="status">
          {catchUpError}
        </p>
      ) : null}
      <p className="small">
        Calendar lets Tend suggest free times to meet. Everything stays in this browser; nothing is sent anywhere.
      </p>
    </div>
  );
}
