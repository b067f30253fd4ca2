import { type FormEvent, useId, useState } from 'react';
import type { Contact } from '@/lib/core/model';
import { displayName } from '../format';
import './person.css';

export type AddressReply = { ok: true } | { ok: false; errors: string[] };
/**
 * Adding an address that is a person of their own (mail to and from them was seen) would merge that person in:
 * the answer names them instead, and nothing changes until the user says to merge.
 */
export type AddReply = AddressReply | { ok: false; person: { email: string; name: string; touches: number } };
/** Removing an address answers how many touches left with it for a contact of its own. */
export type RemoveReply = { ok: true; moved: number } | { ok: false; errors: string[] };

/** What became of an address taken off a person, in words. */
export function removedWords(address: string, moved: number): string {
  if (moved === 0) return `Removed ${address}. No touch came with it, so their history is unchanged.`;
  return `Removed ${address}. Its ${moved} touch${moved === 1 ? '' : 'es'} went back to ${address} as a contact of its own; what you wrote stays here.`;
}

/**
 * A person's addresses: the one they are filed under, their others (each removable), a field to add one, and
 * "Merge with…": another person whose address or name is typed, merged into this one with both histories.
 */
export function Addresses({
  contact,
  onAdd,
  onRemove,
  onMerge,
  candidates,
}: {
  contact: Pick<Contact, 'email' | 'aliases' | 'name'>;
  onAdd: (address: string) => Promise<AddReply>;
  onRemove: (address: string) => Promise<RemoveReply>;
  /** Merges the person filed under `other` into this one. */
  onMerge: (other: string) => Promise<AddressReply>;
  /** People one may merge with, for the merge field's suggestions. */
  candidates?: readonly Pick<Contact, 'email' | 'name'>[];
}) {
  const ids = { add: useId(), merge: useId(), list: useId(), msg: useId() };
  const [address, setAddress] = useState('');
  const [other, setOther] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  // An address that turned out to be a person of their own, waiting for "Merge" or "Cancel".
  const [pending, setPending] = useState<{ email: string; name: string; touches: number } | null>(null);
  const name = displayName(contact);
  const report = (r: AddressReply, done: string) =>
    setMessage(r.ok ? { error: false, text: done } : { error: true, text: r.errors.join(' ') });
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!address.trim()) return setMessage({ error: true, text: 'Type an address first.' });
    const r = await onAdd(address);
    if (!r.ok && 'person' in r) {
      setMessage(null);
      return setPending(r.person);
    }
    report(r, `Added ${address.trim()}.`);
    if (r.ok) setAddress('');
  };
  const mergePending = async () => {
    if (!pending) return;
    const r = await onMerge(pending.email);
    report(r, `Merged ${displayName(pending)} into ${name}: both histories are kept.`);
    setPending(null);
    if (r.ok) setAddress('');
  };
  const merge = async (e: FormEvent) => {
    e.preventDefault();
    const typed = other.trim();
    const match = candidates?.find((c) => c.email === typed.toLowerCase() || c.name === typed);
    const target = match?.email ?? typed;
    if (!target) return setMessage({ error: true, text: 'Type the address of the person to merge.' });
    const r = await onMerge(target);
    report(r, `Merged ${match ? displayName(match) : target} into ${name}: both histories are kept.`);
    if (r.ok) setOther('');
  };
  return (
    <div className="addresses">
      <ul className="address-list" aria-label={`Addresses of ${name}`}>
        <li>
          <span className="email">{contact.email}</span> <span className="muted small">(main)</span>
        </li>
        {contact.aliases.map((a) => (
          <li key={a}>
            <span className="email">{a}</span>{' '}
            <button
              type="button"
              className="link"
              onClick={async () => {
                const r = await onRemove(a);
                report(r, r.ok ? removedWords(a, r.moved) : '');
              }}
            >
              Remove<span className="visually-hidden">{` ${a}`}</span>
            </button>
          </li>
        ))}
      </ul>
      {contact.aliases.length ? (
        <p className="muted small">
          Removing an address takes its touches with it to a contact of its own; touches you logged by hand, notes and
          tags stay here.
        </p>
      ) : null}
      <form className="inline-form" noValidate onSubmit={(e) => void add(e)}>
        <label htmlFor={ids.add}>Add an address</label>
        <input
          id={ids.add}
          type="email"
          value={address}
          placeholder="name@example.com"
          onChange={(e) => setAddress(e.target.value)}
        />
        <button type="submit">Add</button>
      </form>
      {pending ? (
        // biome-ignore lint/a11y/useSemanticElements: a question with its two answers is a group, not a fieldset
        <div className="inline-form" role="group" aria-label={`Merge ${pending.name || pending.email}?`}>
          <p role="status">
            {`${pending.email} is ${pending.name && pending.name !== pending.email ? `${pending.name}, ` : ''}a person of their own with ${pending.touches.toLocaleString()} touch${pending.touches === 1 ? '' : 'es'}. Merge them into ${name}? Their history, notes and tags join ${name}'s.`}
          </p>
          <button type="button" onClick={() => void mergePending()}>
            Merge
          </button>
          <button
            type="button"
            onClick={() => {
              setPending(null);
              setMessage({ error: false, text: 'Nothing changed.' });
            }}
          >
            Cancel
          </button>
        </div>
      ) : null}
      <form className="inline-form" noValidate onSubmit={(e) => void merge(e)}>
        <label htmlFor={ids.merge}>Merge with another person</label>
        <input
          id={ids.merge}
          type="text"
          list={candidates?.length ? ids.list : undefined}
          value={other}
          placeholder="their address"
          onChange={(e) => setOther(e.target.value)}
        />
        {candidates?.length ? (
          <datalist id={ids.list}>
            {candidates
              .filter((c) => c.email !== contact.email)
              .map((c) => (
                <option key={c.email} value={c.email}>
                  {c.name}
                </option>
              ))}
          </datalist>
        ) : null}
        <button type="submit">Merge</button>
      </form>
      {message ? (
        <p id={ids.msg} className={message.error ? 'error' : 'muted small'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
