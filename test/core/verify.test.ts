// Verified writes, the pure part: which fields a provider's answer does not hold as asked.

import { describe, expect, it } from 'vitest';
import { declaredPaths, isOutOfService, unmetFields } from '../../src/core/verify.js';
import { bluesnapContract as contract } from '../../src/providers/bluesnap/contract.js';
import { jpmmpsContract } from '../../src/providers/jpmmps/contract.js';
import { GOLD, live } from '../support/fixtures.js';

describe('unmetFields', () => {
  it('is empty when the answer holds every asked field, compared as the planner compares', () => {
    const after = { ...GOLD, recurringChargeAmount: 29.99, chargeOnPlanSwitch: false, planId: 7 };

    expect(unmetFields(contract, GOLD, Object.keys(GOLD), after)).toEqual([]);
  });

  it('names each field held otherwise, with the value asked and the value held', () => {
    const asked = { ...GOLD, recurringChargeAmount: '34.99', maxNumberOfCharges: 12 };
    const after = { ...GOLD, recurringChargeAmount: '29.99' };

    expect(unmetFields(contract, asked, ['recurringChargeAmount', 'maxNumberOfCharges'], after)).toEqual([
      { path: 'recurringChargeAmount', asked: '34.99', held: '29.99', currency: 'USD' },
      { path: 'maxNumberOfCharges', asked: 12, held: undefined },
    ]);
  });

  it('finds a field kept where the write meant to clear it', () => {
    const asked = { ...GOLD };
    const after = { ...GOLD, maxNumberOfCharges: 12 };

    expect(unmetFields(contract, asked, ['maxNumberOfCharges'], after)).toEqual([
      { path: 'maxNumberOfCharges', asked: undefined, held: 12 },
    ]);
  });

  it('checks only the given paths, and never read-only or unknown fields', () => {
    const after = { ...GOLD, name: 'Other', planId: 99, extra: 'x' };

    expect(unmetFields(contract, { ...GOLD, planId: 1, extra: 'y' }, ['planId', 'extra'], after)).toEqual([]);
    expect(unmetFields(contract, GOLD, ['name'], after).map((m) => m.path)).toEqual(['name']);
  });

  it('skips a field compared only when declared, when the YAML leaves it out', () => {
    const onlyWhenDeclared = {
      ...contract,
      fields: contract.fields.map((rule) =>
        rule.path === 'status' ? { ...rule, onlyWhenDeclared: true } : rule,
      ),
    };
    const { status: _status, ...asked } = GOLD;

    expect(unmetFields(onlyWhenDeclared, asked, ['status'], { ...GOLD, status: 'INACTIVE' })).toEqual([]);
  });
});

describe('declaredPaths', () => {
  it('lists every declared field a create must hold, read-only ones left out', () => {
    expect(declaredPaths(contract, { ...GOLD, planId: 3, gracePeriodDays: 5 })).toEqual([
      'name',
      'recurringChargeAmount',
      'currency',
      'chargeFrequency',
      'gracePeriodDays',
      'status',
    ]);
  });
});

describe('isOutOfService', () => {
  it('holds for an object gone, or holding the retired status', () => {
    expect(isOutOfService(contract, undefined)).toBe(true);
    expect(isOutOfService(contract, live('1', { ...GOLD, status: 'INACTIVE' }))).toBe(true);
    expect(isOutOfService(contract, live('1', GOLD))).toBe(false);
  });

  it('holds only for an object gone where retiring deletes', () => {
    expect(isOutOfService(jpmmpsContract, undefined)).toBe(true);
    expect(isOutOfService(jpmmpsContract, live('1', { name: 'x' }))).toBe(false);
  });
});
