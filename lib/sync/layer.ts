/**
 * The user-authored layer: what only the user wrote, as records of fields, each field with the stamp of the
 * edit that set it (per-field last-writer-wins). A cleared field keeps its stamp with the default value, and a
 * removed member of a set (a tag, an ignored address) keeps its stamp with `false`: these are the tombstones that
 * stop an older copy from bringing the value back.
 *
 * Records (`rid`):
 * - `c:<email>`  a contact: `name`, `notes`, `d.background|preferences|family|interests`, `cad` (rhythm),
 *   `dates` (key dates, as one list), `t:<tag>` and `a:<alias>` (set members, true or false).
 * - `s`          settings: each top-level setting by name, set members `sa:` (own addresses), `ia:` (ignored
 *   addresses), `id:` (ignored domains), `rr:` (robot rules) and `tc:<tag>` (rhythm by tag, null when removed).
 * - `n:<key>`    a nudge's state: `s` (snoozed until), `d` (done at), `m` (muted).
 * - `p:<id>`     a promise's `st`atus.
 * - `m:<key>`    a touch logged by hand, as one field `t`: `[person's address, at, direction, kind or null, note]`,
 *   or null once deleted. A touch is the user's writing as a whole (the last writer wins it whole, a delete or an
 *   edit alike): that it is in the store at all is an edit (logged, or put back by Undo or a backup), and that it is
 *   gone from it is one too. A deleted touch keeps only its tombstone (`t` null), which stops an older copy from
 *   bringing it back and keeps nothing of what it said.
 *
 * Everything here is pure: the store turns its records into fields (lib/store/user-layer.ts) and back.
 */
import { DEFAULT_ROBOT_RULES, DEFAULT_SETTINGS } from '../core/model';
import { type Hlc, isStamp, observe, type Stamp, tick } from './hlc';

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
export type Entry = [Stamp, Value];
export type Fields = Record<string, Entry>;
export type Layer = Record<string, Fields>;

/** What the store holds now: the non-default user fields of every record, and which records exist at all. */
export interface Snapshot {
  values: Record<string, Record<string, Value>>;
  /** Every record the store has (contacts, nudge states, promises, and `s` once settings were saved). */
  present: ReadonlySet<string>;
  /**
   * Addresses the store files under another person (its alias index): a touch whose person is named by any address
   * of the person who holds it is where it is, so two stores that merged the same people the other way round do not
   * move it back and forth.
   */
  aliases?: ReadonlyMap<string, string>;
}

/** Does the store hold a record's field as the layer has it? A touch's person is read through the aliases. */
function sameInStore(snap: Snapshot, rid: string, field: string, a: Value, b: Value): boolean {
  if (sameValue(a, b)) return true;
  if (kindOf(rid) !== 'touch' || field !== TOUCH_FIELD || !Array.isArray(a) || !Array.isArray(b)) return false;
  const [pa, ...ra] = a;
  const [pb, ...rb] = b;
  const person = (p: Value) => (typeof p === 'string' ? (snap.aliases?.get(p) ?? p) : p);
  return person(pa ?? null) === person(pb ?? null) && sameValue(ra, rb);
}

export const DETAIL_FIELDS = ['background', 'preferences', 'family', 'interests'] as const;
/** Set-valued settings and the prefix of their members. */
export const SETTING_SETS = {
  selfAddresses: 'sa:',
  ignoredAddresses: 'ia:',
  ignoredDomains: 'id:',
  robotRules: 'rr:',
} as const;
export const TAG_CADENCE = 'tc:';

const DEFAULT_RULES = new Set(DEFAULT_ROBOT_RULES);

export type RecordKind = 'contact' | 'settings' | 'nudge' | 'promise' | 'touch';

export function kindOf(rid: string): RecordKind | null {
  if (rid === 's') return 'settings';
  if (rid.startsWith('c:')) return 'contact';
  if (rid.startsWith('n:')) return 'nudge';
  if (rid.startsWith('p:')) return 'promise';
  if (rid.startsWith('m:')) return 'touch';
  return null;
}

/** The one field of a touch record (`m:<key>`). */
export const TOUCH_FIELD = 't';

/** Has the layer's touch (`m:<key>`) been deleted (its tombstone, not a touch it never heard of)? */
export function touchDeleted(layer: Layer, rid: string): boolean {
  const e = layer[rid]?.[TOUCH_FIELD];
  return e !== undefined && e[1] === null;
}

