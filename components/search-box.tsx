import { useId } from 'react';
import './lists.css';

/** The "Search people" box. */
export function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const id = useId();
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is too new for every screen reader; the role is the same
    <div className="search" role="search">
      <label htmlFor={id} className="visually-hidden">
        Search people
      </label>
      <input
        id={id}
        type="search"
        placeholder="Search people"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            onChange('');
          }
        }}
      />
    </div>
  );
}
