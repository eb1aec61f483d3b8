// The benchmark runs the compiled CLI: build it when dist/ is missing or older than any source file.

import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT } from './measure.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Returns a note when the build failed but an older dist/ is used anyway; undefined when fresh. */
export function ensureFreshDist(log: (line: string) => void): string | undefined {
  let built = 0;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= newestMtime(join(ROOT, 'src'))) return undefined;
  log('dist/ is older than src/: running npm run build');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status === 0) return undefined;
  try {
    statSync(CLI);
  } catch {
    throw new Error(
      `npm run build failed and there is no dist/cli/main.js:\n${result.stdout}${result.stderr}`,
    );
  }
  const note =
    'npm run build reported errors (another change in progress?); dist/ was still emitted and used';
  log(note);
  return note;
}
