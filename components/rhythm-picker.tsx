import { useEffect, useId, useState } from 'react';
import { CADENCE_PRESETS, type CadenceSetting } from '@/lib/core/model';

/** The picker's value for a cadence setting. */
export function cadenceValue(c: CadenceSetting): string {
  if (c.mode !== 'fixed') return c.mode;
  return CADENCE_PRESETS.find((p) => p.days === c.days)?.id ?? `custom:${c.days}`;
}

/** The cadence setting for a picker value; a set rhythm gets half of it as tolerance ("at worst"). */
export function cadenceFromValue(value: string, prev?: CadenceSetting): CadenceSetting {
  if (value === 'off') return { mode: 'off' };
  if (value === 'auto') return { mode: 'auto' };
  if (value.startsWith('custom:') && prev) return prev;
  const preset = CADENCE_PRESETS.find((p) => p.id === value);
  const days = preset?.days ?? 30;
  return { mode: 'fixed', days, toleranceDays: Math.round(days / 2) };
}

/** "How often do you want to be in touch?": Don't track, Auto, or a preset. */
export function RhythmPicker({
  cadence,
  description,
  onChange,
  label = 'Rhythm',
}: {
  cadence: CadenceSetting;
  /** What applies now, in words ("you usually talk every ~3 weeks"). */
  description?: string;
  onChange: (c: CadenceSetting) => void;
  label?: string;
}) {
  const id = useId();
  const stored = cadenceValue(cadence);
  // The choice shows at once; the stored value takes over when it arrives (or when another page changes it).
  const [value, setValue] = useState(stored);
  useEffect(() => setValue(stored), [stored]);
  return (
    <div className="field">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select
        id={id}
        value={value}
        aria-describedby={description ? `${id}-d` : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          onChange(cadenceFromValue(e.target.value, cadence));
        }}
      >
        <option value="off">Don't track</option>
        <option value="auto">Auto</option>
        {CADENCE_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
        {value.startsWith('custom:') && cadence.mode === 'fixed' ? (
          <option value={value}>{`Every ${cadence.days} days`}</option>
        ) : null}
      </select>
      {description ? (
        <p id={`${id}-d`} className="hint">
          {description}
        </p>
      ) : null}
    </div>
  );
}
