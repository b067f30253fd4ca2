import { useState } from 'react';
import type { KeyDate } from '@/lib/core/model';
import { resolveTimeZone, wallTime } from '@/lib/time/zoned-time';
import './lists.css';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const KINDS: { id: KeyDate['kind']; label: string }[] = [
  { id: 'birthday', label: 'Birthday' },
  { id: 'work-anniversary', label: 'Work anniversary' },
  { id: 'other', label: 'Other' },
];
const LEADS = [
  { days: 0, label: 'On the day' },
  { days: 1, label: 'A day before' },
  { days: 7, label: 'A week before' },
  { days: 14, label: 'Two weeks before' },
];

/** "Birthday · 12 Mar" */
export function keyDateWords(d: KeyDate): string {
  const kind = d.kind === 'other' ? d.label || 'Date' : (KINDS.find((k) => k.id === d.kind)?.label ?? d.kind);
  return `${kind} · ${d.day} ${MONTHS[d.month - 1] ?? ''}${d.year ? ` ${d.year}` : ''}`;
}

/** A date on screen, with an id of its own: its controls stay with it when other dates come or go. */
interface Row {
  id: number;
  date: KeyDate;
}

let lastId = 0;
const newRow = (date: KeyDate): Row => ({ id: ++lastId, date });

function sameDate(a: KeyDate, b: KeyDate): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof KeyDate)[]);
  return [...keys].every((k) => a[k] === b[k]);
}

function sameDates(rows: readonly Row[], dates: readonly KeyDate[]): boolean {
  return rows.length === dates.length && rows.every((r, i) => sameDate(r.date, dates[i] as KeyDate));
}

/**
 * Ids for dates changed elsewhere (another page, sync): a date seen before keeps its id; else, when no date came
 * or went, the one in the same place keeps it (it was edited there). Any other date gets a new one.
 */
function follow(before: readonly Row[], dates: readonly KeyDate[]): Row[] {
  const ids = dates.map((d, i) => {
    const r = before[i];
    return r && sameDate(r.date, d) ? r.id : undefined;
  });
  const taken = new Set(ids);
  const claim = (r: Row | undefined) => {
    if (!r || taken.has(r.id)) return undefined;
    taken.add(r.id);
    return r.id;
  };
  dates.forEach((d, i) => {
    ids[i] ??= claim(before.find((r) => !taken.has(r.id) && sameDate(r.date, d)));
  });
  if (before.length === dates.length)
    dates.forEach((_, i) => {
      ids[i] ??= claim(before[i]);
    });
  return dates.map((date, i) => ({ id: ids[i] ?? ++lastId, date }));
}

interface Shown {
  /** The stored dates last seen, and the errors of the last save. */
  dates: readonly KeyDate[];
  errors: readonly string[] | undefined;
  rows: Row[];
  /** Lists handed to `onChange` that the stored dates do not show yet, oldest first. */
  sent: Row[][];
}

/** `s` once the stored dates or the save errors are these. */
function settle(s: Shown, dates: readonly KeyDate[], errors: readonly string[] | undefined): Shown {
  // A refused save: nothing sent is stored.
  let sent = errors !== s.errors && errors?.length ? [] : s.sent;
  let rows = s.rows;
  if (dates !== s.dates) {
    let k = sent.length - 1;
    while (k >= 0 && !sameDates(sent[k] as Row[], dates)) k--;
    const landed = sent[k];
    if (landed) {
      rows = landed.map((r, i) => ({ id: r.id, date: dates[i] as KeyDate }));
      sent = sent.slice(k + 1);
    } else if (sameDates(rows, dates)) {
      rows = rows.map((r, i) => ({ id: r.id, date: dates[i] as KeyDate }));
    } else {
      rows = follow(sent.at(-1) ?? rows, dates);
      sent = [];
    }
  }
  return { dates, errors, rows, sent };
}

/** What each row is called in its controls' names ("Day of Graduation"); with its place when two share a name. */
function rowNames(rows: readonly Row[]): string[] {
  const names = rows.map(({ date: d }, i) =>
    d.kind === 'other' ? d.label.trim() || `Date ${i + 1}` : (KINDS.find((k) => k.id === d.kind)?.label ?? d.kind),
  );
  return names.map((n, i) => (names.indexOf(n) === names.lastIndexOf(n) ? n : `${n} (${i + 1})`));
}

