/**
 * People from a contact file (lib/ingest/contact-file.ts) merged into the contacts, in ONE transaction.
 *
 * - One person, one contact: a person is matched by ANY of their addresses, through each contact's own address
 *   and its aliases (lib/store/aliases.ts). Their other addresses become aliases. When a person's addresses
 *   belong to two contacts Tend already had (two addresses seen in Gmail), those become one, joined as the person
 *   page's merge joins them (lib/store/join-people.ts): the second moves into the first (history, what the user
 *   wrote, accounts, mute) and is removed. People listed twice in a file are one.
 * - What the user wrote wins: a name is set only where there is none, notes are appended (never replaced), the
 *   organisation and title are added to the background once, a birthday only where none is recorded.
 * - The user's own addresses never become contacts.
 * - LinkedIn's connection day becomes a touch (`source: "linkedin"`, received), recorded once.
 * Each contact is written through updateContact or joinPeople (validated as a whole); the store's summaries follow
 * the histories in the same transaction. A join the model refuses (the two together over a limit) leaves the
 * person out, with the reason.
 */
import { LIMITS } from '../core/limits';
import type { Contact, Interaction, KeyDate } from '../core/model';
import { selfAddresses } from './accounts';
import { aliasIndex, saveAliasIndex } from './aliases';
import { updateContact } from './contacts';
import type { TendDB } from './db';
import { recordInteractions } from './interactions';
import { joinPeople, joinTables } from './join-people';
import { RECORD_BYTES, writeTransaction } from './quota';
import { summarize } from './summary';

export interface DayOfYear {
  month: number;
  day: number;
  year?: number;
}

/** One person as a contact file describes them. `emails` are normalised; the first is the main one. */
export interface ImportedPerson {
  name: string;
  emails: string[];
  birthday?: DayOfYear;
  anniversary?: DayOfYear;
  organisation?: string;
  title?: string;
  note?: string;
  /** LinkedIn: the day the user connected with them (epoch ms). */
  connectedAt?: number;
}

export interface ContactMergeCounts {
  /** People in the file that were read. */
  people: number;
  /**
   * New contacts, of people Tend did not know: not one this file created and then joined away, nor one this file
   * created that a contact Tend had was joined into.
   */
  created: number;
  updated: number;
  unchanged: number;
  /** Contacts Tend had twice (two of one person's addresses) that became one. */
  joined: number;
  /** First touches added (LinkedIn connection days). */
  touches: number;
  /** People left out: only the user's own addresses, or a record the store refused (with `errors`). */
  skipped: number;
  errors: string[];
}

const MAX_ERRORS = 20;

/** "Director at ABC, Inc.", "ABC, Inc.", "Director", or ''. */
export function workLine(p: Pick<ImportedPerson, 'organisation' | 'title'>): string {
  if (p.title && p.organisation) return `${p.title} at ${p.organisation}`;
  return p.title || p.organisation || '';
}

/** Text added to what is there, on a new paragraph, unless it is there already. */
function append(existing: string, text: string | undefined, max: number): string {
  const t = (text ?? '').trim();
  if (!t || existing.includes(t)) return existing;
  const joined = existing.trim() ? `${existing.trimEnd()}\n\n${t}` : t;
  return joined.length > max ? joined.slice(0, max) : joined;
}

function withDates(dates: readonly KeyDate[], p: ImportedPerson): KeyDate[] {
  const out = [...dates];
  if (p.birthday && !out.some((d) => d.kind === 'birthday'))
    out.push({ kind: 'birthday', label: '', leadDays: 0, ...p.birthday });
  if (p.anniversary && !out.some((d) => d.kind === 'other' && d.label === 'Anniversary'))
    out.push({ kind: 'other', label: 'Anniversary', leadDays: 0, ...p.anniversary });
  return out.slice(0, 50);
}

