// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LivePersonPage } from '@/components/live/person-page';
import { personFromSearch, personPagePath } from '@/lib/core/pages';
import type { Message } from '@/lib/ingest/messages';
import { mergePeople, removeAddress } from '@/lib/store/addresses';
import { getDb } from '@/lib/store/db';
import { historyOf } from '@/lib/store/interactions';
import { deleteTouch, logTouch, restoreTouch } from '@/lib/store/manual-touches';
import { recordTouches, touch } from '../store/helpers';

const DAY = 86_400_000;
const NOW = Date.now();
const WORK = 'ann@work.example';
const HOME = 'ann@home.example';
const BOB = 'bob@example.org';

/** What the page sent; touches logged by hand are deleted and put back as the background would. */
let messages: Message[];

beforeEach(async () => {
  fakeBrowser.reset();
  messages = [];
  fakeBrowser.runtime.onMessage.addListener((msg: unknown) => {
    const m = msg as Message;
    messages.push(m);
    const db = getDb();
    if (m.type === 'delete-touch') return deleteTouch(db, m.contact, m.key, Date.now()).then(() => ({ ok: true }));
    if (m.type === 'restore-touch') return restoreTouch(db, m.contact, m.touch, Date.now()).then(() => ({ ok: true }));
    return Promise.resolve({ ok: true });
  });
  await Promise.all(getDb().tables.map((t) => t.clear()));
});

/**
 * Ann (ann@work) with her home address merged in: a mail from each, and a call logged by hand. The page is opened
 * by the home address, as the popup's Reply needed opens the sender as written.
 */
async function annWithHomeAddress() {
  const db = getDb();
  await recordTouches(
    db,
    [touch(WORK, NOW - 5 * DAY, 'sent'), touch(HOME, NOW - 2 * DAY, 'received')],
    { [WORK]: 'Ann Lee' },
    NOW,
  );
  expect((await mergePeople(db, WORK, HOME, NOW)).ok).toBe(true);
  expect((await logTouch(db, WORK, { kind: 'call', at: NOW - DAY, note: 'Plans for May' }, NOW)).ok).toBe(true);
  window.history.replaceState(null, '', personPagePath(HOME));
}

const heading = () => screen.getByRole('heading', { level: 1 });
const addresses = () => screen.getByRole('list', { name: /^Addresses of / });

describe('the live person page opened by one of their other addresses', () => {
  it('follows the person: the URL names their own address, and removing the other one keeps the page on them', async () => {
    await annWithHomeAddress();
    render(<LivePersonPage email={HOME} />);
    expect((await screen.findByRole('heading', { level: 1 }, { timeout: 3000 })).textContent).toContain('Ann Lee');
    await vi.waitFor(() => expect(personFromSearch(location.search)).toBe(WORK));
    expect(location.pathname).toBe('/person.html');
    // The tab is named for her, not for the address the page was opened by.
    expect(document.title).toBe('Tend: Ann Lee');

    await removeAddress(getDb(), WORK, HOME, Date.now());
    // The home address went off on its own, with its mail; the page read again and still shows Ann.
    await vi.waitFor(() => expect(within(addresses()).queryByText(HOME)).toBeNull(), { timeout: 3000 });
    expect((await getDb().contacts.get(HOME))?.name).toBe('');
    expect(heading().textContent).toContain('Ann Lee');
    expect(screen.queryByRole('heading', { name: 'Nobody here' })).toBeNull();
    expect(personFromSearch(location.search)).toBe(WORK);
  });

  it('removing it from the page itself says so on Ann, and an Undo after puts the touch back with her', async () => {
    await annWithHomeAddress();
    const user = userEvent.setup();
    render(<LivePersonPage email={HOME} />);
    await screen.findByRole('heading', { level: 1, name: /Ann Lee/ }, { timeout: 3000 });
    await vi.waitFor(() => expect(personFromSearch(location.search)).toBe(WORK));

    await user.click(screen.getByRole('button', { name: /^Delete Call/ }));
    expect(messages).toContainEqual(expect.objectContaining({ type: 'delete-touch', contact: WORK }));
    await screen.findByRole('button', { name: 'Undo' });

    await user.click(within(addresses()).getByRole('button', { name: `Remove ${HOME}` }));
    await screen.findByText(/went back to ann@home\.example as a contact of its own; what you wrote stays here\.$/);
    await vi.waitFor(() => expect(within(addresses()).queryByText(HOME)).toBeNull(), { timeout: 3000 });
    expect(heading().textContent).toContain('Ann Lee');

    // Still Ann's page: her Undo is still hers, and puts the call back with her, not with the split-off address.
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(messages).toContainEqual(expect.objectContaining({ type: 'restore-touch', contact: WORK }));
    expect((await historyOf(getDb(), WORK)).map((t) => t.note)).toContain('Plans for May');
    expect((await historyOf(getDb(), HOME)).some((t) => t.source === 'manual')).toBe(false);
  });

  it('goes on with the person Ann is merged into, and an Undo of hers does not come along', async () => {
    await annWithHomeAddress();
    await recordTouches(getDb(), [touch(BOB, NOW - 3 * DAY, 'sent')], { [BOB]: 'Bob Stone' }, NOW);
    const user = userEvent.setup();
    render(<LivePersonPage email={HOME} />);
    await screen.findByRole('heading', { level: 1, name: /Ann Lee/ }, { timeout: 3000 });
    await user.click(screen.getByRole('button', { name: /^Delete Call/ }));
    await screen.findByRole('button', { name: 'Undo' });

    // Ann is merged into Bob elsewhere (his page, another tab).
    expect((await mergePeople(getDb(), BOB, WORK, Date.now())).ok).toBe(true);
    await vi.waitFor(() => expect(heading().textContent).toContain('Bob Stone'), { timeout: 3000 });
    await vi.waitFor(() => expect(personFromSearch(location.search)).toBe(BOB));
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(screen.queryByText(/^Deleted: /)).toBeNull();
  });

  it('stays on an address that is nobody, as opened', async () => {
    window.history.replaceState(null, '', personPagePath('nobody@example.org'));
    render(<LivePersonPage email="nobody@example.org" />);
    expect((await screen.findByRole('heading', { level: 1 }, { timeout: 3000 })).textContent).toBe('Nobody here');
    expect(screen.getByText(/^Tend has no record of nobody@example\.org yet/)).toBeTruthy();
    expect(personFromSearch(location.search)).toBe('nobody@example.org');
  });
});
