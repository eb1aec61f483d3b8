// Writes a file whole or not at all, so CI never picks up a half-written plan and a YAML file is never
// left truncated by a crash mid-write. The `write-file-atomic` package (npm's own) does the work: a
// temporary file with a name unique to this process and call, fsync before the rename over the
// target, the temporary file removed when anything fails, and writers to one path in this process
// queued one after the other. Writers in different processes each rename a complete file, so the
// last rename wins and no reader ever sees a mix. A process killed mid-write (SIGKILL) may leave its
// temporary file `<path>.<number>` behind, but never a partial target.
//
// The package follows a symbolic link and writes its target. plansync writes plans files and saved
// plans in a repository it may not trust (a pull request's branch), where `plans/x.yaml` could link to
// any file the runner can write; so it writes regular files only, and refuses anything else by name.

import { lstat } from 'node:fs/promises';
import writeFileAtomicPackage from 'write-file-atomic';
import { UserError } from './errors.js';

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const existing = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing && !existing.isFile()) {
    const what = existing.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
    throw new UserError(`${path} is ${what}; plansync writes only regular files, and wrote nothing`);
  }
  await writeFileAtomicPackage(path, text, { encoding: 'utf8' });
}
