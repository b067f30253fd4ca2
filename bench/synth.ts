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
}

export function synthBackup(o: SynthOptions) {
  const rand = rng(o.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const contacts = [];
  const interactions = [];
  const perContact = Math.max(1, Math.floor(o.interactions / o.contacts));
  let made = 0;
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
    for (let k = 0; k < count; k++) {
      const direction = rand() < 0.45 ? 'sent' : rand() < 0.9 ? 'received' : 'meeting';
      const id = `${i.toString(16)}${k.toString(16).padStart(4, '0')}`;
      interactions.push({
        contact: email,
        at: iso(at),
        direction,
        source: direction === 'meeting' ? 'calendar' : 'gmail',
        key: `synth:${id}:${email}`,
        ...(direction === 'meeting'
          ? { eventId: `ev${id}` }
          : { messageId: id, threadId: `t${id.slice(0, -1)}`, subject: pick(SUBJECTS) }),
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
    threads: [],
    promises: [],
    nudgeState: [],
  };
}
