/**
 * The text of an .ics file cut into the components the importer reads (VEVENT, VTIMEZONE), one block each, so
 * that one unreadable component costs only itself: ical.js refuses a whole text over one bad value
 * (`BYDAY=MO, TU`). Any number of VCALENDARs (iTIP messages, concatenated exports) are read the same way.
 *
 * Before parsing, a block is repaired where the intent is unambiguous:
 * - a date property whose value is a bare date (`DTSTART:20241003`) without `VALUE=DATE` gets it;
 * - spaces inside a rule (`RRULE:FREQ=WEEKLY;BYDAY=MO, TU`) are removed.
 */
import ICAL from 'ical.js';

export type BlockKind = 'vevent' | 'vtimezone';

export interface IcsBlock {
  kind: BlockKind;
  text: string;
}

export interface SplitIcs {
  blocks: IcsBlock[];
  calendars: number;
  /** VEVENTs that were cut off (no END before the next component or the calendar's end). */
  broken: number;
}

/** Components that stand directly inside a VCALENDAR: one starting inside another means the first was cut off. */
const TOP_LEVEL = new Set(['VEVENT', 'VTODO', 'VJOURNAL', 'VFREEBUSY', 'VTIMEZONE', 'VAVAILABILITY']);
const KINDS: Record<string, BlockKind> = { VEVENT: 'vevent', VTIMEZONE: 'vtimezone' };

const DATE_ONLY = /^(DTSTART|DTEND|DUE|RECURRENCE-ID|EXDATE|RDATE)((?:;[^:]*)?):(\d{8}(?:,\d{8})*)$/i;
const RULE = /^((?:RRULE|EXRULE)(?:;[^:]*)?):(.*)$/i;

/** A content line repaired where the meaning is plain, else as it was. */
export function repairLine(line: string): string {
  const c = line.charCodeAt(0) | 0x20; // only lines starting with d, r or e can need it
  if (c !== 0x64 && c !== 0x72 && c !== 0x65) return line;
  const date = DATE_ONLY.exec(line);
  if (date && !/;VALUE=/i.test(date[2] ?? '')) return `${date[1]}${date[2]};VALUE=DATE:${date[3]}`;
  const rule = RULE.exec(line);
  if (rule && /\s/.test(rule[2] ?? '')) return `${rule[1]}:${(rule[2] ?? '').replace(/\s+/g, '')}`;
  return line;
}

/** Splits unfolded content lines into the VEVENT and VTIMEZONE blocks of every VCALENDAR. */
export function splitIcs(text: string): SplitIcs {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r\n|\n|\r/);
  const blocks: IcsBlock[] = [];
  let calendars = 0;
  let broken = 0;
  let inCalendar = false;
  let open: { name: string; kind: BlockKind | null; lines: string[]; depth: number } | null = null;
  const close = (complete: boolean) => {
    if (open?.kind && complete) blocks.push({ kind: open.kind, text: open.lines.join('\r\n') });
    else if (open?.kind === 'vevent') broken++;
    open = null;
  };
  for (const line of lines) {
    const c = line.charCodeAt(0) | 0x20; // b or e: the only lines that can open or close a component
    const marker = c === 0x62 || c === 0x65 ? /^(BEGIN|END):\s*([A-Za-z0-9-]+)\s*$/i.exec(line) : null;
    const begin = marker?.[1]?.toUpperCase() === 'BEGIN';
    const name = marker?.[2]?.toUpperCase() ?? '';
    if (name === 'VCALENDAR') {
      close(false);
      inCalendar = begin;
      if (begin) calendars++;
      continue;
    }
    if (!inCalendar) continue;
    if (open) {
      if (!(begin && open.depth === 1 && TOP_LEVEL.has(name))) {
        if (open.kind) open.lines.push(repairLine(line));
        if (marker) open.depth += begin ? 1 : -1;
        if (open.depth === 0 || (!begin && name === open.name)) close(true);
        continue;
      }
      close(false); // a component began inside another at its top level: the other was cut off
    }
    if (marker && begin) open = { name, kind: KINDS[name] ?? null, lines: [line], depth: 1 };
    // anything else directly in the VCALENDAR (its own properties, stray ENDs) is not needed
  }
  close(false);
  return { blocks, calendars, broken };
}

/** One block as an ical.js component, or the parser's complaint. */
export function parseBlock(block: IcsBlock): ICAL.Component | Error {
  try {
    const parsed: unknown = ICAL.parse(block.text);
    if (!Array.isArray(parsed) || parsed[0] !== block.kind) return new Error(`not one ${block.kind.toUpperCase()}`);
    return new ICAL.Component(parsed);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
