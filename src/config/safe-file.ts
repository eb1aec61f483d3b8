// The project directory is a jail: every file plansync reads or writes there must be a regular file
// whose real path lies inside the project's real path. A checkout may come from a pull request, so a
// plans file that links to `/proc/self/environ`, a project file that is a FIFO or links to `/dev/zero`,
// or a `plans` directory that links to `/etc` is refused by name, never followed, read or echoed.
//
// Paths named on the command line (`--project`, `plan --out`, `apply FILE`) that lie outside the
// project as written are the user's own choice and may be anywhere; inside the project they are held
// to the same rule as every other path, since a link there is the checkout's doing, not the user's.
// Either way only a regular file is read or written.
//
// A file is checked (lstat, realpath, type) before it is opened, opened without blocking and without
// following a final link, and the opened handle is checked again, so a file swapped for a FIFO or a
// link between the check and the open cannot block or escape. Reads stop one byte past the limit:
// `/dev/zero` and `/proc` files report a size of 0.

import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../write-file-atomic.js';

export interface Jail {
  /** The project directory as given, absolute. */
  root: string;
  /** Its real path: what every real path read or written must lie within. */
  realRoot: string;
}

/** The jail of the project at `root`; a root that does not exist yet is placed by its nearest ancestor. */
export async function projectJail(root: string): Promise<Jail> {
  const absolute = path.resolve(root);
  let rest = '';
  for (let current = absolute; ; current = path.dirname(current)) {
    const real = await realpath(current).catch(() => undefined);
    if (real !== undefined) return { root: absolute, realRoot: path.join(real, rest) };
    if (path.dirname(current) === current) return { root: absolute, realRoot: absolute };
    rest = path.join(path.basename(current), rest);
  }
}

export interface PathOptions {
  /** Named on the command line: may lie outside the project (still only a regular file). */
  explicit?: boolean;
}

export type Inspected =
  { kind: 'missing' } | { kind: 'refused'; reason: string } | { kind: 'ok'; real: string; stats: Stats };

/** `child` is `parent` or lies below it (both absolute, normalised). */
function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return (
    relative === '' ||
    (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  );
}

