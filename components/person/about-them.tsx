import type { Contact } from '@/lib/core/model';
import type { ContactChange } from '@/lib/store/contacts';
import { TextField } from '../text-field';

/** What the user keeps about a person: notes, and personal details (open when any is filled in). */
export function AboutThem({ contact, save }: { contact: Contact; save: (change: ContactChange) => void }) {
  const hasDetails = Object.values(contact.details).some((v) => v.trim() !== '');
  return (
    <>
      <TextField
        label="Notes"
        multiline
        value={contact.notes}
        onCommit={(notes) => save({ notes })}
        maxLength={20_000}
      />
      <details className="details" open={hasDetails || undefined}>
        <summary>Personal details</summary>
        <TextField
          label="Background"
          multiline
          value={contact.details.background}
          placeholder="Work, how you met"
          onCommit={(background) => save({ details: { background } })}
        />
        <TextField
          label="Preferences"
          value={contact.details.preferences}
          placeholder="Coffee, tea, mornings…"
          onCommit={(preferences) => save({ details: { preferences } })}
        />
        <TextField label="Family" value={contact.details.family} onCommit={(family) => save({ details: { family } })} />
        <TextField
          label="Interests"
          value={contact.details.interests}
          onCommit={(interests) => save({ details: { interests } })}
        />
      </details>
    </>
  );
}
