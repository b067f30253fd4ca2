// Renders Tend's mark (components/brand.tsx, the one the pages show) to the PNG sizes the manifest needs, with
// Debian's Chromium. Run once after changing the mark: npx tsx scripts/make-icons.ts
import { chromium } from 'playwright-core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Mark } from '../components/brand';

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  const svg = renderToStaticMarkup(createElement(Mark, { size }));
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
}
await browser.close();
