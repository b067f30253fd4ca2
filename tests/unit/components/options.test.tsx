// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BackupSection, CalendarImport, DeleteAll } from '@/components/options/data-section';
import { countsWords } from '@/components/options/outcome';
import { draftOf, SettingsForm, settingsOf } from '@/components/options/settings-form';
import { DEFAULT_SETTINGS, Settings } from '@/lib/core/model';

const file = (text: string, name: string) => new File([text], name, { type: 'application/octet-stream' });

/**
 * The stored settings Save edits, as Options' saveSettingsEdit does: the form's edit applied to what is stored at
 * that moment, validated, kept. `changeElsewhere` stands for a write from outside the form (an import, sync).
 */
function settingsStore(initial: Settings = DEFAULT_SETTINGS) {
  let stored = initial;
  const onSave = vi.fn(async (edit: (current: Settings) => unknown) => {
    const parsed = Settings.safeParse(edit(stored));
    if (!parsed.success) return { ok: false as const, errors: parsed.error.issues.map((i) => i.message) };
    stored = parsed.data;
    return { ok: true as const, settings: stored };
  });
  return {
    onSave,
    saved: () => stored,
    changeElsewhere: (change: (s: Settings) => Settings) => {
      stored = change(stored);
      return stored;
    },
  };
}

