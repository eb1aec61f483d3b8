import { describe, expect, it } from 'vitest';
import { checkCredentials, resolveCredentials } from '../../src/config/credentials.js';
import type { ConnectionConfig } from '../../src/config/types.js';
import { UserError } from '../../src/errors.js';
import { fakeBluesnap } from './helpers.js';

const connection: ConnectionConfig = {
  name: 'bluesnap-sandbox',
  provider: 'bluesnap',
  environment: 'sandbox',
  credentials: { username: 'BS_USER', password: 'BS_PASS' },
  limits: {
    concurrency: 2,
    requestsPerSecond: 5,
    timeoutMs: 30_000,
    maxRetryWaitMs: 30_000,
    maxResponseBytes: 33_554_432,
    retries: 4,
  },
  options: {},
  prune: false,
  safety: { maxChangeShare: 0.3, maxRetireShare: 0.1, maxPriceChangePercent: 50, minExisting: 10 },
  location: { file: 'plansync.yaml', line: 3, column: 3 },
};

function failure(env: NodeJS.ProcessEnv): unknown {
  try {
    resolveCredentials(connection, fakeBluesnap, env);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('resolveCredentials', () => {
  it('reads each slot from the variable the connection names', () => {
    const env = { BS_USER: 'api-user', BS_PASS: 'api-pass' };

    const credentials = resolveCredentials(connection, fakeBluesnap, env);

    expect(credentials).toEqual({ username: 'api-user', password: 'api-pass' });
  });

  it('names the missing variable and the connection', () => {
    const error = failure({ BS_USER: 'api-user' });

    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      'connection `bluesnap-sandbox` (bluesnap) needs environment variable BS_PASS (password), but it is not set or empty',
    );
  });

  it('never puts a credential value in the message', () => {
    const error = failure({ BS_USER: 'very-secret-user-value' });

    expect((error as Error).message).not.toContain('very-secret-user-value');
  });

  it('treats an empty variable as missing and lists every missing one', () => {
    const error = failure({ BS_USER: '' });

    expect((error as Error).message).toBe(
      'connection `bluesnap-sandbox` (bluesnap) needs environment variables BS_USER (username), BS_PASS (password), but they are not set or empty',
    );
  });
});

describe('checkCredentials', () => {
  const second: ConnectionConfig = {
    ...connection,
    name: 'bluesnap-live',
    credentials: { username: 'LIVE_USER', password: 'LIVE_PASS' },
  };
  const both = [
    { config: connection, provider: fakeBluesnap },
    { config: second, provider: fakeBluesnap },
  ];

  it('lists every missing variable of every connection in one error', () => {
    let error: unknown;
    try {
      checkCredentials(both, { BS_USER: 'api-user', LIVE_PASS: '' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toContain('3 credential environment variables are not set or empty');
    expect(message).toContain('connection `bluesnap-sandbox` (bluesnap): BS_PASS (password)');
    expect(message).toContain(
      'connection `bluesnap-live` (bluesnap): LIVE_USER (username), LIVE_PASS (password)',
    );
    expect(message).not.toContain('BS_USER');
  });

  it('passes when every variable is set', () => {
    expect(() =>
      checkCredentials(both, { BS_USER: 'u', BS_PASS: 'p', LIVE_USER: 'u', LIVE_PASS: 'p' }),
    ).not.toThrow();
  });
});
