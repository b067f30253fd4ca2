import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { composeUrl } from '@/lib/core/gmail-links';
import { followUpState } from '@/lib/engine/followups';
import { contactNudgeKey, promiseNudgeKey } from '@/lib/engine/nudge-keys';
import { personTest } from '@/lib/engine/people';
import { findContact } from '@/lib/store/aliases';
import { openPromisesOf, updateContact } from '@/lib/store/contacts';
import { getDb } from '@/lib/store/db';
import { historyOf, newContact } from '@/lib/store/interactions';
import { readNudgeList } from '@/lib/store/nudge-cache';
import { getSettings } from '@/lib/store/settings';
import { readThread } from '@/lib/store/threads';
import { displayName } from '../format';
import { openNudgesOf } from '../person/open-with';
import { PersonCard } from '../person-card';
import { rhythmText } from '../rhythm-words';
import { openPerson, openTab, send, zoneOf } from '../runtime';
import { saveTeller } from '../save-failures';
import { followUpWords, ThreadSummary } from '../thread-summary';
import { SchedulePanel } from './schedule-panel';

/** The open Gmail thread: its follow-up state and promises, then a card for each person in it. */
export function ThreadPanel({ threadKey, people }: { threadKey: string; people: readonly string[] }) {
  const db = getDb();
  const now = useMemo(() => Date.now(), []);
  const data = useLiveQuery(async () => {
    const [settings, thread, promises, contacts] = await Promise.all([
      getSettings(db),
      readThread(db, threadKey),
      openPromisesOf(db, threadKey),
      db.contacts.bulkGet([...people]),
    ]);
    return { settings, thread, promises, contacts };
  }, [threadKey, people.join(',')]);
  if (!data) return null;
  const { settings, thread, promises, contacts } = data;
  const names = new Map(contacts.filter((c) => c !== undefined).map((c) => [c.email, displayName(c)]));
  const inThread = new Set(people);
  const isPerson = personTest(settings);
  const follow = thread ? followUpState(thread, settings, now, (e) => inThread.has(e) && isPerson(e)) : null;
  const timeZone = zoneOf(settings.timeZone);
  return (
    <>
      <ThreadSummary
        subject={thread?.subject}
        followUp={followUpWords(follow, now, (e) => names.get(e) ?? e, timeZone)}
        promises={promises}
        now={now}
        timeZone={timeZone}
        onPromiseDone={async (p) => {
          // The one path for "done" (popup, notice, sidebar): the background records it and closes the promise.
          await send({ type: 'nudge-action', key: promiseNudgeKey(p.id), action: 'done' });
        }}
      />
      {people.length === 0 ? <p className="muted">Nobody else in this thread.</p> : null}
      {people.map((email) => (
        <LivePerson key={email} email={email} now={now} />
      ))}
    </>
  );
}

/** How many recent emails and meetings a card lists. */
const TIMELINE = 5;

/** One person's card, live. Edits are written through lib/contacts and the nudges recomputed. */
export function LivePerson({ email, now }: { email: string; now: number }) {
  const db = getDb();
  const data = useLiveQuery(async () => {
    // The address in the thread may be one of the person's other addresses (an alias): the card is the person's.
    const contact = await findContact(db, email);
    const who = contact?.email ?? email;
    const [history, settings, state, list] = await Promise.all([
      historyOf(db, who, TIMELINE),
      getSettings(db),
      db.nudgeState.get(contactNudgeKey(who)),
      readNudgeList(db),
    ]);
    // What is open with them in every thread, from the precomputed list (their aliases count as them).
    const open = openNudgesOf(list?.nudges, [email, ...(contact?.aliases ?? [])]);
    return { contact, history, settings, state, muted: state?.muted === true, open };
  }, [email]);
  if (!data) return null;
  const { history, settings, state, muted, open } = data;
  // Edits, mutes and "Write" go to the person's own address.
  const who = data.contact?.email ?? email;
  // Someone Tend has not recorded yet is shown as a new, empty contact, as the store would create them.
  const contact = data.contact ?? newContact(email, '', now);
  return (
    <PersonCard
      contact={contact}
      history={history}
      now={now}
      timeZone={zoneOf(settings.timeZone)}
      rhythm={rhythmText(contact, settings, now, state)}
      tagSuggestions={Object.keys(settings.tagCadences)}
      onChange={async (change) => {
        const r = await updateContact(db, who, change, Date.now(), saveTeller);
        // Rhythm, tags and dates change who is due: the background recomputes the list. Any edit is kept in the
        // safety copy (and synced) by the background: it is told either way.
        if (r.ok) void send({ type: change.cadence || change.tags || change.dates ? 'refresh' : 'edited' });
        return r.ok ? { ok: true } : r;
      }}
      schedule={() => <SchedulePanel email={email} name={contact.name} />}
      onWrite={() => void openTab(composeUrl({ to: email, accountIndex: contact.accounts[0] }))}
      muted={muted}
      onMute={async (mute) => {
        // The background keeps the mute and recomputes the list: a muted contact gets no nudges.
        const r = await send({ type: 'nudge-action', key: contactNudgeKey(who), action: mute ? 'mute' : 'unmute' });
        return r.ok ? { ok: true } : { ok: false, errors: [r.error] };
      }}
      open={open}
      onOpenPage={() => void openPerson(email)}
    />
  );
}
