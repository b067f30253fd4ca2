import { COVERAGE_KEY } from '../../lib/store/calendar-coverage';
import { localDayNumber, resolveTimeZone, wallTime, zonedInstant } from '../../lib/time/zoned-time';

/**
 * Deterministic, invented history in the public backup format (tend-backup v1): people with realistic
 * rhythms (weekly colleagues, monthly clients, quarterly mentors, one-off acquaintances), two-way mail,
 * meetings, and a few open threads. Used by the benchmarks and the demo.
 */

const FIRST = [
  'Ann',
  'Bo',
  'Chloé',
  'Dev',
  'Ebru',
  'Femi',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tomás',
  'Uma',
  'Viktor',
  'Wen',
  'Xavier',
  'Yara',
  'Zeno',
];
const LAST = [
  'Lee',
  'Ray',
  'Martin',
  'Patel',
  'Yilmaz',
  'Adeyemi',
  'Larsen',
  'Tanaka',
  'Ferreira',
  'Becker',
  'Mensah',
  'Novak',
  'García',
  'Haddad',
  'Farouk',
  'Iyer',
  'Walsh',
  'Romero',
  'Kallio',
  'Silva',
  'Okafor',
  'Petrov',
  'Zhang',
  'Dubois',
  'Haddad',
  'Moretti',
];
const COMPANIES = [
  'northwind.example',
  'acme.example',
  'lumen.example',
  'harbor.example',
  'fieldwork.example',
  'orbit.example',
  'quill.example',
  'tessel.example',
];
const SUBJECTS = [
  'Quarterly review',
  'Intro: product team',
  'Coffee next week?',
  'Deck for Thursday',
  'Contract draft',
  'Hiring loop',
  'Conference talk',
  'Follow-up from our call',
  'Roadmap notes',
  'Thanks!',
];

/** A small deterministic PRNG (mulberry32), so every run builds the same history. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export interface SynthOptions {
  contacts: number;
  interactions: number;
  now: number;
  seed?: number;
  self?: string;
  events?: number;
  /**
   * Realistic Gmail threads: hex thread and message ids as Gmail's pages show them, about four messages a
   * thread (100,000 interactions make about 25,000 threads), and a thread record for each in `threads`.
   */
  threads?: boolean;
}

