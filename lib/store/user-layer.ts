/**
 * The store's side of the user-authored layer (lib/sync/layer.ts): what only the user wrote, read out of the
 * store as fields (a snapshot) and written back into it (changes), in one transaction each.
 *
 * What counts: a contact's notes, personal details, tags, rhythm, key dates, merged addresses (aliases) and its
 * name beside them; the settings (own addresses, ignored addresses and domains, robot rules, rhythms by tag and
 * every other setting); snoozes, done and mute; promise status; touches logged by hand (found through the
 * people whose summary counts any, `summary.manual`: never by reading every history). The rest of the histories,
 * threads, events and summaries are not the user's writing: each browser builds them from what it sees.
 *
 * Any edit path is covered without a hook of its own: the driver compares a snapshot with the layer and stamps
 * what differs. A path that edits from a page only tells the background afterwards (`{ type: 'edited' }`; the
 * router's handlers call `edited` themselves), so the edit is stamped within seconds, not at the next tick.
 */
import { normalizeEmail } from '../core/email';
import { Contact, Interaction, type KeyDate, NudgeState, Settings } from '../core/model';
import {
  DETAIL_FIELDS,
  fieldDefault,
  kindOf,
  type RecordChange,
  SETTING_SETS,
  type Snapshot,
  sameValue,
  TAG_CADENCE,
  TOUCH_FIELD,
  type Value,
} from '../sync/layer';
import { selfAddresses } from './accounts';
import { addAddress, removeAddress } from './addresses';
import { aliasIndex, resolveAddress } from './aliases';
import { untouchedByUser } from './contacts';
import type { HistoryItem, TendDB } from './db';
import { HistoryEdit, historyOrder, historyTables } from './histories';
import { newContact } from './interactions';
import { isLoggedByHand } from './manual-touches';
import { writeTransaction } from './quota';
import { getSettings, SETTINGS_KEY } from './settings';
import { summarize } from './summary';

export const EPOCH_KEY = 'user-layer-epoch';

type FieldMap = Record<string, Value>;

/** Only the fields that are not at their default: what is never set costs nothing. */
function nonDefault(rid: string, all: FieldMap): FieldMap {
  const out: FieldMap = {};
  for (const [f, v] of Object.entries(all)) if (!sameValue(v, fieldDefault(rid, f))) out[f] = v;
  return out;
}

export function contactFields(c: Contact): FieldMap {
  // Nothing the user wrote (most contacts, captured from mail): answered without building any field.
  if (untouchedByUser(c)) return {};
  const rid = `c:${c.email}`;
  const f: FieldMap = {
    notes: c.notes,
    cad: c.cadence as Value,
    dates: c.dates as unknown as Value,
  };
  for (const d of DETAIL_FIELDS) f[`d.${d}`] = c.details[d];
  for (const t of c.tags) f[`t:${t}`] = true;
  for (const a of c.aliases) f[`a:${a}`] = true;
  const authored = nonDefault(rid, f);
  // The name only beside something the user wrote: a captured name alone is not the user's writing.
  if (Object.keys(authored).length && c.name) authored.name = c.name;
  return authored;
}

export function settingsFields(s: Settings): FieldMap {
  const f: FieldMap = {};
  for (const [key, value] of Object.entries(s) as [keyof Settings, unknown][]) {
    if (key in SETTING_SETS) {
      const prefix = SETTING_SETS[key as keyof typeof SETTING_SETS];
      const members = new Set(value as string[]);
      for (const m of members) f[prefix + m] = true;
      // A default member the user removed (a robot rule) is a tombstone.
      if (key === 'robotRules')
        for (const m of Settings.shape.robotRules.parse(undefined)) if (!members.has(m)) f[prefix + m] = false;
    } else if (key === 'tagCadences') {
      const tc = value as Settings['tagCadences'];
      for (const [tag, r] of Object.entries(tc)) f[TAG_CADENCE + tag] = r;
      for (const tag of Object.keys(Settings.shape.tagCadences.parse(undefined)))
        if (!Object.hasOwn(tc, tag)) f[TAG_CADENCE + tag] = null;
    } else f[key] = value as Value;
  }
  return nonDefault('s', f);
}

