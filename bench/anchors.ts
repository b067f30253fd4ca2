/**
 * The size anchors beside the Gmail content script's size: what the two well-known Gmail libraries weigh when
 * shipped, measured at bench time from their published npm packages (pinned versions), minified the same way
 * (esbuild) so the comparison is like for like:
 * - gmail.js: src/gmail.js minified, plus jQuery's own dist/jquery.min.js (gmail.js needs jQuery);
 * - InboxSDK: inboxsdk.js plus pageWorld.js (the script it injects into Gmail's page), minified.
 * The packages come through `npm pack` (the ordinary client, its cache first). Offline, the note says so and
 * gives the figures measured this way on the date below.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { transform } from 'esbuild';

const GMAIL_JS = 'gmail-js@1.1.16';
const JQUERY = 'jquery@4.0.0';
const INBOXSDK = '@inboxsdk/core@2.2.26';
/** Measured with this file on 2026-12-02 (npm registry): the fallback when the registry cannot be reached. */
const OFFLINE = { date: '2026-12-02', gmailJsKB: 135.4, inboxSdkKB: 1174.3 };

/** Unpacks one published package into `dir` and returns its root. */
function unpack(spec: string, dir: string): string {
  const out = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 120_000,
  });
  const file = (JSON.parse(out) as { filename: string }[])[0]?.filename;
  if (!file) throw new Error(`npm pack ${spec}: no file`);
  const to = path.join(dir, spec.replace(/[^a-z0-9.]+/gi, '_'));
  mkdirSync(to, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(dir, path.basename(file)), '-C', to]);
  const [root] = readdirSync(to);
  return path.join(to, root ?? 'package');
}

async function minifiedKB(files: string[]): Promise<number> {
  let bytes = 0;
  for (const f of files) {
    const { code } = await transform(readFileSync(f, 'utf8'), { minify: true, loader: 'js', logLevel: 'silent' });
    bytes += Buffer.byteLength(code);
  }
  return Math.round((bytes / 1024) * 10) / 10;
}

/** The note for the content-script size row. */
export async function anchorNote(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tend-anchors-'));
  try {
    const gmailJs = unpack(GMAIL_JS, dir);
    const jquery = unpack(JQUERY, dir);
    const sdk = unpack(INBOXSDK, dir);
    const gmailKB =
      (await minifiedKB([path.join(gmailJs, 'src/gmail.js')])) +
      Math.round((readFileSync(path.join(jquery, 'dist/jquery.min.js')).length / 1024) * 10) / 10;
    const sdkKB = await minifiedKB([path.join(sdk, 'inboxsdk.js'), path.join(sdk, 'pageWorld.js')]);
    return `for scale, measured now from npm: ${GMAIL_JS} minified + ${JQUERY} min ${gmailKB.toFixed(1)} KB; ${INBOXSDK} (inboxsdk.js + pageWorld.js) minified ${sdkKB.toFixed(1)} KB`;
  } catch (e) {
    return `for scale (npm registry not reachable now: ${String(e).slice(0, 60)}; measured ${OFFLINE.date} by bench/anchors.ts): ${GMAIL_JS} minified + ${JQUERY} min ${OFFLINE.gmailJsKB} KB; ${INBOXSDK} minified ${OFFLINE.inboxSdkKB} KB`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
