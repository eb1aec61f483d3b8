// `plansync sandbox`: starts the emulators, prints how to reach them, stops when asked.

import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';

describe('plansync sandbox', () => {
  it('prints a reachable BlueSnap URL and the variables to export, then stops', async () => {
    let stdout = '';
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    let prompted!: () => void;
    const ready = new Promise<void>((resolve) => (prompted = resolve));
    const io = {
      stdout: (text: string) => {
        stdout += text;
        if (stdout.includes('Press Ctrl-C')) prompted();
      },
      stderr: () => {},
      env: {},
      cwd: process.cwd(),
      isTTY: false,
      confirm: async () => false,
    };

    const running = run(['sandbox'], io, { sandboxUntil: until });
    // However long the emulators take to start on a busy machine; `running` ends first only on failure.
    await Promise.race([ready, running]);
    const url = /export PLANSYNC_BASE_URL_BLUESNAP_SANDBOX=(\S+)/.exec(stdout)?.[1] ?? '';
    const response = await fetch(`${url}/recurring/plans`, {
      headers: {
        authorization: `Basic ${Buffer.from('plansync-demo:sandbox-password-not-secret').toString('base64')}`,
      },
    });
    stop();

    expect(response.status).toBe(200);
    expect(stdout).toContain('export BLUESNAP_USERNAME=plansync-demo');
    expect(await running).toBe(0);
  });
});
