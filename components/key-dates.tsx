import { useState } from 'react';
import type { KeyDate } from '@/lib/core/model';

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

/** Dates that matter for a person, each with when to be reminded. Changes are saved as they are made. */
export function KeyDatesEditor({
  dates,
  onChange,
  errors,
}: {
  dates: readonly KeyDate[];
  onChange: (dates: KeyDate[]) => void;
  errors?: readonly string[];
}) {
  const set = (i: number, patch: Partial<KeyDate>) => onChange(dates.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <div>
      {dates.length > 0 ? (
        <ul aria-label="Key dates">
          {dates.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: dates have no identity of their own; order is stable
            <li key={i} className="date-row">
              <select
                aria-label="Kind of date"
                value={d.kind}
                onChange={(e) => set(i, { kind: e.target.value as KeyDate['kind'] })}
              >
                {KINDS.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label}
                  </option>
                ))}
              </select>
              {d.kind === 'other' ? <LabelInput value={d.label} onCommit={(label) => set(i, { label })} /> : null}
              <input
                type="number"
                aria-label="Day"
                min={1}
                max={31}
                value={d.day}
                onChange={(e) => {
                  const day = Number(e.target.value);
                  if (Number.isInteger(day) && day >= 1 && day <= 31) set(i, { day });
                }}
              />
              <select aria-label="Month" value={d.month} onChange={(e) => set(i, { month: Number(e.target.value) })}>
                {MONTHS.map((m, k) => (
                  <option key={m} value={k + 1}>
                    {m}
                  </option>
                ))}
              </select>
              <select
                aria-label="Remind me"
                value={d.leadDays}
                onChange={(e) => set(i, { leadDays: Number(e.target.value) })}
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
                onClick={() => onChange(dates.filter((_, j) => j !== i))}
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
            onChange([...dates, { kind: 'birthday', label: '', month: new Date().getMonth() + 1, day: 1, leadDays: 0 }])
          }
        >
          Add a date
        </button>
      </div>
    </div>
  );
}

function LabelInput({ value, onCommit }: { value: string; onCommit: (v: string) => void }) {
  const [draft, setDraft] = useState(value);
  return (
    <input
      type="text"
      aria-label="What the date is"
      placeholder="What"
      size={10}
      maxLength={200}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== value && onCommit(draft)}
    />
  );
}
