// The layer rules in .dependency-cruiser.cjs bite: a scratch tree with one wrong-way import per rule
// must draw exactly that rule's violation. `npm run check:deps` holds the real tree to the same rules;
// without this test, a rule whose path pattern no longer matched the layout would pass silently.

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration, type IReporterOutput } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)(
  fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url)),
) as IConfiguration;

async function violations(baseDir: string, paths: string[]) {
  const options = { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden }, baseDir };
  delete options.tsConfig; // the scratch tree has none: its imports name files without extension
  const result: IReporterOutput = await cruise(paths, options);
  if (typeof result.output === 'string') throw new Error('expected a cruise result object');
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

/** A scratch tree: each entry is a file and the modules it imports (without extension). */
const planted: Record<string, string[]> = {
  'src/errors.ts': [],
  'src/core/pure.ts': ['../errors'],
  'src/core/reads-files.ts': ['node:fs'],
  'src/core/asks-a-provider.ts': ['../providers/registry'],
  'src/providers/registry.ts': ['./acme/index'],
  'src/providers/types.ts': [],
  'src/providers/acme/index.ts': ['../types'],
  'src/providers/zenith/index.ts': ['../acme/index'],
  'src/engine/names-acme.ts': ['../providers/acme/index', '../providers/registry'],
  'src/engine/tests-itself.ts': ['../../test/support/helper'],
  'src/http/client.ts': ['../sandbox/acme/index'],
  'src/cli/commands/sandbox.ts': ['../../sandbox/sandbox', '../../sandbox/acme/index'],
  'src/sandbox/sandbox.ts': ['./registry'],
  'src/sandbox/registry.ts': ['./acme/index'],
  'src/sandbox/kit/server.ts': ['../omega/index'],
  'src/sandbox/omega/index.ts': [],
  'src/sandbox/acme/index.ts': ['../kit/server', '../zenith/index', '../../core/pure'],
  'src/sandbox/zenith/index.ts': ['../kit/server'],
  'src/cycle/a.ts': ['./b'],
  'src/cycle/b.ts': ['./a'],
  'test/support/helper.ts': [],
};

describe('layer rules', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'plansync-layers-'));
    for (const [file, imports] of Object.entries(planted)) {
      await mkdir(dirname(join(scratch, file)), { recursive: true });
      const lines = imports.map((target, i) => `import * as m${i} from '${target}';\nvoid m${i};`);
      await writeFile(join(scratch, file), `${lines.join('\n')}\nexport const here = 1;\n`);
    }
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('each catch its planted wrong-way import, and only those', async () => {
    const found = await violations(scratch, ['src', 'test']);

    expect(found).toEqual(
      [
        'core-is-pure: src/core/asks-a-provider.ts → src/providers/registry.ts',
        'core-is-pure: src/core/reads-files.ts → fs',
        'emulators-are-independent: src/sandbox/acme/index.ts → src/sandbox/zenith/index.ts',
        'emulators-independent-of-product: src/sandbox/acme/index.ts → src/core/pure.ts',
        'generic-code-names-no-provider: src/engine/names-acme.ts → src/providers/acme/index.ts',
        'kit-knows-no-emulator: src/sandbox/kit/server.ts → src/sandbox/omega/index.ts',
        'no-cycles: src/cycle/a.ts → src/cycle/b.ts',
        'product-never-imports-emulators: src/http/client.ts → src/sandbox/acme/index.ts',
        'providers-are-independent: src/providers/zenith/index.ts → src/providers/acme/index.ts',
        'sandbox-entry-only: src/cli/commands/sandbox.ts → src/sandbox/acme/index.ts',
        'src-never-imports-tests: src/engine/tests-itself.ts → test/support/helper.ts',
      ].sort(),
    );
  }, 60_000);
});
