import { defineConfig, type WxtViteConfig } from 'wxt';
import { BUILD_META, KEPT_PAGES, nameBuild, PAINT_SCRIPT } from './lib/store/first-screen';

type Plugin = Extract<NonNullable<WxtViteConfig['plugins']>[number], { name: string }>;

/** A stylesheet link Vite writes into a page; its href, in the bundle's names, is group 1. */
const STYLESHEET_LINK = /<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g;

/**
 * The stylesheets of every chunk `entry` reaches, through static and lazy imports alike, in the order it reaches
 * them (a chunk's own imports before the chunks it loads later).
 */
function reachedStylesheets(bundle: Record<string, unknown>, entry: string): string[] {
  type Chunk = {
    type: 'chunk';
    imports: string[];
    dynamicImports: string[];
    viteMetadata?: { importedCss: Set<string> };
  };
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    const chunk = bundle[name] as Chunk | undefined;
    if (seen.has(name) || chunk?.type !== 'chunk') return;
    seen.add(name);
    for (const i of chunk.imports) visit(i);
    for (const css of chunk.viteMetadata?.importedCss ?? []) if (!out.includes(css)) out.push(css);
    for (const d of chunk.dynamicImports) visit(d);
  };
  visit(entry);
  return out;
}

/**
 * The popup and the People view paint their kept first screen from a tiny blocking script (entrypoints/kept-paint)
 * before any module loads; the module script then reads the store and imports React and the views. What in the
 * pages Vite writes delayed that paint, and what the build does instead:
 * - Vite lists every chunk the page's module imports as <link rel="modulepreload">; in the popup those links
 *   (React, Dexie, the views: 350 KB) were fetched and compiled while the kept screen waited to be painted.
 *   Measured in the same run (bench/browser/store.ts, 11 runs each): first useful paint 280 ms with them, 204 ms
 *   without; the page's own share 164 -> 104 ms; React's fresh paint 380 -> 352 ms. Neither page has them: the
 *   People view's module imports little at first, and the page the background serves with its kept view fetched
 *   its three small chunks while that view was painted (lib/store/first-screen.ts MODULE_AFTER_PAINT).
 * - The stylesheet is a separate file, and the first paint waits for it: a page holding one row painted it in a
 *   median 144 ms with the stylesheet linked, 124 ms with the same rules inline, 116 ms with none (15 interleaved
 *   runs each). Both pages carry their rules inline (extension pages allow inline styles: the CSP limits scripts
 *   only), and keep the link disabled.
 * - Vite puts the page's module script in the head, so its request went out before the paint script's and its
 *   answer, arriving first, was compiled before the paint script ran. Both pages load it at the end of the body,
 *   after the paint script (it is deferred either way: it runs when parsing ends, as before). Popup read from its
 *   file, the kept screen's first row, medians of 15 and 25 interleaved runs: 220 -> 208 and 208 -> 200 ms; React's
 *   fresh render 384 -> 368 and 420 -> 372 ms. The head no longer names the build by its module script, so the
 *   build names it there itself (`<meta name="tend-build">`, read by lib/store/first-screen.ts `buildId`).
 * - Each component imports its own stylesheet (tests/unit/components/stylesheets.test.ts), so a page carries the
 *   rules of what it shows, not every page's: the People view's inline rules went from 15.5 to 7.7 KB. The popup
 *   imports its views lazily (entrypoints/popup/main.tsx), and their stylesheets came with them, after the kept
 *   screen had been painted without them: both pages also carry inline the stylesheets of the chunks they import
 *   later, each with its disabled link, where Vite's loader of lazy chunks finds it and adds nothing.
 * Other pages keep Vite's links.
 */
/** The kept pages' files as Vite names them in the bundle (/popup.html is entrypoints/popup/index.html). */
const KEPT_PAGE_FILES = Object.keys(KEPT_PAGES).map((page) => `${page.slice(1, -'.html'.length)}/index.html`);

function keptScreenFirstPaint(): Plugin {
  return {
    name: 'tend-kept-screen-first-paint',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const [name, html] of Object.entries(bundle)) {
        if (html.type !== 'asset' || !KEPT_PAGE_FILES.some((f) => name === f || name.endsWith(`/${f}`))) continue;
        let source = String(html.source);
        const moduleScript = source.match(/[ \t]*<script type="module"[^>]*><\/script>\n?/)?.[0];
        const paintScript = source.match(PAINT_SCRIPT)?.[0];
        if (!moduleScript || !paintScript) this.error(`${name}: no module script or no paint script to order`);
        // The stylesheets of the chunks the page imports later, after those Vite links from its head.
        const entry = moduleScript.match(/src="\/([^"]+)"/)?.[1];
        const linkedNow = [...source.matchAll(STYLESHEET_LINK)];
        const linked = new Set(linkedNow.map((m) => m[1]));
        const later = entry ? reachedStylesheets(bundle, entry).filter((css) => !linked.has(css)) : [];
        const lastLink = linkedNow.at(-1);
        if (later.length > 0 && lastLink?.index !== undefined) {
          const at = lastLink.index + lastLink[0].length;
          const links = later.map((css) => `<link rel="stylesheet" crossorigin href="/${css}">`).join('');
          source = source.slice(0, at) + links + source.slice(at);
        }
        const head = source.slice(0, source.indexOf('</head>'));
        const loads = [...head.matchAll(/<(?:script\b[^>]*\ssrc|link rel="stylesheet"[^>]*\shref)="([^"]+)"/g)];
        source = source
          .replace(moduleScript, '')
          .replace(paintScript, () => `${paintScript}\n    ${moduleScript.trim()}`)
          .replace(
            '</title>',
            () => `</title>\n    <meta name="${BUILD_META}" content="${nameBuild(loads.map((m) => m[1] ?? ''))}">`,
          );
        source = source.replace(/[ \t]*<link rel="modulepreload"[^>]*>\n?/g, '');
        html.source = source.replace(STYLESHEET_LINK, (link, file: string) => {
          const css = bundle[file];
          if (css?.type !== 'asset') return link;
          // The rules as they are; a "</style" inside them could end the element early, so it is escaped. The
          // link stays, disabled (never fetched, never applied): it still names this build's stylesheet for the
          // kept screen's build id (lib/store/first-screen.ts), and Vite's loader of lazy chunks finds it there
          // instead of adding the file again (which would also change that id after the first paint).
          const rules = String(css.source).replace(/<\/style/gi, '<\\/style');
          return `<style>${rules}</style>${link.replace(/>$/, ' disabled>')}`;
        });
      }
    },
  };
}

// The manifest asks for exactly what Tend uses; tests/e2e/manifest.test.ts holds it to this list.
export default defineConfig({
  // TEND_OUT lets several builds (a test run, a benchmark) live side by side.
  outDir: process.env.TEND_OUT ?? '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [keptScreenFirstPaint()] }),
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
