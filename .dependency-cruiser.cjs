/**
 * The walls between Tend's folders, checked by `npm run lint` (dependency-cruiser). Each folder of lib/ says
 * in its README what it owns and who may import it; these rules are the same sentences, enforced.
 * Type-only imports are erased at build time and do not count (tsPreCompilationDeps: false).
 */
const CONTENT = '^(entrypoints/[a-z]+[.]content|lib/capture)/';
module.exports = {
  forbidden: [
    {
      name: 'lib-is-runtime-free',
      comment: 'lib/ holds logic that knows nothing of the extension pages or React views.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(entrypoints|components)/' },
    },
    {
      name: 'views-never-import-the-background',
      comment: 'components/ talk to the background through the message protocol, never by importing it.',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^entrypoints/background/' },
    },
    {
      name: 'content-scripts-stay-small',
      comment:
        'What runs inside Gmail and Calendar imports only lib/capture, lib/core/email, lib/core/limits and its own folder: no store, no zod, no date or ICS library.',
      severity: 'error',
      from: { path: CONTENT },
      to: { pathNot: `${CONTENT}|^lib/core/(email|limits)[.]ts$|^node_modules/(wxt|@wxt-dev)/` },
    },
    {
      name: 'engine-is-pure',
      comment: 'lib/engine decides over plain data: it reads no store and no page.',
      severity: 'error',
      from: { path: '^lib/engine/' },
      to: { path: '^lib/(store|ingest|capture|scheduling)/|^node_modules/dexie' },
    },
    {
      name: 'core-and-time-stand-alone',
      comment: 'lib/core (the data model) and lib/time (zones) import nothing else of Tend.',
      severity: 'error',
      from: { path: '^lib/(core|time)/' },
      to: { path: '^lib/(capture|ingest|store|engine|scheduling)/' },
    },
    {
      name: 'scheduling-is-pure',
      comment: 'lib/scheduling finds free time over plain events: no store, no engine, no pages.',
      severity: 'error',
      from: { path: '^lib/scheduling/' },
      to: { path: '^lib/(store|ingest|capture|engine)/|^node_modules/dexie' },
    },
    {
      name: 'sync-is-pure',
      comment:
        'lib/sync merges the user-authored layer over plain data, with the storage areas and the store passed in: it imports only lib/core.',
      severity: 'error',
      from: { path: '^lib/sync/' },
      to: { path: '^lib/(store|ingest|capture|engine|scheduling|time)/|^node_modules/dexie' },
    },
    {
      name: 'store-below-ingest',
      comment:
        'lib/store keeps records; lib/ingest (the protocol and normalisers) writes through it, never the reverse.',
      severity: 'error',
      from: { path: '^lib/store/' },
      to: { path: '^lib/(ingest|capture)/' },
    },
    {
      name: 'one-home-for-dexie',
      comment: 'Only the store opens the database (views read it through dexie-react-hooks and lib/store).',
      severity: 'error',
      from: { path: '^(lib|components|entrypoints)/', pathNot: '^lib/store/' },
      to: { path: '^node_modules/dexie/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^lib/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '^(tests|bench|scripts|[.]wxt|[.]output)/' },
  },
};
