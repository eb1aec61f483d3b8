// `--verbose` through the real CLI against each provider's emulator: a line per request and per
// response on stderr, with the credential of each provider's scheme masked (Basic, OAuth token
// request and Bearer token, x-api-key) and no issued token anywhere in the output.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FixtureEmulator, ProviderHarness } from '../support/provider-harness.js';
import { plansFileYaml, startProviderHarness } from '../support/provider-harness.js';
import { bluesnapFixture } from '../providers/bluesnap/fixture.js';
import { constantContactFixture } from '../providers/constantcontact/fixture.js';
import { jpmFixture, jpmSpec } from '../providers/jpmmps/fixture.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import { captureIssuedTokens, type IssuedTokens } from '../support/issued-tokens.js';

let h: ProviderHarness<FixtureEmulator> | undefined;
let tokens: IssuedTokens;
beforeEach(() => {
  tokens = captureIssuedTokens();
});
afterEach(async () => {
  tokens.restore();
  await h?.close();
  h = undefined;
});

/** The `--verbose` lines of a run's stderr. */
const httpLines = (stderr: string, connection: string) =>
  stderr.split('\n').filter((line) => line.startsWith(`http ${connection}: `));

const gold = { name: 'Gold', recurringChargeAmount: 29.99, currency: 'USD', chargeFrequency: 'MONTHLY' };

