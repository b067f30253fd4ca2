import { useId, useState } from 'react';
import './lists.css';

/** Tags as removable chips plus a box to add one (Enter or comma adds). */
export function TagEditor({
  tags,
  suggestions = [],
  onChange,
}: {
  tags: readonly string[];
  suggestions?: readonly string[];
  onChange: (tags: string[]) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const add = () => {
    const t = text.trim().replace(/,$/, '').trim();
    if (!t) return;
    if (!tags.some((x) => x.toLowerCase() === t.toLowerCase())) onChange([...tags, t]);
    setText('');
  };
  return (
    <div className="field">
      <label htmlFor={id} className="label">
        Tags
      </label>
      <div className="tags">
        {tags.length > 0 ? (
          <ul className="tags" aria-label="Tags">
            {tags.map((t) => (
              <li key={t} className="tag">
                {t}
                <button
                  type="button"
                  aria-label={`Remove tag ${t}`}
                  onClick={() => onChange(tags.filter((x) => x !== t))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <input
          id={id}
          type="text"
          value={text}
          placeholder="Add a tag"
          list={suggestions.length ? `${id}-s` : undefined}
          maxLength={60}
          size={12}
          onChange={(e) => {
            const v = e.target.value;
            if (v.endsWith(',')) {
              setText(v);
              const t = v.slice(0, -1).trim();
              if (t && !tags.some((x) => x.toLowerCase() === t.toLowerCase())) onChange([...tags, t]);
              setText('');
            } else setText(v);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          onBlur={add}
        />
        {suggestions.length ? (
          <datalist id={`${id}-s`}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        ) : null}
      </div>
    </div>
  );
}
