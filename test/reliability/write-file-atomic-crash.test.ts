// writeFileAtomic across processes (issue 13, item 8): two processes writing one path never show a
// reader a mixed or truncated file, and a process killed with SIGKILL in the middle of writing, again
// and again, leaves the old or a new version whole. Both write 1 MiB versions in a loop (see
// atomic-writer-child.ts), so most instants fall inside a write.
//
// - Kill times come from the suite's seed (test/support/seed.ts; PLANSYNC_TEST_SEED replays the
//   draws, the machine's timing still varies); PLANSYNC_ATOMIC_KILLS sets how many (default 8).
// - A SIGKILL gives the writer no chance to remove its temporary file: the test counts those
//   left behind, as proof that kills landed mid-write, and removes them between kills.

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prng } from '../../src/sandbox/kit/prng.js';
import { replayHint, subSeed, testSeed } from '../support/seed.js';
import { atomicVersion, readVersion } from './atomic-versions.js';

const CHILD = fileURLToPath(new URL('./atomic-writer-child.ts', import.meta.url));
const KILLS = Number(process.env.PLANSYNC_ATOMIC_KILLS ?? 8);
if (!Number.isInteger(KILLS) || KILLS < 1)
  throw new Error(
    `PLANSYNC_ATOMIC_KILLS must be a positive integer, not ${process.env.PLANSYNC_ATOMIC_KILLS}`,
  );
/** Kills land this long after the child said it starts writing, at most. */
const MAX_KILL_DELAY_MS = 300;
/** Versions each of the two concurrent writers writes. */
const WRITES = 40;
const SEED = testSeed();

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plansync-atomic-crash-'));
  path = join(dir, 'plan.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Writer {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  ready: Promise<void>;
  /** Lets a writer started with `wait` begin writing. */
  go(): void;
  running(): boolean;
  kill(): void;
}

function startWriter(writer: string, first: number, count: number | 'forever', wait = false): Writer {
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      CHILD,
      path,
      writer,
      String(first),
      String(count),
      ...(wait ? ['--wait'] : []),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', () => reject(new Error(`writer ${writer} exited before it was ready: ${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal, stderr }));
    },
  );
  ready.catch(() => undefined); // the exit is reported through `exited`
  return {
    exited,
    ready,
    go: () => child.stdin.end('go\n'),
    running: () => child.exitCode === null && child.signalCode === null,
    kill: () => child.kill('SIGKILL'),
  };
}

const others = async (): Promise<string[]> => (await readdir(dir)).filter((name) => name !== 'plan.json');

describe('writeFileAtomic across processes', () => {
  console.log(`write-file-atomic crash test: ${replayHint(SEED)}, ${KILLS} kills`);

  it('shows a reader only whole versions while two processes write one path, and leaves no temporary file', async () => {
    await writeFile(path, atomicVersion('start', 0));
    const writers = [startWriter('a', 1, WRITES, true), startWriter('b', 1, WRITES, true)];
    const seen = new Set<string>();
    const torn: number[] = [];
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.go();

    while (writers.some((w) => w.running())) {
      const text = await readFile(path, 'utf8');
      const version = readVersion(text);
      if (version === undefined) torn.push(text.length);
      else seen.add(`${version.writer} ${version.n}`);
      await sleep(1);
    }
    const exits = await Promise.all(writers.map((w) => w.exited));

    expect(exits.map((e) => [e.code, e.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    expect(torn, 'reads that saw neither the old nor a new version whole (their lengths)').toEqual([]);
    const last = readVersion(await readFile(path, 'utf8'));
    expect(['a', 'b'].map((w) => `${w} ${WRITES}`)).toContain(`${last?.writer} ${last?.n}`);
    expect(await others(), 'temporary files left behind').toEqual([]);
    expect(seen.size, 'versions a reader saw').toBeGreaterThan(1);
  });

  it('leaves the old or a new version whole when the writer is killed mid-write, kill after kill', async () => {
    const random = prng(subSeed(SEED, 'write-file-atomic'));
    let current = 0;
    let killedMidWrite = 0;
    await writeFile(path, atomicVersion('w', current));

    for (let kill = 1; kill <= KILLS; kill++) {
      const delayMs = Math.floor(random() * MAX_KILL_DELAY_MS);
      const writer = startWriter('w', current + 1, 'forever');
      await writer.ready;
      await sleep(delayMs);
      writer.kill();
      const exit = await writer.exited;
      const version = readVersion(await readFile(path, 'utf8'));
      const where = `kill ${kill} of ${KILLS}, ${delayMs} ms into the writes, ${replayHint(SEED)}`;

      expect(exit.signal, `${where}: ${exit.stderr}`).toBe('SIGKILL');
      expect(version, `${where}: the file is neither the old nor a new version whole`).toBeDefined();
      expect(version!.n, `${where}: the file went back to an older version`).toBeGreaterThanOrEqual(current);
      current = version!.n;
      const leftovers = await others();
      if (leftovers.length > 0) killedMidWrite += 1;
      await Promise.all(leftovers.map((name) => rm(join(dir, name))));
    }

    console.log(
      `write-file-atomic crash test: ${killedMidWrite} of ${KILLS} kills landed mid-write, ${current} versions written`,
    );
    // Proof the kills hit what this test is about: some landed while a temporary file existed.
    expect(killedMidWrite, `kills that landed mid-write, ${replayHint(SEED)}`).toBeGreaterThan(0);
    expect(current, 'versions written in all, across the kills').toBeGreaterThan(0);
  });
});
