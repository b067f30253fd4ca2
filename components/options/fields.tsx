import { type ReactNode, useId } from 'react';
import './options.css';

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

/** What a field's control needs to be labelled and described: its id and the ARIA links to hint and errors. */
interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * The one field wrapper: a label, the control, an optional unit, the hint and the errors, linked for screen
 * readers (the control is described by its hint and its errors).
 */
function Field({
  label,
  errors = [],
  hint,
  unit,
  children,
}: Base & { unit?: string; children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-h` : '', errors.length ? `${id}-e` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      {children({ id, 'aria-invalid': errors.length > 0 || undefined, 'aria-describedby': describedBy || undefined })}
      {unit ? <span className="muted"> {unit}</span> : null}
      {hint ? (
        <p id={`${id}-h`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={`${id}-e`} errors={errors} />
    </div>
  );
}

export function TimeField({ value, onChange, ...base }: Base & { value: string; onChange: (v: string) => void }) {
  return (
    <Field {...base}>
      {(control) => <input {...control} type="time" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

export function NumberField({
  value,
  onChange,
  min,
  max,
  unit,
  ...base
}: Base & { value: number; onChange: (v: number) => void; min?: number; max?: number; unit?: string }) {
  return (
    <Field {...base} unit={unit}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          value={Number.isFinite(value) ? value : ''}
          min={min}
          max={max}
          onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
      )}
    </Field>
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
  value,
  onChange,
  rows = 4,
  ...base
}: Base & { value: string; onChange: (v: string) => void; rows?: number }) {
  return (
    <Field {...base}>
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          value={value}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function SelectField<T extends string | number>({
  value,
  options,
  onChange,
  ...base
}: Base & { value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <Field {...base}>
      {(control) => (
        <select
          {...control}
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
      )}
    </Field>
  );
}

export function LineField({
  value,
  onChange,
  placeholder,
  ...base
}: Base & { value: string; onChange: (v: string) => void; placeholder?: string }) {
  return (
    <Field {...base}>
      {(control) => (
        <input
          {...control}
          type="text"
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
