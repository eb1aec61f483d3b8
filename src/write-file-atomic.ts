// Writes a file whole or not at all: to a temporary file beside it, then renamed over it. CI never
// picks up a half-written plan, and a YAML file is never left truncated by a crash mid-write.

import { rename, writeFile } from 'node:fs/promises';

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}
