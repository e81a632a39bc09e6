/**
 * The house's boundaries, checked on every `npm test` (docs/architecture.md explains them).
 * Layers, lowest first: db, security, time, settings → jobs, audit, mail, web → feature modules →
 * the composition root (src/*.ts). A module is imported only through its index.ts.
 */
const LOWER = '(db|security|time|settings|jobs|audit|mail|web)';
const FEATURE = '(site|safety|guide|booking|blog|seo|contact|auth|admin|demo|clients|portal|video)';
const TEST = '(\\.test\\.tsx?$|/testing\\.ts$|-testing\\.ts$|\\.testing\\.ts$|^src/review/|^src/testing\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'Import cycles make modules impossible to understand or test apart. A cycle closed only by a type import ' +
        '(every module names the Deps type of the composition root) has no runtime effect and is allowed.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'lower-layers-never-import-features',
      severity: 'error',
      comment: 'db, security, time, settings, jobs, audit, mail and web serve every feature and know none of them.',
      from: { path: `^src/${LOWER}/`, pathNot: TEST },
      to: { path: `^src/${FEATURE}/` },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      comment: 'app.ts, main.ts, cli.ts and workers.ts assemble the modules; modules never import them (deps.ts types are fine).',
      // main.ts and cli.ts are the entry points: they start the app and the workers.
      from: { path: '^src/', pathNot: [TEST, '^src/(main|cli)\\.ts$'] },
      to: { path: '^src/(app|main|cli|workers)\\.ts$' },
    },
    {
      name: 'modules-only-through-index',
      severity: 'error',
      comment: 'Another module is reached only through its index.ts (decision 001).',
      from: { path: '^src/([^/]+)/', pathNot: TEST },
      to: { path: '^src/([^/]+)/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'root-only-through-index',
      severity: 'error',
      comment: 'The composition root reaches modules through their index.ts too.',
      from: { path: '^src/[^/]+\\.ts$', pathNot: TEST },
      to: { path: '^src/[^/]+/', pathNot: '^src/[^/]+/index\\.ts$' },
    },
    {
      name: 'tests-use-index-or-testing',
      severity: 'error',
      comment: "A test reaches another module through its index.ts or its testing helpers, never its internals.",
      from: { path: '^src/([^/]+)/.*\\.test\\.tsx?$' },
      to: { path: '^src/([^/]+)/', pathNot: ['^src/$1/', '^src/[^/]+/(index|testing)\\.ts$', '^src/[^/]+/[^/]*testing\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|\\.d\\.ts$)' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
