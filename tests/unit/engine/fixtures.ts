/** Builders for engine tests: plain records with only what a test cares about spelled out. */
import {
  type Contact,
  type ContactSummary,
  DEFAULT_SETTINGS,
  type Settings,
  type Thread,
  type ThreadMessage,
} from '@/lib/core/model';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** Wednesday 13 March 2024, 15:00 UTC (11:00 in New York). */
export const NOW = Date.UTC(2024, 2, 13, 15, 0);
export const daysAgo = (d: number, now = NOW) => now - d * DAY;

export function contact(
  email: string,
  over: Partial<Omit<Contact, 'summary'>> & { summary?: Partial<ContactSummary> } = {},
): Contact {
  const { summary, ...rest } = over;
  return {
    email,
    name: '',
    aliases: [],
    cadence: { mode: 'auto' },
    notes: '',
    details: { background: '', preferences: '', family: '', interests: '' },
    tags: [],
    dates: [],
    accounts: [],
    createdAt: 0,
    updatedAt: 0,
    ...rest,
    summary: { count: 0, sent: 0, received: 0, meetings: 0, inferredDays: null, ...summary },
  };
}

export function settings(over: Partial<Settings> = {}): Settings {
  return { ...structuredClone(DEFAULT_SETTINGS), ...over };
}

export function msg(
  id: string,
  at: number,
  direction: 'sent' | 'received',
  from: string,
  to: string[],
  asks = false,
): ThreadMessage {
  return { id, at, direction, from, to, asks };
}

export function thread(id: string, messages: ThreadMessage[], over: Partial<Thread> = {}): Thread {
  return {
    id: `me@example.com/${id}`,
    account: 'me@example.com',
    threadId: id,
    subject: `Subject ${id}`,
    people: [],
    messages,
    lastAt: Math.max(0, ...messages.map((m) => m.at)),
    closed: false,
    ...over,
  };
}
