// The suite's one random seed: every random draw in the tests (fast-check properties, kill schedules)
// derives from it, so a failure seen once can be replayed. PLANSYNC_TEST_SEED=<n> sets it (PLANSYNC_SEED
// too, the name issue reports use); under CI (CI set, as `.ci/run` does) it is fixed, so a red build is
// red again on rerun; otherwise each run draws a new one, so local runs keep exploring. vitest.config.ts resolves it once per run, prints
// it, and hands it to every test process through the environment (tests read `testSeed()`).

import { randomInt } from 'node:crypto';

export const SEED_VARIABLE = 'PLANSYNC_TEST_SEED';

/** The seed under CI: any fixed number does. */
const CI_SEED = 20_260_512;

/** Also read, when PLANSYNC_TEST_SEED is not set: the name issue reports use. */
const SEED_ALIAS = 'PLANSYNC_SEED';

/**
 * PLANSYNC_TEST_SEED when set (or its alias PLANSYNC_SEED), else the fixed CI seed when CI is set,
 * else a new random one.
 */
export function resolveSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env[SEED_VARIABLE];
  if (given !== undefined && given !== '') return parseSeed(given, SEED_VARIABLE);
  const alias = env[SEED_ALIAS];
  if (alias !== undefined && alias !== '') return parseSeed(alias, SEED_ALIAS);
  if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false') return CI_SEED;
  return randomInt(2 ** 31);
}

/** The seed of this run, as vitest.config.ts resolved it (or as given, outside vitest). */
export function testSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env[SEED_VARIABLE];
  if (given === undefined || given === '') {
    throw new Error(`${SEED_VARIABLE} is not set: run the tests through vitest (vitest.config.ts sets it)`);
  }
  return parseSeed(given, SEED_VARIABLE);
}

export function parseSeed(text: string, name: string): number {
  if (!/^\d{1,10}$/.test(text.trim()) || Number(text) >= 2 ** 32) {
    throw new Error(`${name} must be a whole number below 2^32, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** A seed of its own for one part of the suite, so adding draws elsewhere does not shift its draws. */
export function subSeed(seed: number, name: string): number {
  let hash = seed >>> 0;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

export function replayHint(seed: number): string {
  return `seed ${seed} (replay with ${SEED_VARIABLE}=${seed})`;
}
