import { useState } from 'react';
import type { ContactChange } from '@/lib/store/contacts';

export type SaveResult = { ok: true } | { ok: false; errors: string[] };

/**
 * Saving one edit at a time: the status line ("Saved", "Not saved") and the key dates' errors, which the
 * dates editor shows beside its fields.
 */
export function usePersonSave(onChange: (change: ContactChange) => Promise<SaveResult> | SaveResult | undefined) {
  const [status, setStatus] = useState('');
  const [dateErrors, setDateErrors] = useState<string[]>([]);
  const save = async (change: ContactChange) => {
    const r = await onChange(change);
    if (r && !r.ok) {
      setStatus('Not saved');
      if (change.dates) setDateErrors(r.errors);
      return;
    }
    if (change.dates) setDateErrors([]);
    setStatus('Saved');
  };
  return { status, setStatus, dateErrors, save };
}
