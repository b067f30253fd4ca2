import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { SNOOZE_HOUR } from '@/lib/engine/snooze';
import { resolveTimeZone, startOfZonedDay, wallTime, zonedInstant } from '@/lib/time/zoned-time';
import { Avatar } from './avatar';
import { nudgeDueScale } from './due-scale';
import { dateInputDay, dateInputValue, displayName } from './format';
import { type NudgeLike, SECTIONS, type SnoozeOption } from './types';
import './lists.css';

export interface NudgeActions {
  onWrite: (n: NudgeLike) => void;
  onSnooze: (n: NudgeLike, option: SnoozeOption) => void;
  onDone: (n: NudgeLike) => void;
  /** The free-slot panel for a nudge, rendered when the user opens "Schedule". */
  renderSchedule?: (n: NudgeLike) => ReactNode;
  /** Opens the thread a nudge is about, when it has one. */
  onOpenThread?: (n: NudgeLike) => void;
  /** Opens the page of the person a nudge is about. */
  onOpenPerson?: (n: NudgeLike) => void;
  /** The zone a day chosen to snooze to is read in: the user's, as the named snoozes; the browser's when left out. */
  timeZone?: string;
}

/** The nudges in their sections (Reply needed, Follow up, Overdue, Promises, ...); empty sections are left out. */
export function NudgeSections({ nudges, ...actions }: { nudges: readonly NudgeLike[] } & NudgeActions) {
  return (
    <>
      {SECTIONS.map((s) => {
        const items = nudges.filter((n) => n.kind === s.kind);
        if (items.length === 0) return null;
        return <NudgeSection key={s.kind} title={s.title} items={items} {...actions} />;
      })}
    </>
  );
}

/** Rows a section shows at first, and how many more each "Show more" adds: a screenful, not 1,800 rows. */
export const FIRST_ROWS = 5;
export const MORE_ROWS = 20;

function NudgeSection({ title, items, ...actions }: { title: string; items: NudgeLike[] } & NudgeActions) {
  const id = useId();
  const [shown, setShown] = useState(FIRST_ROWS);
  const left = items.length - shown;
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title} <span className="count">{items.length}</span>
      </h2>
      <ul className="rows">
        {items.slice(0, shown).map((n) => (
          <NudgeRow key={n.key} nudge={n} {...actions} />
        ))}
      </ul>
      {left > 0 ? (
        <button type="button" className="link more" onClick={() => setShown((s) => s + MORE_ROWS)}>
          Show {Math.min(left, MORE_ROWS)} more <span className="muted">({left.toLocaleString()} left)</span>
        </button>
      ) : null}
    </section>
  );
}

