/**
 * The walls in `npm run lint` (.dependency-cruiser.cjs) really stand: each test plants one crossing in the tree,
 * runs the same dependency-cruiser command as the lint, and expects it to fail naming the rule; the tree as
 * committed passes. The planted files are removed whatever happens.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const bin = path.join(root, 'node_modules/.bin/depcruise');

function cruise(): { ok: boolean; out: string } {
  try {
    const out = execFileSync(bin, ['lib', 'components', 'entrypoints', '--config', '.dependency-cruiser.cjs'], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { ok: true, out };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('lint walls', { timeout: 60_000 }, () => {
  it('the tree as it is passes', () => {
    const r = cruise();
    expect(r.out).toContain('no dependency violations');
    expect(r.ok).toBe(true);
  });

  const crossings: [string, string, string, string][] = [
    [
      'a lib module importing a component',
      'lib/engine/zz-planted.ts',
      "import { Avatar } from '../../components/avatar';\nexport const x = Avatar;\n",
      'lib-is-runtime-free',
    ],
    [
      "the Gmail content script's lib module importing dexie",
      'lib/capture/zz-planted.ts',
      "import Dexie from 'dexie';\nexport const x = Dexie;\n",
      'content-scripts-stay-small',
    ],
    [
      'the Gmail content script importing zod',
      'entrypoints/gmail.content/zz-planted-zod.ts',
      "import { z } from 'zod';\nexport const x = z;\n",
      'content-scripts-stay-small',
    ],
    [
      'a component importing the background',
      'components/zz-planted.ts',
      "import * as bg from '../entrypoints/background/refresh';\nexport const x = bg;\n",
      'views-never-import-the-background',
    ],
    [
      'the engine reading the store',
      'lib/engine/zz-planted-2.ts',
      "import { TendDB } from '../store/db';\nexport const x = TendDB;\n",
      'engine-is-pure',
    ],
    [
      'the store importing the protocol',
      'lib/store/zz-planted.ts',
      "import { parseMessage } from '../ingest/messages';\nexport const x = parseMessage;\n",
      'store-below-ingest',
    ],
    [
      'the sync merge reading the store',
      'lib/sync/zz-planted.ts',
      "import { TendDB } from '../store/db';\nexport const x = TendDB;\n",
      'sync-is-pure',
    ],
  ];

  it('fails on each planted crossing, naming its rule and file', () => {
    // Planted together (one cruise of about 5 s), each in its own file; every one must be reported.
    for (const [, file, source] of crossings) fs.writeFileSync(path.join(root, file), source);
    let r: { ok: boolean; out: string };
    try {
      r = cruise();
    } finally {
      for (const [, file] of crossings) fs.rmSync(path.join(root, file), { force: true });
    }
    expect(r.ok).toBe(false);
    const lines = r.out.split('\n');
    for (const [what, file, , rule] of crossings) {
      expect(
        lines.some((l) => l.includes(rule) && l.includes(file)),
        `${what}: ${rule} on ${file}`,
      ).toBe(true);
    }
  });
});