/**
 * Dates that matter for a person, each with when to be reminded. Changes are saved as they are made; until the
 * stored dates show a change (or `errors` refuse it), the rows show it and later changes build on it.
 */
export function KeyDatesEditor({
  dates,
  onChange,
  errors,
  timeZone,
}: {
  dates: readonly KeyDate[];
  onChange: (dates: KeyDate[]) => void;
  errors?: readonly string[];
  /** The zone whose month a new date starts on: the user's; the browser's when left out. */
  timeZone?: string;
}) {
  const [shown, setShown] = useState<Shown>(() => ({ dates, errors, rows: dates.map(newRow), sent: [] }));
  let cur = shown;
  if (cur.dates !== dates || cur.errors !== errors) {
    cur = settle(cur, dates, errors);
    setShown(cur);
  }
  const rows = cur.sent.at(-1) ?? cur.rows;
  const names = rowNames(rows);
  const send = (next: Row[]) => {
    setShown((s) => ({ ...s, sent: [...s.sent, next] }));
    onChange(next.map((r) => r.date));
  };
  const set = (id: number, patch: Partial<KeyDate>) => {
    if (rows.some((r) => r.id === id)) send(rows.map((r) => (r.id === id ? { id, date: { ...r.date, ...patch } } : r)));
  };
  return (
    <div>
      {rows.length > 0 ? (
        <ul aria-label="Key dates">
          {rows.map(({ id, date: d }, i) => (
            <li key={id} className="date-row">
              <select
                aria-label={`Kind of ${names[i]}`}
                value={d.kind}
                onChange={(e) => set(id, { kind: e.target.value as KeyDate['kind'] })}
              >
                {KINDS.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label}
                  </option>
                ))}
              </select>
              {d.kind === 'other' ? (
                <LabelInput value={d.label} name={`Name of ${names[i]}`} onCommit={(label) => set(id, { label })} />
              ) : null}
              <input
                type="number"
                aria-label={`Day of ${names[i]}`}
                min={1}
                max={31}
                value={d.day}
                onChange={(e) => {
                  const day = Number(e.target.value);
                  if (Number.isInteger(day) && day >= 1 && day <= 31) set(id, { day });
                }}
              />
              <select
                aria-label={`Month of ${names[i]}`}
                value={d.month}
                onChange={(e) => set(id, { month: Number(e.target.value) })}
              >
                {MONTHS.map((m, k) => (
                  <option key={m} value={k + 1}>
                    {m}
                  </option>
                ))}
              </select>
              <select
                aria-label={`Remind me of ${names[i]}`}
                value={d.leadDays}
                onChange={(e) => set(id, { leadDays: Number(e.target.value) })}
              >
                {LEADS.map((l) => (
                  <option key={l.days} value={l.days}>
                    {l.label}
                  </option>
                ))}
                {LEADS.some((l) => l.days === d.leadDays) ? null : (
                  <option value={d.leadDays}>{`${d.leadDays} days before`}</option>
                )}
              </select>
              <button
                type="button"
                aria-label={`Remove ${keyDateWords(d)}`}
                onClick={() => send(rows.filter((r) => r.id !== id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No dates yet.</p>
      )}
      {errors?.length ? (
        <ul className="errors" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            send([
              ...rows,
              newRow({
                kind: 'birthday',
                label: '',
                month: wallTime(Date.now(), resolveTimeZone(timeZone)).month,
                day: 1,
                leadDays: 0,
              }),
            ])
          }
        >
          Add a date
        </button>
      </div>
    </div>
  );
}

/** An "other" date's name: the stored one, except while the user types (saved when they leave the box). */
function LabelInput({ value, name, onCommit }: { value: string; name: string; onCommit: (v: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      type="text"
      aria-label={name}
      placeholder="What"
      size={10}
      maxLength={200}
      value={draft ?? value}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => {
        if (draft !== null && draft !== value) onCommit(draft);
        setDraft(null);
      }}
    />
  );
}
