// Reading one config file from disk: refuse oversized files before reading them, report unreadable
// ones as located issues, and hand the bytes to the YAML parser.

import { readFile, stat } from 'node:fs/promises';
import type { ConfigIssue } from '../errors.js';
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

/** `file` is the name shown in messages; `absolute` is where to read it. */
export async function readConfigFile(absolute: string, file: string): Promise<ReadResult> {
  let size: number;
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) return fileIssue(file, 'expected a file, found a directory');
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return fileIssue(file, `cannot read file (${code ?? 'unknown error'})`);
  }
  if (size > MAX_CONFIG_BYTES) {
    return fileIssue(
      file,
      `file is too large (${mebibytes(size)}); plansync reads config files up to ${mebibytes(MAX_CONFIG_BYTES)}`,
      'split the plans over several files, or check that this is the right file',
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    return fileIssue(file, `cannot read file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  // The file may have grown between stat and read.
  if (bytes.length > MAX_CONFIG_BYTES) {
    return fileIssue(
      file,
      `file is too large; plansync reads config files up to ${mebibytes(MAX_CONFIG_BYTES)}`,
    );
  }
  return { kind: 'read', result: parseYamlSource(file, bytes) };
}
