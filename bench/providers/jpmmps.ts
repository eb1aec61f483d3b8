// J.P. Morgan MPS in the benchmark (see bench/lib/bench-provider.ts for what each field is for).

import { jpmMpsEmulator, startJpmMpsEmulator } from '../../src/sandbox/jpmmps/index.js';
import { generatePlans as generateJpmPlans } from '../../src/sandbox/jpmmps/generate.js';
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

export const jpmmpsBench: BenchProvider = {
  id: 'jpmmps',
  limits: {
    pageSize: 100,
    concurrency: CONCURRENCY,
    listConcurrency: CONCURRENCY,
    rateLimit: UNPUBLISHED_RATE,
    rateSource: 'none documented (jpmmps.md §7); the bench allows 100/s',
    tokenRequest: false,
    verifyReads: 0,
  },
  ids: (count) => generateJpmPlans(count).map((plan) => plan.id as string),
  async start(count, settings) {
    const credentials = jpmMpsEmulator.demoCredentials;
    const emulator = await startJpmMpsEmulator({
      credentials: { apiKey: credentials.api_key },
      seed: generateJpmPlans(count),
      latencyMs: settings.latencyMs,
      rateLimit: rateLimit(this.limits.rateLimit, settings),
    });
    return {
      emulator,
      env: { [BASE_URL_ENV]: emulator.baseUrl, JPM_KEY: credentials.api_key },
      peer: {
        authenticate: async () => ({
          'x-api-key': credentials.api_key,
          accept: 'application/json',
          'accept-language': 'en-US',
          origin: 'https://peer.local',
          'user-agent': 'bench-peer',
        }),
        urlFor: (id) => `${emulator.baseUrl}/plans/${id}`,
      },
    };
  },
  projectYaml(settings) {
    return projectYaml('jpmmps', { api_key: 'JPM_KEY' }, this.limits, settings);
  },
  plansYaml(count, changed) {
    const lines = [`connection: ${CONNECTION}`, 'plans:'];
    generateJpmPlans(count).forEach((plan, i) => {
      lines.push(`  ${planKey(i)}:`, `    id: ${plan.id}`, `    name: ${plan.name}`);
      lines.push(`    description: ${plan.description}${changed.has(i) ? ' (revised)' : ''}`);
      lines.push(
        `    recurrentAmount: ${plan.recurrentAmount}`,
        `    currencyIsoCode: ${plan.currencyIsoCode}`,
      );
      if (plan.trialDurationPeriod !== undefined) {
        lines.push(`    trialDurationPeriod: ${plan.trialDurationPeriod}`);
        lines.push(`    trialDurationUnit: ${plan.trialDurationUnit}`);
      }
      lines.push(`    billingOccurrence: ${plan.billingOccurrence}`, `    billingUnit: ${plan.billingUnit}`);
      lines.push(`    billingCycles: ${plan.billingCycles}`, `    prepaid: ${plan.prepaid}`);
    });
    return `${lines.join('\n')}\n`;
  },
  changeSet: everyTenth,
  classify: (entry) =>
    !isGet(entry) ? 'write' : entry.path.replace(/\/+$/, '').endsWith('/plans') ? 'list' : 'get',
};
