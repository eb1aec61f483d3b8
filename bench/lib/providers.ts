// Every provider the benchmark measures, one line each, in the order it runs them and reports them.

import { bluesnapBench } from '../providers/bluesnap.js';
import { constantContactBench } from '../providers/constantcontact.js';
import { jpmmpsBench } from '../providers/jpmmps.js';
import { paypalBench } from '../providers/paypal.js';
import { stripeBench } from '../providers/stripe.js';
import type { BenchProvider } from './bench-provider.js';

export const BENCH_PROVIDERS: readonly BenchProvider[] = [
  bluesnapBench,
  paypalBench,
  jpmmpsBench,
  constantContactBench,
  stripeBench,
];

/** The provider with this id, or an error naming the ones there are. */
export function benchProvider(id: string): BenchProvider {
  const provider = BENCH_PROVIDERS.find((candidate) => candidate.id === id);
  if (provider === undefined)
    throw new Error(`unknown provider ${id}: one of ${BENCH_PROVIDERS.map((p) => p.id).join(', ')}`);
  return provider;
}
