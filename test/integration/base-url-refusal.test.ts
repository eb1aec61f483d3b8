// The TLS rule through the real CLI: a plain-http base URL to a host that is not loopback is refused
// with exit 1 and a message naming the connection and where the URL came from, before any request is
// sent and before any credential is read.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jpmFixture, jpmSpec } from '../providers/jpmmps/fixture.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import {
  fixtureProjectYaml,
  plansFileYaml,
  startProviderHarness,
  type FixtureEmulator,
  type ProviderHarness,
} from '../support/provider-harness.js';

let h: ProviderHarness<FixtureEmulator> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('non-TLS base URLs', () => {
  it('refuses a plain-http override to another host, sending nothing', async () => {
    h = await startProviderHarness(paypalFixture, {
      plans: plansFileYaml('pp', { pro: paypalPlanSpec('Pro') }),
    });
    const env = { ...h.env, PLANSYNC_BASE_URL_PP: 'http://api-m.sandbox.paypal.com' };

    const result = await h.cli(['plan'], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Error: connection pp: refusing the base URL from environment variable PLANSYNC_BASE_URL_PP: plain http:// to api-m.sandbox.paypal.com would send credentials unencrypted (use https://; http:// is accepted only for a loopback host: localhost, 127.0.0.0/8 or [::1]). Nothing was sent.\n',
    );
    expect(h.requests()).toEqual([]);
  });

  it('refuses before reading credentials, and before any other connection sends a request', async () => {
    h = await startProviderHarness(jpmFixture, {
      // A second connection on the same emulator, listed first, whose URL is fine.
      project: `${fixtureProjectYaml(jpmFixture)}\n  jpm-b:\n    provider: jpmmps\n    credentials:\n      api_key: JPM_KEY_B\n`,
      plans: plansFileYaml('jpm', { premium: jpmSpec('Premium') }),
    });
    await writeFile(join(h.dir, 'plans', 'b.yaml'), plansFileYaml('jpm-b', { basic: jpmSpec('Basic') }));
    const env = { ...h.env, PLANSYNC_BASE_URL_JPM_B: 'http://10.1.2.3:8080/api' };

    const result = await h.cli(['apply', '--auto-approve'], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'connection jpm-b: refusing the base URL from environment variable PLANSYNC_BASE_URL_JPM_B',
    );
    expect(result.stderr).not.toContain('JPM_KEY_B is not set');
    expect(h.requests()).toEqual([]);
  });

  it('refuses base_url in the project file at its line and column', async () => {
    h = await startProviderHarness(jpmFixture, {
      project: fixtureProjectYaml(jpmFixture, '    base_url: http://mps.example.com/api'),
      plans: plansFileYaml('jpm', { premium: jpmSpec('Premium') }),
    });
    const { PLANSYNC_BASE_URL_JPM: _, ...env } = h.env;

    const validate = await h.cli(['validate'], { env });

    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(
      'plansync.yaml:10:15: connections.jpm.base_url: refusing plain http:// to mps.example.com would send credentials unencrypted',
    );
    expect(h.requests()).toEqual([]);
  });

  it('accepts plain http to loopback by name', async () => {
    h = await startProviderHarness(jpmFixture, {
      plans: plansFileYaml('jpm', { premium: jpmSpec('Premium') }),
    });
    const env = { ...h.env, PLANSYNC_BASE_URL_JPM: h.emulator.baseUrl.replace('127.0.0.1', 'localhost') };

    const result = await h.cli(['plan'], { env });

    expect(result.code, result.stderr).toBe(0);
    expect(h.requests()).toEqual(['GET /api/v1/plans']);
  });
});
