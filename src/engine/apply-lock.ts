// One apply at a time per project: a lock file beside the project (`.plansync/apply.lock`), created
// exclusively, naming the process that holds it. A lock whose process is gone (a crash, a kill) is
// taken over; a live one makes the second apply stop before it writes anything. CI pipelines on
// different machines need their own serialisation (see docs/ci.md).

import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertWritable, projectJail } from '../config/safe-file.js';
import { UserError } from '../errors.js';

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

/**
 * The file is created empty and the holder written right after, so a kill between the two leaves an
 * empty lock. One still unreadable this long after it was created was abandoned: taken over.
 */
const UNREADABLE_GRACE_MS = 2_000;

export interface ApplyLock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Test hook: runs after a lock was judged abandoned and before it is taken over. */
export interface LockHooks {
  beforeTakeOver?(): Promise<void>;
}

export async function acquireApplyLock(
  root: string,
  now: () => Date = () => new Date(),
  hooks: LockHooks = {},
): Promise<ApplyLock> {
  const dir = join(root, '.plansync');
  const file = join(dir, 'apply.lock');
  // `.plansync` or the lock linking out of the project, or a FIFO for a lock: refused before any write.
  await assertWritable(await projectJail(root), file, file);
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw unusable(file, error);
  });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      const info: LockInfo = { pid: process.pid, host: hostname(), since: now().toISOString() };
      await handle.writeFile(`${JSON.stringify(info)}\n`);
      await handle.close();
      holding(file);
      return {
        release: async () => {
          await rm(file, { force: true });
          held.delete(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unusable(file, error);
      const seen = await readRaw(file);
      const holder = parseHolder(seen);
      if (holder === undefined && (await abandoned(file))) {
        await hooks.beforeTakeOver?.();
        await takeOver(file, (await readRaw(file)) ?? '');
        continue;
      }
      if (holder && holder.host === hostname() && !alive(holder.pid)) {
        // The apply that held it died: its work is covered by the stale checks; take over.
        await hooks.beforeTakeOver?.();
        await takeOver(file, seen ?? '');
        continue;
      }
      const who = holder
        ? `process ${holder.pid} on ${holder.host} since ${holder.since}`
        : 'another process';
      throw new UserError(
        `another apply is running on this project (${who}); nothing was written. Wait for it, or remove ${file} if you know it is gone`,
      );
    }
  }
  throw new UserError(`could not take the apply lock ${file}`);
}

/**
 * Locks this process holds. Should the process exit without releasing one (a second Ctrl-C ends
 * apply at once, see docs/reliability.md), the lock goes with it rather than waiting for the next
 * apply to find its holder dead.
 */
const held = new Set<string>();
let exitHookInstalled = false;

function holding(file: string): void {
  held.add(file);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const lock of held) rmSync(lock, { force: true });
  });
}

/** The lock cannot be created at all (a read-only checkout, say): the user's to fix, not a bug. */
function unusable(file: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new UserError(`cannot create the apply lock ${file} (${code}); nothing was written`);
}

/** Unreadable now and after the grace period (its creator died before writing to it), or gone. */
async function abandoned(file: string): Promise<boolean> {
  try {
    const age = Date.now() - (await stat(file)).mtimeMs;
    if (age < UNREADABLE_GRACE_MS) await sleep(UNREADABLE_GRACE_MS - age);
  } catch {
    return true; // released meanwhile: try to take it again
  }
  return (await readHolder(file)) === undefined;
}

/**
 * Moves the lock aside only if it is still the one judged abandoned. Two applies can judge the same
 * dead lock at once: the first takes it over and writes its own; the second then moves that fresh
 * lock aside, sees it is not the one it judged, and puts it back (`link` fails rather than overwrite
 * a lock created meanwhile), so only one of them holds the lock.
 */
async function takeOver(file: string, seen: string): Promise<void> {
  const aside = `${file}.${process.pid}.${randomUUID()}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // released meanwhile
    throw error;
  }
  const moved = (await readRaw(aside)) ?? '';
  if (moved !== seen) {
    await link(aside, file).catch(() => {
      // Yet another apply created a lock in that instant: it holds, and this one will see it.
    });
  }
  await rm(aside, { force: true });
}

async function readRaw(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parseHolder(text: string | undefined): LockInfo | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as LockInfo;
  } catch {
    return undefined;
  }
}

async function readHolder(file: string): Promise<LockInfo | undefined> {
  return parseHolder(await readRaw(file));
}
