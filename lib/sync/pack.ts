/**
 * The layer in `storage.sync` items, within the browser's quotas: 102,400 bytes in all, 8,192 a item (its key and
 * its JSON), 512 items. Records go in compact JSON (`{"v":1,"r":{rid:{field:[stamp,value]}}}`), sorted by record
 * id into items filled up to the item limit, so the same layer always packs into the same items (two browsers that
 * agree write nothing). Compression is not used: a note-heavy layer of ~1,000 people already fits as JSON, and
 * sync items must be strings of JSON anyway (a compressed blob in base64 gains little on short notes).
 *
 * When everything does not fit, the settings go first and then the records edited most recently; what is left out
 * is listed (and stays in this browser: nothing is dropped locally). A single field larger than an item (a
 * 12,000-character note) cannot be synced and is listed too.
 *
 * Touches logged by hand (`m:` records) go in items of their own (`tend-m.0`, …) in the room the rest leaves, less a
 * tenth of the area, the most recent first and deleted ones last: a year of coffees never pushes a person's notes
 * out, and a Tend from before them, which reads and rewrites only the `tend.` items, packed exactly as it packs them,
 * never sees them (it would drop them from the items it rewrites, and the two would rewrite each other's items until
 * both were updated) and keeps room to grow its own.
 */
import { type Fields, kindOf, type Layer, latestStamp, mergeLayers, readLayer, touchDeleted } from './layer';

export interface SyncLimits {
  quotaBytes: number;
  perItemBytes: number;
  maxItems: number;
}

export const CHROME_SYNC_LIMITS: SyncLimits = { quotaBytes: 102_400, perItemBytes: 8_192, maxItems: 512 };

export const ITEM_PREFIX = 'tend.';
/** The items holding touches logged by hand (see the file's comment). */
export const TOUCH_ITEM_PREFIX = 'tend-m.';
export const FORMAT_VERSION = 1;

/** The share of the sync area touches leave free (see packLayer). */
const TOUCH_RESERVE = 0.1;

/** Is this key one of Tend's items in the sync area (either kind)? */
export function isItemKey(key: string): boolean {
  return key.startsWith(ITEM_PREFIX) || key.startsWith(TOUCH_ITEM_PREFIX);
}

export interface ItemValue {
  v: number;
  r: Layer;
}

export interface Unsynced {
  rid: string;
  /** The field when only it was left out (too large for an item); absent when the whole record was. */
  field?: string;
  reason: 'too-large' | 'no-room';
}

export interface Packed {
  items: Record<string, ItemValue>;
  /** Bytes as the browser counts them: each key plus its JSON. */
  bytes: number;
  unsynced: Unsynced[];
}

const encoder = new TextEncoder();
const size = (s: string) => encoder.encode(s).length;

/** `{"v":1,"r":{` … `}}` */
const ITEM_SHELL = size(`{"v":${FORMAT_VERSION},"r":{}}`);
/** Room for the longest item key with this prefix (`tend.511`): a Tend from before touches packs its items so. */
const keyRoom = (prefix: string) => size(`${prefix}9999`);

interface Part {
  rid: string;
  fields: Fields;
  /** Bytes of `"rid":{...}` in an item. */
  bytes: number;
}

function partBytes(rid: string, fieldBytes: number, count: number): number {
  return size(JSON.stringify(rid)) + 3 + fieldBytes + Math.max(0, count - 1);
}

function fieldSize(field: string, entry: Fields[string]): number {
  return size(JSON.stringify(field)) + 1 + size(JSON.stringify(entry));
}

/** A record in parts that each fit one item, and the fields too large for any item. */
function splitRecord(rid: string, fields: Fields, room: number): { parts: Part[]; tooLarge: string[] } {
  const parts: Part[] = [];
  const tooLarge: string[] = [];
  let cur: Fields = {};
  let curBytes = 0;
  let curCount = 0;
  for (const field of Object.keys(fields).sort()) {
    const entry = fields[field] as Fields[string];
    const fb = fieldSize(field, entry);
    if (partBytes(rid, fb, 1) > room) {
      tooLarge.push(field);
      continue;
    }
    if (curCount > 0 && partBytes(rid, curBytes + fb, curCount + 1) > room) {
      parts.push({ rid, fields: cur, bytes: partBytes(rid, curBytes, curCount) });
      cur = {};
      curBytes = 0;
      curCount = 0;
    }
    cur[field] = entry;
    curBytes += fb;
    curCount++;
  }
  if (curCount > 0) parts.push({ rid, fields: cur, bytes: partBytes(rid, curBytes, curCount) });
  return { parts, tooLarge };
}

/** Settings first, then the most recently edited records (deleted touches after every other), equal ones by id. */
export function priorityOrder(layer: Layer): string[] {
  const latest = new Map(Object.entries(layer).map(([rid, f]) => [rid, latestStamp(f)]));
  const tier = (rid: string) => (rid === 's' ? 0 : kindOf(rid) === 'touch' && touchDeleted(layer, rid) ? 2 : 1);
  return Object.keys(layer).sort((a, b) => {
    const t = tier(a) - tier(b);
    if (t !== 0) return t;
    const la = latest.get(a) ?? '';
    const lb = latest.get(b) ?? '';
    return la === lb ? (a < b ? -1 : a > b ? 1 : 0) : la > lb ? -1 : 1;
  });
}

