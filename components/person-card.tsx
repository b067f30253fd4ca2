import { type ReactNode, useId, useState } from 'react';
import type { Contact, Interaction } from '@/lib/core/model';
import type { ContactChange } from '@/lib/store/contacts';
import { relativeWords } from '@/lib/time/relative';
import type { NudgeKind } from '../lib/engine/nudge-kinds';
import { Avatar } from './avatar';
import { displayName, lastContactWords } from './format';
import { KeyDatesEditor } from './key-dates';
import { RhythmPicker } from './rhythm-picker';
import { TagEditor } from './tag-editor';
import { TextField } from './text-field';
import type { NudgeLike } from './types';

export type SaveResult = { ok: true } | { ok: false; errors: string[] };

const DIRECTION: Record<Interaction['direction'], string> = {
  sent: 'You wrote',
  received: 'They wrote',
  meeting: 'Meeting',
};

/** Recent emails and meetings, newest first. */
export function Timeline({ items, now }: { items: readonly Interaction[] | undefined; now: number }) {
  if (items === undefined) return null;
  if (items.length === 0) return <p className="muted small">Nothing recorded yet.</p>;
  return (
    <ul className="timeline" aria-label="Recent emails and meetings">
      {items.map((it) => (
        <li key={`${it.key}`}>
          <span>
            <strong>{it.source === 'linkedin' ? 'LinkedIn' : DIRECTION[it.direction]}</strong>
            {it.subject ? ` · ${it.subject}` : ''}
          </span>
          <span className="when">{relativeWords(it.at, now)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The kinds a card lists as open with a person: what is owed either way, in any thread. */
const OPEN_KINDS: Partial<Record<NudgeKind, string>> = {
  'reply-needed': 'Reply needed',
  'awaiting-reply': 'Follow up',
  promise: 'Promise',
};

/** How many open items a card lists. */
export const OPEN_MAX = 5;

/**
 * A person's open items from the precomputed nudge list: their reply-needed, follow-up and promise nudges in
 * every thread, in the list's order, at most `OPEN_MAX`. `emails` are the person's address and aliases.
 */
export function openNudgesOf(nudges: readonly NudgeLike[] | undefined, emails: readonly string[]): NudgeLike[] {
  if (!nudges) return [];
  const who = new Set(emails);
  const out: NudgeLike[] = [];
  for (const n of nudges) {
    if (out.length >= OPEN_MAX) break;
    if (OPEN_KINDS[n.kind] && who.has(n.contact)) out.push(n);
  }
  return out;
}

/** What a short line calls a person: the first word of their name, else their address. */
export function shortName(c: { name?: string; email: string }): string {
  return (c.name ?? '').trim().split(/\s+/)[0] || c.email;
}

/** "Open with Ann": what is owed either way, reason then subject. Nothing when nothing is open. */
export function OpenWith({
  name,
  items,
  Heading,
}: {
  name: string;
  items: readonly NudgeLike[];
  Heading: 'h3' | 'h4';
}) {
  const id = useId();
  if (items.length === 0) return null;
  return (
    <section className="open-with" aria-labelledby={id}>
      <Heading id={id}>Open with {name}</Heading>
      <ul className="open-list">
        {items.slice(0, OPEN_MAX).map((n) => (
          <li key={n.key} className="open-item">
            <span className="open-kind">{OPEN_KINDS[n.kind] ?? n.kind}</span> <span>{n.reason}</span>
            {n.subject ? <span className="open-subject muted small">{n.subject}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One person in the open thread: last contact, rhythm (with its picker), recent history, what the user keeps
 * about them, tags and key dates. Every edit is saved by itself through `onChange`.
 */
export function PersonCard({
  contact,
  history,
  now,
  rhythm,
  tagSuggestions,
  onChange,
  schedule,
  onWrite,
  muted = false,
  onMute,
  open,
  headingLevel = 2,
}: {
  contact: Contact;
  history: readonly Interaction[] | undefined;
  now: number;
  /** What applies now in words, and when the person is due ("due in 5 days"). */
  rhythm: { description: string; due?: string };
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
  headingLevel?: 2 | 3;
}) {
  const headId = useId();
  const [status, setStatus] = useState<string>('');
  const [dateErrors, setDateErrors] = useState<string[]>([]);
  const [showSlots, setShowSlots] = useState(false);
  // The mute shown at once, before the store answers; a change made elsewhere wins.
  const [mutedNow, setMutedNow] = useState(muted);
  const [mutedSeen, setMutedSeen] = useState(muted);
  if (muted !== mutedSeen) {
    setMutedSeen(muted);
    setMutedNow(muted);
  }
  const muteWhyId = useId();
  const name = displayName(contact);
  const short = shortName(contact);
  const toggleMute = async () => {
    if (!onMute) return;
    const next = !mutedNow;
    setMutedNow(next);
    const r = await onMute(next);
    if (r && !r.ok) {
      setMutedNow(!next);
      setStatus('Not saved');
      return;
    }
    setStatus(next ? 'Muted' : 'Unmuted');
  };
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
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const s = contact.summary;
  const hasDetails = Object.values(contact.details).some((v) => v.trim() !== '');
  return (
    <article className="card" aria-labelledby={headId}>
      <div className="card-head">
        <Avatar name={contact.name} email={contact.email} size={40} />
        <div className="row-main">
          <H id={headId}>{name}</H>
          {contact.name ? <p className="email small">{contact.email}</p> : null}
        </div>
        <span className="saved" role="status">
          {status}
        </span>
      </div>
      <dl className="facts">
        <dt>Last contact</dt>
        <dd>{lastContactWords(s?.lastAt, now).replace(/^last contact /, '')}</dd>
        {s && s.count > 0 ? (
          <>
            <dt>History</dt>
            <dd>{`${s.sent} sent · ${s.received} received · ${s.meetings} meeting${s.meetings === 1 ? '' : 's'}`}</dd>
          </>
        ) : null}
        {rhythm.due ? (
          <>
            <dt>Next touch</dt>
            <dd>{rhythm.due}</dd>
          </>
        ) : null}
      </dl>
      {onWrite || schedule || onMute ? (
        // biome-ignore lint/a11y/useSemanticElements: a toolbar of actions is a group, not a fieldset
        <div className="actions card-actions" role="group" aria-label={`Actions for ${name}`}>
          {onWrite ? (
            <button type="button" className="primary" onClick={onWrite}>
              Write
            </button>
          ) : null}
          {schedule ? (
            <button type="button" aria-expanded={showSlots} onClick={() => setShowSlots((v) => !v)}>
              Find a time
            </button>
          ) : null}
          {onMute ? (
            <button type="button" aria-describedby={muteWhyId} onClick={() => void toggleMute()}>
              {mutedNow ? 'Unmute' : 'Mute'}
            </button>
          ) : null}
        </div>
      ) : null}
      {onMute ? (
        <p id={muteWhyId} className={mutedNow ? 'mute-note small is-muted' : 'mute-note small muted'}>
          {mutedNow
            ? `Muted: no reminders about ${short}; mail is still counted.`
            : `Mute: no reminders about ${short}; mail is still counted.`}
        </p>
      ) : null}
      {schedule && showSlots ? <div className="panel">{schedule()}</div> : null}
      <OpenWith name={short} items={open ?? []} Heading={Sub} />

      <RhythmPicker
        cadence={contact.cadence}
        description={rhythm.description}
        onChange={(cadence) => save({ cadence })}
      />

      <Sub>Recent</Sub>
      <Timeline items={history} now={now} />

      <Sub>About them</Sub>
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
      <TagEditor tags={contact.tags} suggestions={tagSuggestions} onChange={(tags) => save({ tags })} />

      <Sub>Key dates</Sub>
      <KeyDatesEditor dates={contact.dates} errors={dateErrors} onChange={(dates) => save({ dates })} />
    </article>
  );
}