/** A Gmail-style id: 16 hex digits starting "18" or "19", as `data-legacy-thread-id` shows. */
function gmailHexId(rand: () => number): string {
  let s = rand() < 0.5 ? '18' : '19';
  for (let i = 0; i < 14; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

interface SynthThread {
  id: string;
  account: string;
  threadId: string;
  subject: string;
  people: string[];
  messages: { id: string; at: string; from: string; direction: 'sent' | 'received'; to: string[] }[];
  lastAt: string;
}

export function synthBackup(o: SynthOptions) {
  const rand = rng(o.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const contacts = [];
  const interactions = [];
  const perContact = Math.max(1, Math.floor(o.interactions / o.contacts));
  let made = 0;
  // Ids come from their own sequence, so the history itself is the same with or without realistic threads.
  const idRand = rng((o.seed ?? 42) + 1);
  const self = o.self ?? 'me@tend.example';
  const threads: SynthThread[] = [];
  for (let i = 0; i < o.contacts; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const domain = pick(COMPANIES);
    const email = `${first}.${last}.${i}@${domain}`
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    const tag = i % 7 === 0 ? ['client'] : i % 11 === 0 ? ['mentor'] : [];
    contacts.push({ email, name: `${first} ${last}`, tags: tag });
    // Each person has a rhythm; touches fall around it with jitter, the most recent one at a random point.
    const rhythm = pick([7, 14, 21, 30, 45, 60, 91]);
    const count = i === o.contacts - 1 ? o.interactions - made : perContact;
    let at = o.now - Math.floor(rand() * rhythm * 2.5) * DAY - Math.floor(rand() * 10) * 3_600_000;
    let thread: SynthThread | undefined;
    for (let k = 0; k < count; k++) {
      const direction = rand() < 0.45 ? 'sent' : rand() < 0.9 ? 'received' : 'meeting';
      const id = `${i.toString(16)}${k.toString(16).padStart(4, '0')}`;
      let mail = {
        messageId: id,
        threadId: `t${id.slice(0, -1)}`,
        subject: direction === 'meeting' ? '' : pick(SUBJECTS),
      };
      if (o.threads && direction !== 'meeting') {
        // Newest first: a thread collects the next few (older) messages with this person.
        if (!thread || thread.messages.length >= 4) {
          const threadId = gmailHexId(idRand);
          thread = {
            id: `${self}/${threadId}`,
            account: self,
            threadId,
            subject: mail.subject,
            people: [email],
            messages: [],
            lastAt: iso(at),
          };
          threads.push(thread);
        }
        const messageId = gmailHexId(idRand);
        mail = { messageId, threadId: thread.threadId, subject: thread.subject };
        thread.messages.unshift({
          id: messageId,
          at: iso(at),
          from: direction === 'sent' ? self : email,
          direction,
          to: direction === 'sent' ? [email] : [self],
        });
      }
      interactions.push({
        contact: email,
        at: iso(at),
        direction,
        source: direction === 'meeting' ? 'calendar' : 'gmail',
        key: `synth:${id}:${email}`,
        ...(direction === 'meeting' ? { eventId: `ev${id}` } : mail),
      });
      made++;
      // Bursts: sometimes the next touch is the same day.
      at -= (rand() < 0.3 ? 0.1 : rhythm * (0.6 + rand() * 0.8)) * DAY;
    }
  }
  const events = [];
  for (let e = 0; e < (o.events ?? 0); e++) {
    const day = Math.floor(o.now / DAY) - 180 + Math.floor(rand() * 200);
    const start = day * DAY + (13 + Math.floor(rand() * 9)) * 3_600_000 + (rand() < 0.5 ? 1_800_000 : 0);
    events.push({
      id: `synth-ev-${e}`,
      start: iso(start),
      end: iso(start + pick([30, 45, 60, 90]) * 60_000),
      title: pick(SUBJECTS),
      allDay: false,
      attendees: [pick(contacts).email],
      source: 'calendar',
      busy: true,
    });
  }
  return {
    format: 'tend-backup' as const,
    version: 1 as const,
    exportedAt: iso(o.now),
    contacts,
    interactions,
    events,
    threads,
    promises: [],
    nudgeState: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// A hand-made history for the demo and the README screenshots: about thirty invented people a consultant
// might keep up with, each with a rhythm and a past, plus what makes a morning's list: threads waiting for a
// reply or for theirs, promises, a birthday, a meeting to say thanks for, and a calendar for the next two
// weeks so that free slots look like a real week. Every time is relative to `now`, in `timeZone`.

const HOUR = 3_600_000;

export interface DemoOptions {
  now: number;
  /** The user's zone: meetings sit at office hours there (default America/New_York). */
  timeZone?: string;
  /** The signed-in user (default the Gmail fixtures' dana.reyes@example.com). */
  self?: string;
}

interface DemoPerson {
  name: string;
  email: string;
  /** How often they are usually in touch, in days, and how many days ago the last touch was. */
  rhythm: number;
  last: number;
  /** How many touches in the history (default 8). */
  touches?: number;
  /** Share of touches that are meetings (default 0.15). */
  meetings?: number;
  tags?: string[];
  cadence?: { mode: 'auto' } | { mode: 'off' } | { mode: 'fixed'; days: number; toleranceDays: number };
  notes?: string;
  details?: { background?: string; preferences?: string; family?: string; interests?: string };
  /** Key dates: `inDays` days from now (month and day worked out in the zone). */
  dates?: {
    kind: 'birthday' | 'work-anniversary' | 'other';
    label?: string;
    inDays: number;
    year?: number;
    leadDays?: number;
  }[];
  topics?: string[];
}

const DEMO_PEOPLE: DemoPerson[] = [
  {
    name: 'Alice Moreau',
    email: 'alice.moreau@northwind.example',
    rhythm: 12,
    last: 4,
    touches: 14,
    tags: ['client'],
    notes: 'Leads procurement at Northwind. Likes a short email with one clear ask; decides on Thursdays.',
    details: {
      background: 'Met at the Lyon ops meetup in 2023. Was a consultant at Harbor before Northwind.',
      preferences: 'Oat flat white. Calls before 10:00 her time.',
      family: 'Two kids, Léa and Tom.',
      interests: 'Trail running; training for the Annecy half.',
    },
    dates: [{ kind: 'birthday', inDays: 38, leadDays: 2 }],
    topics: ['Renewal terms for 2027', 'Q4 budget review', 'Onboarding the ops team', 'Invoice for October'],
  },
  {
    name: 'Bob Okafor',
    email: 'bob@okafor.example',
    rhythm: 20,
    last: 4,
    touches: 9,
    notes: 'Finance side at Northwind; signs off anything over 50k.',
    topics: ['Q4 budget review', 'Purchase order', 'Renewal terms for 2027'],
  },
  {
    name: 'Chen Wei',
    email: 'chen.wei@lumen.example',
    rhythm: 9,
    last: 3,
    touches: 12,
    tags: ['client'],
    notes: 'Product lead at Lumen. Wants the case-study deck for the board.',
    topics: ['Deck for Thursday', 'Case study draft', 'Roadmap notes'],
  },
  {
    name: 'Priya Natarajan',
    email: 'priyanatarajan@gmail.com',
    rhythm: 80,
    last: 131,
    touches: 6,
    meetings: 0.5,
    tags: ['mentor'],
    notes: 'Mentor since 2021. Ask her about pricing the retainer.',
    details: { interests: 'Carnatic music, long walks on the Heath.' },
    topics: ['Catching up', 'Pricing question', 'Thanks!'],
  },
  {
    name: 'Marta Lind',
    email: 'marta@lind.example',
    rhythm: 30,
    last: 25,
    touches: 7,
    notes: 'Former teammate at Orbit; now freelancing in Malmö.',
    dates: [{ kind: 'birthday', inDays: 2, leadDays: 3, year: 1988 }],
    topics: ['Freelance rates', 'Malmö trip', 'Coffee next week?'],
  },
  {
    name: 'Sam Carter',
    email: 'sam.carter@acme.example',
    rhythm: 120,
    last: 400,
    touches: 3,
    cadence: { mode: 'off' },
    topics: ['Conference talk'],
  },
  {
    name: 'Kofi Mensah',
    email: 'kofi@mensah.example',
    rhythm: 40,
    last: 6,
    touches: 6,
    notes: 'Runs the Lisbon product meetup.',
    topics: ['Speaking slot at the Lisbon meetup?', 'Meetup recap'],
  },
  {
    name: 'Yara Haddad',
    email: 'yara.haddad@quill.example',
    rhythm: 25,
    last: 3,
    touches: 8,
    notes: 'Connector; introduced me to Lumen.',
    topics: ['Intro: you and Jonas', 'Panel in March'],
  },
  {
    name: 'Jonas Becker',
    email: 'jonas.becker@harbor.example',
    rhythm: 14,
    last: 7,
    touches: 10,
    tags: ['client'],
    topics: ['Contract draft v3', 'Kick-off agenda', 'Statement of work'],
  },
  {
    name: 'Wen Zhang',
    email: 'wen@orbit.example',
    rhythm: 45,
    last: 9,
    touches: 5,
    topics: ['Coffee next week?', 'Hiring loop'],
  },
  {
    name: 'Nadia Novak',
    email: 'nadia.novak@tessel.example',
    rhythm: 21,
    last: 5,
    touches: 7,
    notes: 'Looking for a design lead; I offered an intro to Ebru.',
    topics: ['Design lead search', 'Workshop follow-up'],
  },
  {
    name: 'Hiro Tanaka',
    email: 'hiro.tanaka@lumen.example',
    rhythm: 7,
    last: 2,
    touches: 20,
    meetings: 0.4,
    topics: ['Weekly sync', 'Data export', 'Sprint notes'],
  },
  {
    name: 'Ines Ferreira',
    email: 'ines@fieldwork.example',
    rhythm: 30,
    last: 52,
    touches: 8,
    tags: ['client'],
    cadence: { mode: 'fixed', days: 30, toleranceDays: 15 },
    notes: 'Fieldwork’s COO. Quarterly review is due; she prefers a call to email.',
    details: { preferences: 'Calls, not email. Never Mondays.' },
    topics: ['Quarterly review', 'Field ops pilot'],
  },
  {
    name: 'Greta Larsen',
    email: 'greta.larsen@northwind.example',
    rhythm: 18,
    last: 8,
    touches: 8,
    topics: ['Onboarding the ops team', 'Training dates'],
  },
  {
    name: 'Mateo García',
    email: 'mateo.garcia@acme.example',
    rhythm: 91,
    last: 60,
    touches: 5,
    cadence: { mode: 'fixed', days: 91, toleranceDays: 30 },
    topics: ['Partnership idea', 'Thanks!'],
  },
  {
    name: 'Omar Farouk',
    email: 'omar@farouk.example',
    rhythm: 35,
    last: 0.75,
    touches: 6,
    meetings: 0.05,
    notes: 'Met for lunch to talk about a joint offer for retail clients.',
    topics: ['Joint offer for retail', 'Lunch Thursday?'],
  },
  {
    name: 'Rosa Romero',
    email: 'rosa.romero@orbit.example',
    rhythm: 14,
    last: 44,
    touches: 12,
    topics: ['Research ops', 'Survey results', 'Coffee next week?'],
  },
  {
    name: 'Lena Kallio',
    email: 'lena.kallio@tessel.example',
    rhythm: 28,
    last: 12,
    touches: 7,
    topics: ['Workshop follow-up', 'Slides'],
  },
  {
    name: 'Dev Patel',
    email: 'dev.patel@fieldwork.example',
    rhythm: 10,
    last: 6,
    touches: 10,
    topics: ['Field ops pilot', 'Dashboard access'],
  },
  {
    name: 'Ebru Yilmaz',
    email: 'ebru.yilmaz@quill.example',
    rhythm: 60,
    last: 30,
    touches: 5,
    notes: 'Brilliant design lead, open to a move in spring.',
    topics: ['Portfolio', 'Catching up'],
  },
  {
    name: 'Femi Adeyemi',
    email: 'femi@adeyemi.example',
    rhythm: 91,
    last: 40,
    touches: 5,
    meetings: 0.4,
    tags: ['mentor'],
    topics: ['Book recommendation', 'Catching up'],
  },
  {
    name: 'Tomás Silva',
    email: 'tomas.silva@harbor.example',
    rhythm: 21,
    last: 15,
    touches: 6,
    topics: ['Statement of work', 'Kick-off agenda'],
  },
  {
    name: 'Uma Iyer',
    email: 'uma.iyer@northwind.example',
    rhythm: 30,
    last: 20,
    touches: 5,
    dates: [{ kind: 'work-anniversary', inDays: 19, year: 2021, leadDays: 1 }],
    topics: ['Security questionnaire', 'Renewal terms for 2027'],
  },
  {
    name: 'Viktor Petrov',
    email: 'viktor.petrov@acme.example',
    rhythm: 45,
    last: 33,
    touches: 4,
    topics: ['Conference talk', 'Thanks!'],
  },
  {
    name: 'Xavier Dubois',
    email: 'xavier.dubois@lumen.example',
    rhythm: 20,
    last: 11,
    touches: 6,
    topics: ['Case study draft', 'Quotes for the case study'],
  },
  {
    name: 'Zeno Moretti',
    email: 'zeno.moretti@quill.example',
    rhythm: 60,
    last: 35,
    touches: 4,
    topics: ['Newsletter guest post'],
  },
  {
    name: 'Quinn Walsh',
    email: 'quinn.walsh@fieldwork.example',
    rhythm: 30,
    last: 49,
    touches: 7,
    tags: ['client'],
    topics: ['Invoice question', 'Field ops pilot'],
  },
  {
    name: 'Sami Rahman',
    email: 'sami.rahman@orbit.example',
    rhythm: 30,
    last: 18,
    touches: 5,
    topics: ['Hiring loop', 'Referral'],
  },
  {
    name: 'Bo Berg',
    email: 'bo.berg@acme.com',
    rhythm: 7,
    last: 1,
    touches: 16,
    meetings: 0.5,
    topics: ['Lunch', 'Design review'],
  },
  {
    name: 'Cleo Martin',
    email: 'cleo@example.org',
    rhythm: 7,
    last: 5,
    touches: 12,
    meetings: 0.5,
    topics: ['Weekly 1:1', 'Design review'],
  },
  {
    name: 'Ann Lee',
    email: 'ann.lee@example.net',
    rhythm: 60,
    last: 150,
    touches: 4,
    topics: ['Catching up'],
  },
];

interface DemoMessage {
  from: 'me' | string;
  /** Days before now. */
  ago: number;
  asks?: boolean;
  /** A commitment in the user's words, with when it is due (days from now; omitted for an undated one). */
  promise?: { text: string; dueIn?: number };
}

interface DemoThread {
  threadId: string;
  subject: string;
  people: string[];
  messages: DemoMessage[];
}

/** The open conversations: who waits on whom, and what the user promised in them. */
const DEMO_THREADS: DemoThread[] = [
  {
    // The thread the sidebar screenshots show: a client and her finance colleague.
    threadId: '19c0a1b2c3d4e5f6',
    subject: 'Renewal terms for 2027',
    people: ['alice.moreau@northwind.example', 'bob@okafor.example'],
    messages: [
      { from: 'alice.moreau@northwind.example', ago: 9 },
      {
        from: 'me',
        ago: 8,
        promise: { text: "I'll send over the revised pricing by Friday.", dueIn: -1 },
      },
      { from: 'bob@okafor.example', ago: 6 },
      { from: 'alice.moreau@northwind.example', ago: 4.2, asks: true },
    ],
  },
  {
    threadId: '19c0a1b2c3d4e601',
    subject: 'Speaking slot at the Lisbon meetup?',
    people: ['kofi@mensah.example'],
    messages: [{ from: 'kofi@mensah.example', ago: 6.1 }],
  },
  {
    threadId: '19c0a1b2c3d4e602',
    subject: 'Intro: you and Jonas',
    people: ['yara.haddad@quill.example', 'jonas.becker@harbor.example'],
    messages: [{ from: 'yara.haddad@quill.example', ago: 3.3 }],
  },
  {
    threadId: '19c0a1b2c3d4e603',
    subject: 'Contract draft v3',
    people: ['jonas.becker@harbor.example'],
    messages: [
      { from: 'jonas.becker@harbor.example', ago: 10 },
      { from: 'me', ago: 7, asks: true },
    ],
  },
  {
    threadId: '19c0a1b2c3d4e604',
    subject: 'Coffee next week?',
    people: ['wen@orbit.example'],
    messages: [{ from: 'me', ago: 9, asks: true }],
  },
  {
    threadId: '19c0a1b2c3d4e605',
    subject: 'Deck for Thursday',
    people: ['chen.wei@lumen.example'],
    messages: [
      { from: 'chen.wei@lumen.example', ago: 4 },
      { from: 'me', ago: 3, promise: { text: "I'll send you the board deck by tomorrow evening.", dueIn: 0.4 } },
    ],
  },
  {
    threadId: '19c0a1b2c3d4e606',
    subject: 'Design lead search',
    people: ['nadia.novak@tessel.example'],
    messages: [
      { from: 'nadia.novak@tessel.example', ago: 6 },
      { from: 'me', ago: 5, promise: { text: "I'll introduce you to Ebru." } },
    ],
  },
];

/** Weekly meetings over the next two weeks: [ISO weekday, hour, minute, minutes, title, guest]. */
const DEMO_WEEK: [number, number, number, number, string, string | null][] = [
  [1, 9, 30, 30, 'Planning', null],
  [1, 14, 0, 60, 'Northwind onboarding', 'greta.larsen@northwind.example'],
  [2, 10, 0, 45, 'Lumen weekly sync', 'hiro.tanaka@lumen.example'],
  [2, 15, 30, 60, 'Workshop prep', null],
  [3, 9, 0, 90, 'Deep work', null],
  [3, 13, 30, 30, 'Weekly 1:1', 'cleo@example.org'],
  [3, 16, 0, 45, 'Harbor kick-off', 'jonas.becker@harbor.example'],
  [4, 11, 0, 60, 'Design review', 'bo.berg@acme.com'],
  [4, 15, 0, 30, 'Fieldwork pilot check-in', 'dev.patel@fieldwork.example'],
  [5, 10, 0, 60, 'Proposal writing', null],
  [5, 14, 0, 30, 'Invoices', null],
];

/** The invented history in the backup format (version 1), ready for `{ type: 'import', backup }`. */
export function demoBackup(o: DemoOptions) {
  const tz = o.timeZone ?? 'America/New_York';
  const self = o.self ?? 'dana.reyes@example.com';
  const now = o.now;
  const rand = rng(7);
  /** The local calendar day `days` from today, with its ISO weekday (1 = Monday). */
  const dayFrom = (days: number) => {
    const w = wallTime(now, tz);
    const noon = zonedInstant({ year: w.year, month: w.month, day: w.day + days, hour: 12 }, tz);
    const d = wallTime(noon, tz);
    return { year: d.year, month: d.month, day: d.day, weekday: d.weekday || 7 };
  };
  /** `hour:minute` local time, `days` days from today, as an instant. */
  const at = (days: number, hour: number, minute = 0) => {
    const d = dayFrom(days);
    return zonedInstant({ year: d.year, month: d.month, day: d.day, hour, minute }, tz);
  };

  const contacts = DEMO_PEOPLE.map((p) => {
    return {
      email: p.email,
      name: p.name,
      tags: p.tags ?? [],
      ...(p.cadence ? { cadence: p.cadence } : {}),
      notes: p.notes ?? '',
      details: { background: '', preferences: '', family: '', interests: '', ...p.details },
      dates: (p.dates ?? []).map((d) => {
        const day = dayFrom(d.inDays);
        return {
          kind: d.kind,
          label: d.label ?? '',
          month: day.month,
          day: day.day,
          ...(d.year ? { year: d.year } : {}),
          leadDays: d.leadDays ?? 0,
        };
      }),
      accounts: [self],
      createdAt: iso(now - 400 * DAY),
      updatedAt: iso(now - 2 * DAY),
    };
  });

  const interactions: Record<string, unknown>[] = [];
  const nameOf = new Map(DEMO_PEOPLE.map((p) => [p.email, p.name]));
  DEMO_PEOPLE.forEach((p, i) => {
    const n = p.touches ?? 8;
    const meetingShare = p.meetings ?? 0.15;
    // Office hours, newest first: the last touch `p.last` days ago, then one rhythm apart with some jitter.
    let t = now - p.last * DAY;
    for (let k = 0; k < n; k++) {
      const r = rand();
      const direction =
        k === 0 && p.last < 1 ? 'meeting' : r < meetingShare ? 'meeting' : r < 0.58 ? 'sent' : 'received';
      const id = `demo${i.toString(16).padStart(2, '0')}${k.toString(16).padStart(3, '0')}`;
      const topics = p.topics ?? SUBJECTS;
      const subject = topics[k % topics.length] as string;
      interactions.push({
        key: `demo:${id}:${p.email}`,
        contact: p.email,
        at: iso(t),
        direction,
        source: direction === 'meeting' ? 'calendar' : 'gmail',
        account: self,
        ...(direction === 'meeting'
          ? { eventId: `ev-${id}`, subject }
          : { messageId: id, threadId: `t${id}`, subject }),
      });
      t -= p.rhythm * (0.75 + rand() * 0.5) * DAY;
    }
  });

  const threads = [];
  const promises: Record<string, unknown>[] = [];
  for (const th of DEMO_THREADS) {
    const messages = th.messages.map((m, k) => {
      const mAt = Math.round(now - m.ago * DAY);
      const id = `${th.threadId.slice(0, -2)}${(k + 1).toString(16).padStart(2, '0')}`;
      const from = m.from === 'me' ? self : m.from;
      const to = m.from === 'me' ? th.people : [self, ...th.people.filter((e) => e !== m.from)];
      // Every message is also a touch with each person it went between.
      for (const person of m.from === 'me' ? th.people : [m.from]) {
        interactions.push({
          key: `demo:${id}:${person}`,
          contact: person,
          at: iso(mAt),
          direction: m.from === 'me' ? 'sent' : 'received',
          source: 'gmail',
          account: self,
          messageId: id,
          threadId: th.threadId,
          subject: th.subject,
        });
      }
      if (m.promise) {
        promises.push({
          id: `${self}/${th.threadId}:${id}:0`,
          threadKey: `${self}/${th.threadId}`,
          messageId: id,
          contacts: th.people,
          text: m.promise.text,
          madeAt: iso(mAt),
          ...(m.promise.dueIn !== undefined ? { dueAt: iso(now + m.promise.dueIn * DAY) } : {}),
          status: 'open' as const,
          suggestDone: false,
        });
      }
      return { id, at: iso(mAt), from, direction: m.from === 'me' ? 'sent' : 'received', asks: Boolean(m.asks), to };
    });
    threads.push({
      id: `${self}/${th.threadId}`,
      account: self,
      threadId: th.threadId,
      subject: th.subject,
      people: th.people,
      messages,
      // Messages are listed oldest first.
      lastAt: messages[messages.length - 1]?.at ?? iso(now),
      closed: false,
    });
  }

  // The calendar: the next two working weeks (and the last one, for history), at office hours in the zone.
  const events = [];
  for (let d = -7; d <= 14; d++) {
    const weekday = dayFrom(d).weekday;
    for (const [wd, h, m, minutes, title, guest] of DEMO_WEEK) {
      if (wd !== weekday) continue;
      const start = at(d, h, m);
      events.push({
        id: `demo-${d + 7}-${h}${m}`,
        start: iso(start),
        end: iso(start + minutes * 60_000),
        title: guest ? `${title} · ${nameOf.get(guest) ?? guest}` : title,
        allDay: false,
        attendees: guest ? [self, guest] : [self],
        calendar: self,
        source: 'calendar' as const,
        busy: true,
      });
    }
  }
  // Lunch with Omar, yesterday or this morning: the meeting Tend suggests saying thanks for.
  const omarLunch = now - 0.75 * DAY;
  events.push({
    id: 'demo-omar-lunch',
    start: iso(omarLunch),
    end: iso(omarLunch + HOUR),
    title: 'Lunch · Omar Farouk',
    allDay: false,
    attendees: [self, 'omar@farouk.example'],
    calendar: self,
    source: 'calendar' as const,
    busy: true,
  });

  return {
    format: 'tend-backup' as const,
    version: 1 as const,
    exportedAt: iso(now),
    contacts,
    interactions,
    events,
    threads,
    promises,
    settings: { selfAddresses: [self] },
    nudgeState: [],
  };
}

/**
 * What the demo's user has shown Tend of Google Calendar: the last seven days and the next seven (the kv record
 * lib/store/calendar-coverage.ts keeps), so slots fill the coming week on any weekday and the days after it are
 * named as not seen yet.
 */
export function demoCoverage(o: DemoOptions): { key: string; value: unknown } {
  const tz = resolveTimeZone(o.timeZone ?? 'America/New_York');
  const self = o.self ?? 'dana.reyes@example.com';
  const today = localDayNumber(o.now, tz);
  return { key: COVERAGE_KEY, value: { bySource: { [self]: [[today - 7, today + 6]] }, lastAccount: self } };
}

/** The thread the demo's sidebar shows (its key, as the store names it, and the other people in it). */
export function demoOpenThread(self = 'dana.reyes@example.com') {
  const th = DEMO_THREADS[0] as DemoThread;
  return { threadKey: `${self}/${th.threadId}`, threadId: th.threadId, people: [...th.people], subject: th.subject };
}
