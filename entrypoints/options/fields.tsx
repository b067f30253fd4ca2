import { type ReactNode, useId } from 'react';

/** Errors from lib/store/settings.ts ("work.start: time must be HH:MM") that belong to a field path. */
export function errorsFor(errors: readonly string[], path: string): string[] {
  return errors
    .filter((e) => e.startsWith(`${path}:`) || e.startsWith(`${path}.`))
    .map((e) => e.slice(e.indexOf(':') + 1).trim());
}

function FieldErrors({ id, errors }: { id: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul id={id} className="errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

interface Base {
  label: string;
  errors?: readonly string[];
  hint?: ReactNode;
}

export function TimeField({
  label,
  value,
  onChange,
  errors = [],
  hint,
}: Base & { value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      <input
        id={id}
        type="time"
        value={value}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length ? `${id}-e` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? <p className="hint">{hint}</p> : null}
      <FieldErrors id={`${id}-e`} errors={errors} />
    </div>
  );
}

export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  unit,
  errors = [],
  hint,
}: Base & { value: number; onChange: (v: number) => void; min?: number; max?: number; unit?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={Number.isFinite(value) ? value : ''}
        min={min}
        max={max}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length ? `${id}-e` : undefined}
        onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
      />
      {unit ? <span className="muted"> {unit}</span> : null}
      {hint ? <p className="hint">{hint}</p> : null}
      <FieldErrors id={`${id}-e`} errors={errors} />
    </div>
  );
}

export function Check({ label, checked, onChange, hint }: Base & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div>
      <div className="check">
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? <p className="hint">{hint}</p> : null}
    </div>
  );
}

export function ListField({
  label,
  value,
  onChange,
  errors = [],
  hint,
  rows = 4,
}: Base & { value: string; onChange: (v: string) => void; rows?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        spellCheck={false}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={
          [hint ? `${id}-h` : '', errors.length ? `${id}-e` : ''].filter(Boolean).join(' ') || undefined
        }
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? (
        <p id={`${id}-h`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={`${id}-e`} errors={errors} />
    </div>
  );
}

export function SelectField<T extends string | number>({
  label,
  value,
  options,
  onChange,
  errors = [],
}: Base & { value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => {
          const o = options.find((x) => String(x.value) === e.target.value);
          if (o) onChange(o.value);
        }}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`${id}-e`} errors={errors} />
    </div>
  );
}

export function LineField({
  label,
  value,
  onChange,
  errors = [],
  hint,
  placeholder,
}: Base & { value: string; onChange: (v: string) => void; placeholder?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={
          [hint ? `${id}-h` : '', errors.length ? `${id}-e` : ''].filter(Boolean).join(' ') || undefined
        }
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? (
        <p id={`${id}-h`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={`${id}-e`} errors={errors} />
    </div>
  );
}
