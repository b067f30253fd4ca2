/**
 * The first slice end to end, in the built extension: the Gmail content script reads a fixture inbox served
 * at the real address, the background stores it, the popup lists it live, a backup round-trips, and
 * nothing leaves the machine.
 */
import { fixture, launchTend, leakedRequests, screenshotPath, type Tend, until } from './harness';

let tend: Tend;

beforeAll(async () => {
  tend = await launchTend();
  await tend.serve('https://mail.google.com/**', fixture('gmail/inbox.html'));
});

afterAll(async () => {
  await tend?.close();
});

type Backup = {
  contacts: { email: string; name: string }[];
  interactions: { contact: string; at: string; direction: string }[];
};

async function exported(): Promise<Backup> {
  const r = await tend.send({ type: 'export' });
  expect(r.ok).toBe(true);
  return r.backup;
}

it('captures a Gmail inbox and lists it in the popup, live', async () => {
  const popup = await tend.openPage('popup.html');
  const gmail = await tend.context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox');

  const backup: Backup = await until(async () => {
    const b = await exported();
    return b.contacts.length > 0 ? b : undefined;
  }, 'contacts from the inbox');
  const emails = backup.contacts.map((c) => c.email);
  // Never the signed-in user, never a robot.
  expect(emails.some((e) => e.includes('noreply') || e.includes('no-reply'))).toBe(false);
  for (const it of backup.interactions) expect(it.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

  // The popup was already open: it updates without a reload.
  const recent = popup.getByRole('list', { name: 'Recent contacts' });
  const first = backup.contacts.find((c) => c.name)?.name ?? '';
  await recent.getByText(first, { exact: false }).first().waitFor({ timeout: 10_000 });
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.screenshot({ path: screenshotPath('popup-first-slice'), fullPage: true });
  await gmail.close();
});

it('round-trips a backup: export, delete all, import, export again', async () => {
  const before = await exported();
  expect(before.interactions.length).toBeGreaterThan(0);
  expect((await tend.send({ type: 'delete-all', confirm: 'delete all my Tend data' })).ok).toBe(true);
  expect((await exported()).contacts).toHaveLength(0);

  const bad = await tend.send({ type: 'import', backup: { ...before, version: 7 } });
  expect(bad.ok).toBe(false);
  expect(bad.errors.join()).toMatch(/version/);
  expect((await exported()).contacts).toHaveLength(0);

  const good = await tend.send({ type: 'import', backup: before });
  expect(good.ok).toBe(true);
  const after = await exported();
  const strip = (b: Backup) => ({ contacts: b.contacts, interactions: b.interactions });
  expect(strip(after)).toEqual(strip(before));
});

it('answers a malformed message with a clear error', async () => {
  const r = await tend.send({ type: 'capture-gmail', capture: { rows: 'nonsense' } });
  expect(r.ok).toBe(false);
  expect(r.error).toMatch(/malformed "capture-gmail" message/);
});

it('sends nothing off the machine', () => {
  expect(tend.requests.length).toBeGreaterThan(0);
  expect(leakedRequests(tend.requests)).toEqual([]);
});
