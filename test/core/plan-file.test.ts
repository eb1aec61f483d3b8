import { describe, expect, it } from 'vitest';
import { parsePlanDocument, serialisePlan, toPlanDocument } from '../../src/core/plan-file.js';
import type { Plan } from '../../src/core/model.js';

const plan: Plan = {
  formatVersion: 1,
  connections: [
    {
      connection: 'c',
      provider: 'bluesnap',
      items: [],
      unmanaged: ['1'],
      fingerprints: { '1': 'abc' },
      blockers: [],
    },
  ],
};

describe('plan file', () => {
  it('round-trips with a verified checksum', () => {
    const text = serialisePlan(
      toPlanDocument(plan, { generator: 'plansync test', createdAt: '2026-01-01T00:00:00.000Z' }),
    );

    const document = parsePlanDocument(text, 'plan.json');

    expect(document.plan).toEqual(plan);
    expect(document.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('refuses a plan edited after it was made', () => {
    const text = serialisePlan(toPlanDocument(plan, { generator: 'g', createdAt: 'now' })).replace(
      '"abc"',
      '"abd"',
    );

    expect(() => parsePlanDocument(text, 'plan.json')).toThrow(/checksum mismatch/);
  });

  it('refuses a file that is not a plan', () => {
    expect(() => parsePlanDocument('{"hello": 1}', 'x.json')).toThrow(/not a plansync plan file/);
    expect(() => parsePlanDocument('{', 'x.json')).toThrow(/invalid JSON/);
  });

  it('refuses a future format version', () => {
    const document = { ...toPlanDocument(plan, { generator: 'g', createdAt: 'now' }), formatVersion: 2 };

    expect(() => parsePlanDocument(JSON.stringify(document), 'p.json')).toThrow(/version 2 is not supported/);
  });
});
