import { useVirtualizer } from '@tanstack/react-virtual';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { LIMITS } from '@/lib/core/limits';
import { CADENCE_PRESETS, type CadenceSetting } from '@/lib/core/model';
import { rhythmWords } from '@/lib/engine/cadence';
import type { PersonRow } from '@/lib/store/people-table';
import { relativeWords } from '@/lib/time/relative';
import { dueScale } from '../due-scale';
import { displayName } from '../format';
import { cadenceFromValue } from '../rhythm-picker';
import { allTags, type Filter, type SortKey, visibleRows } from './people-model';
import './people.css';

const ROW_HEIGHT = 44;

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'org', label: 'Company' },
  { key: 'lastAt', label: 'Last contact' },
  { key: 'rhythmDays', label: 'Rhythm' },
  { key: 'dueAt', label: 'Next due' },
  { key: 'strength', label: 'Strength' },
  { key: 'tags', label: 'Tags' },
];

export type BulkAction =
  | { kind: 'tag'; tag: string }
  | { kind: 'rhythm'; cadence: CadenceSetting }
  | { kind: 'mute'; mute: boolean }
  | { kind: 'ignore' };

/**
 * Everyone in one virtualised table: sort by any column (click its header), filter (tag, overdue, drifting, no
 * rhythm, muted), search, select many and tag them, set a rhythm, mute, or mark them as not a person. Only the
 * rows in view are in the DOM, so 5,000 people cost what 20 do.
 */
