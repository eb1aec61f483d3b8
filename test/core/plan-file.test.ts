import { describe, expect, it } from 'vitest';
import {
  parsePlanDocument,
  serialisePlan,
  signPlanDocument,
  toPlanDocument,
  verifyPlanSignature,
} from '../../src/core/plan-file.js';
import { UntrustedPlanError } from '../../src/errors.js';
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

describe('plan signature', () => {
  const key = 'k'.repeat(32);
  const document = toPlanDocument(plan, { generator: 'g', createdAt: 'now', scope: { force: true } });
  const verify =
    (d: typeof document, k = key) =>
    () =>
      verifyPlanSignature(d, k, 'plan.json', 'PLANSYNC_PLAN_KEY');

  it('verifies a document signed with the key, after a round trip through the file', () => {
    const signed = parsePlanDocument(serialisePlan(signPlanDocument(document, key)), 'plan.json');

    expect(signed.signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(verify(signed)).not.toThrow();
  });

  it('refuses a missing signature, another key, and any change to a signed field', () => {
    const signed = signPlanDocument(document, key);

    expect(verify(document)).toThrow(/signature missing/);
    expect(verify(signed, 'x'.repeat(32))).toThrow(/signature mismatch/);
    expect(verify({ ...signed, scope: {} })).toThrow(/signature mismatch/);
    expect(verify({ ...signed, createdAt: 'later' })).toThrow(/signature mismatch/);
    expect(verify({ ...signed, signature: 'hmac-sha256:zz' })).toThrow(UntrustedPlanError);
  });

  it('never puts the key in a message', () => {
    try {
      verify({ ...signPlanDocument(document, key), createdAt: 'later' })();
    } catch (error) {
      expect((error as Error).message).not.toContain(key);
      expect((error as UntrustedPlanError).exitCode).toBe(4);
    }
    expect.assertions(2);
  });
});
