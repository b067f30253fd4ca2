import { useId, useState } from 'react';
import { failure, type Outcome, OutcomeView, type Reply } from './data-section';

const KIND = { vcard: 'vCard', 'google-csv': 'Google Contacts CSV', linkedin: 'LinkedIn connections' } as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The summary after an import, in words ("Imported 12 people from contacts.vcf (vCard): 9 new, …"). */
export function contactImportWords(fileName: string, r: Reply): string {
  if (!r.ok) return '';
  const c = (r.counts ?? {}) as Record<string, number>;
  const kind = KIND[r.kind as keyof typeof KIND] ?? 'contacts';
  const parts = [`${plural(c.created ?? 0, 'new contact')}`, `${plural(c.updated ?? 0, 'contact')} updated`];
  if (c.joined) parts.push(`${plural(c.joined, 'duplicate')} joined`);
  if (c.unchanged) parts.push(`${plural(c.unchanged, 'already known', 'already known')}`);
  if (c.touches) parts.push(`${plural(c.touches, 'connection date')} as first touches`);
  const skipped: string[] = [];
  if (Number(r.noEmail)) skipped.push(`${plural(Number(r.noEmail), 'person', 'people')} without an email address`);
  if (Number(r.unreadable)) skipped.push(`${plural(Number(r.unreadable), 'unreadable card')}`);
  if (c.skipped) skipped.push(`${plural(c.skipped, 'entry', 'entries')} that are your own address or invalid`);
  return `Imported ${plural(c.people ?? 0, 'person', 'people')} from ${fileName} (${kind}): ${parts.join(', ')}.${
    skipped.length ? ` Skipped ${skipped.join(', ')}.` : ''
  }`;
}

/** "Import contacts (.vcf, .csv)": Google Contacts (vCard or CSV) or LinkedIn's Connections.csv. */
export function ContactImport({ onImport }: { onImport: (text: string, fileName: string) => Promise<Reply> }) {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Contacts import</h2>
      <p className="hint">
        A Google Contacts export (vCard or CSV) or LinkedIn's Connections.csv. People are matched by any of their
        addresses; names, birthdays, work and notes are added to what you wrote, never over it.
      </p>
      <div className="field">
        <label htmlFor={id}>
          <span>Import contacts (.vcf, .csv)</span>
        </label>
        <input
          id={id}
          type="file"
          accept=".vcf,.vcard,.csv,text/vcard,text/csv"
          disabled={busy}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setBusy(true);
            setOutcome(null);
            try {
              const r = await onImport(await file.text(), file.name);
              const errors = (r.ok && (r.counts as { errors?: string[] })?.errors) || [];
              // Records the store refused are named, like a failure's reasons.
              setOutcome(
                r.ok
                  ? errors.length
                    ? { kind: 'error', text: contactImportWords(file.name, r), errors }
                    : { kind: 'ok', text: contactImportWords(file.name, r) }
                  : failure(r, 'The contacts were not imported.'),
              );
            } catch (err) {
              setOutcome({ kind: 'error', text: `Could not read ${file.name}: ${String(err)}`, errors: [] });
            } finally {
              setBusy(false);
            }
          }}
        />
      </div>
      <OutcomeView outcome={outcome} />
    </section>
  );
}
