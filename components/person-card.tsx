import { type ReactNode, useId } from 'react';
import type { Contact, Interaction } from '@/lib/core/model';
import type { ContactChange } from '@/lib/store/contacts';
import { displayName } from './format';
import { KeyDatesEditor } from './key-dates';
import { AboutThem } from './person/about-them';
import { OpenWith, shortName } from './person/open-with';
import { PersonActions } from './person/person-actions';
import { PersonFacts, PersonHead } from './person/person-head';
import { Timeline } from './person/timeline';
import { type SaveResult, usePersonSave } from './person/use-person-save';
import { RhythmPicker } from './rhythm-picker';
import type { RhythmText } from './rhythm-words';
import { TagEditor } from './tag-editor';
import type { NudgeLike } from './types';

/**
 * One person in the open thread: last contact, rhythm (with its picker), recent history, what the user keeps
 * about them, tags and key dates. Every edit is saved by itself through `onChange`. Built from the pieces in
 * components/person/, which the person page (components/person/person-page.tsx) shares.
 */
export function PersonCard({
  contact,
  history,
  now,
  timeZone,
  rhythm,
  tagSuggestions,
  onChange,
  schedule,
  onWrite,
  muted = false,
  onMute,
  open,
  onOpenPage,
  headingLevel = 2,
}: {
  contact: Contact;
  history: readonly Interaction[] | undefined;
  now: number;
  /** The zone days are counted and shown in: the user's (components/runtime.ts zoneOf); the browser's when left out. */
  timeZone?: string;
  /** What applies now in words, and when the person is due ("due in 5 days"). */
  rhythm: RhythmText;
  tagSuggestions?: readonly string[];
  onChange: (change: ContactChange) => Promise<SaveResult> | SaveResult | undefined;
  /** The free-slot panel, shown on demand. */
  schedule?: () => ReactNode;
  /** Opens an email to them (Gmail compose). */
  onWrite?: () => void;
  /** Whether the whole contact is muted: no reminders about them (their mail is still counted). */
  muted?: boolean;
  /** Mutes (true) or unmutes (false) the contact. */
  onMute?: (mute: boolean) => Promise<SaveResult> | SaveResult | undefined;
  /** Their reply-needed, follow-up and promise nudges across threads (see `openNudgesOf`). */
  open?: readonly NudgeLike[];
  /** Opens the person's own page (everything about them, the whole timeline, Log a touch). */
  onOpenPage?: () => void;
  headingLevel?: 2 | 3;
}) {
  const headId = useId();
  const { status, setStatus, dateErrors, save } = usePersonSave(onChange);
  const name = displayName(contact);
  const short = shortName(contact);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <article className="card" aria-labelledby={headId}>
      <PersonHead contact={contact} headId={headId} Heading={H} status={status} />
      <PersonFacts summary={contact.summary} now={now} timeZone={timeZone} due={rhythm.due} dueStep={rhythm.dueStep} />
      <PersonActions
        name={name}
        short={short}
        onWrite={onWrite}
        schedule={schedule}
        muted={muted}
        onMute={onMute}
        setStatus={setStatus}
      >
        {onOpenPage ? (
          <button type="button" onClick={onOpenPage}>
            Open page<span className="visually-hidden">{` of ${name}`}</span>
          </button>
        ) : null}
      </PersonActions>
      <OpenWith name={short} items={open ?? []} Heading={Sub} />

      <RhythmPicker
        cadence={contact.cadence}
        description={rhythm.description}
        onChange={(cadence) => save({ cadence })}
      />

      <Sub>Recent</Sub>
      <Timeline items={history} now={now} timeZone={timeZone} />

      <Sub>About them</Sub>
      <AboutThem contact={contact} save={save} />
      <TagEditor tags={contact.tags} suggestions={tagSuggestions} onChange={(tags) => save({ tags })} />

      <Sub>Key dates</Sub>
      <KeyDatesEditor
        dates={contact.dates}
        errors={dateErrors}
        timeZone={timeZone}
        onChange={(dates) => save({ dates })}
      />
    </article>
  );
}
