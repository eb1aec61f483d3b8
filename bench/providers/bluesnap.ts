// BlueSnap in the benchmark (see bench/lib/bench-provider.ts for what each field is for).

import { bluesnapEmulator, startBlueSnapEmulator } from '../../src/sandbox/bluesnap/index.js';
import { generatePlans as generateBlueSnapPlans } from '../../src/sandbox/bluesnap/generate.js';
import {
  BASE_URL_ENV,
  CONCURRENCY,
  CONNECTION,
  UNPUBLISHED_RATE,
  everyTenth,
  isGet,
  planKey,
  projectYaml,
  rateLimit,
  type BenchProvider,
} from '../lib/bench-provider.js';

export const bluesnapBench: BenchProvider = {
  id: 'bluesnap',
  limits: {
    pageSize: 500,
    concurrency: CONCURRENCY,
    listConcurrency: 1,
    rateLimit: UNPUBLISHED_RATE,
    rateSource: 'none published (bluesnap.md §6); the bench allows 100/s',
    tokenRequest: false,
    verifyReads: 0,
  },
  ids: (count) => generateBlueSnapPlans(count).map((plan) => String(plan.planId)),
  async start(count, settings) {
    const credentials = { ...bluesnapEmulator.demoCredentials };
    const emulator = await startBlueSnapEmulator({
      credentials,
      seed: generateBlueSnapPlans(count),
      latencyMs: settings.latencyMs,
      rateLimit: rateLimit(this.limits.rateLimit, settings),
    });
    const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    return {
      emulator,
      env: { [BASE_URL_ENV]: emulator.baseUrl, BS_USER: credentials.username, BS_PASS: credentials.password },
      peer: {
        authenticate: async () => ({ authorization: basic, accept: 'application/json' }),
        urlFor: (id) => `${emulator.baseUrl}/recurring/plans/${id}`,
      },
    };
  },
  projectYaml(settings) {
    return projectYaml('bluesnap', { username: 'BS_USER', password: 'BS_PASS' }, this.limits, settings);
  },
  plansYaml(count, changed) {
    const lines = [`connection: ${CONNECTION}`, 'plans:'];
    generateBlueSnapPlans(count).forEach((plan, i) => {
      lines.push(`  ${planKey(i)}:`, `    planId: ${plan.planId}`, `    name: ${plan.name}`);
      lines.push(
        `    recurringChargeAmount: ${plan.recurringChargeAmount}`,
        `    currency: ${plan.currency}`,
      );
      lines.push(`    chargeFrequency: ${plan.chargeFrequency}`);
      if (plan.trialPeriodDays !== undefined) lines.push(`    trialPeriodDays: ${plan.trialPeriodDays}`);
      const grace = changed.has(i) ? 9 : plan.gracePeriodDays;
      if (grace !== undefined) lines.push(`    gracePeriodDays: ${grace}`);
    });
    return `${lines.join('\n')}\n`;
  },
  changeSet: everyTenth,
  classify: (entry) =>
    !isGet(entry) ? 'write' : entry.path.replace(/\/+$/, '').endsWith('/recurring/plans') ? 'list' : 'get',
};
