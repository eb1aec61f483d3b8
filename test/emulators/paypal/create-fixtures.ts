// Building blocks for the create-validation tests: billing cycles, prices and tier lists in wire form,
// and a create call that returns what the assertions compare (status, error name, `issue field`s).

import type { PayPalEmulator } from '../../../src/sandbox/paypal/index.js';
import { call, errorName, issuesAt } from './client.js';

export const money = (value: string, currency_code = 'USD') => ({ currency_code, value });
const monthly = { interval_unit: 'MONTH', interval_count: 1 };

export function cycle(
  sequence: number,
  tenure: 'TRIAL' | 'REGULAR',
  scheme?: unknown,
  extra: Record<string, unknown> = {},
) {
  return {
    frequency: monthly,
    tenure_type: tenure,
    sequence,
    total_cycles: tenure === 'TRIAL' ? 1 : 0,
    ...(scheme !== undefined && { pricing_scheme: scheme }),
    ...extra,
  };
}

export const fixed = (value: string, currency = 'USD') => ({ fixed_price: money(value, currency) });
export const regular = (sequence = 1) => cycle(sequence, 'REGULAR', fixed('10'));

export function tiers(...bounds: Array<[string, string | undefined, string?]>) {
  return {
    pricing_model: 'TIERED',
    tiers: bounds.map(([start, end, amount = '5']) => ({
      starting_quantity: start,
      ...(end !== undefined && { ending_quantity: end }),
      amount: money(amount),
    })),
  };
}

export interface CreateResult {
  status: number;
  found: string[];
  name: string | undefined;
}

export async function create(emulator: PayPalEmulator, body: unknown): Promise<CreateResult> {
  const response = await call(emulator, 'POST', '/v1/billing/plans', { body });
  return { status: response.status, found: issuesAt(response.json), name: errorName(response.json) };
}
