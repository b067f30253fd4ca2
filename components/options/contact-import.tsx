import { FileImport } from './file-import';
import { failure, type Outcome, type Reply } from './outcome';

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
  const importFile = async (file: File): Promise<Outcome> => {
    const r = await onImport(await file.text(), file.name);
    if (!r.ok) return failure(r, 'The contacts were not imported.');
    // Records the store refused are named, like a failure's reasons.
    const errors = (r.counts as { errors?: string[] } | undefined)?.errors ?? [];
    const text = contactImportWords(file.name, r);
    return errors.length ? { kind: 'error', text, errors } : { kind: 'ok', text };
  };
  return (
    <FileImport
      title="Contacts import"
      hint="A Google Contacts export (vCard or CSV) or LinkedIn's Connections.csv. People are matched by any of their addresses; names, birthdays, work and notes are added to what you wrote, never over it."
      label="Import contacts (.vcf, .csv)"
      accept=".vcf,.vcard,.csv,text/vcard,text/csv"
      run={(file) => ({ outcome: importFile(file) })}
    />
  );
}