function fill(parts: Part[], limits: SyncLimits, prefix: string): { items: Record<string, ItemValue>; bytes: number } {
  const items: Record<string, ItemValue> = {};
  let bytes = 0;
  let n = 0;
  let cur: Layer = {};
  let curBytes = 0;
  let curCount = 0;
  const close = () => {
    if (curCount === 0) return;
    const key = `${prefix}${n++}`;
    const value: ItemValue = { v: FORMAT_VERSION, r: cur };
    items[key] = value;
    bytes += size(key) + size(JSON.stringify(value));
    cur = {};
    curBytes = 0;
    curCount = 0;
  };
  const sorted = [...parts].sort((a, b) => (a.rid < b.rid ? -1 : a.rid > b.rid ? 1 : 0));
  for (const p of sorted) {
    const fits = ITEM_SHELL + keyRoom(prefix) + curBytes + (curCount > 0 ? 1 : 0) + p.bytes <= limits.perItemBytes;
    if (!fits || cur[p.rid]) close();
    cur[p.rid] = p.fields;
    curBytes += (curCount > 0 ? 1 : 0) + p.bytes;
    curCount++;
  }
  close();
  return { items, bytes };
}

/** Packs a layer into sync items within `limits`; see the file's comment for what is left out and why. */
export function packLayer(layer: Layer, limits: SyncLimits = CHROME_SYNC_LIMITS): Packed {
  const rest: Layer = {};
  const touches: Layer = {};
  for (const [rid, fields] of Object.entries(layer)) (kindOf(rid) === 'touch' ? touches : rest)[rid] = fields;
  const first = packPart(rest, limits, ITEM_PREFIX);
  // Touches leave a tenth of the area free: a Tend from before them counts the whole area as its own, and must
  // still have room to write an edit that makes its items larger.
  const left = {
    ...limits,
    quotaBytes: Math.floor(limits.quotaBytes * (1 - TOUCH_RESERVE)) - first.bytes,
    maxItems: Math.floor(limits.maxItems * (1 - TOUCH_RESERVE)) - Object.keys(first.items).length,
  };
  const then = packPart(touches, left, TOUCH_ITEM_PREFIX);
  return {
    items: { ...first.items, ...then.items },
    bytes: first.bytes + then.bytes,
    unsynced: [...first.unsynced, ...then.unsynced],
  };
}

function packPart(layer: Layer, limits: SyncLimits, prefix: string): Packed {
  const room = limits.perItemBytes - ITEM_SHELL - keyRoom(prefix);
  const unsynced: Unsynced[] = [];
  const chosen: { rid: string; parts: Part[] }[] = [];
  let budget = 0;
  for (const rid of priorityOrder(layer)) {
    const { parts, tooLarge } = splitRecord(rid, layer[rid] ?? {}, room);
    for (const field of tooLarge) unsynced.push({ rid, field, reason: 'too-large' });
    if (parts.length === 0) continue;
    const bytes = parts.reduce((s, p) => s + p.bytes + 1, 0);
    // Items as full as the parts allow, each with its shell; the real packing below has the last word.
    const items = Math.ceil((budget + bytes) / room) + 1;
    if (budget + bytes + items * (ITEM_SHELL + keyRoom(prefix)) > limits.quotaBytes || items > limits.maxItems) {
      unsynced.push({ rid, reason: 'no-room' });
      continue;
    }
    budget += bytes;
    chosen.push({ rid, parts });
  }
  // The estimate is checked against the real packing; the least important records leave until it fits.
  for (;;) {
    const packed = fill(
      chosen.flatMap((c) => c.parts),
      limits,
      prefix,
    );
    if (
      (packed.bytes <= limits.quotaBytes && Object.keys(packed.items).length <= limits.maxItems) ||
      chosen.length === 0
    )
      return { ...packed, unsynced };
    const last = chosen.pop() as { rid: string };
    unsynced.push({ rid: last.rid, reason: 'no-room' });
  }
}

/**
 * Reads the layer back from everything in the sync area: Tend's items of this format merged field by field
 * (a record split over items comes together), items of a newer format counted and left alone, anything
 * malformed dropped and counted. Never throws.
 */
export function unpackItems(all: Record<string, unknown>): { layer: Layer; newer: number; dropped: number } {
  let layer: Layer = {};
  let newer = 0;
  let dropped = 0;
  for (const key of Object.keys(all).sort()) {
    if (!isItemKey(key)) continue;
    const value = all[key] as Partial<ItemValue> | null;
    if (!value || typeof value !== 'object' || typeof value.v !== 'number') {
      dropped++;
      continue;
    }
    if (value.v > FORMAT_VERSION) {
      newer++;
      continue;
    }
    const read = readLayer(value.r);
    dropped += read.dropped;
    layer = mergeLayers(layer, read.layer).layer;
  }
  return { layer, newer, dropped };
}

/** What the browser counts for a set of items (their keys plus their JSON). */
export function bytesOf(items: Record<string, unknown>): number {
  let n = 0;
  for (const [k, v] of Object.entries(items)) n += size(k) + size(JSON.stringify(v) ?? '');
  return n;
}
