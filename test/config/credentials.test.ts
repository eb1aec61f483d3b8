import { describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../src/config/credentials.js';
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
