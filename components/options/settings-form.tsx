import { useState } from 'react';
import { lines } from '@/components/format';
import type { Settings } from '@/lib/core/model';
import { isTimeZone, runtimeZone } from '@/lib/time/zoned-time';
import { Check, errorsFor, LineField, ListField, NumberField, SelectField, TimeField } from './fields';

type Moment = Settings['slots']['moments'][number];

const WEEKDAYS = [
  { n: 1, label: 'Mon' },
  { n: 2, label: 'Tue' },
  { n: 3, label: 'Wed' },
  { n: 4, label: 'Thu' },
  { n: 5, label: 'Fri' },
  { n: 6, label: 'Sat' },
  { n: 7, label: 'Sun' },
];
const MOMENTS: { id: Moment; label: string }[] = [
  { id: 'before-work', label: 'Before work' },
  { id: 'lunch', label: 'Lunch' },
  { id: 'after-work', label: 'After work' },
  { id: 'around-shared-meeting', label: 'Next to a meeting you already share' },
];

interface TagRow {
  tag: string;
  days: number;
  toleranceDays: number;
}

interface Draft {
  s: Settings;
  lists: { selfAddresses: string; robotRules: string; ignoredAddresses: string; ignoredDomains: string };
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

export type SaveOutcome = { ok: true } | { ok: false; errors: string[] };

/** Every setting, edited as a draft and saved (validated) in one go. */
export function SettingsForm({
  settings,
  onSave,
}: {
  settings: Settings;
  onSave: (next: unknown) => Promise<SaveOutcome>;
}) {
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [dirty, setDirty] = useState(false);
  const s = draft.s;
  const err = (path: string) => errorsFor(errors, path);
  const set = (patch: (s: Settings) => Settings) => {
    setDraft((d) => ({ ...d, s: patch(d.s) }));
    setDirty(true);
    setStatus('');
  };
  const setList = (k: keyof Draft['lists'], v: string) => {
    setDraft((d) => ({ ...d, lists: { ...d.lists, [k]: v } }));
    setDirty(true);
    setStatus('');
  };
  const setTags = (tags: TagRow[]) => {
    setDraft((d) => ({ ...d, tags }));
    setDirty(true);
    setStatus('');
  };
  const work = (p: Partial<Settings['work']>) => set((x) => ({ ...x, work: { ...x.work, ...p } }));
  const slots = (p: Partial<Settings['slots']>) => set((x) => ({ ...x, slots: { ...x.slots, ...p } }));
  const notif = (p: Partial<Settings['notifications']>) =>
    set((x) => ({ ...x, notifications: { ...x.notifications, ...p } }));

  return (
    <form
      noValidate
      aria-label="Settings"
      onSubmit={async (e) => {
        e.preventDefault();
        setStatus('Saving…');
        const zone = draft.s.timeZone;
        const r: SaveOutcome =
          zone && !isTimeZone(zone)
            ? { ok: false, errors: [`timeZone: “${zone}” is not a time zone this browser knows`] }
            : await onSave(settingsOf(draft));
        if (r.ok) {
          setErrors([]);
          setDirty(false);
          setStatus('Saved.');
        } else {
          setErrors(r.errors);
          setStatus(`Not saved: ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'} to fix.`);
        }
      }}
    >
      <fieldset>
        <legend>Rhythms</legend>
        <p className="hint">
          Tend infers how often you talk with each person. A tag can set a default rhythm: people tagged “client” every
          30 days, at worst 44.
        </p>
        <table className="plain">
          <caption className="visually-hidden">Rhythm by tag</caption>
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Ideally every (days)</th>
              <th scope="col">At worst, days later</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.tags.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, the tag text changes
              <tr key={i}>
                <td>
                  <input
                    type="text"
                    aria-label={`Tag ${i + 1}`}
                    value={t.tag}
                    maxLength={60}
                    size={12}
                    onChange={(e) => setTags(draft.tags.map((x, j) => (j === i ? { ...x, tag: e.target.value } : x)))}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    aria-label={`Days for ${t.tag || `tag ${i + 1}`}`}
                    min={1}
                    max={3650}
                    value={Number.isFinite(t.days) ? t.days : ''}
                    onChange={(e) =>
                      setTags(draft.tags.map((x, j) => (j === i ? { ...x, days: Number(e.target.value) } : x)))
                    }
                  />
                </td>
                <td>
                  <input
                    type="number"
                    aria-label={`Tolerance for ${t.tag || `tag ${i + 1}`}`}
                    min={0}
                    max={3650}
                    value={Number.isFinite(t.toleranceDays) ? t.toleranceDays : ''}
                    onChange={(e) =>
                      setTags(draft.tags.map((x, j) => (j === i ? { ...x, toleranceDays: Number(e.target.value) } : x)))
                    }
                  />
                </td>
                <td>
                  <button type="button" onClick={() => setTags(draft.tags.filter((_, j) => j !== i))}>
                    Remove<span className="visually-hidden">{` ${t.tag}`}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ul className="errors">
          {err('tagCadences').map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
        <div className="actions">
          <button type="button" onClick={() => setTags([...draft.tags, { tag: '', days: 30, toleranceDays: 14 }])}>
            Add a tag rhythm
          </button>
        </div>
        <div className="grid">
          <NumberField
            label="Reply needed after (days)"
            value={s.replyNeededDays}
            min={0}
            max={60}
            errors={err('replyNeededDays')}
            onChange={(v) => set((x) => ({ ...x, replyNeededDays: v }))}
          />
          <NumberField
            label="Follow up after (days)"
            value={s.awaitingReplyDays}
            min={0}
            max={60}
            errors={err('awaitingReplyDays')}
            onChange={(v) => set((x) => ({ ...x, awaitingReplyDays: v }))}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>Working hours and free time</legend>
        <div className="grid">
          <TimeField
            label="Work starts"
            value={s.work.start}
            errors={err('work.start')}
            onChange={(v) => work({ start: v })}
          />
          <TimeField label="Work ends" value={s.work.end} errors={err('work.end')} onChange={(v) => work({ end: v })} />
          <TimeField
            label="Lunch starts"
            value={s.work.lunchStart}
            errors={err('work.lunchStart')}
            onChange={(v) => work({ lunchStart: v })}
          />
          <TimeField
            label="Lunch ends"
            value={s.work.lunchEnd}
            errors={err('work.lunchEnd')}
            onChange={(v) => work({ lunchEnd: v })}
          />
        </div>
        <fieldset className="inner">
          <legend className="label">Working days</legend>
          <div className="checks">
            {WEEKDAYS.map((d) => (
              <Check
                key={d.n}
                label={d.label}
                checked={s.work.days.includes(d.n)}
                onChange={(on) =>
                  work({
                    days: on ? [...s.work.days, d.n].sort((a, b) => a - b) : s.work.days.filter((x) => x !== d.n),
                  })
                }
              />
            ))}
          </div>
        </fieldset>
        <fieldset className="inner">
          <legend className="label">Preferred moments to meet people</legend>
          <div className="checks">
            {MOMENTS.map((m) => (
              <Check
                key={m.id}
                label={m.label}
                checked={s.slots.moments.includes(m.id)}
                onChange={(on) =>
                  slots({ moments: on ? [...s.slots.moments, m.id] : s.slots.moments.filter((x) => x !== m.id) })
                }
              />
            ))}
          </div>
        </fieldset>
        <div className="grid">
          <SelectField
            label="Meeting length"
            value={s.slots.minutes}
            options={[
              { value: 15, label: '15 minutes' },
              { value: 30, label: '30 minutes' },
              { value: 60, label: '1 hour' },
            ]}
            onChange={(v) => slots({ minutes: v })}
          />
          <NumberField
            label="Look ahead (days)"
            value={s.slots.horizonDays}
            min={1}
            max={60}
            errors={err('slots.horizonDays')}
            onChange={(v) => slots({ horizonDays: v })}
          />
          <NumberField
            label="Buffer (minutes)"
            hint="Around each meeting."
            value={s.slots.bufferMinutes}
            min={0}
            max={120}
            errors={err('slots.bufferMinutes')}
            onChange={(v) => slots({ bufferMinutes: v })}
          />
        </div>
        <LineField
          label="Time zone"
          placeholder="e.g. Europe/Paris"
          value={s.timeZone}
          errors={err('timeZone')}
          hint={`Leave empty to use this browser's (${runtimeZone()}).`}
          onChange={(v) => set((x) => ({ ...x, timeZone: v.trim() }))}
        />
      </fieldset>

      <fieldset>
        <legend>Notifications</legend>
        <Check
          label="Show notifications"
          checked={s.notifications.enabled}
          onChange={(v) => notif({ enabled: v })}
          hint="Off: Tend never shows a notification; the popup still lists everyone."
        />
        <div className="grid">
          <TimeField
            label="Daily digest at"
            value={s.notifications.digestTime}
            errors={err('notifications.digestTime')}
            onChange={(v) => notif({ digestTime: v })}
          />
          <TimeField
            label="Quiet from"
            value={s.notifications.quietStart}
            errors={err('notifications.quietStart')}
            onChange={(v) => notif({ quietStart: v })}
          />
          <TimeField
            label="Quiet until"
            value={s.notifications.quietEnd}
            errors={err('notifications.quietEnd')}
            onChange={(v) => notif({ quietEnd: v })}
          />
          <NumberField
            label="Daily limit"
            hint="Notifications a day, at most."
            value={s.notifications.dailyCap}
            min={0}
            max={50}
            errors={err('notifications.dailyCap')}
            onChange={(v) => notif({ dailyCap: v })}
          />
        </div>
        <Check
          label="Tell me when a promise comes due"
          checked={s.notifications.promiseNotices}
          onChange={(v) => notif({ promiseNotices: v })}
        />
        <Check
          label="Remind me of birthdays and other key dates"
          checked={s.keyDates.enabled}
          onChange={(v) => set((x) => ({ ...x, keyDates: { enabled: v } }))}
        />
        <Check
          label="Suggest saying thanks after a meeting or a helpful reply"
          checked={s.appreciation.enabled}
          onChange={(v) => set((x) => ({ ...x, appreciation: { enabled: v } }))}
        />
      </fieldset>

      <fieldset>
        <legend>Your addresses</legend>
        <ListField
          label="Your other email addresses, one a line"
          value={draft.lists.selfAddresses}
          errors={err('selfAddresses')}
          hint="The Gmail accounts you use are known already. Add aliases and old addresses: they are never contacts."
          onChange={(v) => setList('selfAddresses', v)}
        />
      </fieldset>

      <fieldset>
        <legend>Who is not a person</legend>
        <ListField
          label="Robot and mailing-list rules, one a line"
          rows={6}
          value={draft.lists.robotRules}
          errors={err('robotRules')}
          hint="An address pattern with * (no-reply@*, *@lists.*) or a bare domain."
          onChange={(v) => setList('robotRules', v)}
        />
        <ListField
          label="Ignored addresses, one a line"
          value={draft.lists.ignoredAddresses}
          errors={err('ignoredAddresses')}
          onChange={(v) => setList('ignoredAddresses', v)}
        />
        <ListField
          label="Ignored domains, one a line"
          value={draft.lists.ignoredDomains}
          errors={err('ignoredDomains')}
          hint="Everyone at these domains (and their subdomains) is left out."
          onChange={(v) => setList('ignoredDomains', v)}
        />
        <NumberField
          label="Threads with more people than this are not personal"
          value={s.maxThreadPeople}
          min={2}
          max={500}
          errors={err('maxThreadPeople')}
          onChange={(v) => set((x) => ({ ...x, maxThreadPeople: v }))}
        />
        <Check
          label="Record meetings with any guest, not only people you email"
          checked={s.meetingsWithAnyGuest}
          onChange={(v) => set((x) => ({ ...x, meetingsWithAnyGuest: v }))}
        />
      </fieldset>

      <div className="savebar">
        <button type="submit" className="primary">
          Save settings
        </button>
        <span role="status" className={errors.length ? 'error' : 'muted'}>
          {status || (dirty ? 'Unsaved changes' : '')}
        </span>
        {errors.length ? (
          <ul className="errors" aria-label="Problems">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </form>
  );
}
