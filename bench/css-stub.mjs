// Node runs the Node benches (bench/node/*.ts) without Vite; the components they render import their stylesheets
// (tests/unit/components/stylesheets.test.ts), which mean nothing outside a page: each .css is an empty module here.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(
    "export async function load(url, context, next) { return url.endsWith('.css') ? { format: 'module', source: '', shortCircuit: true } : next(url, context); }",
  )}`,
);
