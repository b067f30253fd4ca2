/**
 * The touches the week chart (lib/engine/week-time.ts) counts: every touch since `from` with a person (not the
 * user, a robot or an ignored address), read through the contacts' `summary.lastAt` index so that only the
 * histories of people touched since then are opened. Also where Tend's history starts (`historyStart`): the
 * earliest touch among them, or, when Tend knows a person last touched before `from`, that touch (every week since
 * is then one Tend watched, quiet or not).
 */
import { personTest } from '../engine/people';
import type { WeekTouch } from '../engine/week-time';
import { selfAddresses } from './accounts';
import type { TendDB } from './db';
import { historyTables, readHistories } from './histories';
import { getSettings } from './settings';

export async function touchesSince(
  db: TendDB,
  from: number,
): Promise<{ items: WeekTouch[]; historyStart?: number; timeZone: string }> {
  return db.transaction('r', [db.contacts, ...historyTables(db), db.kv], async () => {
    const [settings, self, recent] = await Promise.all([
      getSettings(db),
      selfAddresses(db),
      db.contacts.where('summary.lastAt').aboveOrEqual(from).primaryKeys(),
    ]);
    const isPerson = personTest(settings, self);
    // Anyone last in touch before `from` (the first such person the index meets is enough).
    const before = await db.contacts
      .where('summary.lastAt')
      .below(from)
      .filter((c) => isPerson(c.email))
      .first();
    const people = recent.filter((e) => isPerson(e));
    const histories = await readHistories(db, people);
    const items: WeekTouch[] = [];
    let historyStart: number | undefined = before?.summary?.lastAt;
    for (const h of histories) {
      if (!h) continue;
      const firstAt = h.items[0]?.at;
      if (firstAt !== undefined && (historyStart === undefined || firstAt < historyStart)) historyStart = firstAt;
      for (let i = h.items.length - 1; i >= 0; i--) {
        const it = h.items[i];
        if (!it || it.at < from) break;
        items.push({ contact: h.contact, at: it.at, direction: it.direction, ...(it.mass ? { mass: true } : {}) });
      }
    }
    return { items, ...(historyStart !== undefined ? { historyStart } : {}), timeZone: settings.timeZone };
  });
}
