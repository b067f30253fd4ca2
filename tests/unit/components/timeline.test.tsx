// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { Timeline } from '@/components/person/timeline';
import { historyOf } from '@/lib/store/interactions';
import { deleteTouch } from '@/lib/store/manual-touches';
import { DAY, freshDb, recordTouches, T0, touch } from '../store/helpers';

describe('the timeline and the store agree on which touches can be changed', () => {
  it('offers Edit and Delete exactly on the touches the store lets the user delete', async () => {
    const db = freshDb();
    await recordTouches(db, [
      touch('ann@example.com', T0, 'received'),
      // Captured, under a key that looks hand-made.
      touch('ann@example.com', T0 + DAY, 'received', { key: 'manual:forged', subject: 'Forged' }),
      // Logged by hand, under a key of its own (a hand-written backup).
      touch('ann@example.com', T0 + 2 * DAY, 'meeting', { key: 'coffee-1', source: 'manual', note: 'Rosa' }),
      touch('ann@example.com', T0 + 3 * DAY, 'meeting', { key: 'manual:call', source: 'manual', kind: 'call' }),
    ]);
    const items = await historyOf(db, 'ann@example.com');
    render(<Timeline items={items} now={T0 + 4 * DAY} onEdit={() => {}} onDelete={() => {}} />);
    const rows = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(rows).toHaveLength(4);
    for (const [i, it] of items.entries()) {
      const row = rows[i] as HTMLElement;
      const offered = within(row).queryByRole('button', { name: /^Delete/ }) !== null;
      expect(within(row).queryByRole('button', { name: /^Edit/ }) !== null).toBe(offered);
      expect({ key: it.key, offered }).toEqual({ key: it.key, offered: it.source === 'manual' });
      // Delete one at a time from a fresh copy, so each answer is about this touch alone.
      const copy = freshDb();
      await recordTouches(copy, items);
      expect({ key: it.key, deleted: (await deleteTouch(copy, 'ann@example.com', it.key, T0)).ok }).toEqual({
        key: it.key,
        deleted: offered,
      });
    }
  });
});
