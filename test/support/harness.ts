// The BlueSnap integration harness: the provider-generic harness with the BlueSnap fixture, and the
// helpers BlueSnap tests share.

import type {
  BlueSnapEmulator,
  BlueSnapEmulatorOptions,
  BlueSnapWirePlan,
} from '../../src/sandbox/bluesnap/index.js';
import {
  BLUESNAP_TEST_CREDENTIALS,
  blueSnapSeedPlan,
  bluesnapFixture,
} from '../providers/bluesnap/fixture.js';
import { fixtureProjectYaml, startProviderHarness, type ProviderHarness } from './provider-harness.js';

export type { CliResult } from './provider-harness.js';
export const TEST_CREDENTIALS = BLUESNAP_TEST_CREDENTIALS;
export const SECRETS = bluesnapFixture.secrets;
export const CONNECTION = bluesnapFixture.connection;
export const seedPlan = blueSnapSeedPlan;

export type Harness = ProviderHarness<BlueSnapEmulator>;

/** The monthly plan most BlueSnap integration tests start from. */
export const gold = {
  name: 'Gold',
  recurringChargeAmount: 29.99,
  currency: 'USD',
  chargeFrequency: 'MONTHLY' as const,
};

export interface HarnessOptions {
  seed?: BlueSnapWirePlan[];
  project?: string;
  plans?: string;
  emulator?: Partial<BlueSnapEmulatorOptions>;
}

export function projectYaml(extra = ''): string {
  return fixtureProjectYaml(bluesnapFixture, extra);
}

export function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  return startProviderHarness(bluesnapFixture, options);
}

export function plansYaml(plans: Record<string, Record<string, unknown>>): string {
  const lines = [`connection: ${CONNECTION}`, 'plans:'];
  for (const [key, fields] of Object.entries(plans)) {
    lines.push(`  ${key}:`);
    for (const [field, value] of Object.entries(fields)) {
      if (typeof value === 'object' && value !== null) {
        lines.push(`    ${field}:`);
        for (const [k, v] of Object.entries(value)) lines.push(`      ${k}: ${JSON.stringify(v)}`);
      } else lines.push(`    ${field}: ${JSON.stringify(value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
