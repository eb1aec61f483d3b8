// What Git says changed in the project since a commit: `--changed-since REF` asks it which files
// differ between REF and the working tree (untracked files included), and for their contents at REF.
//
// Written by hand on purpose: plansync needs three read-only git commands (rev-parse, diff, ls-files,
// show), run with an argument array (never a shell), a timeout and a bounded output. A Git library
// (simple-git, isomorphic-git) would wrap the same CLI or reimplement the object store: more code and
// supply chain than the four calls below, for no gain.

import { execFile } from 'node:child_process';
import { UserError } from '../errors.js';

/** A git command that takes longer than this is stopped: these are local, read-only queries. */
const GIT_TIMEOUT_MS = 30_000;
/** Largest listing of changed files read (names only): far beyond any project's plans directory. */
const MAX_LISTING_BYTES = 16 * 1024 * 1024;

export interface GitChanges {
  /** The ref as given. */
  ref: string;
  /** The commit it names, in full. */
  commit: string;
  /** Files (relative to the project root, `/` separators) that differ from REF or are new since. */
  changed: string[];
  /** A file's bytes at REF; undefined where it did not exist there. Refused beyond `maxBytes`. */
  contentAt(path: string, maxBytes: number): Promise<Uint8Array | undefined>;
}

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git in `cwd` with an argument array; a spawn failure (no git) and a timeout are UserErrors. */
function git(cwd: string, args: string[], maxBytes = MAX_LISTING_BYTES): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: maxBytes,
        timeout: GIT_TIMEOUT_MS,
        windowsHide: true,
        // No pager, no prompt for credentials, and git's messages in English for the error text.
        env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        const errText = Buffer.isBuffer(stderr) ? stderr.toString('utf8') : String(stderr ?? '');
        if (error === null) {
          resolve({ code: 0, stdout, stderr: errText });
          return;
        }
        const failure = error as NodeJS.ErrnoException & { code?: unknown; killed?: boolean };
        if (failure.code === 'ENOENT') {
          reject(new UserError('--changed-since needs Git: the `git` command was not found on PATH'));
        } else if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          reject(
            new UserError(`--changed-since: git ${args[0]} printed more than ${maxBytes} bytes; refused`),
          );
        } else if (failure.killed) {
          reject(
            new UserError(`--changed-since: git ${args[0]} took longer than ${GIT_TIMEOUT_MS / 1000} s`),
          );
        } else {
          resolve({ code: typeof failure.code === 'number' ? failure.code : 1, stdout, stderr: errText });
        }
      },
    );
  });
}

function nulSeparated(buffer: Buffer): string[] {
  return buffer
    .toString('utf8')
    .split('\0')
    .filter((name) => name !== '');
}

/**
 * The files under `paths` (relative to `root`) that differ between `ref` and the working tree, and
 * the means to read them at `ref`. Refuses, with the way out, a root outside a Git work tree and a
 * ref Git does not know (typical of a shallow CI clone that lacks the base commit).
 */
export async function gitChangesSince(root: string, ref: string, paths: string[]): Promise<GitChanges> {
  if (ref === '' || ref.startsWith('-')) {
    throw new UserError(`--changed-since ${JSON.stringify(ref)}: not a Git ref`);
  }
  const inside = await git(root, ['rev-parse', '--is-inside-work-tree']);
  if (inside.code !== 0 || inside.stdout.toString('utf8').trim() !== 'true') {
    throw new UserError(
      `--changed-since needs a Git work tree: ${root} is not inside one (plan without --changed-since, or run in a clone)`,
    );
  }
  const verified = await git(root, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${ref}^{commit}`,
  ]);
  const commit = verified.stdout.toString('utf8').trim();
  if (verified.code !== 0 || commit === '') {
    throw new UserError(
      `unknown ref ${ref}: Git cannot find that commit here. Check the name; in a shallow clone, fetch the base commit first: git fetch --depth=1 origin <sha> (or check out with fetch-depth: 0)`,
    );
  }
  const pathspec = ['--', ...paths];
  // --relative: names relative to the project root, which may be a subdirectory of the repository.
  const diff = await git(root, [
    'diff',
    '--name-only',
    '-z',
    '--no-renames',
    '--relative',
    commit,
    ...pathspec,
  ]);
  if (diff.code !== 0) throw new UserError(`--changed-since: git diff failed: ${firstLine(diff.stderr)}`);
  const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '-z', ...pathspec]);
  if (untracked.code !== 0) {
    throw new UserError(`--changed-since: git ls-files failed: ${firstLine(untracked.stderr)}`);
  }
  const changed = [...new Set([...nulSeparated(diff.stdout), ...nulSeparated(untracked.stdout)])].sort();
  return {
    ref,
    commit,
    changed,
    async contentAt(path, maxBytes) {
      // `./` makes the path relative to the project root rather than the repository's top.
      const shown = await git(root, ['show', `${commit}:./${path}`], maxBytes + 1);
      if (shown.code !== 0) return undefined;
      if (shown.stdout.length > maxBytes) {
        throw new UserError(`--changed-since: ${path} at ${ref} is larger than ${maxBytes} bytes; refused`);
      }
      return new Uint8Array(shown.stdout);
    },
  };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]?.trim() || 'no message';
}
