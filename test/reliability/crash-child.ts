// The crash loop's child process: which CLI build to spawn (test/support/cli-command.ts), and what
// the emulator was doing when the kill landed (from its request log).

import { spawn, type ChildProcess } from 'node:child_process';
import type { RequestLogEntry } from '../../src/sandbox/kit/index.js';
import type { CliCommand } from '../support/cli-command.js';

export { cliCommand, type CliCommand } from '../support/cli-command.js';

export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** ms since spawn of the emulator's first request from this child; undefined when none came. */
  firstRequestMs?: number;
  elapsedMs: number;
  /** When the kill was sent (epoch ms); undefined when none was. */
  killedAt?: number;
}

/** When to send SIGKILL: so long after spawn, or so long after the emulator saw the first request. */
export type KillAt = { fromSpawnMs: number } | { afterFirstRequestMs: number };

/**
 * Runs `plansync <args>` in `cwd`, and sends SIGKILL at `killAt` if it still runs then. Timing from the
 * first request keeps a slow start (a busy machine) from pushing every kill into the startup. The
 * kill landed when the child died of it (`signal === 'SIGKILL'`): one that exited first does not count.
 */
export async function runChild(
  cli: CliCommand,
  args: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    killAt?: KillAt;
    /** Called right before the kill is sent. */
    beforeKill?: () => void;
    /** Epoch ms of this child's first request at the emulator, once there is one. */
    firstRequest: () => number | undefined;
  },
): Promise<ChildOutcome> {
  const startedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, [...cli.prefix, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const running = () => child.exitCode === null && child.signalCode === null;
  let killedAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  const kill = () => {
    if (!running()) return;
    options.beforeKill?.();
    killedAt = Date.now();
    child.kill('SIGKILL');
  };
  const killAt = options.killAt;
  if (killAt !== undefined && 'fromSpawnMs' in killAt) timer = setTimeout(kill, killAt.fromSpawnMs);
  if (killAt !== undefined && 'afterFirstRequestMs' in killAt) {
    const poll = () => {
      if (!running()) return;
      const first = options.firstRequest();
      if (first === undefined) timer = setTimeout(poll, 2);
      else timer = setTimeout(kill, Math.max(0, first + killAt.afterFirstRequestMs - Date.now()));
    };
    poll();
  }
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
  clearTimeout(timer);
  const first = options.firstRequest();
  return {
    code,
    signal,
    stdout,
    stderr,
    elapsedMs: Date.now() - startedAt,
    ...(first === undefined ? {} : { firstRequestMs: first - startedAt }),
    ...(killedAt === undefined ? {} : { killedAt }),
  };
}

/** Where a kill landed, read from the emulator's log of this child's requests. */
export type KillPhase =
  /** Before the child's first request: loading, reading YAML, taking the lock. */
  | 'startup'
  /** Only reads were in flight. */
  | 'read'
  /** A write was in flight: handled (committed) at the server, its answer not yet sent. */
  | 'write'
  /** Nothing in flight: the child was between requests (planning, or between writes). */
  | 'between';

export interface KillPoint {
  phase: KillPhase;
  /** A create was among the writes in flight. */
  createInFlight: boolean;
}

/**
 * The kit answers after its fixed latency, measured from when the handler ran (right on arrival),
 * so a request that arrived within the last `latencyMs` before the kill was still unanswered.
 */
export function classifyKill(
  entries: readonly RequestLogEntry[],
  killedAt: number,
  latencyMs: number,
  isWrite: (entry: RequestLogEntry) => boolean,
  isCreate: (entry: RequestLogEntry) => boolean,
): KillPoint {
  if (entries.length === 0) return { phase: 'startup', createInFlight: false };
  const inFlight = entries.filter((entry) => {
    const at = Date.parse(entry.timestamp);
    return at <= killedAt && killedAt - at < latencyMs;
  });
  const writes = inFlight.filter((entry) => entry.handled && isWrite(entry));
  if (writes.length > 0) return { phase: 'write', createInFlight: writes.some(isCreate) };
  return { phase: inFlight.length > 0 ? 'read' : 'between', createInFlight: false };
}
