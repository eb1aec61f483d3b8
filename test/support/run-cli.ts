// The real CLI, in-process, with its output captured: what every test that runs `plansync` shares.

import { run, type RunOptions } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  isTTY?: boolean;
  /** The answer to a confirmation prompt (default: no). */
  confirm?: boolean;
  run?: RunOptions;
}

export async function runCli(args: string[], options: RunCliOptions): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(
    args,
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env: options.env,
      cwd: options.cwd,
      isTTY: options.isTTY ?? false,
      confirm: async () => options.confirm ?? false,
    },
    options.run ?? {},
  );
  return { code, stdout, stderr };
}