/** A touch logged by hand, as the layer's one field (`m:<key>`, lib/sync/layer.ts), filed under `email`. */
export function touchFields(email: string, it: HistoryItem): FieldMap {
  return { [TOUCH_FIELD]: [email, it.at, it.direction, it.kind ?? null, it.note ?? ''] };
}

/**
 * Each person's touches logged by hand as last read, with the hash of them their summary had then: a pass rereads
 * only the people whose hash changed (a worker that starts again reads them all once).
 */
const touchCache = new WeakMap<TendDB, Map<string, { sig: string; items: HistoryItem[] }>>();

/**
 * Every touch logged by hand, by key, with the person whose history holds it. Reads only the histories of people
 * whose summary counts any (`summary.manual`), and of those only the ones changed since the last read.
 */
async function manualTouches(db: TendDB, contacts: readonly Contact[]): Promise<Map<string, ManualTouch>> {
  const out = new Map<string, ManualTouch>();
  const people = contacts.filter((c) => (c.summary.manual ?? 0) > 0);
  const known = touchCache.get(db) ?? new Map<string, { sig: string; items: HistoryItem[] }>();
  const next = new Map<string, { sig: string; items: HistoryItem[] }>();
  const stale = new Set(
    people.filter((c) => !c.summary.manualSig || known.get(c.email)?.sig !== c.summary.manualSig).map((c) => c.email),
  );
  const histories = stale.size ? await HistoryEdit.open(db, stale) : null;
  for (const c of people) {
    const items = stale.has(c.email)
      ? (histories?.get(c.email) ?? []).filter(isLoggedByHand)
      : (known.get(c.email)?.items ?? []);
    if (c.summary.manualSig) next.set(c.email, { sig: c.summary.manualSig, items });
    for (const it of items) out.set(it.key, { email: c.email, it });
  }
  touchCache.set(db, next);
  return out;
}
interface ManualTouch {
  email: string;
  it: HistoryItem;
}

export function nudgeFields(n: NudgeState): FieldMap {
  return nonDefault(`n:${n.key}`, { s: n.snoozedUntil ?? null, d: n.doneAt ?? null, m: n.muted === true });
}

/** The store's user fields now, and every record it has. */
export async function userSnapshot(db: TendDB): Promise<Snapshot & { epoch: string | null }> {
  return db.transaction('r', [db.contacts, db.kv, db.nudgeState, db.promises, ...historyTables(db)], async () => {
    const [contacts, settingsRec, states, promises, epochRec, aliases] = await Promise.all([
      db.contacts.toArray(),
      db.kv.get(SETTINGS_KEY),
      db.nudgeState.toArray(),
      db.promises.toArray(),
      db.kv.get(EPOCH_KEY),
      aliasIndex(db),
    ]);
    const values: Snapshot['values'] = {};
    const present = new Set<string>();
    const add = (rid: string, fields: FieldMap) => {
      present.add(rid);
      if (Object.keys(fields).length) values[rid] = fields;
    };
    for (const c of contacts) add(`c:${c.email}`, contactFields(c));
    if (settingsRec) add('s', settingsFields(await getSettings(db)));
    for (const n of states) add(`n:${n.key}`, nudgeFields(n));
    for (const p of promises) add(`p:${p.id}`, p.status === 'done' ? { st: 'done' } : {});
    for (const [key, { email, it }] of await manualTouches(db, contacts)) add(`m:${key}`, touchFields(email, it));
    return {
      values,
      present,
      aliases,
      epoch: typeof epochRec?.value === 'string' ? epochRec.value : null,
    };
  });
}

export async function setUserLayerEpoch(db: TendDB, epoch: string): Promise<void> {
  await writeTransaction(db, [db.kv], 'the mark of the safety copy', () => db.kv.put({ key: EPOCH_KEY, value: epoch }));
}

/** A set member's new place in an ordered list: removed when false, appended (in field order) when true. */
function applyMembers(list: readonly string[], prefix: string, fields: RecordChange['fields']): string[] {
  const out = [...list];
  for (const [f, { to }] of Object.entries(fields)) {
    if (!f.startsWith(prefix)) continue;
    const m = f.slice(prefix.length);
    const i = out.indexOf(m);
    if (to === true && i < 0) out.push(m);
    if (to !== true && i >= 0) out.splice(i, 1);
  }
  return out;
}

