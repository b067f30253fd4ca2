import type { Interaction } from '@/lib/core/model';
import { MANUAL_KINDS } from '@/lib/core/model';
import { isLoggedByHand } from '@/lib/store/manual-touches';
import { relativeWords } from '@/lib/time/relative';
import { shortDate } from '../format';
import './person.css';

const DIRECTION: Record<Interaction['direction'], string> = {
  sent: 'You wrote',
  received: 'They wrote',
  meeting: 'Meeting',
};

/** What a touch was, in words: "You wrote", "Meeting", or for one logged by hand its kind ("Coffee"). */
export function touchLabel(it: Pick<Interaction, 'direction' | 'source' | 'kind'>): string {
  if (it.source === 'manual' && it.kind) return MANUAL_KINDS.find((k) => k.kind === it.kind)?.label ?? 'Logged';
  if (it.source === 'linkedin') return 'LinkedIn';
  return DIRECTION[it.direction];
}

/**
 * Touches, newest first: what, subject or note, when. With `onEdit`/`onDelete`, touches logged by hand get an
 * Edit and a Delete button (captured ones are what Gmail or Calendar showed, and stay as they are).
 */
export function Timeline({
  items,
  now,
  timeZone,
  label = 'Recent emails and meetings',
  dates = false,
  onEdit,
  onDelete,
}: {
  items: readonly Interaction[] | undefined;
  now: number;
  /** The zone days are counted in ("yesterday", "12 Mar"): the user's; the browser's when left out. */
  timeZone?: string;
  label?: string;
  /** Show the date beside "3 weeks ago". */
  dates?: boolean;
  onEdit?: (it: Interaction) => void;
  onDelete?: (it: Interaction) => void;
}) {
  if (items === undefined) return null;
  if (items.length === 0) return <p className="muted small">Nothing recorded yet.</p>;
  return (
    <ul className="timeline" aria-label={label}>
      {items.map((it) => {
        const what = touchLabel(it);
        const manual = isLoggedByHand(it);
        const when = relativeWords(it.at, now, timeZone);
        return (
          <li key={it.key} className={manual ? 'manual' : undefined}>
            <span>
              <strong>{what}</strong>
              {it.subject ? ` · ${it.subject}` : ''}
              {it.note ? ` · ${it.note}` : ''}
            </span>
            <span className="when">
              {when}
              {dates ? ` · ${shortDate(it.at, undefined, now, timeZone)}` : ''}
            </span>
            {manual && (onEdit || onDelete) ? (
              <span className="touch-actions">
                {onEdit ? (
                  <button type="button" className="link" onClick={() => onEdit(it)}>
                    Edit<span className="visually-hidden">{` ${what} ${when}`}</span>
                  </button>
                ) : null}
                {onDelete ? (
                  <button type="button" className="link" onClick={() => onDelete(it)}>
                    Delete<span className="visually-hidden">{` ${what} ${when}`}</span>
                  </button>
                ) : null}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
