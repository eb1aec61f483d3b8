// The TLS rule for every URL credentials are sent to: https, or plain http to loopback only; checked
// on the effective base URL (environment override, project file, provider default) and, located, in
// the project file itself.

import { afterAll, describe, expect, it } from 'vitest';
import { checkServiceUrl, isLoopbackHost } from '../../src/config/base-url.js';
import type { ConnectionConfig } from '../../src/config/types.js';
import { resolveBaseUrl } from '../../src/engine/session.js';
import { UserError } from '../../src/errors.js';
import type { Provider } from '../../src/providers/types.js';
import {
  constantcontactProjectYaml,
  constantcontactProviders,
  fakeBluesnap,
  loadErrors,
  makeProject,
  PLANS_YAML,
  removeProjects,
} from './helpers.js';

afterAll(removeProjects);

describe('checkServiceUrl', () => {
  it.each([
    'https://api.example.com/v1',
    'https://api.example.com:8443',
    'http://127.0.0.1:4010/services/2',
    'http://127.1.2.3/',
    'http://127.1/',
    'http://localhost:8080/v3',
    'http://LOCALHOST./v3',
    'http://[::1]:9000/api',
    'http://[::ffff:127.0.0.1]/api',
  ])('accepts %s', (url) => {
    expect(checkServiceUrl(url).ok).toBe(true);
  });

  it.each([
    ['http://api.example.com/v1', 'plain http:// to api.example.com would send credentials unencrypted'],
    ['http://10.0.0.5:8080', 'plain http:// to 10.0.0.5:8080 would send credentials unencrypted'],
    ['http://127.0.0.1.example.com/', 'plain http:// to 127.0.0.1.example.com would send'],
    ['http://localhost.example.com/', 'plain http:// to localhost.example.com would send'],
    ['http://[::2]/', 'plain http:// to [::2] would send'],
    ['http://0.0.0.0:80/', 'plain http:// to 0.0.0.0 would send'],
    ['ftp://files.example.com/', '"ftp://files.example.com/" is not an http:// or https:// URL'],
    ['ws://127.0.0.1/', '"ws://127.0.0.1/" is not an http:// or https:// URL'],
    ['api.example.com/v1', '"api.example.com/v1" is not a valid URL'],
    ['', '"" is not a valid URL'],
  ])('refuses %s', (url, reason) => {
    const verdict = checkServiceUrl(url);

    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toContain(reason);
  });

  it('refuses user info in a URL without repeating the password', () => {
    const verdict = checkServiceUrl('https://admin:hunter2-secret@api.example.com/v1');

    expect(verdict).toMatchObject({
      ok: false,
      reason: 'https://api.example.com/v1 carries a user name or password',
    });
    expect(JSON.stringify(verdict)).not.toContain('hunter2');
  });

  it('hides user info in an unparsable URL too', () => {
    const verdict = checkServiceUrl('https://admin:hunter2@exa mple.com');

    expect(JSON.stringify(verdict)).not.toContain('hunter2');
  });

  it('knows loopback names exactly', () => {
    expect(['localhost', '127.0.0.1', '127.255.0.9', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.evil.test', '128.0.0.1', '127.0.0.1.nip.io', '[::]'].some(isLoopbackHost)).toBe(false);
  });
});

describe('resolveBaseUrl', () => {
  const connection = (fields: Partial<ConnectionConfig> = {}): ConnectionConfig =>
    ({ name: 'bs-live', provider: 'bluesnap', environment: 'sandbox', ...fields }) as ConnectionConfig;
  const provider: Provider = {
    ...fakeBluesnap,
    title: 'BlueSnap',
    baseUrls: { sandbox: 'https://sandbox.example.test' },
  };
  const refusal = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      if (error instanceof UserError) return error.message;
      throw error;
    }
    throw new Error('expected a UserError');
  };

  it('takes the environment override first, then base_url, then the provider default', () => {
    const env = { PLANSYNC_BASE_URL_BS_LIVE: 'http://127.0.0.1:4010' };

    expect(resolveBaseUrl(connection({ baseUrl: 'https://a.test' }), provider, env, 'plansync.yaml')).toEqual(
      {
        url: 'http://127.0.0.1:4010',
        source: 'environment variable PLANSYNC_BASE_URL_BS_LIVE',
      },
    );
    expect(resolveBaseUrl(connection({ baseUrl: 'https://a.test' }), provider, {}, 'plansync.yaml')).toEqual({
      url: 'https://a.test',
      source: 'base_url in plansync.yaml',
    });
    expect(resolveBaseUrl(connection(), provider, { PLANSYNC_BASE_URL_BS_LIVE: '' }, 'p.yaml')?.url).toBe(
      'https://sandbox.example.test',
    );
  });

  it('refuses a plain-http override to another host, naming the connection and the variable', () => {
    const env = { PLANSYNC_BASE_URL_BS_LIVE: 'http://bluesnap.example.com/services/2' };

    const message = refusal(() => resolveBaseUrl(connection(), provider, env, 'plansync.yaml'));

    expect(message).toBe(
      'connection bs-live: refusing the base URL from environment variable PLANSYNC_BASE_URL_BS_LIVE: plain http:// to bluesnap.example.com would send credentials unencrypted (use https://; http:// is accepted only for a loopback host: localhost, 127.0.0.0/8 or [::1]). Nothing was sent.',
    );
  });

  it('refuses a bad base_url, naming the project file', () => {
    const message = refusal(() =>
      resolveBaseUrl(connection({ baseUrl: 'gopher://x.test' }), provider, {}, 'ci/plansync.yaml'),
    );

    expect(message).toContain('connection bs-live: refusing the base URL from base_url in ci/plansync.yaml');
    expect(message).toContain('"gopher://x.test" is not an http:// or https:// URL');
  });

  it('refuses an override without a scheme', () => {
    const env = { PLANSYNC_BASE_URL_BS_LIVE: 'localhost:4010' };

    expect(refusal(() => resolveBaseUrl(connection(), provider, env, 'plansync.yaml'))).toContain(
      'environment variable PLANSYNC_BASE_URL_BS_LIVE: "localhost:4010" is not an http:// or https:// URL',
    );
  });
});

