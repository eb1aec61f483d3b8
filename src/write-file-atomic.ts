// Writes a file whole or not at all, so CI never picks up a half-written plan and a YAML file is never
// left truncated by a crash mid-write. The `write-file-atomic` package (npm's own) does the work: a
// temporary file with a name unique to this process and call, fsync before the rename over the
// target, the temporary file removed when anything fails, and writers to one path in this process
// queued one after the other. Writers in different processes each rename a complete file, so the
// last rename wins and no reader ever sees a mix. A process killed mid-write (SIGKILL) may leave its
// temporary file `<path>.<number>` behind, but never a partial target.

import writeFileAtomicPackage from 'write-file-atomic';

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await writeFileAtomicPackage(path, text, { encoding: 'utf8' });
}