describe('SettingsForm', () => {
  it('round-trips the settings through its draft', () => {
    expect(Settings.parse(settingsOf(draftOf(DEFAULT_SETTINGS)))).toEqual(DEFAULT_SETTINGS);
  });

  it('saves what was edited', { timeout: 20_000 }, async () => {
    const { onSave, saved: stored } = settingsStore();
    render(<SettingsForm settings={DEFAULT_SETTINGS} onSave={onSave} />);
    const user = userEvent.setup();
    const self = screen.getByRole('textbox', { name: 'Your other email addresses, one a line' });
    await user.type(self, 'me@old.example{Enter}Me@Work.example');
    await user.click(screen.getByRole('checkbox', { name: 'Sat' }));
    await user.click(
      screen.getByRole('checkbox', { name: 'Record meetings with any guest, not only people you email' }),
    );
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const saved = stored();
    expect(saved.selfAddresses).toEqual(['me@old.example', 'me@work.example']);
    expect(saved.work.days).toEqual([1, 2, 3, 4, 5, 6]);
    expect(saved.meetingsWithAnyGuest).toBe(true);
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  it('keeps what changed elsewhere while the form was open: Save writes only what was edited in it', async () => {
    const store = settingsStore();
    const { rerender } = render(<SettingsForm settings={store.saved()} onSave={store.onSave} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Sat' }));
    // Meanwhile a mailbox import learns the user's address: stored anew while the form holds an edit.
    const learnt = store.changeElsewhere((s) => ({ ...s, selfAddresses: ['jo@fastmail.example'] }));
    rerender(<SettingsForm settings={learnt} onSave={store.onSave} />);
    const self = screen.getByRole('textbox', { name: 'Your other email addresses, one a line' });
    expect((self as HTMLTextAreaElement).value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(store.saved().selfAddresses).toEqual(['jo@fastmail.example']);
    expect(store.saved().work.days).toEqual([1, 2, 3, 4, 5, 6]);
    // The form now holds what was saved, the learnt address too.
    expect((self as HTMLTextAreaElement).value).toBe('jo@fastmail.example');
  });

  it('merges a list edited in the form with what arrived meanwhile, Save after Save', async () => {
    const store = settingsStore({ ...DEFAULT_SETTINGS, selfAddresses: ['old@x.example', 'keep@x.example'] });
    const { rerender } = render(<SettingsForm settings={store.saved()} onSave={store.onSave} />);
    const user = userEvent.setup();
    const self = screen.getByRole('textbox', { name: 'Your other email addresses, one a line' });
    // The user removes an address and saves (the live query is slower than the save's answer: no re-render).
    await user.clear(self);
    await user.type(self, 'keep@x.example');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(store.saved().selfAddresses).toEqual(['keep@x.example']);
    // Then edits again while an import learns an address and adds it to the stored list.
    await user.type(self, '{Enter}new@x.example');
    const learnt = store.changeElsewhere((s) => ({ ...s, selfAddresses: [...s.selfAddresses, 'learnt@x.example'] }));
    rerender(<SettingsForm settings={learnt} onSave={store.onSave} />);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(store.saved().selfAddresses).toEqual(['keep@x.example', 'learnt@x.example', 'new@x.example']);
  });

  it('shows settings changed elsewhere at once while it holds no edits of its own', async () => {
    const store = settingsStore();
    const { rerender } = render(<SettingsForm settings={store.saved()} onSave={store.onSave} />);
    const learnt = store.changeElsewhere((s) => ({ ...s, selfAddresses: ['jo@fastmail.example'] }));
    rerender(<SettingsForm settings={learnt} onSave={store.onSave} />);
    const self = screen.getByRole('textbox', { name: 'Your other email addresses, one a line' });
    expect((self as HTMLTextAreaElement).value).toBe('jo@fastmail.example');
    const user = userEvent.setup();
    await user.type(self, '{Enter}me@old.example');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(store.saved().selfAddresses).toEqual(['jo@fastmail.example', 'me@old.example']);
  });

  it('shows errors next to the field they concern', async () => {
    const onSave = vi.fn(async () => ({
      ok: false as const,
      errors: ['selfAddresses.0: not an email address: "nope"'],
    }));
    render(<SettingsForm settings={DEFAULT_SETTINGS} onSave={onSave} />);
    const user = userEvent.setup();
    const self = screen.getByRole('textbox', { name: 'Your other email addresses, one a line' });
    await user.type(self, 'nope');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(self.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (self.getAttribute('aria-describedby') ?? '').split(' ');
    const texts = describedBy.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    expect(texts).toContain('not an email address');
    expect(screen.getByText('Not saved: 1 problem to fix.')).toBeTruthy();
  });

  it('refuses an unknown time zone without saving', async () => {
    const onSave = vi.fn();
    render(<SettingsForm settings={DEFAULT_SETTINGS} onSave={onSave} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Time zone' }), 'Mars/Olympus');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getAllByText(/is not a time zone this browser knows/).length).toBeGreaterThan(0);
    expect(screen.getByRole('textbox', { name: 'Time zone' }).getAttribute('aria-invalid')).toBe('true');
  });

  it('edits tag rhythms', async () => {
    const { onSave, saved: stored } = settingsStore();
    render(<SettingsForm settings={DEFAULT_SETTINGS} onSave={onSave} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Remove mentor' }));
    await user.click(screen.getByRole('button', { name: 'Add a tag rhythm' }));
    await user.type(screen.getByRole('textbox', { name: 'Tag 2' }), 'Investor');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(stored().tagCadences).toEqual({
      client: { days: 30, toleranceDays: 14 },
      investor: { days: 30, toleranceDays: 14 },
    });
  });
});

describe('BackupSection', () => {
  function setup(reply: Awaited<ReturnType<Parameters<typeof BackupSection>[0]['onImport']>>) {
    const onImport = vi.fn(async () => reply);
    const onExport = vi.fn(async () => ({ ok: true as const, backup: { format: 'tend-backup', version: 1 } }));
    const save = vi.fn();
    render(
      <BackupSection onExport={onExport} onImport={onImport} save={save} now={() => new Date(2025, 5, 7).getTime()} />,
    );
    return { onImport, onExport, save, user: userEvent.setup({ applyAccept: false }) };
  }

  it('exports a dated JSON file', async () => {
    const { user, save } = setup({ ok: true });
    await user.click(screen.getByRole('button', { name: 'Export backup' }));
    expect(save).toHaveBeenCalledWith('tend-backup-2025-06-07.json', expect.any(String));
    expect(JSON.parse((save.mock.calls[0] as string[])[1] as string)).toEqual({ format: 'tend-backup', version: 1 });
    expect(screen.getByRole('status').textContent).toContain('Saved tend-backup-2025-06-07.json');
  });

  it('imports a backup and shows the counts', async () => {
    const { user, onImport } = setup({ ok: true, counts: { contacts: 3, interactions: 1200 } });
    await user.upload(screen.getByLabelText('Import backup'), file('{"format":"tend-backup"}', 'b.json'));
    // The file itself: its bytes go to the background unread by the page (components/runtime.ts sendBackupFile).
    const sent = (onImport.mock.calls[0] as unknown as [Blob])[0];
    expect(await sent.text()).toBe('{"format":"tend-backup"}');
    expect((await screen.findByRole('status')).textContent).toContain('Imported 3 contacts, 1,200 interactions');
  });

  it('lists what is wrong with a bad backup', async () => {
    const { user } = setup({
      ok: false,
      error: 'the backup was not imported: nothing was changed',
      errors: ['version: expected 1', 'contacts.0.email: not an email address'],
    });
    await user.upload(screen.getByLabelText('Import backup'), file('{}', 'b.json'));
    const status = await screen.findByRole('status');
    await screen.findByText('version: expected 1');
    expect(
      within(status)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['version: expected 1', 'contacts.0.email: not an email address']);
  });

  it('says clearly when the file is not JSON, and sends nothing', async () => {
    const { user, onImport } = setup({ ok: true });
    await user.upload(screen.getByLabelText('Import backup'), file('hello, world', 'notes.txt'));
    expect(await screen.findByText('notes.txt is not a JSON file: nothing was imported.')).toBeTruthy();
    await user.upload(screen.getByLabelText('Import backup'), file('\uFEFF  [1, 2]', 'list.json'));
    expect(await screen.findByText('list.json is not a JSON file: nothing was imported.')).toBeTruthy();
    expect(onImport).not.toHaveBeenCalled();
  });

  it("shows the background's words for a file that starts as JSON and is not", async () => {
    const { user, onImport } = setup({
      ok: false,
      error: 'the backup was not imported: nothing was changed',
      errors: ['the backup is not a JSON object: its text is not JSON'],
    });
    await user.upload(screen.getByLabelText('Import backup'), file('{"format": "tend-backup", ', 'cut.json'));
    expect(await screen.findByText('the backup is not a JSON object: its text is not JSON')).toBeTruthy();
    expect(onImport).toHaveBeenCalledTimes(1);
  });
});

describe('CalendarImport', () => {
  it('sends the file text and shows the counts or errors', async () => {
    const onImport = vi
      .fn()
      .mockResolvedValueOnce({ ok: true, counts: { events: 42, skipped: 1 } })
      .mockResolvedValueOnce({
        ok: false,
        error: 'the calendar file was not imported: nothing was changed',
        errors: ['line 3: no VCALENDAR'],
      });
    render(<CalendarImport onImport={onImport} />);
    const user = userEvent.setup({ applyAccept: false });
    const input = screen.getByLabelText('Import calendar (.ics)');
    await user.upload(input, file('BEGIN:VCALENDAR', 'cal.ics'));
    expect(onImport).toHaveBeenCalledWith('BEGIN:VCALENDAR');
    expect((await screen.findByRole('status')).textContent).toContain('Imported 42 events, 1 skipped from cal.ics');
    await user.upload(input, file('junk', 'bad.ics'));
    expect(await screen.findByText('line 3: no VCALENDAR')).toBeTruthy();
  });
});

describe('DeleteAll', () => {
  it('names what will go before deleting, and can be cancelled', async () => {
    const onDelete = vi.fn(async () => ({ ok: true as const }));
    const loadCounts = vi.fn(async () => ({
      contacts: 5000,
      interactions: 100000,
      events: 12,
      threads: 40,
      promises: 3,
    }));
    render(<DeleteAll loadCounts={loadCounts} onDelete={onDelete} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete all data…' }));
    const confirm = screen.getByRole('group', { name: 'Confirm deletion' });
    expect(confirm.textContent).toContain(
      '5,000 contacts, 100,000 interactions, 12 calendar events, 40 threads and 3 promises',
    );
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDelete).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Delete all data…' }));
    await user.click(screen.getByRole('button', { name: 'Delete everything' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toContain('All Tend data was deleted.');
  });
});

it('words counts', () => {
  expect(countsWords({ contacts: 1, interactions: 2000, note: 'x' })).toBe('1 contacts, 2,000 interactions');
});
