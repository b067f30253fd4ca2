/**
 * Promises and asks in the user's own sent mail. Pure; never throws on strange text.
 *
 * - `findPromises`: commitments the user made ("I'll send…", "I will get back to you…", "let me check and…",
 *   "I can intro you to…") with their due dates, read by chrono-node in the user's time zone.
 * - `asksSomething`: whether a message asks the reader something (a question or a request).
 * - `promiseKeptSuggestion`: the user wrote in the thread after the promise, so perhaps it is kept.
 *
 * Quoted history and signatures are cut first. A sentence is a commitment only when the user (I / we) is the
 * subject at the start of a clause, so reported speech ("Sam said he'll send it"), questions ("Will you send
 * it?"), negations ("I will not be able to"), states ("I'll be out of office"), regrets ("I'd love to but…")
 * and hedged conditionals ("If I have time, I'll look") are not promises.
 */
import * as chrono from 'chrono-node';
import type { PromiseRecord, Thread } from '../core/model';
import { resolveTimeZone, wallTime, zonedInstant } from '../time/zoned-time';

/**
 * Words between the modal and the verb ("I'll also send", "I will definitely get back", "I'll try to call"),
 * skipped to find the verb and left out of a promise's gist. One list for both.
 */
const LEADING_ADVERB =
  /^(?:also|just|definitely|certainly|gladly|happily|quickly|then|personally|try to|make sure to|make sure i|be sure to|probably|still|go ahead and|first)\b\s*/i;

export interface FoundPromise {
  /** The sentence, as the user wrote it (trimmed, at most 1,000 characters). */
  text: string;
  /** When it is due (epoch ms): the end of the named day in the user's zone, or the named time. */
  dueAt?: number;
}

// ---------------------------------------------------------------------------------------------------------
// The user's own words: no quoted history, no signature.

const QUOTE_HEADERS: RegExp[] = [
  /^On .{4,300}wrote:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}/i,
  /^-{2,}\s*Forwarded message\s*-{2,}/i,
  /^_{8,}\s*$/,
  /^Le .{4,300}a écrit\s*:\s*$/i,
  /^Am .{4,300}schrieb .{1,200}:\s*$/i,
];
const MOBILE_FOOTER = /^(sent from my |get outlook for |sent from (outlook|mail) for )/i;
const SIGN_OFF =
  /^(best|best regards|best wishes|kind regards|warm regards|warmest regards|regards|cheers|thanks|thank you|thanks so much|many thanks|thanks again|thx|warmly|sincerely|all the best|all best|talk soon|speak soon|yours|yours truly|ttyl|br|take care|love|xo|-\s*\w+)[\s,!.]*$/i;

/** The part of a message the user wrote now: quoted replies, forwarded parts and the signature removed. */
export function ownText(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const t = line.trim();
    if (t === '--' || line === '-- ' || MOBILE_FOOTER.test(t)) break;
    if (QUOTE_HEADERS.some((re) => re.test(t))) break;
    // "On Tue, 5 Mar 2024 at 10:02, Sam Lee <sam@x.com>" / "wrote:" split over two lines
    if (/^On .{4,300}/i.test(t) && /^.{0,200}wrote:\s*$/i.test((lines[i + 1] ?? '').trim()) && /\d/.test(t)) break;
    // Outlook: "From: ..." followed by "Sent:"/"Date:" within a few lines
    if (/^From:\s/i.test(t) && lines.slice(i + 1, i + 5).some((l) => /^(Sent|Date|To|Subject):\s/i.test(l.trim())))
      break;
    if (t.startsWith('>')) continue;
    if (SIGN_OFF.test(t) && isSignatureTail(lines.slice(i + 1))) break;
    out.push(line);
  }
  return out.join('\n').trim();
}

/** What follows a sign-off looks like a signature: a few short lines (name, title, phone). */
function isSignatureTail(rest: string[]): boolean {
  const body = rest.map((l) => l.trim()).filter((l) => l.length > 0);
  return body.length <= 6 && body.every((l) => l.length <= 80 && !/[.!?]\s+\S/.test(l));
}

// ---------------------------------------------------------------------------------------------------------
// Sentences.

