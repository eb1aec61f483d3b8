// The layers of plansync as rules the build checks (`npm run check:deps`). Each rule names the
// promise it keeps; DESIGN.md ("A provider is one unit", "Pure core, effectful edges") says why.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes load order matter and two modules one. Type-only imports count too.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment:
        'src/core computes the plan from data: it imports nothing of ours but src/errors.ts, and no I/O, clock or process module of Node.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        pathNot: ['^src/core/', '^src/errors\\.ts$', '^node:crypto$', '^crypto$'],
        dependencyTypesNot: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled'],
      },
    },
    {
      name: 'core-uses-no-packages',
      comment: 'The planner stays a pure function of its inputs: no runtime packages in src/core.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled'] },
    },
    {
      name: 'generic-code-names-no-provider',
      comment:
        'The engine, core, CLI, renderers, config loader and HTTP layer know providers only through src/providers/types.ts and src/providers/registry.ts, never a provider folder.',
      severity: 'error',
      from: { path: '^src/(engine|core|cli|render|config|http|docs)/' },
      to: { path: '^src/providers/[^/]+/' },
    },
    {
      name: 'providers-are-independent',
      comment: 'One provider never reaches into another: a provider is one folder.',
      severity: 'error',
      from: { path: '^src/providers/([^/]+)/' },
      to: { path: '^src/providers/[^/]+/', pathNot: '^src/providers/$1/' },
    },
    {
      name: 'product-never-imports-emulators',
      comment:
        'The emulators (src/sandbox) ship for `plansync sandbox` and the demo only; product code must not depend on what it is tested against.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/sandbox/', '^src/cli/commands/sandbox\\.ts$', '^src/demo/'] },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'sandbox-entry-only',
      comment:
        'The sandbox command and the demo start the sandbox through its entry, not an emulator directly.',
      severity: 'error',
      from: { path: ['^src/cli/commands/sandbox\\.ts$', '^src/demo/'] },
      to: { path: '^src/sandbox/', pathNot: '^src/sandbox/(sandbox|registry)\\.ts$' },
    },
    {
      name: 'emulators-independent-of-product',
      comment:
        'An emulator that shared plansync code could share its bugs and hide them: emulators import product code for types only.',
      severity: 'error',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/', pathNot: '^src/sandbox/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'kit-knows-no-emulator',
      comment: 'The emulator kit is shared by every emulator; it names none of them.',
      severity: 'error',
      from: { path: '^src/sandbox/kit/' },
      to: { path: '^src/sandbox/', pathNot: '^src/sandbox/kit/' },
    },
    {
      name: 'emulators-are-independent',
      comment: 'One emulator never reaches into another; each shares only the kit.',
      severity: 'error',
      from: { path: '^src/sandbox/([^/]+)/', pathNot: '^src/sandbox/kit/' },
      to: { path: '^src/sandbox/', pathNot: ['^src/sandbox/$1/', '^src/sandbox/kit/'] },
    },
    {
      name: 'src-never-imports-tests',
      comment: 'Shipped code never depends on the test or bench trees.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'library-entry-never-reaches-sandbox',
      comment:
        "`import ... from 'plansync'` (src/index.ts) loads the engine only: no emulator, directly or through anything it imports.",
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/sandbox/', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
