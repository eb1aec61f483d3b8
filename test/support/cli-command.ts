// How tests run `plansync` in a process of its own: the compiled CLI (`dist/cli/main.js`, what the
// package's bin runs) when it is at least as new as every file under src/, else
// `node --import tsx src/cli/main.ts`. tsx costs ~1.5 s of startup per child against ~0.4 s for
// dist (more on a busy machine), and the crash loop spawns hundreds of children; CI runs `npm ci`,
// whose `prepare` script builds dist, so dist is fresh there. Locally, `npm run build` first.
// PLANSYNC_CRASH_CLI=tsx|dist forces one; a path to a compiled main.js uses that build.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface CliCommand {
  kind: 'dist' | 'tsx';
  /** Arguments for `node` before the CLI's own arguments. */
  prefix: string[];
}

export function cliCommand(): CliCommand {
  const dist = join(root, 'dist/cli/main.js');
  const tsx: CliCommand = {
    kind: 'tsx',
    prefix: ['--import', import.meta.resolve('tsx'), join(root, 'src/cli/main.ts')],
  };
  const forced = process.env.PLANSYNC_CRASH_CLI;
  if (forced === 'tsx') return tsx;
  if (forced === 'dist') return { kind: 'dist', prefix: [dist] };
  // A path: a compiled main.js kept elsewhere, so a long run is safe from rebuilds of dist/.
  if (forced !== undefined && forced !== '') return { kind: 'dist', prefix: [forced] };
  let built: number;
  try {
    built = statSync(dist).mtimeMs;
  } catch {
    return tsx;
  }
  return newestMtime(join(root, 'src')) <= built ? { kind: 'dist', prefix: [dist] } : tsx;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