const ABBREVIATIONS =
  /\b(e\.g|i\.e|etc|vs|mr|mrs|ms|dr|prof|approx|no|a\.m|p\.m|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|st|inc|ltd|co)\./gi;
const DOT = '\u2024';

/** Splits text into sentences: paragraphs, lines that end a thought, then `.`, `!` and `?` followed by a capital. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const paragraphs = text.split(/\n\s*\n/);
  for (const p of paragraphs) {
    const lines = p.split('\n').map((l) => l.trim());
    let buf = '';
    for (const line of lines) {
      if (!line) continue;
      const bullet = /^([-*•]|\d+[.)])\s+/.test(line);
      if (bullet && buf) {
        out.push(...splitInline(buf));
        buf = '';
      }
      buf = buf ? `${buf} ${line}` : line;
      // A line that ends a thought, or a short line (greetings, list items), ends the buffer.
      if (/[.!?:;]["')\]]*$/.test(line) || line.length < 45 || bullet) {
        out.push(...splitInline(buf));
        buf = '';
      }
    }
    if (buf) out.push(...splitInline(buf));
  }
  return out.map((s) => s.replace(/^([-*•]|\d+[.)])\s+/, '').trim()).filter((s) => s.length > 0);
}

function splitInline(s: string): string[] {
  const protectedText = s.replace(ABBREVIATIONS, (m) => m.replaceAll('.', DOT));
  return protectedText
    .split(/(?<=[.!?]["')\]]*)\s+(?=["'([]?[A-Z0-9])/)
    .map((x) => x.replaceAll(DOT, '.').trim())
    .filter((x) => x.length > 0);
}

// ---------------------------------------------------------------------------------------------------------
// Commitments.

/** Concrete actions: what "I can …", "Happy to …", "Will …" and "I'd be glad to …" must be followed by. */
const ACTION_VERBS = new Set(
  (
    'send share forward intro introduce connect get put set schedule book review look check draft write call ping ' +
    'follow loop prepare ask find update fix circle reach email text pass compile pull dig confirm sign submit finish ' +
    'deliver provide return reply respond add cc order file pay transfer mail post upload print bring drop grab ' +
    'organize organise arrange sort handle take flag recommend vouch buy run try make dm message reserve invite ' +
    'coordinate note record jot summarize summarise walk show demo test investigate research chase nudge escalate'
  ).split(' '),
);

/** First verbs after "I'll" / "I will" that are not commitments (states, pleasantries, regrets). */
const NOT_COMMITMENT_VERBS = new Set(
  (
    'be not never need have miss admit leave bet assume wait think consider remember talk speak chat see meet ' +
    'catch hear keep let pass take probably maybe likely also just definitely'
  ).split(' '),
);

