/**
 * Least privilege, checked on what is shipped: the built manifest asks for exactly the documented
 * permissions and hosts, carries a strict CSP, and the bundle holds no eval and no remote code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION } from './harness';

const manifest = JSON.parse(readFileSync(path.join(EXTENSION, 'manifest.json'), 'utf8'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

it('asks for exactly the documented permissions', () => {
  expect(manifest.manifest_version).toBe(3);
  expect([...manifest.permissions].sort()).toEqual([
    'alarms',
    'notifications',
    'sidePanel',
    'storage',
    'unlimitedStorage',
  ]);
  expect([...manifest.host_permissions].sort()).toEqual(['https://calendar.google.com/*', 'https://mail.google.com/*']);
  expect(manifest.optional_permissions ?? []).toEqual([]);
  expect(manifest.externally_connectable).toBeUndefined();
  expect(manifest.web_accessible_resources ?? []).toEqual([]);
});

it('runs content scripts only on Gmail and Calendar', () => {
  const matches = manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches).sort();
  expect(matches).toEqual(['https://calendar.google.com/*', 'https://mail.google.com/*']);
});

it('has a strict CSP for extension pages', () => {
  const csp: string = manifest.content_security_policy.extension_pages;
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  expect(csp).toMatch(/connect-src 'none'/);
});

it('ships icons at 16, 32, 48 and 128 px', () => {
  for (const size of ['16', '32', '48', '128']) expect(manifest.icons[size]).toBeTruthy();
});

it('bundles no eval and no remote code', () => {
  const js = files(EXTENSION).filter((f) => f.endsWith('.js'));
  expect(js.length).toBeGreaterThan(0);
  for (const f of js) {
    const src = readFileSync(f, 'utf8');
    expect(src, f).not.toMatch(/\beval\(|new Function\(/);
    expect(src, f).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(src, f).not.toMatch(/importScripts\(\s*["']https?:/);
  }
  for (const f of files(EXTENSION).filter((x) => x.endsWith('.html'))) {
    expect(readFileSync(f, 'utf8'), f).not.toMatch(/src=["']https?:/);
  }
});

describe('the Firefox build', () => {
  const ffDir = path.join(EXTENSION, '..', 'firefox-mv2');
  const ff = () => JSON.parse(readFileSync(path.join(ffDir, 'manifest.json'), 'utf8'));

  it('declares that it collects no data, with the Firefox versions that read the declaration', () => {
    const gecko = ff().browser_specific_settings.gecko;
    expect(gecko.id).toBe('tend@tend.local');
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    // data_collection_permissions exists from Firefox 140 (desktop) and 142 (Android).
    expect(Number.parseFloat(gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
    expect(Number.parseFloat(ff().browser_specific_settings.gecko_android.strict_min_version)).toBeGreaterThanOrEqual(
      142,
    );
  });

  it('asks for the same permissions and hosts (no side panel: Firefox has sidebar_action), and the same CSP', () => {
    const m = ff();
    expect([...m.permissions].sort()).toEqual([
      'alarms',
      'https://calendar.google.com/*',
      'https://mail.google.com/*',
      'notifications',
      'storage',
      'unlimitedStorage',
    ]);
    expect(m.sidebar_action.default_panel).toBe('sidepanel.html');
    expect(m.content_security_policy).toBe(manifest.content_security_policy.extension_pages);
  });
});
