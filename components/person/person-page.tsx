import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { Contact, Interaction } from '@/lib/core/model';
import type { ContactChange } from '@/lib/store/contacts';
import { displayName } from '../format';
import { KeyDatesEditor } from '../key-dates';
import { RhythmPicker } from '../rhythm-picker';
import type { RhythmText } from '../rhythm-words';
import { TagEditor } from '../tag-editor';
import type { NudgeLike } from '../types';
import { AboutThem } from './about-them';
import { type AddReply, Addresses, type AddressReply, type RemoveReply } from './addresses';
import { LogTouchForm, type TouchDraft } from './log-touch';
import { OpenWith, shortName } from './open-with';
import { PersonActions } from './person-actions';
import { PersonFacts, PersonHead } from './person-head';
import { Timeline, touchLabel } from './timeline';
import { monthlyTouches, TouchStrip } from './touch-strip';
import { type SaveResult, usePersonSave } from './use-person-save';
import '../lists.css';
import './person.css';

/** Touches the page lists at first, and how many more each "Show more" adds. */
export const TIMELINE_FIRST = 30;

export type TouchReply = { ok: true } | { ok: false; error: string };

export interface PersonPageProps {
  contact: Contact;
  /** Every touch, newest first. */
  history: readonly Interaction[];
  now: number;
  /**
   * The zone every day on the page is counted and shown in, and a logged touch's day is read in: the user's
   * (components/runtime.ts zoneOf). The browser's when left out.
   */
  timeZone?: string;
  rhythm: RhythmText;
  /** Strength (0..1, lib/engine/cadence.ts strength()) now and a year ago (null: no touch known before then). */
  strength: { now: number; yearAgo: number | null };
  tagSuggestions?: readonly string[];
  open: readonly NudgeLike[];
  muted: boolean;
  onChange: (change: ContactChange) => Promise<SaveResult> | SaveResult | undefined;
  onMute: (mute: boolean) => Promise<SaveResult> | SaveResult | undefined;
  onWrite?: () => void;
  /** The free slots (always shown on the page). */
  slots?: ReactNode;
  /** Logs a touch, or with `key` changes one logged before. */
  onLogTouch: (t: TouchDraft, key?: string) => Promise<TouchReply>;
  onDeleteTouch: (key: string) => Promise<TouchReply>;
  /** Puts a deleted touch back as it was (Undo). */
  onRestoreTouch: (it: Interaction) => Promise<TouchReply>;
  onAddAddress: (address: string) => Promise<AddReply>;
  onRemoveAddress: (address: string) => Promise<RemoveReply>;
  onMerge: (other: string) => Promise<AddressReply>;
  mergeCandidates?: readonly Pick<Contact, 'email' | 'name'>[];
}

const pct = (x: number) => Math.round(x * 100);

/** A strength score in a word, on a five-step scale (0-19 faint … 80-100 very strong). */
export function strengthWord(x: number): string {
  const p = pct(x);
  if (p < 20) return 'faint';
  if (p < 40) return 'weak';
  if (p < 60) return 'fair';
  if (p < 80) return 'strong';
  return 'very strong';
}

/**
 * Strength now against a year ago, in words: "Strong now (62 of 100), up from fair (40) a year ago". `yearAgo`
 * is null when Tend knows of no touch before then (nothing to compare with, which is not a score of 0).
 */
export function strengthWords(s: { now: number; yearAgo: number | null }): string {
  const now = `${strengthWord(s.now)} now (${pct(s.now)} of 100)`;
  const head = now.charAt(0).toUpperCase() + now.slice(1);
  if (s.yearAgo === null) return `${head}; no touches a year ago to compare with`;
  const d = pct(s.now) - pct(s.yearAgo);
  const then = `${strengthWord(s.yearAgo)} (${pct(s.yearAgo)})`;
  if (d >= 5) return `${head}, up from ${then} a year ago`;
  if (d <= -5) return `${head}, down from ${then} a year ago`;
  return `${head}, about the same as a year ago (${pct(s.yearAgo)})`;
}

/**
 * Everything about one person on a page of its own: what the sidebar's card shows (facts, actions, open items,
 * rhythm, notes and details, tags, key dates) and more: the whole timeline with touches logged by hand (Log a
 * touch; edit, delete), twelve months of touches as a picture, strength now and a year ago, free slots and the
 * person's addresses (add, remove, merge with another person).
 */
