import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { MANUAL_KINDS, type ManualKind } from '@/lib/core/model';
import { resolveTimeZone, zonedInstant } from '@/lib/time/zoned-time';
import { dateInputDay, dateInputValue } from '../format';
import './person.css';

export interface TouchDraft {
  /** Unset only for an edit of a touch that has no kind (a backup's): it keeps what it was. */
  kind?: ManualKind;
  at: number;
  note: string;
}

/**
 * Noon of the day a date input holds, in `timeZone` (the zone Tend counts days in: a touch logged for a day is on
 * that day in the timeline, the strip and the rhythms alike); or why it cannot be logged. Pure; never throws.
 */
export function touchDay(
  value: string,
  now: number,
  timeZone?: string,
): { ok: true; at: number } | { ok: false; error: string } {
  const tz = resolveTimeZone(timeZone);
  if (!value.trim()) return { ok: false, error: 'Choose a date.' };
  const day = dateInputDay(value);
  if (!day) return { ok: false, error: 'That is not a date.' };
  if (day.year < 1970) return { ok: false, error: 'That date is too long ago.' };
  // Today's touch is at the moment it is logged (not at noon, which may still be ahead).
  if (dateInputValue(now, tz) === value.trim()) return { ok: true, at: now };
  const at = zonedInstant({ ...day, hour: 12 }, tz);
  if (at > now) return { ok: false, error: 'That day has not come yet: log a touch once it happened.' };
  return { ok: true, at };
}

/**
 * "Log a touch": what it was (call, coffee, meeting, message elsewhere, event), the day (today unless changed)
 * and a note. Also edits a touch logged before (`initial`); one with no kind offers to keep what it was
 * (`recorded`, e.g. "You wrote") and is saved without a kind unless another is chosen. Refusals are shown
 * beside the form, in words.
 */
export function LogTouchForm({
  name,
  now,
  timeZone,
  initial,
  recorded,
  onSave,
  onCancel,
}: {
  name: string;
  now: number;
  /** The zone the day is read in (components/format.ts); the browser's when left out. */
  timeZone?: string;
  initial?: TouchDraft;
  recorded?: string;
  onSave: (t: TouchDraft) => Promise<{ ok: true } | { ok: false; error: string }>;
  onCancel: () => void;
}) {
  const ids = { kind: useId(), day: useId(), note: useId(), error: useId() };
  const asRecorded = initial !== undefined && initial.kind === undefined;
  const [kind, setKind] = useState<ManualKind | ''>(initial ? (initial.kind ?? '') : 'call');
  const [day, setDay] = useState(dateInputValue(initial?.at ?? now, timeZone));
  const [note, setNote] = useState(initial?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Opened by a button elsewhere on the page (Log a touch, a row's Edit): the keyboard starts in the form.
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const d = touchDay(day, Date.now(), timeZone);
    if (!d.ok) return setError(d.error);
    // An edit that keeps the day keeps the time it had.
    const at = initial && dateInputValue(initial.at, timeZone) === day.trim() ? initial.at : d.at;
    setBusy(true);
    const r = await onSave({ ...(kind ? { kind } : {}), at, note: note.trim() });
    setBusy(false);
    if (!r.ok) setError(r.error);
  };
  return (
    <form
      className="panel log-touch"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-label={initial ? `Edit a touch with ${name}` : `Log a touch with ${name}`}
    >
      <div className="field">
        <label htmlFor={ids.kind}>What</label>
        <select ref={first} id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as ManualKind | '')}>
          {asRecorded ? <option value="">{`${recorded ?? 'Logged'} (as it is)`}</option> : null}
          {MANUAL_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.day}>When</label>
        <input
          id={ids.day}
          type="date"
          value={day}
          max={dateInputValue(now, timeZone)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
          onChange={(e) => {
            setDay(e.target.value);
            setError(null);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.note}>Note</label>
        <textarea
          id={ids.note}
          rows={2}
          maxLength={20_000}
          value={note}
          placeholder="What you talked about"
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {error ? (
        <p id={ids.error} className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {initial ? 'Save touch' : 'Log touch'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