describe('--verbose', () => {
  it('BlueSnap: shows each request and response, the Basic credential masked', async () => {
    h = await startProviderHarness(bluesnapFixture, { plans: plansFileYaml('bs', { gold }) });

    const result = await h.cli(['--verbose', 'apply', '--auto-approve']);

    expect(result.code, result.stderr).toBe(0);
    const lines = httpLines(result.stderr, 'bs');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^http bs: → GET \/services\/2\/recurring\/plans\?\S+ \(attempt 1\) headers \{.*authorization: Basic \*\*\*/,
    );
    expect(lines[1]).toMatch(
      /^http bs: ← 200 GET \/services\/2\/recurring\/plans\?\S+ \(attempt 1\) in \d+ ms$/,
    );
    expect(lines[2]).toContain('→ POST /services/2/recurring/plans (attempt 1)');
    expect(lines[2]).toContain('idempotency-key: plansync-');
    expect(lines[2]).toContain('body {"name":"Gold"');
    expect(lines[3]).toMatch(
      /← 200 POST \/services\/2\/recurring\/plans \(attempt 1\) in \d+ ms body \{"planId":/,
    );
  });

  it('PayPal: masks the token request, the token handed out and the Bearer header', async () => {
    h = await startProviderHarness(paypalFixture, {
      plans: plansFileYaml('pp', { pro: paypalPlanSpec('Pro') }),
    });

    const plan = await h.cli(['plan', '--verbose']);
    const apply = await h.cli(['apply', '--auto-approve', '--verbose']);

    expect(plan.code, plan.stderr).toBe(0);
    expect(apply.code, apply.stderr).toBe(0);
    const lines = [...httpLines(plan.stderr, 'pp'), ...httpLines(apply.stderr, 'pp')];
    expect(lines.filter((line) => line.includes('POST /v1/oauth2/token'))).toEqual([
      'http pp: → POST /v1/oauth2/token (attempt 1) headers {accept: application/json, user-agent: plansync, authorization: Basic ***, content-type: application/x-www-form-urlencoded} body grant_type=client_credentials',
      expect.stringMatching(
        /^http pp: ← 200 POST \/v1\/oauth2\/token \(attempt 1\) in \d+ ms body \{.*"access_token":"\*\*\*"/,
      ),
      'http pp: → POST /v1/oauth2/token (attempt 1) headers {accept: application/json, user-agent: plansync, authorization: Basic ***, content-type: application/x-www-form-urlencoded} body grant_type=client_credentials',
      expect.stringMatching(/"access_token":"\*\*\*"/),
    ]);
    expect(
      lines.some((line) => /→ POST \/v1\/billing\/plans .*authorization: Bearer \*\*\*.*body \{/.test(line)),
    ).toBe(true);
    expect(tokens.values()).toHaveLength(2);
    for (const token of tokens.values()) {
      expect(plan.stderr + plan.stdout + apply.stderr + apply.stdout).not.toContain(token);
    }
  });

  it('Constant Contact: masks x-api-key, the partner token and the Basic pair of the token request', async () => {
    h = await startProviderHarness(constantContactFixture, {
      seed: [
        {
          encoded_account_id: 'acme00gold01',
          plan_type: 'GOLD',
          billing_status: 'Open',
          billing_day_of_month: 1,
          subscriber_count: 10,
        },
      ],
      plans: plansFileYaml('cc', { acme: { encoded_account_id: 'acme00gold01', plan_type: 'SILVER' } }),
    });

    const result = await h.cli(['--verbose', 'apply', '--auto-approve']);

    expect(result.code, result.stderr).toBe(0);
    const lines = httpLines(result.stderr, 'cc');
    expect(lines[0]).toContain(
      '→ POST /partner-token?grant_type=client_credentials&scope=v3api%2Fgeneral.partner (attempt 1) headers {accept: application/json, user-agent: plansync, authorization: Basic ***',
    );
    expect(lines[1]).toMatch(
      /← 200 POST \/partner-token\?\S+ \(attempt 1\) in \d+ ms body \{"access_token":"\*\*\*"/,
    );
    expect(lines.filter((line) => line.includes('→ PUT'))).toEqual([
      expect.stringContaining(
        'x-api-key: ***, authorization: Bearer ***, content-type: application/json} body {"plan_type":"SILVER"}',
      ),
    ]);
    const [token] = tokens.values();
    expect(token).toBeDefined();
    expect(result.stderr + result.stdout).not.toContain(token);
  });

  it('J.P. Morgan MPS: masks x-api-key, shows the create body and a retried read attempt by attempt', async () => {
    h = await startProviderHarness(jpmFixture, {
      plans: plansFileYaml('jpm', { premium: jpmSpec('Premium') }),
    });
    h.emulator.faults.inject({
      method: 'GET',
      path: '/api/v1/plans',
      fault: { kind: 'status', status: 503 },
    });

    const result = await h.cli(['--verbose', 'apply', '--auto-approve']);

    expect(result.code, result.stderr).toBe(0);
    const lines = httpLines(result.stderr, 'jpm');
    expect(lines[0]).toMatch(/→ GET \/api\/v1\/plans\?\S+ \(attempt 1\) headers \{.*x-api-key: \*\*\*/);
    expect(lines[1]).toMatch(/← 503 GET \/api\/v1\/plans\?\S+ \(attempt 1\) in \d+ ms body /);
    expect(lines[2]).toMatch(/→ GET \/api\/v1\/plans\?\S+ \(attempt 2\)/);
    expect(lines[3]).toMatch(/← 200 GET \/api\/v1\/plans\?\S+ \(attempt 2\) in \d+ ms$/);
    expect(lines[4]).toContain('→ POST /api/v1/plans (attempt 1)');
    expect(lines[4]).toContain('body {"name":"Premium"');
  });

  it('prints no HTTP lines without the option', async () => {
    h = await startProviderHarness(jpmFixture, {
      plans: plansFileYaml('jpm', { premium: jpmSpec('Premium') }),
    });

    const result = await h.cli(['plan']);

    expect(result.code, result.stderr).toBe(0);
    expect(httpLines(result.stderr, 'jpm')).toEqual([]);
  });

  it('masks a rejected credential exchange too', async () => {
    h = await startProviderHarness(paypalFixture, {
      plans: plansFileYaml('pp', { pro: paypalPlanSpec('Pro') }),
    });
    const env = { ...h.env, PP_CLIENT_SECRET: 'it-wrong-paypal-secret-8d' };

    const result = await h.cli(['--verbose', 'plan'], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('check PP_CLIENT_ID, PP_CLIENT_SECRET');
    expect(result.stderr).toMatch(
      /← 401 POST \/v1\/oauth2\/token \(attempt 1\) in \d+ ms body \{"error":"invalid_client"/,
    );
    expect(result.stderr).not.toContain('it-wrong-paypal-secret-8d');
  });
});