/** Is every field still at the value the change was computed from? Those that are not were edited meanwhile. */
function unchanged(rid: string, now: FieldMap, fields: RecordChange['fields']): RecordChange['fields'] {
  const out: RecordChange['fields'] = {};
  for (const [f, ch] of Object.entries(fields)) {
    const cur = Object.hasOwn(now, f) ? (now[f] as Value) : fieldDefault(rid, f);
    if (sameValue(cur, ch.from) || (f === 'name' && cur === '')) out[f] = ch;
  }
  return out;
}

function applyContact(prev: Contact, fields: RecordChange['fields']): Contact {
  const next: Contact = { ...prev, details: { ...prev.details } };
  for (const [f, { to }] of Object.entries(fields)) {
    if (f === 'notes' && typeof to === 'string') next.notes = to;
    else if (f === 'name' && typeof to === 'string' && to) next.name = to;
    else if (f === 'cad') next.cadence = to as Contact['cadence'];
    else if (f === 'dates') next.dates = (Array.isArray(to) ? to : []) as unknown as KeyDate[];
    else if (f.startsWith('d.')) {
      const d = f.slice(2) as (typeof DETAIL_FIELDS)[number];
      if ((DETAIL_FIELDS as readonly string[]).includes(d)) next.details[d] = typeof to === 'string' ? to : '';
    }
  }
  next.tags = applyMembers(next.tags, 't:', fields);
  return next;
}

/** A person's address added (`a:<address>` true) or taken off (false) in another browser. */
interface AddressChange {
  email: string;
  address: string;
  add: boolean;
}

/**
 * The changes of a contact's addresses, taken out of `fields`: they are not a field to set but what the user did
 * there (lib/store/addresses.ts), done here the same way after the rest is written, so that both browsers end
 * with one person and both histories once (an address that is a person of its own here is merged), the alias
 * index knows the address, and a removed one takes its touches back out.
 */
function takeAddresses(email: string, fields: RecordChange['fields']): AddressChange[] {
  const out: AddressChange[] = [];
  for (const [f, { to }] of Object.entries(fields)) {
    if (!f.startsWith('a:')) continue;
    delete fields[f];
    const address = f.slice(2);
    if (address !== email) out.push({ email, address, add: to === true });
  }
  return out;
}

function applySettings(prev: Settings, fields: RecordChange['fields']): unknown {
  const next: Record<string, unknown> = { ...prev, tagCadences: { ...prev.tagCadences } };
  for (const [key, prefix] of Object.entries(SETTING_SETS))
    next[key] = applyMembers(prev[key as keyof typeof SETTING_SETS], prefix, fields);
  const tc = next.tagCadences as Record<string, unknown>;
  for (const [f, { to }] of Object.entries(fields)) {
    if (f.startsWith(TAG_CADENCE)) {
      const tag = f.slice(TAG_CADENCE.length);
      if (to === null) delete tc[tag];
      else tc[tag] = to;
    } else if (!/^[a-z]{2}:/.test(f) && Object.hasOwn(prev, f)) next[f] = to;
  }
  return next;
}

/** A touch's tuple without its person (see applyTouches). */
const withoutPerson = (v: Value | undefined): Value => (Array.isArray(v) ? v.slice(1) : (v ?? null));

/** A touch as the layer holds it (`[address, at, direction, kind or null, note]`), read back; null if malformed. */
function touchTuple(v: Value | undefined): { person: string; fields: Omit<HistoryItem, 'key' | 'source'> } | null {
  if (!Array.isArray(v) || v.length !== 5) return null;
  const [person, at, direction, kind, note] = v;
  if (typeof person !== 'string' || typeof at !== 'number' || typeof direction !== 'string') return null;
  if (!(kind === null || typeof kind === 'string') || typeof note !== 'string') return null;
  return {
    person,
    fields: {
      at,
      direction: direction as HistoryItem['direction'],
      ...(kind !== null ? { kind: kind as NonNullable<HistoryItem['kind']> } : {}),
      ...(note ? { note } : {}),
    },
  };
}

