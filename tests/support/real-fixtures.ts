/**
 * Where the real snapshots live (`../shared/fixtures/real`, next to the main checkout), found from any git
 * worktree, and a loud failure when they are missing: a test that silently dropped them would pass on less.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

function candidates(): string[] {
  const out: string[] = [];
  if (process.env.TEND_REAL_FIXTURES) out.push(path.resolve(process.env.TEND_REAL_FIXTURES));
  out.push(path.resolve(ROOT, '../shared/fixtures/real'));
  try {
    // A linked worktree: the main checkout is the parent of the common .git directory.
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    out.push(path.resolve(path.dirname(common), '../shared/fixtures/real'));
  } catch {
    // not a git checkout: the first candidates are all there is
  }
  return out;
}

/** The directory of the real snapshots; throws (naming where it looked) when it is not there. */
export function realFixturesDir(): string {
  const tried = candidates();
  const found = tried.find((d) => existsSync(d));
  if (!found)
    throw new Error(
      `the real fixtures are missing (looked in ${tried.join(', ')}); set TEND_REAL_FIXTURES to their directory`,
    );
  return found;
}

/** The path of one real snapshot; throws when the file is missing. */
export function realFixture(name: string): string {
  const p = path.join(realFixturesDir(), name);
  if (!existsSync(p)) throw new Error(`real fixture missing: ${p}`);
  return p;
}
