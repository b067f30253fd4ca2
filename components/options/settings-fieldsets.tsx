import type { Settings } from '@/lib/core/model';
import { runtimeZone } from '@/lib/time/zoned-time';
import { Check, LineField, ListField, NumberField, SelectField, TimeField } from './fields';
import './options.css';

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
const MEETING_LENGTHS: { value: Settings['slots']['minutes']; label: string }[] = [
  { value: 15, label: '15 minutes' },
  { value: 30, label: '30 minutes' },
  { value: 60, label: '1 hour' },
];

/** What every fieldset gets from the form: the draft settings, a setter, and the errors for a field path. */
export interface FieldsetProps {
  s: Settings;
  set: (patch: (s: Settings) => Settings) => void;
  err: (path: string) => string[];
}

export interface TagRow {
  tag: string;
  days: number;
  toleranceDays: number;
}

/** Tag rhythms, then when a thread needs a reply or a follow-up. */
export function RhythmsFieldset({
  s,
  set,
  err,
  tags,
  setTags,
}: FieldsetProps & { tags: TagRow[]; setTags: (tags: TagRow[]) => void }) {
  return (
    <fieldset>
      <legend>Rhythms</legend>
      <p className="hint">
        Tend infers how often you talk with each person. A tag can set a default rhythm: people tagged “client” every 30
        days, at worst 44.
      </p>
      <TagRhythms tags={tags} setTags={setTags} />
      <ul className="errors">
        {err('tagCadences').map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" onClick={() => setTags([...tags, { tag: '', days: 30, toleranceDays: 14 }])}>
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
  );
}

/** The table of tag rhythms, each row edited in place. */
function TagRhythms({ tags, setTags }: { tags: TagRow[]; setTags: (tags: TagRow[]) => void }) {
  const edit = (i: number, patch: Partial<TagRow>) => setTags(tags.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
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
        {tags.map((t, i) => {
          const name = t.tag || `tag ${i + 1}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, the tag text changes
            <tr key={i}>
              <td>
                <input
                  type="text"
                  aria-label={`Tag ${i + 1}`}
                  value={t.tag}
                  maxLength={60}
                  size={12}
                  onChange={(e) => edit(i, { tag: e.target.value })}
                />
              </td>
              <td>
                <DaysInput label={`Days for ${name}`} min={1} value={t.days} onChange={(days) => edit(i, { days })} />
              </td>
              <td>
                <DaysInput
                  label={`Tolerance for ${name}`}
                  min={0}
                  value={t.toleranceDays}
                  onChange={(toleranceDays) => edit(i, { toleranceDays })}
                />
              </td>
              <td>
                <button type="button" onClick={() => setTags(tags.filter((_, j) => j !== i))}>
                  Remove<span className="visually-hidden">{` ${t.tag}`}</span>
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function DaysInput({
  label,
  min,
  value,
  onChange,
}: {
  label: string;
  min: number;
  value: number;
  onChange: (v: number) => void;
}) {
  return (
    <input
      type="number"
      aria-label={label}
      min={min}
      max={3650}
      value={Number.isFinite(value) ? value : ''}
      onChange={(e) => onChange(Number(e.target.value))}
    />
  );
}

/** Working hours, working days, preferred moments, meeting length and the time zone free slots are found in. */
export function HoursFieldset({ s, set, err }: FieldsetProps) {
  const work = (p: Partial<Settings['work']>) => set((x) => ({ ...x, work: { ...x.work, ...p } }));
  const slots = (p: Partial<Settings['slots']>) => set((x) => ({ ...x, slots: { ...x.slots, ...p } }));
  const time = (label: string, key: 'start' | 'end' | 'lunchStart' | 'lunchEnd') => (
    <TimeField label={label} value={s.work[key]} errors={err(`work.${key}`)} onChange={(v) => work({ [key]: v })} />
  );
  return (
    <fieldset>
      <legend>Working hours and free time</legend>
      <div className="grid">
        {time('Work starts', 'start')}
        {time('Work ends', 'end')}
        {time('Lunch starts', 'lunchStart')}
        {time('Lunch ends', 'lunchEnd')}
      </div>
      <Checks
        legend="Working days"
        items={WEEKDAYS.map((d) => ({ key: d.n, label: d.label }))}
        chosen={s.work.days}
        onChange={(days) => work({ days: [...days].sort((a, b) => a - b) })}
      />
      <Checks
        legend="Preferred moments to meet people"
        items={MOMENTS.map((m) => ({ key: m.id, label: m.label }))}
        chosen={s.slots.moments}
        onChange={(moments) => slots({ moments })}
      />
      <div className="grid">
        <SelectField
          label="Meeting length"
          value={s.slots.minutes}
          options={MEETING_LENGTHS}
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
  );
}

/** A group of check boxes choosing some of `items` (a checked box adds its key at the end, unchecked removes it). */
function Checks<K extends string | number>({
  legend,
  items,
  chosen,
  onChange,
}: {
  legend: string;
  items: readonly { key: K; label: string }[];
  chosen: readonly K[];
  onChange: (next: K[]) => void;
}) {
  return (
    <fieldset className="inner">
      <legend className="label">{legend}</legend>
      <div className="checks">
        {items.map((it) => (
          <Check
            key={it.key}
            label={it.label}
            checked={chosen.includes(it.key)}
            onChange={(on) => onChange(on ? [...chosen, it.key] : chosen.filter((x) => x !== it.key))}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** Notifications: on or off, digest time, quiet hours, daily limit, and which reminders. */
export function NotificationsFieldset({ s, set, err }: FieldsetProps) {
  const notif = (p: Partial<Settings['notifications']>) =>
    set((x) => ({ ...x, notifications: { ...x.notifications, ...p } }));
  const time = (label: string, key: 'digestTime' | 'quietStart' | 'quietEnd') => (
    <TimeField
      label={label}
      value={s.notifications[key]}
      errors={err(`notifications.${key}`)}
      onChange={(v) => notif({ [key]: v })}
    />
  );
  return (
    <fieldset>
      <legend>Notifications</legend>
      <Check
        label="Show notifications"
        checked={s.notifications.enabled}
        onChange={(v) => notif({ enabled: v })}
        hint="Off: Tend never shows a notification; the popup still lists everyone."
      />
      <div className="grid">
        {time('Daily digest at', 'digestTime')}
        {time('Quiet from', 'quietStart')}
        {time('Quiet until', 'quietEnd')}
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
  );
}

/** The address lists edited as text, one a line. */
export interface ListDrafts {
  selfAddresses: string;
  robotRules: string;
  ignoredAddresses: string;
  ignoredDomains: string;
}

type ListProps = {
  lists: ListDrafts;
  setList: (k: keyof ListDrafts, v: string) => void;
  err: (path: string) => string[];
};

/** The user's own other addresses: never contacts. */
export function AddressesFieldset({ lists, setList, err }: ListProps) {
  return (
    <fieldset>
      <legend>Your addresses</legend>
      <ListField
        label="Your other email addresses, one a line"
        value={lists.selfAddresses}
        errors={err('selfAddresses')}
        hint="The Gmail accounts you use are known already. Add aliases and old addresses: they are never contacts."
        onChange={(v) => setList('selfAddresses', v)}
      />
    </fieldset>
  );
}

/** Robot rules, ignored addresses and domains, the crowd size, and whether any meeting guest counts. */
export function NotAPersonFieldset({ s, set, err, lists, setList }: FieldsetProps & ListProps) {
  return (
    <fieldset>
      <legend>Who is not a person</legend>
      <ListField
        label="Robot and mailing-list rules, one a line"
        rows={6}
        value={lists.robotRules}
        errors={err('robotRules')}
        hint="An address pattern with * (no-reply@*, *@lists.*) or a bare domain."
        onChange={(v) => setList('robotRules', v)}
      />
      <ListField
        label="Ignored addresses, one a line"
        value={lists.ignoredAddresses}
        errors={err('ignoredAddresses')}
        onChange={(v) => setList('ignoredAddresses', v)}
      />
      <ListField
        label="Ignored domains, one a line"
        value={lists.ignoredDomains}
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
  );
}