/** The value a field has when the user never set it: a field at its default is not stored by the store. */
export function fieldDefault(rid: string, field: string): Value {
  switch (kindOf(rid)) {
    case 'contact':
      if (field === 'cad') return { mode: 'auto' };
      if (field === 'dates') return [];
      if (field.startsWith('t:') || field.startsWith('a:')) return false;
      return '';
    case 'settings': {
      if (field.startsWith(SETTING_SETS.robotRules)) return DEFAULT_RULES.has(field.slice(3));
      if (field.startsWith('sa:') || field.startsWith('ia:') || field.startsWith('id:')) return false;
      if (field.startsWith(TAG_CADENCE)) {
        const tc = DEFAULT_SETTINGS.tagCadences;
        const tag = field.slice(TAG_CADENCE.length);
        return Object.hasOwn(tc, tag) ? (tc[tag] as Value) : null;
      }
      const d = DEFAULT_SETTINGS as unknown as Record<string, Value>;
      return Object.hasOwn(d, field) ? (d[field] as Value) : null;
    }
    case 'nudge':
      return field === 'm' ? false : null;
    case 'promise':
      return 'open';
    case 'touch':
      return null;
    default:
      return null;
  }
}

/** JSON with object keys sorted: two equal values give the same text. */
export function canonical(v: Value): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v)
    .filter((k) => v[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k] as Value)}`).join(',')}}`;
}

export function sameValue(a: Value, b: Value): boolean {
  return a === b || canonical(a) === canonical(b);
}

/** Does entry `a` win over entry `b`? The later stamp; equal stamps (never made by two copies) by value. */
export function wins(a: Entry, b: Entry | undefined): boolean {
  if (!b) return true;
  if (a[0] !== b[0]) return a[0] > b[0];
  return canonical(a[1]) > canonical(b[1]);
}

/** The value a record's field has in the layer (its default when the layer never heard of it). */
export function layerValue(layer: Layer, rid: string, field: string): Value {
  const e = layer[rid]?.[field];
  return e ? e[1] : fieldDefault(rid, field);
}

function snapshotValue(snap: Snapshot, rid: string, field: string): Value {
  const v = snap.values[rid]?.[field];
  return v === undefined ? fieldDefault(rid, field) : v;
}

/**
 * Stamps the user's edits: every field of a record the store has whose value differs from the layer's. A
 * record that was not there at the last pass (`seen`) and now holds a field at its default did not get edited:
 * it was created anew (by a capture, or an empty store) and is given the layer's value instead.
 *
 * A contact's `name` is written by captures as well as by the user; it enters the layer beside the first
 * authored field and a blank name is never taken for an edit (a name is never cleared on purpose).
 */
export function stampEdits(
  layer: Layer,
  snap: Snapshot,
  seen: ReadonlySet<string>,
  clock: Hlc,
  now: number,
): { layer: Layer; clock: Hlc; edits: number } {
  const out: Layer = { ...layer };
  let c = clock;
  let edits = 0;
  const rids = new Set([...Object.keys(snap.values), ...Object.keys(layer)]);
  const stamp = (rid: string, field: string, value: Value) => {
    const t = tick(c, now);
    c = t.clock;
    out[rid] = { ...out[rid], [field]: [t.stamp, value] };
    edits++;
  };
  for (const rid of rids) {
    if (kindOf(rid) === 'touch') {
      const lay = layerValue(layer, rid, TOUCH_FIELD);
      if (!snap.present.has(rid)) {
        // A touch the store had at the last pass and has no more was deleted: its tombstone.
        if (seen.has(rid) && lay !== null) stamp(rid, TOUCH_FIELD, null);
      } else {
        // In the store, seen or not, because the user put it there (see the file's comment).
        const cur = snapshotValue(snap, rid, TOUCH_FIELD);
        if (!sameInStore(snap, rid, TOUCH_FIELD, cur, lay)) stamp(rid, TOUCH_FIELD, cur);
      }
      continue;
    }
    if (!snap.present.has(rid)) continue;
    const fields = new Set([...Object.keys(snap.values[rid] ?? {}), ...Object.keys(layer[rid] ?? {})]);
    for (const field of fields) {
      const cur = snapshotValue(snap, rid, field);
      if (sameValue(cur, layerValue(layer, rid, field))) continue;
      const atDefault = sameValue(cur, fieldDefault(rid, field));
      if (atDefault && !seen.has(rid)) continue;
      if (field === 'name' && cur === '') continue;
      if (field === 'name' && !layer[rid] && !hasAuthored(snap, rid)) continue;
      stamp(rid, field, cur);
    }
  }
  return { layer: out, clock: c, edits };
}

function hasAuthored(snap: Snapshot, rid: string): boolean {
  return Object.keys(snap.values[rid] ?? {}).some((f) => f !== 'name');
}