export function PersonPage(p: PersonPageProps) {
  const { contact, now, timeZone } = p;
  const headId = useId();
  const { status, setStatus, dateErrors, save } = usePersonSave(p.onChange);
  const [logging, setLogging] = useState<{ key?: string; draft?: TouchDraft; recorded?: string } | null>(null);
  const [shown, setShown] = useState(TIMELINE_FIRST);
  const name = displayName(contact);
  const short = shortName(contact);
  const left = p.history.length - shown;
  const logButton = useRef<HTMLButtonElement>(null);
  // The form closes (saved, cancelled): focus goes back to the button that opens it, not to the page's start.
  const closeForm = () => {
    setLogging(null);
    logButton.current?.focus();
  };
  // A deleted touch can be put back at once; focus goes to that offer, so the keyboard is not left nowhere.
  const [deleted, setDeleted] = useState<Interaction | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (deleted) undoButton.current?.focus();
  }, [deleted]);
  return (
    <article className="person-page" aria-labelledby={headId}>
      <PersonHead contact={contact} headId={headId} Heading="h1" status={status} size={56} />
      <div className="person-grid">
        <div className="person-col">
          <PersonFacts
            summary={contact.summary}
            now={now}
            timeZone={timeZone}
            due={p.rhythm.due}
            dueStep={p.rhythm.dueStep}
          >
            <dt>Strength</dt>
            <dd className="strength">
              {p.strength.yearAgo !== null ? (
                <span className="strength-bars" aria-hidden="true">
                  <span>now</span>
                  <meter min={0} max={1} low={0.4} high={0.6} optimum={1} value={p.strength.now} />
                  <span>a year ago</span>
                  <meter min={0} max={1} low={0.4} high={0.6} optimum={1} value={p.strength.yearAgo} />
                </span>
              ) : (
                <span aria-hidden="true">
                  <meter min={0} max={1} low={0.4} high={0.6} optimum={1} value={p.strength.now} />
                </span>
              )}
              <span>{strengthWords(p.strength)}.</span>
              <span className="muted small">From how recent, how often and how two-way your touches are.</span>
            </dd>
          </PersonFacts>
          <PersonActions
            name={name}
            short={short}
            onWrite={p.onWrite}
            muted={p.muted}
            onMute={p.onMute}
            setStatus={setStatus}
          >
            <button
              ref={logButton}
              type="button"
              aria-expanded={logging !== null && !logging.key}
              onClick={() => setLogging({})}
            >
              Log a touch
            </button>
          </PersonActions>
          {logging ? (
            <LogTouchForm
              key={logging.key ?? 'new'}
              name={name}
              now={now}
              timeZone={timeZone}
              initial={logging.draft}
              recorded={logging.recorded}
              onCancel={closeForm}
              onSave={async (t) => {
                const r = await p.onLogTouch(t, logging.key);
                if (r.ok) {
                  closeForm();
                  setStatus(logging.key ? 'Touch saved' : 'Touch logged');
                }
                return r;
              }}
            />
          ) : null}
          <OpenWith name={short} items={p.open} Heading="h2" max={20} />

          <section aria-labelledby={`${headId}-year`}>
            <h2 id={`${headId}-year`}>The last 12 months</h2>
            <TouchStrip months={monthlyTouches(p.history, now, timeZone)} name={short} />
          </section>

          <section aria-labelledby={`${headId}-tl`}>
            <h2 id={`${headId}-tl`}>
              Every touch <span className="count">{p.history.length}</span>
            </h2>
            <Timeline
              items={p.history.slice(0, shown)}
              now={now}
              timeZone={timeZone}
              dates
              label={`Every touch with ${name}`}
              onEdit={(it) =>
                setLogging({
                  key: it.key,
                  draft: { ...(it.kind ? { kind: it.kind } : {}), at: it.at, note: it.note ?? '' },
                  recorded: touchLabel(it),
                })
              }
              onDelete={async (it) => {
                const r = await p.onDeleteTouch(it.key);
                setStatus(r.ok ? 'Touch deleted' : `Not deleted: ${r.error}`);
                if (r.ok) setDeleted(it);
              }}
            />
            {deleted ? (
              <p className="small undo-line">
                {`Deleted: ${touchLabel(deleted)}${deleted.note ? ` · ${deleted.note}` : ''}. `}
                <button
                  ref={undoButton}
                  type="button"
                  className="link"
                  onClick={async () => {
                    const r = await p.onRestoreTouch(deleted);
                    setStatus(r.ok ? 'Touch put back' : `Not put back: ${r.error}`);
                    if (r.ok) {
                      setDeleted(null);
                      logButton.current?.focus();
                    }
                  }}
                >
                  Undo
                </button>
              </p>
            ) : null}
            {left > 0 ? (
              <button type="button" className="link more" onClick={() => setShown((s) => s + TIMELINE_FIRST * 4)}>
                Show {Math.min(left, TIMELINE_FIRST * 4)} more{' '}
                <span className="muted">({left.toLocaleString()} left)</span>
              </button>
            ) : null}
          </section>
        </div>
        <div className="person-col">
          <h2>Rhythm</h2>
          <RhythmPicker
            cadence={contact.cadence}
            description={p.rhythm.description}
            onChange={(cadence) => save({ cadence })}
          />
          <h2>About them</h2>
          <AboutThem contact={contact} save={save} />
          <TagEditor tags={contact.tags} suggestions={p.tagSuggestions} onChange={(tags) => save({ tags })} />
          <h2>Key dates</h2>
          <KeyDatesEditor
            dates={contact.dates}
            errors={dateErrors}
            timeZone={timeZone}
            onChange={(dates) => save({ dates })}
          />
          {p.slots ? (
            <>
              <h2>Free time to meet</h2>
              {p.slots}
            </>
          ) : null}
          <h2>Addresses</h2>
          <Addresses
            contact={contact}
            onAdd={p.onAddAddress}
            onRemove={p.onRemoveAddress}
            onMerge={p.onMerge}
            candidates={p.mergeCandidates}
          />
        </div>
      </div>
    </article>
  );
}