/**
 * Touches logged by hand, as another browser (or the safety copy) has them: created, changed (moved to another
 * person when its person changed: a merge there), or deleted (a tombstone), in one transaction with the summaries
 * of every person whose history changed. A touch changed here since the snapshot is left as it is here. Its person
 * is read as every address is (normalised, through this store's aliases): another browser's layer is untrusted.
 */
async function applyTouches(
  db: TendDB,
  changes: readonly RecordChange[],
  now: number,
): Promise<{ created: string[]; refused: string[] }> {
  const created: string[] = [];
  const refused: string[] = [];
  if (!changes.length) return { created, refused };
  await writeTransaction(db, [db.contacts, db.kv, ...historyTables(db)], 'touches you logged by hand', async () => {
    const [aliases, self] = await Promise.all([aliasIndex(db), selfAddresses(db).then((s) => new Set(s))]);
    const where = await manualTouches(db, await db.contacts.toArray());
    const plan = changes.flatMap((change) => {
      const cur = where.get(change.rid.slice(2));
      const entry = change.fields[TOUCH_FIELD];
      // Changed here since the snapshot: left as it is here. Its person does not count: this batch's own merges and
      // removed addresses (done before this) move touches, and that is not an edit.
      if (
        !entry ||
        (cur && !sameValue(withoutPerson(touchFields(cur.email, cur.it)[TOUCH_FIELD]), withoutPerson(entry.from)))
      )
        return [];
      const read = entry.to === null ? null : touchTuple(entry.to);
      const email = read ? normalizeEmail(read.person) : null;
      return [{ change, cur, deleted: entry.to === null, read, to: email ? resolveAddress(aliases, email) : null }];
    });
    const people = new Set(plan.flatMap((p) => [p.cur?.email, p.to ?? undefined]).filter((e) => e !== undefined));
    const histories = await HistoryEdit.open(db, people);
    const changed = new Set<string>();
    const take = (email: string, key: string) => {
      histories.set(
        email,
        (histories.get(email) ?? []).filter((x) => x.key !== key),
      );
      changed.add(email);
    };
    for (const { change, cur, deleted, read, to } of plan) {
      const key = change.rid.slice(2);
      if (deleted) {
        if (cur) take(cur.email, key);
        continue;
      }
      if (!cur && !change.create) continue;
      // What the layer does not carry is kept from the touch as it was here.
      const { kind: _kind, note: _note, ...kept } = cur?.it ?? ({} as Partial<HistoryItem>);
      const parsed = Interaction.safeParse({ ...kept, ...read?.fields, key, source: 'manual', contact: to ?? '' });
      // One of the user's own addresses here is never a contact, not even through another browser's touch.
      if (!read || !to || self.has(to) || !parsed.success) {
        refused.push(change.rid);
        continue;
      }
      const { contact: _, ...valid } = parsed.data;
      if (cur) take(cur.email, key);
      histories.set(to, [...(histories.get(to) ?? []).filter((x) => x.key !== key), valid].sort(historyOrder));
      changed.add(to);
      if (!cur) created.push(change.rid);
    }
    if (!changed.size) return;
    await histories.save();
    const emails = [...changed];
    const found = await db.contacts.bulkGet(emails);
    await db.contacts.bulkPut(
      emails.map((e, i) => ({
        ...(found[i] ?? newContact(e, '', now)),
        summary: summarize(histories.get(e) ?? [], now),
      })),
    );
  });
  return { created, refused };
}

/**
 * Writes the layer's changes into the store in one transaction. A field the user changed since the snapshot is
 * left as the user has it; a record that would not be valid afterwards is left as it was and named in `refused`.
 */
