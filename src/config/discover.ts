// Finding the plans files: every *.yaml / *.yml below the plans directory, in a stable order so
// messages and plans come out the same on every machine. The walk stays inside the project's jail
// (safe-file.ts): an entry named like a plans file is always listed, whatever it is, so that the
// reader refuses a FIFO, a dangling link or a link out of the project by name instead of skipping it.

import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { inspectPath, type Jail } from './safe-file.js';

const PLANS_FILE = /\.ya?ml$/i;

/** Entries that are never plans: dot files, VCS metadata, dependencies, plansync's own cache. */
function skipEntry(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export interface FoundFiles {
  /** Absolute paths of entries named like plans files, sorted; not yet checked to be regular files. */
  files: string[];
  /** Directories that could not be listed, with the error code. */
  unreadable: Array<{ directory: string; code: string }>;
  /** Linked directories the walk refused to enter, and why ("is a symlink to a directory outside…"). */
  refused: Array<{ path: string; reason: string }>;
}

/**
 * Plans files under `directory` (already checked to lie inside the jail). A symlinked directory is
 * entered when its real path is inside the project and not yet walked (so a link cycle cannot make
 * the scan loop); one pointing outside is refused. Other links not named like plans files are ignored.
 */
export async function findPlansFiles(
  jail: Jail,
  directory: string,
  exclude: ReadonlySet<string> = new Set(),
): Promise<FoundFiles> {
  const found: string[] = [];
  const unreadable: FoundFiles['unreadable'] = [];
  const refused: FoundFiles['refused'] = [];
  const walked = new Set<string>([await realpath(directory).catch(() => directory)]);
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
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const item of entries) {
      if (skipEntry(item.name)) continue;
      const full = path.join(current, item.name);
      if (PLANS_FILE.test(item.name) && !item.isDirectory()) {
        if (!exclude.has(full)) found.push(full);
        continue;
      }
      if (!item.isDirectory() && !item.isSymbolicLink()) continue;
      // A link to something other than a directory, not named like a plans file, is not plansync's.
      if (item.isSymbolicLink() && !(await stat(full).catch(() => undefined))?.isDirectory()) continue;
      const entered = await inspectPath(jail, full, 'directory');
      if (entered.kind === 'refused') refused.push({ path: full, reason: entered.reason });
      if (entered.kind !== 'ok' || walked.has(entered.real)) continue;
      walked.add(entered.real);
      pending.push(full);
    }
  }
  found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files: found, unreadable, refused };
}
