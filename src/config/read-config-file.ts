// Reading one config file from disk under the project's jail (safe-file.ts): refuse links out of the
// project, FIFOs, devices and oversized files without reading them, report each as a located issue,
// and hand the bytes to the YAML parser.

import type { ConfigIssue } from '../errors.js';
import { readFileSafely, type Jail, type PathOptions } from './safe-file.js';
import { parseYamlSource } from './yaml-source.js';
import type { ParseResult } from './yaml-source.js';

/** Config files are small; anything bigger is a mistake (or an attack) and is not read at all. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

export type ReadResult = { kind: 'missing' } | { kind: 'read'; result: ParseResult };

function fileIssue(file: string, message: string, hint?: string): ReadResult {
  const issue: ConfigIssue = { location: { file }, path: '', message, ...(hint && { hint }) };
  return { kind: 'read', result: { issues: [issue] } };
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

const JAIL_HINT = 'plansync reads only regular files inside the project directory; it did not read this one';

/** `file` is the name shown in messages; `absolute` is where to read it. */
export async function readConfigFile(
  jail: Jail,
  absolute: string,
  file: string,
  options: PathOptions = {},
): Promise<ReadResult> {
  const read = await readFileSafely(jail, absolute, MAX_CONFIG_BYTES, options);
  switch (read.kind) {
    case 'missing':
      return read;
    case 'refused':
      return fileIssue(file, `file ${read.reason}`, JAIL_HINT);
    case 'too-large':
      return fileIssue(
        file,
        read.size === undefined
          ? `file is too large; plansync reads config files up to ${mebibytes(MAX_CONFIG_BYTES)}`
          : `file is too large (${mebibytes(read.size)}); plansync reads config files up to ${mebibytes(MAX_CONFIG_BYTES)}`,
        'split the plans over several files, or check that this is the right file',
      );
    case 'read':
      return { kind: 'read', result: parseYamlSource(file, read.bytes) };
  }
}