export async function applyUserChanges(
  db: TendDB,
  changes: readonly RecordChange[],
  now: number,
): Promise<{ created: string[]; refused: string[] }> {
  const created: string[] = [];
  const refused: string[] = [];
  const addresses: AddressChange[] = [];
  // Addresses merged into someone (another contact's aliases, in the store or in these changes): a person merged
  // away keeps a record in the layer, which must not come back as a person of their own.
  const merged = new Set<string>();
  for (const change of changes)
    for (const [f, { to }] of Object.entries(change.fields))
      if (f.startsWith('a:') && to === true) merged.add(f.slice(2));
  await writeTransaction(
    db,
    [db.contacts, db.kv, db.nudgeState, db.promises],
    `${changes.length} changes you made`,
    async () => {
      for (const a of (await aliasIndex(db)).keys()) merged.add(a);
      for (const change of changes) {
        const { rid } = change;
        const kind = kindOf(rid);
        if (kind === 'contact') {
          const email = rid.slice(2);
          const prev = await db.contacts.get(email);
          if (!prev && (!change.create || merged.has(email))) continue;
          const base = prev ?? newContact(email, '', now);
          const fields = unchanged(rid, { ...contactFields(base), name: base.name }, change.fields);
          if (!Object.keys(fields).length) continue;
          const moves = takeAddresses(email, fields);
          if (Object.keys(fields).length || !prev) {
            const parsed = Contact.safeParse({ ...applyContact(base, fields), updatedAt: now });
            if (!parsed.success) {
              refused.push(rid);
              continue;
            }
            await db.contacts.put(parsed.data);
            if (!prev) created.push(rid);
          }
          addresses.push(...moves);
        } else if (kind === 'settings') {
          const rec = await db.kv.get(SETTINGS_KEY);
          if (!rec && !change.create) continue;
          const prev = await getSettings(db);
          const fields = unchanged(rid, settingsFields(prev), change.fields);
          const parsed = Settings.safeParse(applySettings(prev, fields));
          if (!parsed.success) {
            refused.push(rid);
            continue;
          }
          await db.kv.put({ key: SETTINGS_KEY, value: parsed.data });
          if (!rec) created.push(rid);
        } else if (kind === 'nudge') {
          const key = rid.slice(2);
          const prev = await db.nudgeState.get(key);
          if (!prev && !change.create) continue;
          const base: NudgeState = prev ?? { key };
          const fields = unchanged(rid, nudgeFields(base), change.fields);
          const next: Record<string, unknown> = { ...base };
          for (const [f, { to }] of Object.entries(fields)) {
            const name = f === 's' ? 'snoozedUntil' : f === 'd' ? 'doneAt' : f === 'm' ? 'muted' : null;
            if (!name) continue;
            if (to === null || to === false) delete next[name];
            else next[name] = to;
          }
          const parsed = NudgeState.safeParse(next);
          if (!parsed.success) {
            refused.push(rid);
            continue;
          }
          await db.nudgeState.put(parsed.data);
          if (!prev) created.push(rid);
        } else if (kind === 'promise') {
          const id = rid.slice(2);
          const prev = await db.promises.get(id);
          const to = change.fields.st?.to;
          if (!prev || (to !== 'open' && to !== 'done')) continue;
          if (!unchanged(rid, prev.status === 'done' ? { st: 'done' } : {}, change.fields).st) continue;
          await db.promises.update(id, { status: to, suggestDone: false });
        }
      }
    },
  );
  // Each in its own transaction, as when the user does it; one that cannot be done here (the address is someone
  // else's in this browser, or the merged person would be over a limit) is named, and the rest goes on.
  for (const { email, address, add } of addresses) {
    const person = await db.contacts.get(email);
    // Already so (or the person was merged away by an earlier change of this batch): nothing to do.
    if (!person || person.aliases.includes(address) === add) continue;
    const r = add ? await addAddress(db, email, address, now) : await removeAddress(db, email, address, now);
    if (!r.ok) refused.push(`c:${email}`);
  }
  // Touches logged by hand last, filed by the addresses as they now are (an address taken off someone in the same
  // batch files a touch logged for it under its own contact, not under the person it left).
  const touches = await applyTouches(
    db,
    changes.filter((c) => kindOf(c.rid) === 'touch'),
    now,
  );
  return { created: [...created, ...touches.created], refused: [...new Set([...refused, ...touches.refused])] };
}

/** The store's half of the driver (lib/sync/driver.ts). */
export function userLayerStore(db: TendDB) {
  return {
    snapshot: () => userSnapshot(db),
    apply: (changes: RecordChange[], now: number) => applyUserChanges(db, changes, now),
    setEpoch: (epoch: string) => setUserLayerEpoch(db, epoch),
  };
}
