// For per-object stale tests: save a plan, then answer the whole-plan check's read with what the
// plan saw, so only the check each adapter runs just before its write can notice a change.

import { expect } from 'vitest';
import type { FixtureEmulator, ProviderHarness } from './provider-harness.js';

/** Runs `plan --out plan.json` and returns the body of the read at `path` it was made from. */
export async function savePlanSeeing(h: ProviderHarness<FixtureEmulator>, path: string): Promise<unknown> {
  const plan = await h.cli(['plan', '--out', 'plan.json']);
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  const read = h.emulator.log.find((e) => e.method === 'GET' && e.path === path);
  h.emulator.clearLog();
  return read?.response?.body;
}

/** The next read at `path` answers `body`: the state the saved plan saw. */
export function replayToWholePlanCheck(
  h: ProviderHarness<FixtureEmulator>,
  path: string,
  body: unknown,
): void {
  h.emulator.faults.inject({ method: 'GET', path, fault: { kind: 'status', status: 200, body } });
}