export function NudgeRow({
  nudge,
  onWrite,
  onSnooze,
  onDone,
  renderSchedule,
  onOpenThread,
  onOpenPerson,
  timeZone,
}: { nudge: NudgeLike } & NudgeActions) {
  const [open, setOpen] = useState<'schedule' | 'snooze' | null>(null);
  // A promise made in a message only to lists or robots is to no person: it has no name and no page to open.
  const person = nudge.contact !== '';
  const name = person ? displayName({ name: nudge.name, email: nudge.contact }) : 'Your promise';
  // An Overdue nudge carries the colour of how late it is, as the People view's rows do.
  const scale = nudgeDueScale(nudge, Date.now());
  const panelId = useId();
  const toggle = (what: 'schedule' | 'snooze') => setOpen((o) => (o === what ? null : what));
  const snoozeButton = useRef<HTMLButtonElement>(null);
  const scheduleButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    (open === 'snooze' ? snoozeButton : scheduleButton).current?.focus();
    setOpen(null);
  };
  return (
    <li
      className="row"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <Avatar name={nudge.name} email={nudge.contact} />
      <div className="row-main">
        {onOpenPerson && person ? (
          <button type="button" className="link row-name" title={nudge.contact} onClick={() => onOpenPerson(nudge)}>
            {name}
          </button>
        ) : (
          <p className="row-name" title={person ? nudge.contact : undefined}>
            {name}
          </p>
        )}
        {scale ? (
          <p className={`row-reason due-${scale.step}`}>
            <span className="due-dot" aria-hidden="true" />
            <span className="visually-hidden">{`${scale.words}: `}</span>
            {nudge.reason}
          </p>
        ) : (
          <p className="row-reason">{nudge.reason}</p>
        )}
        {nudge.subject ? (
          onOpenThread && nudge.threadId ? (
            <button type="button" className="link row-subject" onClick={() => onOpenThread(nudge)}>
              {nudge.subject}
            </button>
          ) : (
            <p className="row-subject">{nudge.subject}</p>
          )
        ) : null}
        {/* biome-ignore lint/a11y/useSemanticElements: a toolbar of actions is a group, not a fieldset */}
        <div className="actions" role="group" aria-label={`Actions for ${name}`}>
          <button type="button" className="primary" onClick={() => onWrite(nudge)}>
            Write
          </button>
          {renderSchedule ? (
            <button
              ref={scheduleButton}
              type="button"
              aria-expanded={open === 'schedule'}
              aria-controls={open === 'schedule' ? panelId : undefined}
              onClick={() => toggle('schedule')}
            >
              Schedule
            </button>
          ) : null}
          <button
            ref={snoozeButton}
            type="button"
            aria-expanded={open === 'snooze'}
            aria-controls={open === 'snooze' ? panelId : undefined}
            onClick={() => toggle('snooze')}
          >
            Snooze
          </button>
          <button type="button" onClick={() => onDone(nudge)}>
            Done
          </button>
        </div>
        {open === 'snooze' ? (
          // biome-ignore lint/a11y/useSemanticElements: a small group of choices
          <div id={panelId} className="panel snooze" role="group" aria-label={`Snooze ${name} until`}>
            {/* biome-ignore lint/a11y/noAutofocus: the menu was just opened by this person; focus goes to its first choice */}
            <button type="button" autoFocus onClick={() => onSnooze(nudge, 'tomorrow')}>
              Tomorrow
            </button>
            <button type="button" onClick={() => onSnooze(nudge, 'next-week')}>
              Next week
            </button>
            <SnoozeDate timeZone={timeZone} onPick={(until) => onSnooze(nudge, { until })} />
          </div>
        ) : null}
        {open === 'schedule' && renderSchedule ? (
          <div id={panelId} className="panel">
            {renderSchedule(nudge)}
          </div>
        ) : null}
      </div>
    </li>
  );
}

/**
 * When a snooze to the day a date input holds ends: 8:00 that day in `timeZone` (the user's; the browser's when
 * left out); or why it cannot be (no date, not a real day, already past, beyond what the store keeps). Pure;
 * never throws.
 */
export function snoozeDateUntil(
  value: string,
  now: number,
  timeZone?: string,
): { ok: true; until: number } | { ok: false; error: string } {
  if (!value.trim()) return { ok: false, error: 'Choose a date first.' };
  const day = dateInputDay(value);
  if (!day) return { ok: false, error: 'That is not a date.' };
  const tz = resolveTimeZone(timeZone);
  const until = zonedInstant({ ...day, hour: SNOOZE_HOUR }, tz);
  if (until <= now)
    return {
      ok: false,
      error:
        value.trim() === dateInputValue(now, tz)
          ? `8:00 today has passed: choose a later day.`
          : 'That date is in the past: choose a later day.',
    };
  if (day.year >= 2200) return { ok: false, error: 'That date is too far away.' };
  return { ok: true, until };
}

/** "Until a date": a date input and its button; a day in the past is refused in words, next to the field. */
function SnoozeDate({ onPick, timeZone }: { onPick: (until: number) => void; timeZone?: string }) {
  const inputId = useId();
  const errorId = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();
  const tz = resolveTimeZone(timeZone);
  // Today is offered until its 8:00 has passed.
  const min = dateInputValue(wallTime(now, tz).hour < SNOOZE_HOUR ? now : startOfZonedDay(now, tz, 1), tz);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = snoozeDateUntil(value, Date.now(), timeZone);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    onPick(r.until);
  };
  return (
    <form className="snooze-date" noValidate onSubmit={submit}>
      <label htmlFor={inputId}>Until a date</label>
      <input
        id={inputId}
        type="date"
        min={min}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
      />
      <button type="submit">Snooze until then</button>
      {error ? (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
