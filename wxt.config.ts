import { defineConfig, type WxtViteConfig } from 'wxt';

type Plugin = Extract<NonNullable<WxtViteConfig['plugins']>[number], { name: string }>;

/**
 * The popup's first script reads the store, then imports React and the views (entrypoints/popup/main.tsx).
 * Vite preloads only static imports from the page; this lists the views' chunks in popup.html too, so the
 * browser fetches and compiles them while the first script runs instead of after it.
 */
function popupPreload(): Plugin {
  return {
    name: 'tend-popup-preload',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = Object.entries(bundle).find(([k]) => k.endsWith('popup/index.html'))?.[1];
      if (!html || html.type !== 'asset') return;
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const entry = chunks.find((c) => c.isEntry && /popup\/(main\.tsx|index\.html)$/.test(c.facadeModuleId ?? ''));
      if (!entry) return;
      const wanted = new Set<string>();
      const visit = (fileName: string) => {
        if (wanted.has(fileName)) return;
        wanted.add(fileName);
        for (const f of chunks.find((x) => x.fileName === fileName)?.imports ?? []) visit(f);
      };
      for (const f of entry.dynamicImports) visit(f);
      const source = String(html.source);
      const links = [...wanted]
        .filter((f) => !source.includes(`/${f}"`))
        .map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`);
      if (links.length) html.source = source.replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
    },
  };
}

// The manifest asks for exactly what Tend uses; tests/e2e/manifest.test.ts holds it to this list.
export default defineConfig({
  // TEND_OUT lets several builds (a test run, a benchmark) live side by side.
  outDir: process.env.TEND_OUT ?? '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [popupPreload()] }),
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
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'notifications',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: ['https://mail.google.com/*', 'https://calendar.google.com/*'],
    content_security_policy: {
      extension_pages:
        "script-src 'self'; object-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'; connect-src 'none'",
    },
    action: { default_title: 'Tend' },
    ...(browser === 'firefox'
      ? {
          // Firefox asks every add-on what it collects: nothing. The key exists from Firefox 140 (142 on Android).
          browser_specific_settings: {
            gecko: {
              id: 'tend@tend.local',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
