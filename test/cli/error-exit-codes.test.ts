// The CLI maps every error to its exit code through PlansyncError.exitCode alone, prints the text the
// error gives, and reports anything else as a bug ("internal error"), with a stack only on request.
// The command is replaced by one that throws, so each case is exactly one error reaching the CLI.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BlockedPlanError,
  ConfigError,
  ExitCode,
  InternalError,
  PlansyncError,
  ProviderError,
  StalePlanError,
  UserError,
} from '../../src/errors.js';
import { runCli } from '../support/run-cli.js';

const thrown = vi.hoisted(() => ({ error: undefined as unknown }));

vi.mock('../../src/cli/commands/validate.js', () => ({
  validateCommand: () => Promise.reject(thrown.error),
}));

const validate = (env: NodeJS.ProcessEnv = {}) => runCli(['validate'], { env, cwd: '/nonexistent' });

beforeEach(() => {
  thrown.error = undefined;
});

describe('exit codes come from the error', () => {
  it.each([
    { error: new UserError('--target x: no plan with that key'), code: ExitCode.error },
    {
      error: new ProviderError('bluesnap: GET /recurring/plans failed: HTTP 400', {
        provider: 'bluesnap',
        connection: 'bs',
        endpoint: 'GET /recurring/plans',
      }),
      code: ExitCode.error,
    },
    { error: new StalePlanError('The plan is stale.', ['plan 1 changed']), code: ExitCode.stale },
    { error: new BlockedPlanError('The plan is blocked.'), code: ExitCode.blocked },
    { error: new InternalError('a broken invariant'), code: ExitCode.error },
  ])('$error.name exits $code', async ({ error, code }) => {
    thrown.error = error;

    const result = await validate();

    expect(result.code).toBe(code);
    expect(result.code).toBe(error.exitCode);
    expect(result.stderr).toBe(`${error.display()}\n`);
  });

  it('prints a user error as "Error:" and its message, without a stack', async () => {
    thrown.error = new UserError('cannot read plan file plan.json: ENOENT');

    const result = await validate({ PLANSYNC_DEBUG: '1' });

    expect(result.stderr).toBe('Error: cannot read plan file plan.json: ENOENT\n');
  });

  it('prints a configuration error with the count of problems and each one located', async () => {
    thrown.error = new ConfigError([
      { location: { file: 'plansync.yaml', line: 3, column: 5 }, path: 'connections.bs', message: 'bad' },
    ]);

    const result = await validate();

    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toBe(
      'Error: invalid configuration (1 problem):\nplansync.yaml:3:5: connections.bs: bad\n',
    );
  });

  it('prints a provider error naming the connection it came from', () => {
    const error = new ProviderError('paypal: GET /v1/billing/plans failed: HTTP 500', {
      provider: 'paypal',
      connection: 'paypal-live',
      endpoint: 'GET /v1/billing/plans',
    });

    expect(error.message).toBe('paypal: GET /v1/billing/plans failed: HTTP 500 (connection paypal-live)');
    expect(error).toBeInstanceOf(PlansyncError);
  });
});

describe('anything else is a bug', () => {
  it('reports an unexpected Error as an internal error, exit 1, without a stack', async () => {
    thrown.error = new TypeError("Cannot read properties of undefined (reading 'id')");

    const result = await validate();

    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toBe(
      "plansync: internal error: Cannot read properties of undefined (reading 'id')\n" +
        'This is a bug in plansync; please report it with the command you ran.\n',
    );
  });

  it('reports a thrown non-Error value as an internal error', async () => {
    thrown.error = 'just a string';

    const result = await validate();

    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toContain('plansync: internal error: just a string\n');
  });

  it("prints the bug's own stack when PLANSYNC_DEBUG is set", async () => {
    thrown.error = new RangeError('out of range');

    const result = await validate({ PLANSYNC_DEBUG: '1' });

    expect(result.stderr).toContain('plansync: internal error: out of range\n');
    expect(result.stderr).toMatch(/^RangeError: out of range\n\s+at /m);
  });
});