/** Merges the people of one contact file into the store, in one transaction. */
export async function mergeImportedPeople(
  db: TendDB,
  people: readonly ImportedPerson[],
  now: number,
): Promise<ContactMergeCounts> {
  return writeTransaction(
    db,
    // What the import writes (contacts, histories, the alias index in kv) is among what a join writes.
    joinTables(db),
    `the ${people.length} people of a contact file`,
    async () => {
      const counts: ContactMergeCounts = {
        people: people.length,
        created: 0,
        updated: 0,
        unchanged: 0,
        joined: 0,
        touches: 0,
        skipped: 0,
        errors: [],
      };
      const self = new Set(await selfAddresses(db));
      const aliases = await aliasIndex(db);
      const touched = new Set<string>();
      const created = new Set<string>();
      const touches: Interaction[] = [];

      for (const p of people) {
        const emails = p.emails.filter((e) => !self.has(e));
        if (emails.length === 0) {
          counts.skipped++;
          continue;
        }
        // Every contact this person already is, through any of their addresses.
        const primaries = [...new Set(emails.map((e) => aliases.get(e) ?? e))];
        const found = (await db.contacts.bulkGet(primaries)).filter((c): c is Contact => c !== undefined);
        const target = found[0]?.email ?? emails[0] ?? '';
        const isNew = found.length === 0;

        // Contacts that turn out to be this same person join the first one, as any merge of two people does.
        let base: Contact | undefined = found[0];
        let refused: string[] | undefined;
        for (const other of found.slice(1)) {
          if (!base) break;
          const j = await joinPeople(db, base, other, now, aliases);
          if (!j.ok) {
            refused = j.errors;
            break;
          }
          base = j.contact;
          counts.joined++;
          // A contact this file created and then joined away was no new person; one it created that a contact
          // Tend had joined is that known person.
          if (!created.delete(other.email)) created.delete(base.email);
          if (!created.has(base.email)) touched.add(base.email);
        }
        if (refused) {
          counts.skipped++;
          if (counts.errors.length < MAX_ERRORS) counts.errors.push(`${emails[0]}: ${refused.join('; ')}`);
          continue;
        }

        const before = base ? JSON.stringify(base) : '';
        const r = await updateContact(
          db,
          target,
          (c) => ({
            name: c.name || p.name,
            aliases: [...c.aliases, ...emails.filter((e) => e !== c.email && !c.aliases.includes(e))].slice(
              0,
              LIMITS.aliases,
            ),
            notes: append(c.notes, p.note, LIMITS.note),
            details: { background: append(c.details.background, workLine(p), LIMITS.note) },
            dates: withDates(c.dates, p),
          }),
          now,
        );
        if (!r.ok) {
          counts.skipped++;
          if (counts.errors.length < MAX_ERRORS) counts.errors.push(`${emails[0]}: ${r.errors.join('; ')}`);
          continue;
        }
        for (const a of r.contact.aliases) aliases.set(a, r.contact.email);
        if (isNew) {
          created.add(r.contact.email);
        } else if (!touched.has(r.contact.email) && !created.has(r.contact.email)) {
          const { updatedAt: _u1, ...was } = JSON.parse(before || '{}') as Contact;
          const { updatedAt: _u2, ...is } = r.contact;
          if (JSON.stringify(was) === JSON.stringify(is) && found.length === 1) {
            // Nothing new about a known person: put back the record as it was (its edit time included).
            if (base) await db.contacts.put(base);
          } else touched.add(r.contact.email);
        }
        if (p.connectedAt !== undefined) {
          touches.push({
            key: `linkedin:connected:${emails[0]}`,
            contact: r.contact.email,
            at: p.connectedAt,
            direction: 'received',
            source: 'linkedin',
            subject: 'Connected on LinkedIn',
          });
        }
      }

      await saveAliasIndex(db, aliases);
      if (touches.length) counts.touches = (await recordInteractions(db, touches, {}, now, aliases)).added;
      // New contacts without a touch still get a summary consistent with their (empty) history.
      const fresh = (await db.contacts.bulkGet([...created])).filter((c): c is Contact => c !== undefined);
      const quiet = fresh.filter((c) => c.summary.count === 0);
      if (quiet.length) await db.contacts.bulkPut(quiet.map((c) => ({ ...c, summary: summarize([], now) })));
      counts.created = created.size;
      counts.updated = touched.size;
      counts.unchanged = Math.max(0, people.length - counts.skipped - counts.created - counts.updated);
      return counts;
    },
    people.length * (RECORD_BYTES.contact + RECORD_BYTES.interaction),
  );
}
