import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { MANUAL_KINDS, type ManualKind } from '@/lib/core/model';
import { dateInputValue } from '../format';
import './person.css';

export interface TouchDraft {
  /** Unset only for an edit of a touch that has no kind (a backup's): it keeps what it was. */
  kind?: ManualKind;
  at: number;
  note: string;
}

/** Noon of the day a date input holds, in the browser's zone; or why it cannot be logged. Pure; never throws. */
export function touchDay(value: string, now: number): { ok: true; at: number } | { ok: false; error: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return { ok: false, error: value.trim() ? 'That is not a date.' : 'Choose a date.' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(y, mo - 1, d, 12);
  if (day.getFullYear() !== y || day.getMonth() !== mo - 1 || day.getDate() !== d)
    return { ok: false, error: 'That is not a date.' };
  if (y < 1970) return { ok: false, error: 'That date is too long ago.' };
  // Today's touch is at the moment it is logged (not at noon, which may still be ahead).
  if (dateInputValue(now) === value.trim()) return { ok: true, at: now };
  if (day.getTime() > now) return { ok: false, error: 'That day has not come yet: log a touch once it happened.' };
  return { ok: true, at: day.getTime() };
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
  initial,
  recorded,
  onSave,
  onCancel,
}: {
  name: string;
  now: number;
  initial?: TouchDraft;
  recorded?: string;
  onSave: (t: TouchDraft) => Promise<{ ok: true } | { ok: false; error: string }>;
  onCancel: () => void;
}) {
  const ids = { kind: useId(), day: useId(), note: useId(), error: useId() };
  const asRecorded = initial !== undefined && initial.kind === undefined;
  const [kind, setKind] = useState<ManualKind | ''>(initial ? (initial.kind ?? '') : 'call');
  const [day, setDay] = useState(dateInputValue(initial?.at ?? now));
  const [note, setNote] = useState(initial?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Opened by a button elsewhere on the page (Log a touch, a row's Edit): the keyboard starts in the form.
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const d = touchDay(day, Date.now());
    if (!d.ok) return setError(d.error);
    // An edit that keeps the day keeps the time it had.
    const at = initial && dateInputValue(initial.at) === day.trim() ? initial.at : d.at;
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
          max={dateInputValue(now)}
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