export function PeopleTable({
  rows,
  now,
  timeZone,
  onOpen,
  onBulk,
  initialRect,
  initialFilter = 'all',
}: {
  rows: readonly PersonRow[];
  now: number;
  /** The zone days are counted in ("yesterday", "in 3 days"): the user's; the browser's when left out. */
  timeZone?: string;
  onOpen: (email: string) => void;
  onBulk: (
    action: BulkAction,
    emails: string[],
  ) => Promise<{ ok: true; changed: number } | { ok: false; error: string }>;
  /** The scroll area's size before it is measured (tests have no layout). */
  initialRect?: { width: number; height: number };
  /** The filter it opens on (the popup's Drifting section opens it on Drifting). */
  initialFilter?: Filter;
}) {
  const ids = { search: useId(), filter: useId(), count: useId(), tag: useId(), rhythm: useId() };
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>(initialFilter);
  const [sort, setSort] = useState<SortKey>('dueAt');
  const [desc, setDesc] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [tag, setTag] = useState('');
  const [rhythm, setRhythm] = useState('');
  const [status, setStatus] = useState('');
  const shown = useMemo(() => visibleRows(rows, { filter, query, sort, desc }), [rows, filter, query, sort, desc]);
  const tags = useMemo(() => allTags(rows), [rows]);
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    ...(initialRect ? { initialRect } : {}),
  });
  // Only the rows in view are rendered; spacer rows above and below keep the scroll height (a real table).
  const items = v.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = v.getTotalSize() - (items.at(-1)?.end ?? 0);
  // Actions reach only the selected people the search and filter show: someone ticked, then hidden by a new
  // filter, is left alone (and said to be).
  const chosen = useMemo(() => shown.filter((r) => selected.has(r.email)).map((r) => r.email), [shown, selected]);
  const hiddenChosen = selected.size - chosen.length;
  const allShownSelected = shown.length > 0 && chosen.length === shown.length;
  const toggle = (email: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(email)) n.delete(email);
      else n.add(email);
      return n;
    });
  const offered = chosen.length > 0;
  const bulkBar = useRef<HTMLDivElement>(null);
  const focusInBulk = useRef(false);
  // "Not a person" takes the people it acts on off the list, and the actions with them: focus, which was on the
  // button, stays in the bar (where the outcome is said) rather than falling to the page.
  useEffect(() => {
    if (!offered && focusInBulk.current && !bulkBar.current?.contains(document.activeElement)) bulkBar.current?.focus();
  }, [offered]);
  const bulk = async (action: BulkAction) => {
    const emails = chosen;
    if (emails.length === 0) return;
    const r = await onBulk(action, emails);
    setStatus(r.ok ? `Done: ${r.changed} of ${emails.length} changed.` : `Not done: ${r.error}`);
    if (r.ok && action.kind === 'ignore') {
      const gone = new Set(emails);
      setSelected((s) => new Set([...s].filter((e) => !gone.has(e))));
    }
  };
  const sortBy = (key: SortKey) => {
    if (key === sort) setDesc((d) => !d);
    else {
      setSort(key);
      setDesc(key === 'strength' || key === 'lastAt');
    }
  };
  // The view as it opens (no search, filter, sort or selection, tag or rhythm typed): what the page keeps
  // to paint at once next time (entrypoints/people/first-screen.ts).
  const opening =
    query === '' && filter === 'all' && sort === 'dueAt' && !desc && selected.size === 0 && tag === '' && status === '';
  return (
    <div className="people" data-opening-view={opening ? '' : undefined}>
      <div className="people-tools">
        <div className="field">
          <label htmlFor={ids.search}>Search</label>
          <input
            id={ids.search}
            type="search"
            value={query}
            placeholder="Name, address, company or tag"
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.filter}>Show</label>
          <select id={ids.filter} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="all">Everyone</option>
            <option value="overdue">Overdue</option>
            <option value="drifting">Drifting</option>
            <option value="no-rhythm">No rhythm</option>
            <option value="muted">Muted</option>
            {tags.map((t) => (
              <option key={t} value={`tag:${t}`}>
                {`Tagged “${t}”`}
              </option>
            ))}
          </select>
        </div>
        <p id={ids.count} className="muted small" aria-live="polite">
          {`${shown.length.toLocaleString()} of ${rows.length.toLocaleString()} people · ${chosen.length.toLocaleString()} selected`}
          {hiddenChosen > 0
            ? ` (${hiddenChosen.toLocaleString()} more hidden by the search or filter, left alone)`
            : ''}
        </p>
      </div>
      {/* The actions on the selected people, once someone is selected (with nobody selected they would only say
          "Select people first"); till then a line says what selecting offers, in the same room, so the table
          does not move when the first tick brings them. */}
      {/* biome-ignore lint/a11y/useSemanticElements: a toolbar of bulk actions is a group, not a fieldset */}
      <div
        ref={bulkBar}
        className="people-bulk"
        role="group"
        aria-label="With the selected people"
        tabIndex={-1}
        onFocus={() => {
          focusInBulk.current = true;
        }}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) focusInBulk.current = false;
        }}
      >
        {offered ? (
          <>
            <form
              className="inline-form"
              noValidate
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                if (!tag.trim()) return setStatus('Type a tag first.');
                void bulk({ kind: 'tag', tag: tag.trim() });
              }}
            >
              <label htmlFor={ids.tag} className="visually-hidden">
                Tag to add
              </label>
              <input
                id={ids.tag}
                type="text"
                value={tag}
                placeholder="tag"
                maxLength={LIMITS.tag}
                onChange={(e) => setTag(e.target.value)}
              />
              <button type="submit">Add tag</button>
            </form>
            {/* Choosing a rhythm and applying it are two steps: arrowing through a closed list fires a change
                at each step, and each would have rewritten everyone's rhythm. */}
            <form
              className="inline-form"
              noValidate
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                if (!rhythm) return setStatus('Choose a rhythm first.');
                void bulk({ kind: 'rhythm', cadence: cadenceFromValue(rhythm) });
              }}
            >
              <label htmlFor={ids.rhythm} className="visually-hidden">
                Rhythm to set
              </label>
              <select id={ids.rhythm} value={rhythm} onChange={(e) => setRhythm(e.target.value)}>
                <option value="">Rhythm…</option>
                <option value="auto">Auto (from history)</option>
                {CADENCE_PRESETS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
                <option value="off">Don't track</option>
              </select>
              <button type="submit">Set rhythm</button>
            </form>
            <button type="button" onClick={() => void bulk({ kind: 'mute', mute: true })}>
              Mute
            </button>
            <button type="button" onClick={() => void bulk({ kind: 'mute', mute: false })}>
              Unmute
            </button>
            <button type="button" onClick={() => void bulk({ kind: 'ignore' })}>
              Not a person
            </button>
          </>
        ) : (
          <p className="muted small">
            Select people to tag them, set their rhythm, mute them or mark them “Not a person”.
          </p>
        )}
        <span className="saved" role="status">
          {status}
        </span>
      </div>
      <div ref={scroller} className="people-scroll">
        <table
          className="people-table"
          aria-label="People"
          aria-rowcount={shown.length + 1}
          aria-describedby={ids.count}
        >
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="col-check">
                <input
                  type="checkbox"
                  aria-label="Select everyone shown"
                  checked={allShownSelected}
                  onChange={() => {
                    // Unticked: the people shown (all of them selected) leave the selection; the hidden stay.
                    const shownNow = new Set(chosen);
                    setSelected(
                      allShownSelected
                        ? new Set([...selected].filter((e) => !shownNow.has(e)))
                        : new Set([...selected, ...shown.map((r) => r.email)]),
                    );
                  }}
                />
              </th>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={`col-${c.key}`}
                  aria-sort={sort === c.key ? (desc ? 'descending' : 'ascending') : undefined}
                >
                  <button type="button" className="link" onClick={() => sortBy(c.key)}>
                    {c.label}
                    <span aria-hidden="true">{sort === c.key ? (desc ? ' ↓' : ' ↑') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {before > 0 ? <tr className="spacer" style={{ height: before }} /> : null}
            {items.map((item) => {
              const r = shown[item.index] as PersonRow;
              const name = displayName(r);
              const scale = dueScale(r);
              return (
                <tr
                  key={r.email}
                  aria-rowindex={item.index + 2}
                  aria-selected={selected.has(r.email)}
                  className={`people-row due-${scale.step}`}
                >
                  <td className="col-check">
                    <input
                      type="checkbox"
                      aria-label={`Select ${name}`}
                      checked={selected.has(r.email)}
                      onChange={() => toggle(r.email)}
                    />
                  </td>
                  <td className="col-name">
                    <button type="button" className="link" onClick={() => onOpen(r.email)} title={r.email}>
                      {name}
                    </button>
                  </td>
                  <td className="col-org">{r.org}</td>
                  <td className="col-lastAt">
                    {r.lastAt === undefined ? '—' : relativeWords(r.lastAt, now, timeZone)}
                  </td>
                  <td className="col-rhythmDays">
                    {r.rhythmDays === undefined
                      ? '—'
                      : `${rhythmWords(r.rhythmDays)}${r.rhythmSource === 'inferred' ? ' (inferred)' : r.rhythmSource === 'tag' ? ' (tag)' : ''}`}
                  </td>
                  <td className="col-dueAt">
                    <span className="due-dot" aria-hidden="true" />
                    {r.dueAt === undefined ? scale.words : `${relativeWords(r.dueAt, now, timeZone)} · ${scale.words}`}
                    {r.drifting ? ' · drifting' : ''}
                  </td>
                  <td className="col-strength">{Math.round(r.strength * 100)}</td>
                  <td className="col-tags">{r.tags.join(', ')}</td>
                </tr>
              );
            })}
            {after > 0 ? <tr className="spacer" style={{ height: after }} /> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
