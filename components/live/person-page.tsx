import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { composeUrl } from '@/lib/core/gmail-links';
import { followPerson } from '@/lib/core/person-page-follow';
import { strength } from '@/lib/engine/cadence';
import { contactNudgeKey } from '@/lib/engine/nudge-keys';
import { addAddress, mergePeople, removeAddress } from '@/lib/store/addresses';
import { aliasIndex, resolveAddress } from '@/lib/store/aliases';
import { recentContacts } from '@/lib/store/contact-search';
import { updateContact } from '@/lib/store/contacts';
import { getDb } from '@/lib/store/db';
import { historyOf } from '@/lib/store/interactions';
import { readNudgeList } from '@/lib/store/nudge-cache';
import { saveOrSay } from '@/lib/store/quota';
import { getSettings } from '@/lib/store/settings';
import { summarize } from '@/lib/store/summary';
import { displayName } from '../format';
import { openNudgesOf } from '../person/open-with';
import { PersonPage } from '../person/person-page';
import { rhythmText } from '../rhythm-words';
import { openTab, send, zoneOf } from '../runtime';
import { saveTeller } from '../save-failures';
import { useClock } from '../use-clock';
import { SchedulePanel } from './schedule-panel';
import '../lists.css';

const YEAR = 365 * 86_400_000;

/**
 * One person's page, live: their record, whole history and open items; every edit goes through lib/store
 * (contacts, addresses) or the message protocol (touches logged by hand, mute), and the background recomputes
 * the nudges. An address that is one of a person's others opens that person, and the page follows them (see
 * `followPerson`): it names and reads by their own address from then on, so it stays on them when that other
 * address is removed.
 */
export function LivePersonPage({ email }: { email: string }) {
  const db = getDb();
  // The address the page reads by: the one it was opened for, until that turned out to be one of a person's others.
  const [followed, setFollowed] = useState<{ from: string; to: string } | null>(null);
  const address = followed?.from === email ? followed.to : email;
  // The page's time moves on while it is open (a touch logged just now is in the strip; after midnight the form
  // offers the new day), and is never older than the last read of the store.
  const clock = useClock(60_000);
  const data = useLiveQuery(async () => {
    const readAt = Date.now();
    const person = resolveAddress(await aliasIndex(db), address);
    const [contact, history, settings, state, list, others] = await Promise.all([
      db.contacts.get(person),
      historyOf(db, person),
      getSettings(db),
      db.nudgeState.get(contactNudgeKey(person)),
      readNudgeList(db),
      recentContacts(db, 200),
    ]);
    const follow = followPerson(address, person, contact !== undefined);
    return {
      read: address,
      person,
      contact,
      history,
      settings,
      state,
      muted: state?.muted === true,
      list,
      others,
      readAt,
      follow,
    };
  }, [address]);
  // (A read for the address before keeps showing until the next one is done: it says nothing about where to go.)
  const follow = data?.read === address ? data.follow : null;
  useEffect(() => {
    if (!follow) return;
    window.history.replaceState(window.history.state, '', follow.path);
    setFollowed({ from: email, to: follow.email });
  }, [follow, email]);
  // The tab is named for the person the page shows (their name once known), not the address it was opened by.
  const title = data?.contact ? displayName(data.contact) : address;
  useEffect(() => {
    document.title = `Tend: ${title}`;
  }, [title]);
  if (!data) return null;
  const { person, contact, history, settings, state, muted, list, others, readAt } = data;
  const now = Math.max(clock, readAt);
  if (!contact) {
    return (
      <section className="section">
        <h1>Nobody here</h1>
        <p className="muted">{`Tend has no record of ${address} yet: no mail or meeting with them has been captured or imported (or they were merged into someone, or deleted).`}</p>
      </section>
    );
  }
  // Strength a year ago: the same score over the touches Tend knew of then.
  const yearAgo = now - YEAR;
  const before = history.filter((h) => h.at <= yearAgo).reverse();
  const strengthThen = strength({ ...contact, summary: summarize(before, yearAgo) }, yearAgo);
  const changed = () => void send({ type: 'refresh' });
  /** An address change: saved (the list is recomputed), refused (its reasons), or not saved (the disk, in words). */
  const addressChange = async <R extends { ok: boolean }>(write: () => Promise<R>) => {
    const saved = await saveOrSay('contact', write, saveTeller, Date.now);
    if (!saved.ok) return { ok: false as const, errors: [saved.error] };
    if (saved.value.ok) changed();
    return saved.value;
  };
  return (
    <PersonPage
      // Another person (merged into someone else) is a new page: no form, status or Undo of the one before.
      key={person}
      contact={contact}
      history={history}
      now={now}
      timeZone={zoneOf(settings.timeZone)}
      rhythm={rhythmText(contact, settings, now, state)}
      strength={{ now: strength(contact, now), yearAgo: before.length ? strengthThen : null }}
      tagSuggestions={Object.keys(settings.tagCadences)}
      open={openNudgesOf(list?.nudges, [person, ...contact.aliases], 20)}
      muted={muted}
      onChange={async (change) => {
        const r = await updateContact(db, person, change, Date.now(), saveTeller);
        // Rhythm, tags and dates change who is due: the background recomputes the list. Any edit (notes and
        // personal details too) is kept in the safety copy (and synced) by the background: it is told either way.
        if (r.ok) void send({ type: change.cadence || change.tags || change.dates ? 'refresh' : 'edited' });
        return r.ok ? { ok: true } : r;
      }}
      onMute={async (mute) => {
        const r = await send({ type: 'nudge-action', key: contactNudgeKey(person), action: mute ? 'mute' : 'unmute' });
        return r.ok ? { ok: true } : { ok: false, errors: [r.error] };
      }}
      onWrite={() => void openTab(composeUrl({ to: person, accountIndex: contact.accounts[0] }))}
      slots={<SchedulePanel email={person} name={contact.name} />}
      onLogTouch={async (t, key) => {
        const r = await send({
          type: 'log-touch',
          contact: person,
          ...(t.kind ? { kind: t.kind } : {}),
          at: t.at,
          ...(t.note ? { note: t.note } : {}),
          ...(key ? { key } : {}),
        });
        return r.ok ? { ok: true } : { ok: false, error: r.error };
      }}
      onRestoreTouch={async ({ contact: _, ...touch }) => {
        const r = await send({ type: 'restore-touch', contact: person, touch });
        return r.ok ? { ok: true } : { ok: false, error: r.error };
      }}
      onDeleteTouch={async (key) => {
        const r = await send({ type: 'delete-touch', contact: person, key });
        return r.ok ? { ok: true } : { ok: false, error: r.error };
      }}
      onAddAddress={async (a) => {
        // An address that is a person of their own is named, for the user to merge or not (see AddReply).
        const r = await addressChange(() => addAddress(db, person, a, Date.now(), { ask: true }));
        return r.ok ? { ok: true } : r;
      }}
      onRemoveAddress={async (a) => {
        const r = await addressChange(() => removeAddress(db, person, a, Date.now()));
        return r.ok ? { ok: true, moved: r.moved } : r;
      }}
      onMerge={async (other) => {
        const r = await addressChange(() => mergePeople(db, person, other, Date.now()));
        return r.ok ? { ok: true } : r;
      }}
      mergeCandidates={others.filter((c) => c.email !== person)}
    />
  );
}
