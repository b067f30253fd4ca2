// @vitest-environment happy-dom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SyncSection, unsyncedWords } from '@/components/sync-section';
import type { SyncStatus } from '@/lib/sync/driver';

const base: SyncStatus = {
  on: false,
  records: 3,
  bytes: 2_048,
  items: 1,
  quotaBytes: 102_400,
  maxItems: 512,
  unsynced: [],
};

describe('SyncSection', () => {
  it('is off by default, says what it does, and switches on through the background', async () => {
    const calls: boolean[] = [];
    render(
      <SyncSection
        load={async () => ({ ok: true, status: base })}
        onToggle={async (on) => {
          calls.push(on);
          return {
            ok: true,
            status: {
              ...base,
              on,
              unsynced: [
                { rid: 'c:ann@example.com', field: 'notes', reason: 'too-large' as const },
                { rid: 'c:bo@example.com', reason: 'no-room' as const },
              ],
            },
          };
        }}
      />,
    );
    const box = await screen.findByRole('checkbox', { name: "Sync notes and settings through your browser's sync" });
    await waitFor(() => expect((box as HTMLInputElement).disabled).toBe(false));
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(/passphrase/)).toBeTruthy();
    expect(screen.getByText(/Would use 2 KB of 100 KB and 1 of 512 items/)).toBeTruthy();
    await userEvent.click(box);
    expect(calls).toEqual([true]);
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(true));
    expect(screen.getByText(/Uses 2 KB of 100 KB/)).toBeTruthy();
    expect(screen.getByText(/Not synced \(2\): it stays in this browser/)).toBeTruthy();
    expect(screen.getByText('ann@example.com: notes (too long for one sync item)')).toBeTruthy();
    expect(screen.getByText('bo@example.com (no room left)')).toBeTruthy();
  });

  it('shows a refused write as a message, not a crash', async () => {
    render(
      <SyncSection
        load={async () => ({ ok: true, status: { ...base, on: true, error: 'QUOTA_BYTES quota exceeded' } })}
        onToggle={async () => ({ ok: false, error: 'sync could not be switched' })}
      />,
    );
    expect(await screen.findByText(/The browser's sync refused a write \(QUOTA_BYTES quota exceeded\)/)).toBeTruthy();
  });

  it('words every kind of record', () => {
    expect(unsyncedWords({ rid: 's', reason: 'no-room' })).toBe('settings (no room left)');
    expect(unsyncedWords({ rid: 'n:contact:bo@example.com', reason: 'no-room' })).toBe(
      'snooze, done or mute of bo@example.com (no room left)',
    );
    expect(unsyncedWords({ rid: 'm:manual:x-1', reason: 'no-room' })).toBe('a touch logged by hand (no room left)');
    expect(unsyncedWords({ rid: 'c:a@b.c', field: 't:client', reason: 'too-large' })).toBe(
      'a@b.c: tag client (too long for one sync item)',
    );
  });
});