describe('base_url and token_url in the project file', () => {
  const bluesnapProject = (baseUrl: string) =>
    makeProject({
      'plansync.yaml': `version: 1
connections:
  bluesnap-sandbox:
    provider: bluesnap
    base_url: ${baseUrl}
    credentials:
      username: BLUESNAP_USERNAME
      password: BLUESNAP_PASSWORD
`,
      'plans/bluesnap.yaml': PLANS_YAML,
    });

  it('refuses plain http to a host that is not loopback, at the value', async () => {
    const root = await bluesnapProject('http://sandbox.bluesnap.com/services/2');

    expect(await loadErrors(root)).toEqual([
      'plansync.yaml:5:15: connections.bluesnap-sandbox.base_url: refusing plain http:// to sandbox.bluesnap.com would send credentials unencrypted (use https://; http:// is accepted only for a loopback host: localhost, 127.0.0.0/8 or [::1])',
    ]);
  });

  it('refuses user info in base_url', async () => {
    const root = await bluesnapProject('https://user:pw-in-url@sandbox.bluesnap.com/services/2');

    const errors = await loadErrors(root);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      'base_url: refusing https://sandbox.bluesnap.com/services/2 carries a user name',
    );
    expect(errors[0]).not.toContain('pw-in-url');
  });

  it('accepts https and loopback http', async () => {
    expect(
      await loadErrors(await bluesnapProject('https://sandbox.bluesnap.com/services/2')).catch(String),
    ).toMatch(/expected a ConfigError/);
    expect(await loadErrors(await bluesnapProject('http://localhost:4010/services/2')).catch(String)).toMatch(
      /expected a ConfigError/,
    );
  });

  it('refuses a plain-http Constant Contact token_url: the partner secret goes there', async () => {
    const root = await makeProject({
      'plansync.yaml': constantcontactProjectYaml(
        '    options:\n      plan_types: [GOLD]\n      token_url: http://auth.example.com/oauth2/token\n',
      ),
      'plans/constantcontact.yaml': 'connection: cc-partner\nplans: {}\n',
    });

    expect(await loadErrors(root, constantcontactProviders)).toEqual([
      'plansync.yaml:11:18: connections.cc-partner.options.token_url: refusing plain http:// to auth.example.com would send credentials unencrypted (use https://; http:// is accepted only for a loopback host: localhost, 127.0.0.0/8 or [::1])',
    ]);
  });
});
