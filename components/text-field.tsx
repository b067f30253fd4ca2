import { useId } from 'react';
import { useDebouncedText } from './use-debounced';

/** A labelled text box whose edits are saved by themselves (after a pause, or on leaving the field). */
export function TextField({
  label,
  value,
  onCommit,
  multiline = false,
  placeholder,
  maxLength,
}: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  multiline?: boolean;
  placeholder?: string;
  maxLength?: number;
}) {
  const id = useId();
  const { draft, change, flush } = useDebouncedText(value, onCommit);
  return (
    <div className="field">
      <label htmlFor={id} className="label">
        {label}
      </label>
      {multiline ? (
        <textarea
          id={id}
          value={draft}
          placeholder={placeholder}
          maxLength={maxLength}
          rows={3}
          onChange={(e) => change(e.target.value)}
          onBlur={flush}
        />
      ) : (
        <input
          id={id}
          type="text"
          value={draft}
          placeholder={placeholder}
          maxLength={maxLength}
          onChange={(e) => change(e.target.value)}
          onBlur={flush}
        />
      )}
    </div>
  );
}
