/**
 * Each page carries only the rules of what it shows (the People view's first paint pays for every rule in its
 * page): the base stylesheet (components/styles.css), which every page imports, and the sheets its components
 * import. That holds only while every component imports the sheet of each class it uses; a class whose sheet no
 * module on the way imports would be unstyled in some page and not in others. This test reads the sources: for
 * every class a component or page names (className, class="…"), one sheet that styles it must be the base or
 * among the modules it imports, directly or through others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BASE = 'components/styles.css';

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) walk(rel, out);
    else out.push(rel);
  }
  return out;
}

/** The classes a stylesheet's selectors name. */
function sheetClasses(css: string): Set<string> {
  const selectors = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\{[^{}]*\}/g, '{}');
  return new Set([...selectors.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1] as string));
}

/** The end of a balanced `{…}` starting at `open`. */
function closing(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return i;
  }
  return src.length;
}

/**
 * The class tokens a source names: whole names, and prefixes (`due-` of `due-${step}`, ending in "-") that
 * match any class so named. From className="…", class="…" and the string and template literals inside
 * className={…}.
 */
function usedClasses(src: string): { names: Set<string>; prefixes: Set<string> } {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  const take = (text: string, prefixAtEnd = false) => {
    const tokens = text.split(/\s+/).filter(Boolean);
    tokens.forEach((t, i) => {
      if (!/^-?[_a-zA-Z][\w-]*$/.test(t)) return;
      if (prefixAtEnd && i === tokens.length - 1 && !/\s$/.test(text) && t.endsWith('-')) prefixes.add(t);
      else names.add(t);
    });
  };
  for (const m of src.matchAll(/\bclass(?:Name)?=(["{])/g)) {
    const start = (m.index ?? 0) + m[0].length;
    if (m[1] === '"') {
      take(src.slice(start, src.indexOf('"', start)));
      continue;
    }
    const expr = src.slice(start, closing(src, start - 1));
    for (const lit of expr.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`]*)`/g)) {
      if (lit[3] === undefined) take(lit[1] ?? lit[2] ?? '');
      else for (const part of lit[3].split(/\$\{[^}]*\}/)) take(part, true);
    }
  }
  return { names, prefixes };
}

/** Static imports and re-exports, and lazy imports (`import('./mount')`): their stylesheets come with them. */
const IMPORT = /(?:(?:^|\n)\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?|\bimport\(\s*)['"]([^'"]+)['"]/g;

function resolve(from: string, spec: string, files: Set<string>): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`])
    if (files.has(c)) return c;
  return null;
}

/** Every source and stylesheet each module reaches through its imports, itself included. */
function closures(sources: Map<string, string>): (file: string) => Set<string> {
  const files = new Set(sources.keys());
  const direct = new Map<string, string[]>();
  for (const [f, src] of sources) {
    if (f.endsWith('.css')) continue;
    if (f.endsWith('.html')) {
      // A page reaches what its module script reaches.
      const script = src.match(/<script type="module" src="([^"]+)"/)?.[1];
      direct.set(f, script ? [resolve(f, script.replace(/^\.\//, './'), files)].filter((x): x is string => !!x) : []);
      continue;
    }
    direct.set(
      f,
      [...src.matchAll(IMPORT)].map((m) => resolve(f, m[1] as string, files)).filter((x): x is string => !!x),
    );
  }
  const memo = new Map<string, Set<string>>();
  return (file) => {
    const hit = memo.get(file);
    if (hit) return hit;
    const seen = new Set<string>([file]);
    const queue = [file];
    while (queue.length)
      for (const d of direct.get(queue.pop() as string) ?? []) if (!seen.has(d)) seen.add(d) && queue.push(d);
    memo.set(file, seen);
    return seen;
  };
}

/** The classes each module names whose stylesheets neither the base nor any module it reaches imports. */
function unstyled(sources: Map<string, string>, base: string): string[] {
  const sheets = [...sources]
    .filter(([f]) => f.endsWith('.css'))
    .map(([f, css]) => ({ f, classes: sheetClasses(css) }));
  const reach = closures(sources);
  const problems: string[] = [];
  for (const [f, src] of sources) {
    if (f.endsWith('.css')) continue;
    const { names, prefixes } = usedClasses(src);
    const reached = reach(f);
    const check = (token: string, styles: (classes: Set<string>) => boolean) => {
      const owners = sheets.filter((s) => styles(s.classes)).map((s) => s.f);
      if (owners.length === 0) return;
      if (owners.includes(base) || owners.some((o) => reached.has(o))) return;
      problems.push(`${f}: "${token}" is styled in ${owners.join(', ')}, which ${f} does not import`);
    };
    for (const n of names) check(n, (c) => c.has(n));
    for (const p of prefixes) check(`${p}*`, (c) => [...c].some((x) => x.startsWith(p)));
  }
  return problems;
}

function projectSources(): Map<string, string> {
  const files = [...walk('components'), ...walk('entrypoints'), ...walk('lib')].filter((f) =>
    /\.(tsx?|css|html)$/.test(f),
  );
  return new Map(files.map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')]));
}

describe('stylesheets follow the components that use them', () => {
  const sources = projectSources();

  it('every class a component or page names is styled by a sheet it imports (or the base)', () => {
    const sheets = [...sources.keys()].filter((f) => f.endsWith('.css'));
    // The split this guards: the base and the sheets of the parts (not one sheet for everything).
    expect(sheets).toContain(BASE);
    expect(sheets.length).toBeGreaterThanOrEqual(5);
    const users = [...sources].filter(([f, src]) => !f.endsWith('.css') && usedClasses(src).names.size > 0);
    expect(users.length).toBeGreaterThan(40);
    expect(unstyled(sources, BASE)).toEqual([]);
  });

  it('every page imports the base stylesheet', () => {
    const pages = [...sources.keys()].filter((f) => /^entrypoints\/[^/]+\/index\.html$/.test(f));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const reach = closures(sources);
    for (const page of pages) {
      if (!sources.get(page)?.includes('type="module"')) continue;
      expect([page, reach(page).has(BASE)]).toEqual([page, true]);
    }
  });

  it('finds a class used without its sheet, through a template literal, an import chain and a lazy import', () => {
    const fake = new Map<string, string>([
      [BASE, '.muted { color: gray }'],
      ['components/people/people.css', '.people-table td { padding: 0 }\n@media (x) { .week-bar { fill: red } }'],
      ['components/due.css', '.due-1 .due-dot { background: red }'],
      ['components/due.ts', "import './due.css';"],
      ['components/row.tsx', "import { x } from './due';\nconst a = <tr className={`row due-${n}`} />;"],
      ['components/table.tsx', 'const t = <table className="people-table muted" />;'],
      ['components/week.tsx', 'const w = <rect className={on ? \'week-bar\' : "other"} />;'],
      ['components/ok.tsx', 'import \'./people/people.css\';\nconst t = <table className="people-table" />;'],
      ['components/lazy.tsx', 'void import(\'./ok\');\nconst t = <table className="people-table" />;'],
    ]);
    expect(unstyled(fake, BASE)).toEqual([
      'components/table.tsx: "people-table" is styled in components/people/people.css, which components/table.tsx does not import',
      'components/week.tsx: "week-bar" is styled in components/people/people.css, which components/week.tsx does not import',
    ]);
    expect(usedClasses('<p className={`a b-${x} c`} />')).toEqual({
      names: new Set(['a', 'c']),
      prefixes: new Set(['b-']),
    });
  });
});