/**
 * Merges another copy's layer into this one, field by field (the later stamp wins), and the clock past every
 * stamp seen. Returns the records in which the other copy's value won (`incoming`). Commutative, associative
 * and idempotent: whatever order layers arrive in, copies that have seen the same edits hold the same layer.
 */
export function mergeLayers(
  local: Layer,
  remote: Layer,
  clock?: Hlc,
): { layer: Layer; incoming: Set<string>; clock?: Hlc } {
  const out: Layer = { ...local };
  const incoming = new Set<string>();
  let c = clock;
  for (const [rid, fields] of Object.entries(remote)) {
    for (const [field, entry] of Object.entries(fields)) {
      if (c) c = observe(c, entry[0]);
      const mine = out[rid]?.[field];
      if (!wins(entry, mine)) continue;
      if (mine && sameValue(mine[1], entry[1]) && mine[0] === entry[0]) continue;
      out[rid] = { ...out[rid], [field]: entry };
      if (!mine || !sameValue(mine[1], entry[1])) incoming.add(rid);
    }
  }
  return { layer: out, incoming, clock: c };
}

/** A change the store should make so that a record holds the layer's values: each field from → to. */
export interface RecordChange {
  rid: string;
  /** The record is not in the store: create it. */
  create: boolean;
  fields: Record<string, { from: Value; to: Value }>;
}

/** Record kinds a layer may create in a store that lacks them (a promise needs the mail it came from). */
export function creatable(rid: string): boolean {
  const k = kindOf(rid);
  return k === 'contact' || k === 'settings' || k === 'nudge' || k === 'touch';
}

/**
 * What the store must change to hold the layer: differing fields of records it has, and the records it lacks
 * that `create` allows (all of them when the store is new, those another copy changed otherwise; a contact
 * this copy removed, such as one of the user's own addresses, stays removed until someone edits it again).
 */
export function reconcile(layer: Layer, snap: Snapshot, create: (rid: string) => boolean): RecordChange[] {
  const out: RecordChange[] = [];
  for (const rid of Object.keys(layer).sort()) {
    const fields = layer[rid] ?? {};
    const present = snap.present.has(rid);
    if (!present && !(creatable(rid) && create(rid))) continue;
    // A deleted touch is never created; one still here is deleted (its field becomes null).
    if (!present && kindOf(rid) === 'touch' && touchDeleted(layer, rid)) continue;
    const change: RecordChange = { rid, create: !present, fields: {} };
    for (const field of Object.keys(fields).sort()) {
      const to = layerValue(layer, rid, field);
      const from = snapshotValue(snap, rid, field);
      if (field === 'name' && to === '') continue;
      if (!sameInStore(snap, rid, field, from, to)) change.fields[field] = { from, to };
    }
    if (Object.keys(change.fields).length) out.push(change);
  }
  return out;
}

/** The latest stamp in a record (what was edited most recently goes first when space is short). */
export function latestStamp(fields: Fields): Stamp {
  let best = '';
  for (const e of Object.values(fields)) if (e[0] > best) best = e[0];
  return best;
}

const SAFE_KEY = (k: string) => k.length > 0 && k.length <= 600 && k !== '__proto__' && k !== 'constructor';

function isValue(v: unknown, depth = 0): v is Value {
  if (depth > 8) return false;
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.length <= 5000 && v.every((x) => isValue(x, depth + 1));
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.keys(o).every((k) => SAFE_KEY(k) && isValue(o[k], depth + 1));
  }
  return false;
}

/**
 * Reads a layer from untrusted JSON (another browser's sync items, an old safety copy): keeps every well-formed
 * entry of a known record kind and counts what it dropped. Never throws.
 */
export function readLayer(raw: unknown): { layer: Layer; dropped: number } {
  const layer: Layer = {};
  let dropped = 0;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { layer, dropped: raw === undefined ? 0 : 1 };
  for (const [rid, fields] of Object.entries(raw as Record<string, unknown>)) {
    if (!SAFE_KEY(rid) || kindOf(rid) === null || !fields || typeof fields !== 'object' || Array.isArray(fields)) {
      dropped++;
      continue;
    }
    const touch = kindOf(rid) === 'touch';
    for (const [field, entry] of Object.entries(fields as Record<string, unknown>)) {
      // A touch has one field: any other would be compared with the store at every pass and never settle.
      if (touch && field !== TOUCH_FIELD) dropped++;
      else if (
        SAFE_KEY(field) &&
        Array.isArray(entry) &&
        entry.length === 2 &&
        isStamp(entry[0]) &&
        isValue(entry[1])
      ) {
        layer[rid] = { ...layer[rid], [field]: [entry[0], entry[1]] };
      } else dropped++;
    }
  }
  return { layer, dropped };
}
