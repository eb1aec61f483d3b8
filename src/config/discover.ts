// Finding the plans files: every *.yaml / *.yml below the plans directory, in a stable order so
// messages and plans come out the same on every machine.

import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const PLANS_FILE = /\.ya?ml$/i;

/** Directories that are never plans: VCS metadata, dependencies, plansync's own cache. */
function skipDirectory(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/**
 * Absolute paths of plans files under `directory`, sorted. Symlinked files are followed; symlinked
 * directories are not, so a link cycle cannot make the scan loop.
 */
export interface FoundFiles {
  files: string[];
  /** Directories that could not be listed, with the error code. */
  unreadable: Array<{ directory: string; code: string }>;
}

export async function findPlansFiles(
  directory: string,
  exclude: ReadonlySet<string> = new Set(),
): Promise<FoundFiles> {
  const found: string[] = [];
  const unreadable: FoundFiles['unreadable'] = [];
  const pending = [directory];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ directory: current, code: (error as NodeJS.ErrnoException).code ?? 'unknown error' });
      continue;
    }
    for (const item of entries) {
      const full = path.join(current, item.name);
      if (item.isDirectory()) {
        if (!skipDirectory(item.name)) pending.push(full);
        continue;
      }
      if (!PLANS_FILE.test(item.name) || item.name.startsWith('.') || exclude.has(full)) continue;
      if (item.isFile() || (item.isSymbolicLink() && (await isFile(full)))) found.push(full);
    }
  }
  found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files: found, unreadable };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
