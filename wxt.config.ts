import { defineConfig } from 'wxt';

// The manifest asks for exactly what Tend uses; tests/e2e/manifest.test.ts holds it to this list.
export default defineConfig({
  // TEND_OUT lets several builds (a test run, a benchmark) live side by side.
  outDir: process.env.TEND_OUT ?? '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  hooks: {
    // Content scripts run inside Gmail and Calendar and must stay small: they only send messages, which
    // Chrome's and Firefox's own promise APIs do alike, so they skip the ~10 KB polyfill the pages keep.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const alias = config.resolve?.alias;
      if (alias && !Array.isArray(alias)) delete (alias as Record<string, string>)['wxt/browser'];
    },
  },
  manifest: ({ browser }) => ({
    name: 'Tend',
    description:
      'Keep up your professional relationships: gentle nudges from what you already see in Gmail and Google Calendar. Nothing leaves your machine.',
    permissions: ['storage', 'alarms', 'notifications', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    host_permissions: ['https://mail.google.com/*', 'https://calendar.google.com/*'],
    content_security_policy: {
      extension_pages:
        "script-src 'self'; object-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'; connect-src 'none'",
    },
    action: { default_title: 'Tend' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: { gecko: { id: 'tend@tend.local', strict_min_version: '115.0' } },
        }
      : {}),
  }),
});