/** Exceptions to the list above: "I'll let you know", "I'll be in touch", "I'll keep you posted", ... */
const ALLOWED_AFTER_DENIED: RegExp[] = [
  /^be (in touch|sending|sharing|forwarding|reaching out|following up|sure to|back (to you|in touch)|getting back|circling back|drafting|writing|putting|preparing)\b/,
  /^have (it|them|this|that|the|a|an|something|my|our|some|everything|notes|feedback|an answer)\b/,
  /^let (you|y'all|the team|everyone|them) know\b/,
  /^keep (you|y'all|everyone|them) (posted|updated|in the loop|informed)\b/,
  /^take (a look|a stab|care of|a pass|the lead|it from here|it on|this on)\b/,
  /^see (what|if|whether|about)\b/,
  /^pass (it|this|that|them|your|the|along) ?(along|on)?\b(?! on this| for now| this time)/,
  /^(talk|speak|check) (to|with) [^,.;]+ and (get back|let you know|follow up|circle back|report back)/,
  /^think about it and (get back|let you know|follow up)/,
];

/** Anywhere after the marker: the clause still commits, whatever the first verb. */
const STRONG_TAIL = /\b(get back to you|let you know|follow up with you|circle back|send you|get you|report back)\b/;

/** What may stand before "I'll" in a clause: greetings, connectives, self-assured hedges, time phrases. */
const LEAD_IN =
  /^(?:(?:and|so|then|also|but|ok|okay|sure|yes|yeah|yep|great|perfect|absolutely|of course|no problem|no worries|sounds good|will do|happy to help|thanks|thank you|noted|got it|in the meantime|meanwhile|anyway|first|in any case|either way|hopefully|today|tomorrow|tonight|later today|this (?:morning|afternoon|evening|week)|next week|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|i think|i guess|i expect|i'm sure|i am sure|otherwise|as promised|as discussed|as mentioned|in that case|for sure|definitely|sorry(?: for the delay)?|good (?:call|point|idea))\b[\s,!.—–-]*)*$/i;

const MARKERS: { re: RegExp; strict: boolean }[] = [
  // I'll / I will / I shall / I'm going to / we'll ... + verb
  {
    re: /\b(i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to|'m gonna| plan to| intend to| promise to)\s+(?!not\b|never\b)/i,
    strict: false,
  },
  // I can / I'm happy to / I'd be glad to / I'd love to + a concrete action
  {
    re: /\bi(?: can|'m happy to| am happy to|'m glad to| am glad to|'d be (?:happy|glad|delighted) to|'d love to| would be (?:happy|glad) to)\s+/i,
    strict: true,
  },
  // Let me check / look / find out ... (not "let me know")
  {
    re: /\blet me\s+(?=(?:check|look|see|find out|ask|confirm|dig|follow up|get back|circle back|loop|double-check|review|verify|pull|sort|find|get)\b)/i,
    strict: false,
  },
  // Subject dropped: "Will send it tomorrow", "Happy to intro you", "Glad to help with the deck"
  { re: /^(?:will|happy to|glad to|more than happy to)\s+/i, strict: true },
];

interface Commitment {
  /** Index in the sentence where the committed action begins (after the marker). */
  actionAt: number;
  /** Index where the marker starts. */
  markerAt: number;
}

function normalizeQuotes(s: string): string {
  return s.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

/** Where the commitment in a sentence starts, or null when the sentence commits to nothing. */
function commitmentIn(sentenceRaw: string): Commitment | null {
  const sentence = normalizeQuotes(sentenceRaw);
  const lower = sentence.toLowerCase();
  // Hedged or conditional on the user, or a question: not a promise.
  if (/^(if|unless|in case|whether)\b/.test(lower)) return null;
  if (/\b(if|when) (i|we) (can|get (a|the) chance|have (the )?time|remember|find (the )?time)\b/.test(lower))
    return null;
  if (
    /^(will|shall|should|can|could|would|do|did|does|may|might|am|are|is) (you|i|we|they|he|she|it|there)\b/.test(lower)
  )
    return null;

  // Clauses: split on , ; : dashes; the commitment must open its clause (after an allowed lead-in).
  const clauseRe = /[^,;:—–]+(?:[,;:—–]|$)/g;
  for (let m = clauseRe.exec(sentence); m !== null; m = clauseRe.exec(sentence)) {
    if (m[0].length === 0) {
      clauseRe.lastIndex++;
      continue;
    }
    const clause = m[0];
    const clauseAt = m.index;
    const cl = clause.toLowerCase();
    for (const { re, strict } of MARKERS) {
      const mm = re.exec(clause);
      if (!mm) continue;
      const before = cl.slice(0, mm.index).trim();
      if (before.length > 0 && !LEAD_IN.test(before)) continue;
      const rest = clause.slice(mm.index + mm[0].length);
      const restLower = rest.toLowerCase().trim();
      // the clause is itself a question ("I'll send it tomorrow, does that work?" keeps the first clause)
      if (/\?\s*$/.test(clause.trim())) continue;
      const tailOfSentence = lower.slice(clauseAt + mm.index);
      if (/\b(but|however|unfortunately|though)\b/.test(tailOfSentence) && /^i'd|^i would/.test(cl.slice(mm.index)))
        continue;
      const firstWord = (/^[a-z'-]+/.exec(restLower)?.[0] ?? '').replace(/'s$/, '');
      if (!firstWord) continue;
      // Adverbs between the modal and the verb: "I'll also send", "I will definitely get back"
      let verbText = restLower;
      let verb = firstWord;
      for (let k = 0; k < 3 && LEADING_ADVERB.test(verbText); k++) {
        verbText = verbText.replace(LEADING_ADVERB, '');
        verb = /^[a-z'-]+/.exec(verbText)?.[0] ?? '';
      }
      if (!verb) continue;
      const strong = STRONG_TAIL.test(restLower);
      if (strict) {
        if (!ACTION_VERBS.has(verb) && !strong) continue;
      } else if (NOT_COMMITMENT_VERBS.has(verb) && !ALLOWED_AFTER_DENIED.some((r) => r.test(verbText)) && !strong) {
        continue;
      }
      if (/^(see you|talk (to you )?soon|speak soon|catch you)/.test(verbText)) continue;
      return { markerAt: clauseAt + mm.index, actionAt: clauseAt + mm.index + mm[0].length };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Due dates: chrono-node, plus a few business shorthands it lacks, added through its own parser API.

function buildChrono(): chrono.Chrono {
  const c = chrono.casual.clone();
  // "end of (the) day", "EOD", "COB", "end of business": the day itself.
  c.parsers.push({
    pattern: () =>
      /\b(?:by\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:business\s+)?day|end\s+of\s+business|eod|cob|eob)\b/i,
    extract: (ctx) => {
      const d = ctx.refDate;
      return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
    },
  });
  // "end of (the|this) week", "later this week", "this week", "EOW": the Friday of this week (next Friday at weekends).
  c.parsers.push({
    pattern: () =>
      /\b(?:by\s+)?(?:the\s+)?(?:(?:end\s+of\s+(?:the\s+|this\s+)?(?:work\s+)?week)|(?:later\s+)?this\s+week|eow)\b/i,
    extract: (ctx) => {
      const d = new Date(ctx.refDate.getTime());
      const wd = d.getDay();
      const add = wd <= 5 ? 5 - wd : 5 + 7 - wd;
      d.setDate(d.getDate() + add);
      return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), weekday: 5 };
    },
  });
  // "end of next week": the Friday of next week.
  c.parsers.push({
    pattern: () => /\b(?:by\s+)?(?:the\s+)?end\s+of\s+next\s+week\b/i,
    extract: (ctx) => {
      const d = new Date(ctx.refDate.getTime());
      const wd = d.getDay();
      const add = (wd <= 5 ? 5 - wd : 5 + 7 - wd) + 7;
      d.setDate(d.getDate() + add);
      return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), weekday: 5 };
    },
  });
  // "by the 15th", "on the 3rd" (no month named): the next such day of a month.
  c.parsers.push({
    pattern: () =>
      /\b(?:by|on|before|until)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\b|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/i,
    extract: (ctx, match) => {
      const day = Number(match[1]);
      if (!(day >= 1 && day <= 31)) return null;
      const ref = ctx.refDate;
      let y = ref.getFullYear();
      let mo = ref.getMonth();
      if (day < ref.getDate()) mo += 1;
      for (let k = 0; k < 3; k++) {
        const probe = new Date(y, mo, day);
        if (probe.getDate() === day) return { year: probe.getFullYear(), month: probe.getMonth() + 1, day };
        mo += 1;
        if (mo > 11) {
          mo = 0;
          y += 1;
        }
      }
      return null;
    },
  });
  return c;
}

let parser: chrono.Chrono | null = null;
function dateParser(): chrono.Chrono {
  parser ??= buildChrono();
  return parser;
}

/** The date phrase in a commitment that is its deadline: one after "by/before/on/..." first, else the first one. */
function pickDeadline(text: string, ref: Date): chrono.ParsedResult | undefined {
  let results: chrono.ParsedResult[];
  try {
    results = dateParser().parse(text, ref, { forwardDate: true });
  } catch {
    return undefined;
  }
  const candidates = results.filter(
    (r) =>
      !NOT_DEADLINE_BEFORE.test(text.slice(0, r.index)) &&
      !/^'s\b/.test(text.slice(r.index + r.text.length, r.index + r.text.length + 3)),
  );
  return candidates.find((r) => DEADLINE_BEFORE.test(text.slice(0, r.index))) ?? candidates[0];
}

/** Words before a date that say it is not the deadline ("the notes from Tuesday", "since Monday"). */
const NOT_DEADLINE_BEFORE = /\b(from|since|last|of|about|regarding|re|at|during|after)\s*$/i;
const DEADLINE_BEFORE = /\b(by|before|until|till|no later than|within|in|on|this|next|early|later|first thing)\s*$/i;

/**
 * The due date in a commitment, or undefined when none is named. The text is read with the sentence's send
 * time as reference, in the user's zone, always looking forward. A named time is kept ("by 3pm"); otherwise
 * the deadline is the end of the named day; a named month without a day means the end of that month.
 */
export function dueDateIn(text: string, sentAt: Date, timeZone?: string): number | undefined {
  const sent = sentAt.getTime();
  if (!Number.isFinite(sent)) return undefined;
  const tz = resolveTimeZone(timeZone);
  const w = wallTime(sent, tz);
  // A reference whose runtime-local reading equals the user's wall clock, so chrono's words mean the user's days.
  const ref = new Date(w.year, w.month - 1, w.day, w.hour, w.minute);
  const pick = pickDeadline(text, ref);
  if (!pick) return undefined;
  const s = pick.start;
  const year = s.get('year');
  const month = s.get('month');
  const day = s.get('day');
  if (year === null || month === null || day === null) return undefined;
  let due: number;
  if (s.isCertain('hour')) {
    due = zonedInstant({ year, month, day, hour: s.get('hour') ?? 0, minute: s.get('minute') ?? 0 }, tz);
  } else if (s.isCertain('month') && !s.isCertain('day') && !s.isCertain('weekday')) {
    due = zonedInstant({ year, month: month + 1, day: 1 }, tz) - 1;
  } else {
    due = zonedInstant({ year, month, day: day + 1 }, tz) - 1;
  }
  // A date before the message was sent is a reference to the past, not a deadline.
  if (due < sent) return undefined;
  return due;
}

/** Commitments in the user's own text, each with the date it is due when one is named. */
export function findPromises(text: string, sentAt: Date, opts?: { timeZone?: string }): FoundPromise[] {
  const own = ownText(typeof text === 'string' ? text.slice(0, 100_000) : '');
  if (!own) return [];
  const out: FoundPromise[] = [];
  for (const sentence of splitSentences(own)) {
    if (sentence.length > 1_000) continue;
    const c = commitmentIn(sentence);
    if (!c) continue;
    const dueAt = dueDateIn(sentence.slice(c.actionAt), sentAt, opts?.timeZone);
    out.push(dueAt === undefined ? { text: sentence } : { text: sentence, dueAt });
  }
  return out;
}

/** True when the sentence is a commitment by the user. */
export function isCommitment(sentence: string): boolean {
  return commitmentIn(sentence) !== null;
}

// ---------------------------------------------------------------------------------------------------------
// Asks.

const PLEASANTRY_QUESTION =
  /^(hi|hey|hello|dear)?[\s\w,]*\b(how are you( doing)?|how are things|how's it going|how is it going|how have you been|hope (you're|you are|all is) (well|good)|how was your (weekend|week|holiday|trip))\s*[?!.]*$/i;
const COURTESY = [
  /\bplease (find|see) (attached|below|enclosed|the attached)/i,
  /\bplease (note|ignore|disregard)\b/i,
  /\bplease (feel free|don't hesitate|do not hesitate)\b/i,
  /\blet me know if you (have|need) (any|anything)\b/i,
  /\blet me know if (there's|there is) anything\b/i,
  /\b(feel free to|don't hesitate to|do not hesitate to) (reach out|contact|get in touch|let me know)/i,
];
const REQUESTS: RegExp[] = [
  /\b(could|can|would|will) you\b/i,
  /\bwould you mind\b/i,
  /\bplease\b/i,
  /\bkindly\b/i,
  /\blet me know\b/i,
  /\blmk\b/i,
  /\b(look|looking) forward to (hearing|your (reply|response|thoughts|feedback|answer))/i,
  /\b(get back to me|send me|share with me|tell me|remind me)\b/i,
  /\bi(?:'d| would) (appreciate|be grateful|love to hear|welcome your)\b/i,
  /\bwhat do you think\b/i,
  /\bany (thoughts|update|news|feedback)\b/i,
  /\bare you (free|available|around|able)\b/i,
  /\b(do|does) (you|that|this|it) (have|know|want|think|mind|work|suit)\b/i,
  /\b(can|shall) we\b/i,
];

/** A question without its question mark: "Does Tuesday work", "Would you be open to a call". */
const BARE_QUESTION =
  /^(?:(?:so|and|also|but|ok|okay)[\s,]+)?(?:do|does|did|can|could|would|will|is|are|should|shall) (?:you|we|that|this|it|they|he|she|the|any|mon|tue|wed|thu|fri|sat|sun|[A-Z][a-z]+day)\b/;

/** True when the message asks the reader something: a question, or a request ("could you", "please send"). */
export function asksSomething(text: string): boolean {
  const own = ownText(typeof text === 'string' ? text.slice(0, 100_000) : '');
  if (!own) return false;
  for (const raw of splitSentences(own)) {
    const s = normalizeQuotes(raw);
    if (PLEASANTRY_QUESTION.test(s)) continue;
    const stripped = COURTESY.reduce((acc, re) => acc.replace(re, ' '), s);
    if (/\?\s*["')\]]*\s*$/.test(s) || /\?\s/.test(s)) {
      if (COURTESY.some((re) => re.test(s)) && !/\?/.test(stripped)) continue;
      return true;
    }
    if (COURTESY.some((re) => re.test(s)) && !REQUESTS.some((re) => re.test(stripped))) continue;
    if (REQUESTS.some((re) => re.test(stripped))) return true;
    if (BARE_QUESTION.test(stripped.trim().replace(/^\w+/, (w) => w.toLowerCase()))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Kept?

/** The user wrote in the promise's thread after making it: suggest marking it done. */
export function promiseKeptSuggestion(
  promise: Pick<PromiseRecord, 'madeAt' | 'messageId'>,
  thread: Pick<Thread, 'messages'> | null | undefined,
): boolean {
  if (!thread) return false;
  return thread.messages.some((m) => m.direction === 'sent' && m.at > promise.madeAt && m.id !== promise.messageId);
}

// ---------------------------------------------------------------------------------------------------------
// The gist, for explanations.

const PRONOUNS: Record<string, string> = {
  you: 'them',
  your: 'their',
  yours: 'theirs',
  yourself: 'themselves',
  "you're": "they're",
  my: 'your',
  me: 'you',
  mine: 'yours',
  myself: 'yourself',
  i: 'you',
  "i'm": "you're",
  "i'll": "you'll",
  we: 'you',
  us: 'you',
  our: 'your',
};

/**
 * What was promised, in the second person, for explanations: "I'll send you the deck by Friday." gives
 * "send them the deck". Falls back to the sentence itself, shortened.
 */
export function promiseGist(text: string): string {
  const hit = gists.get(text);
  if (hit !== undefined) return hit;
  const gist = computeGist(text);
  if (gists.size >= 5_000) gists.clear();
  gists.set(text, gist);
  return gist;
}

/** A promise's words never change, and reading its date with chrono is the slow part: remember the gist. */
const gists = new Map<string, string>();

function computeGist(text: string): string {
  const sentence = normalizeQuotes(text).trim();
  const c = commitmentIn(sentence);
  let action = c ? sentence.slice(c.actionAt) : sentence;
  // Drop the deadline phrase (as read by chrono) and the words that lead into it; keep what follows.
  const r = pickDeadline(action, new Date(2000, 0, 3));
  if (r) {
    let head = action.slice(0, r.index);
    for (let k = 0; k < 4; k++)
      head = head.replace(
        /\s*\b(by|before|until|till|on|no later than|within|in|sometime|the|early|late|later|first thing)\s*$/i,
        '',
      );
    const tail = action.slice(r.index + r.text.length).replace(/^[\s,;:.!]+$/, '');
    if (head.trim().length >= 3)
      action = `${head.trimEnd()}${tail.trim() && !/^[.!?]/.test(tail.trim()) ? ` ${tail.trim()}` : ''}`;
  }
  action = action.replace(/[\s,;:.!—–-]+$/, '').replace(LEADING_ADVERB, '');
  if (!c) return shorten(sentence, 80);
  const swapped = action.replace(/\b[A-Za-z']+\b/g, (w) => {
    const rep = PRONOUNS[w.toLowerCase()];
    if (!rep) return w;
    return w[0] === w[0]?.toUpperCase() && w.toLowerCase() !== 'i' ? rep[0]?.toUpperCase() + rep.slice(1) : rep;
  });
  return shorten(swapped.trim(), 80);
}

function shorten(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}