function what(stats: Stats): string {
  if (stats.isFile()) return 'a file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSymbolicLink()) return 'a symlink';
  return 'something other than a file';
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

function cannotRead(error: unknown): string {
  const code = codeOf(error);
  return code === 'EACCES' || code === 'EPERM'
    ? `cannot be read (${code}: permission denied)`
    : `cannot be read (${code})`;
}

const refused = (reason: string) => ({ kind: 'refused' as const, reason });

/** Whether this path is held to the jail: everything but explicit paths written outside the project. */
function jailed(jail: Jail, absolute: string, options: PathOptions): boolean {
  return options.explicit !== true || isInside(jail.root, absolute);
}

/**
 * What stands at `absolute`, checked against the rule without opening it: `missing`, `refused` with
 * a reason that completes "<path> …" ("is a dangling symlink"), or `ok` with its real path and stats.
 */
export async function inspectPath(
  jail: Jail,
  absolute: string,
  want: 'file' | 'directory',
  options: PathOptions = {},
): Promise<Inspected> {
  let own: Stats;
  try {
    own = await lstat(absolute);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return refused(cannotRead(error));
  }
  const link = own.isSymbolicLink();
  let real: string;
  let target: Stats;
  try {
    real = await realpath(absolute);
    target = link ? await lstat(real) : own;
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ELOOP') return refused('is a symlink loop');
    if (link && (code === 'ENOENT' || code === 'ENOTDIR')) return refused('is a dangling symlink');
    return refused(cannotRead(error));
  }
  if (jailed(jail, absolute, options) && !isInside(jail.realRoot, real)) {
    return refused(
      link
        ? `is a symlink to ${what(target)} outside the project`
        : 'is outside the project (a directory on its path is a symlink out of it)',
    );
  }
  const fits = want === 'file' ? target.isFile() : target.isDirectory();
  if (!fits) {
    const wanted = want === 'file' ? 'a regular file' : 'a directory';
    return refused(
      link ? `is a symlink to ${what(target)}, not ${wanted}` : `is ${what(target)}, not ${wanted}`,
    );
  }
  return { kind: 'ok', real, stats: target };
}

export type ReadOutcome =
  | { kind: 'missing' }
  | { kind: 'refused'; reason: string }
  /** `size` when known before reading (the file's stat said so). */
  | { kind: 'too-large'; size?: number }
  | { kind: 'read'; bytes: Buffer };

const CHUNK = 64 * 1024;
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** Reads a file under the jail's rule, at most `maxBytes` of it (`too-large` past that). */
export async function readFileSafely(
  jail: Jail,
  absolute: string,
  maxBytes: number,
  options: PathOptions = {},
): Promise<ReadOutcome> {
  const found = await inspectPath(jail, absolute, 'file', options);
  if (found.kind !== 'ok') return found;
  if (found.stats.size > maxBytes) return { kind: 'too-large', size: found.stats.size };
  let handle;
  try {
    handle = await open(found.real, OPEN_FLAGS);
  } catch (error) {
    if (codeOf(error) === 'ELOOP') return refused('changed while plansync was reading it');
    return refused(cannotRead(error));
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return refused(`is ${what(opened)}, not a regular file`);
    if (opened.ino !== found.stats.ino || opened.dev !== found.stats.dev) {
      return refused('changed while plansync was reading it');
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The stated size (plus one, to see the end) in one read when it is honest; chunks after that.
      const want = total === 0 ? Math.max(found.stats.size + 1, CHUNK) : CHUNK;
      const chunk = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { kind: 'too-large' };
    }
    return { kind: 'read', bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return refused(cannotRead(error));
  } finally {
    await handle.close();
  }
}

/** A file or a directory refused by the jail's rule; the message names it and says why. */
export class FileRefused extends UserError {
  constructor(
    readonly shown: string,
    readonly reason: string,
    doing: string,
  ) {
    super(`${shown} ${reason}; ${doing}`);
    this.name = 'FileRefused';
  }
}

/** Reads a small file (a saved plan) as text, or throws FileRefused / UserError naming it. */
export async function readTextSafely(
  jail: Jail,
  absolute: string,
  name: string,
  maxBytes: number,
  options: PathOptions = {},
): Promise<string> {
  const outcome = await readFileSafely(jail, absolute, maxBytes, options);
  if (outcome.kind === 'missing') throw new UserError(`cannot read ${name}: no such file`);
  if (outcome.kind === 'refused') throw new FileRefused(name, outcome.reason, 'plansync did not read it');
  if (outcome.kind === 'too-large') {
    throw new UserError(`${name} is larger than plansync reads (${maxBytes} bytes); it was not read`);
  }
  return outcome.bytes.toString('utf8');
}

/**
 * Why plansync may not write `absolute`, or undefined when it may: the target is absent (in a
 * directory inside the project) or a regular file inside the project. Writes never go through a
 * symlink, even one that points inside the project.
 */
export async function writeRefusal(
  jail: Jail,
  absolute: string,
  options: PathOptions = {},
): Promise<string | undefined> {
  const held = jailed(jail, absolute, options);
  let own: Stats;
  try {
    own = await lstat(absolute);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOTDIR') return undefined; // the write fails and says so
    if (code !== 'ENOENT') return cannotRead(error);
    return held ? await missingOutside(jail, absolute) : undefined;
  }
  if (own.isSymbolicLink()) {
    const found = await inspectPath(jail, absolute, 'file', options);
    if (found.kind === 'refused') return found.reason;
    return 'is a symlink; plansync writes only regular files, never through a link';
  }
  if (!own.isFile()) return `is ${what(own)}, not a regular file`;
  if (held) {
    const real = await realpath(absolute).catch(() => absolute);
    if (!isInside(jail.realRoot, real)) {
      return 'is outside the project (a directory on its path is a symlink out of it)';
    }
  }
  return undefined;
}

/**
 * Why `absolute`, which does not exist, would land outside the project: its nearest existing
 * ancestor's real path, with the missing components after it, must lie inside.
 */
async function missingOutside(jail: Jail, absolute: string): Promise<string | undefined> {
  for (let current = path.dirname(absolute); ; current = path.dirname(current)) {
    try {
      const real = await realpath(current);
      const landing = path.join(real, path.relative(current, absolute));
      return isInside(jail.realRoot, landing)
        ? undefined
        : 'is outside the project (a directory on its path is a symlink out of it)';
    } catch (error) {
      const code = codeOf(error);
      if (code === 'ELOOP') return 'is in a directory that is a symlink loop';
      if (code !== 'ENOENT' || path.dirname(current) === current) return undefined;
      const own = await lstat(current).catch(() => undefined);
      if (own?.isSymbolicLink()) return 'is in a directory that is a dangling symlink';
    }
  }
}

/** Throws FileRefused when `absolute` may not be written (see writeRefusal). */
export async function assertWritable(
  jail: Jail,
  absolute: string,
  name: string,
  options: PathOptions = {},
): Promise<void> {
  const reason = await writeRefusal(jail, absolute, options);
  if (reason !== undefined) throw new FileRefused(name, reason, 'nothing was written');
}

/** Writes `text` whole (write-file-atomic) once the target passes writeRefusal; else throws FileRefused. */
export async function writeFileSafely(
  jail: Jail,
  absolute: string,
  name: string,
  text: string,
  options: PathOptions = {},
): Promise<void> {
  await assertWritable(jail, absolute, name, options);
  await writeFileAtomic(absolute, text);
}
