import { useEffect, useRef, useState } from 'react';
import { lines } from '@/components/format';
import type { Settings } from '@/lib/core/model';
import { isTimeZone } from '@/lib/time/zoned-time';
import { errorsFor } from './fields';
import {
  AddressesFieldset,
  HoursFieldset,
  type ListDrafts,
  NotAPersonFieldset,
  NotificationsFieldset,
  RhythmsFieldset,
  type TagRow,
} from './settings-fieldsets';
import './options.css';

interface Draft {
  s: Settings;
  lists: ListDrafts;
  tags: TagRow[];
}

export function draftOf(s: Settings): Draft {
  return {
    s,
    lists: {
      selfAddresses: s.selfAddresses.join('\n'),
      robotRules: s.robotRules.join('\n'),
      ignoredAddresses: s.ignoredAddresses.join('\n'),
      ignoredDomains: s.ignoredDomains.join('\n'),
    },
    tags: Object.entries(s.tagCadences).map(([tag, r]) => ({ tag, ...r })),
  };
}

/** The settings object a draft stands for (validated by the caller through lib/store/settings.ts). */
export function settingsOf(d: Draft): unknown {
  return {
    ...d.s,
    selfAddresses: lines(d.lists.selfAddresses),
    robotRules: lines(d.lists.robotRules),
    ignoredAddresses: lines(d.lists.ignoredAddresses),
    ignoredDomains: lines(d.lists.ignoredDomains).map((x) => x.toLowerCase().replace(/^@/, '')),
    tagCadences: Object.fromEntries(
      d.tags
        .filter((t) => t.tag.trim())
        .map((t) => [t.tag.trim().toLowerCase(), { days: t.days, toleranceDays: t.toleranceDays }]),
    ),
  };
}

/**
 * What Save writes over the settings stored at that moment (`current`): the groups the user edited in the form,
 * and nothing else. A group the form holds as it was when the form last loaded (`base`) is left as stored, so what
 * changed meanwhile is kept: an address a mailbox import learnt as the user's, a rhythm synced from another
 * browser. A list (addresses, rules) is merged: what the user added in the form is added, what they removed is
 * removed, and what arrived meanwhile stays.
 */
export function savedSettings(base: Settings, edited: Draft, current: Settings): unknown {
  const before = settingsOf(draftOf(base)) as Record<string, unknown>;
  const after = settingsOf(edited) as Record<string, unknown>;
  const now = current as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { ...now };
  for (const [k, v] of Object.entries(after)) {
    if (!(k in now)) out[k] = v;
    else if (JSON.stringify(v) === JSON.stringify(before[k])) continue;
    else if (isStrings(v) && isStrings(before[k]) && isStrings(now[k])) out[k] = mergeList(before[k], v, now[k]);
    else out[k] = v;
  }
  return out;
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((e) => typeof e === 'string');

/** `now` with the form's additions (in `after`, not in `before`) added and its removals removed. */
function mergeList(before: string[], after: string[], now: string[]): string[] {
  const removed = new Set(before.filter((x) => !after.includes(x)));
  const added = after.filter((x) => !before.includes(x));
  return [...new Set([...now.filter((x) => !removed.has(x)), ...added])];
}

/** Save's answer: the settings as saved (the form starts again from them), or why nothing was saved. */
export type SaveOutcome = { ok: true; settings: Settings } | { ok: false; errors: string[] };

/** Every setting, edited as a draft and saved (validated) in one go: one fieldset component per group. */
export function SettingsForm({
  settings,
  onSave,
}: {
  settings: Settings;
  /** Saves `edit` applied to the settings stored at that moment (read, edit, validate and write at once). */
  onSave: (edit: (current: Settings) => unknown) => Promise<SaveOutcome>;
}) {
  // The stored settings the draft began from: what Save compares the draft with (savedSettings).
  const [base, setBase] = useState(settings);
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [dirty, setDirty] = useState(false);
  const edited = useRef(false);
  edited.current = dirty;
  // Settings changed elsewhere (an import, another browser) show at once in a form with no edits of its own.
  useEffect(() => {
    if (edited.current) return;
    setBase(settings);
    setDraft(draftOf(settings));
  }, [settings]);
  const edit = (patch: (d: Draft) => Draft) => {
    setDraft(patch);
    setDirty(true);
    setStatus('');
  };
  const common = {
    s: draft.s,
    err: (path: string) => errorsFor(errors, path),
    set: (patch: (s: Settings) => Settings) => edit((d) => ({ ...d, s: patch(d.s) })),
  };
  const lists = {
    lists: draft.lists,
    err: common.err,
    setList: (k: keyof ListDrafts, v: string) => edit((d) => ({ ...d, lists: { ...d.lists, [k]: v } })),
  };
  const save = async () => {
    setStatus('Saving…');
    const zone = draft.s.timeZone;
    const r: SaveOutcome =
      zone && !isTimeZone(zone)
        ? { ok: false, errors: [`timeZone: “${zone}” is not a time zone this browser knows`] }
        : await onSave((current) => savedSettings(base, draft, current));
    setErrors(r.ok ? [] : r.errors);
    if (r.ok) {
      // What was saved is what the form holds now, and what the next Save compares with.
      setBase(r.settings);
      setDraft(draftOf(r.settings));
      setDirty(false);
    }
    setStatus(r.ok ? 'Saved.' : `Not saved: ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'} to fix.`);
  };
  return (
    <form
      noValidate
      aria-label="Settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <RhythmsFieldset {...common} tags={draft.tags} setTags={(tags) => edit((d) => ({ ...d, tags }))} />
      <HoursFieldset {...common} />
      <NotificationsFieldset {...common} />
      <AddressesFieldset {...lists} />
      <NotAPersonFieldset {...common} {...lists} />
      <SaveBar status={status || (dirty ? 'Unsaved changes' : '')} errors={errors} />
    </form>
  );
}

function SaveBar({ status, errors }: { status: string; errors: string[] }) {
  return (
    <div className="savebar">
      <button type="submit" className="primary">
        Save settings
      </button>
      <span role="status" className={errors.length ? 'error' : 'muted'}>
        {status}
      </span>
      {errors.length ? (
        <ul className="errors" aria-label="Problems">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
