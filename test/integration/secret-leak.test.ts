// The secret-leak test: one project with a connection at each of the four providers, known fake
// secrets in the environment, and a broad run of CLI invocations over it: every command and format,
// saved plans, --verbose, and failures (wrong credentials, missing variables, provider 500s, a non-TLS
// base URL, tampered and stale plans, a held lock). Every byte written to stdout or stderr, and every
// file under the project directory afterwards, is then searched for every secret: the credential
// values, the base64 of each Basic pair, and each access token the emulators handed out.

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import type { FaultRule } from '../../src/sandbox/kit/index.js';
import { baseUrlEnvName } from '../../src/engine/session.js';
import type { SeedAccount } from '../../src/sandbox/constantcontact/index.js';
import type { JpmMpsPlanInput } from '../../src/sandbox/jpmmps/index.js';
import type { PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import { blueSnapSeedPlan, bluesnapFixture } from '../providers/bluesnap/fixture.js';
import { constantContactFixture } from '../providers/constantcontact/fixture.js';
import { jpmFixture, jpmPlanId, jpmSpec } from '../providers/jpmmps/fixture.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import { captureIssuedTokens, type IssuedTokens } from '../support/issued-tokens.js';
import {
  fixtureProjectYaml,
  plansFileYaml,
  type FixtureEmulator,
  type ProviderFixture,
} from '../support/provider-harness.js';
import { gold } from '../support/harness.js';

const FIXTURES = [bluesnapFixture, paypalFixture, constantContactFixture, jpmFixture] as Array<
  ProviderFixture<FixtureEmulator, unknown>
>;

/** Wrong values for one credential per provider (and a second for Constant Contact): secrets too. */
const WRONG: Record<string, { env: string; value: string; pair?: [string, string] }[]> = {
  bs: [
    {
      env: 'BS_PASS',
      value: 'it-wrong-bs-pass-K2v9Tq',
      pair: [bluesnapFixture.credentials.username!.value, 'it-wrong-bs-pass-K2v9Tq'],
    },
  ],
  pp: [
    {
      env: 'PP_CLIENT_SECRET',
      value: 'it-wrong-pp-secret-J4n6Xw',
      pair: [paypalFixture.credentials.client_id!.value, 'it-wrong-pp-secret-J4n6Xw'],
    },
  ],
  cc: [
    {
      env: 'CC_CLIENT_SECRET',
      value: 'it-wrong-cc-secret-M8b3Rz',
      pair: [constantContactFixture.credentials.client_id!.value, 'it-wrong-cc-secret-M8b3Rz'],
    },
    { env: 'CC_API_KEY', value: 'it-wrong-cc-api-key-P5c7Ly' },
  ],
  jpm: [{ env: 'JPM_KEY', value: 'it-wrong-jpm-key-W1d4Hs' }],
};

const PP_ID = 'P-PLANSYNCLEAK00000000001';
const silver = { ...gold, name: 'Silver', recurringChargeAmount: 9 };
const account: SeedAccount = {
  encoded_account_id: 'acme00gold01',
  plan_type: 'GOLD',
  billing_status: 'Open',
  billing_day_of_month: 1,
  subscriber_count: 40,
};

/** Plans files for round `n`: each round changes something at every provider. */
function plansFiles(n: number): Record<string, string> {
  return {
    'plans/bluesnap.yaml': plansFileYaml('bs', {
      gold: { ...gold, gracePeriodDays: 5 + n },
      silver,
    }),
    'plans/paypal.yaml': plansFileYaml('pp', {
      pro: { id: PP_ID, ...paypalPlanSpec(`Pro ${2026 + n}`) },
      team: paypalPlanSpec('Team', '29.00'),
    }),
    'plans/constantcontact.yaml': plansFileYaml('cc', {
      acme: { encoded_account_id: account.encoded_account_id, plan_type: n % 2 === 0 ? 'SILVER' : 'BRONZE' },
    }),
    'plans/jpmmps.yaml': plansFileYaml('jpm', {
      premium: { ...jpmSpec('Premium'), description: `Premium plan, round ${n}` },
      basic: jpmSpec('Basic', { recurrentAmount: 4.99 }),
    }),
  };
}

interface Invocation {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
}

let root: string;
let dir: string;
let env: NodeJS.ProcessEnv;
let tokens: IssuedTokens;
const emulators: Record<string, FixtureEmulator> = {};
const invocations: Invocation[] = [];

/** Runs the CLI in-process; `expected` is the exit code the scenario must produce. */
async function cli(
  args: string[],
  expected: number,
  options: { env?: NodeJS.ProcessEnv; cwd?: string; expectText?: string } = {},
): Promise<Invocation> {
  const { code, stdout, stderr } = await runCli(args, {
    env: options.env ?? env,
    cwd: options.cwd ?? dir,
    run: { backoff: { baseMs: 1, maxMs: 5 }, sandboxUntil: Promise.resolve() },
  });
  const invocation = { args, code, stdout, stderr };
  invocations.push(invocation);
  expect(code, `plansync ${args.join(' ')}\n${stdout}${stderr}`).toBe(expected);
  if (options.expectText) expect(stdout + stderr).toContain(options.expectText);
  return invocation;
}

async function writeFiles(files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
}

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const basic = (user: string, pass: string) => Buffer.from(`${user}:${pass}`).toString('base64');

beforeAll(async () => {
  tokens = captureIssuedTokens();
  root = await mkdtemp(join(tmpdir(), 'plansync-leak-'));
  dir = join(root, 'project');
  await mkdir(join(dir, 'plans'), { recursive: true });
  emulators.bs = await bluesnapFixture.start([blueSnapSeedPlan(100, gold)]);
  emulators.pp = await paypalFixture.start([
    { ...paypalPlanSpec('Pro'), id: PP_ID, status: 'ACTIVE' } as PayPalPlanInput,
  ]);
  emulators.cc = await constantContactFixture.start([account]);
  emulators.jpm = await jpmFixture.start([
    { ...jpmSpec('Premium'), id: jpmPlanId(1), prepaid: true } as JpmMpsPlanInput,
  ]);
  const connections = FIXTURES.map((fixture) => fixtureProjectYaml(fixture).split('\n').slice(2).join('\n'));
  await writeFiles({
    'plansync.yaml': `version: 1\nconnections:\n${connections.join('\n')}\n`,
    ...plansFiles(0),
  });
  env = { PATH: process.env.PATH };
  for (const fixture of FIXTURES) {
    env[baseUrlEnvName(fixture.connection)] = emulators[fixture.connection]!.baseUrl;
    for (const { env: name, value } of Object.values(fixture.credentials)) env[name] = value;
  }
});

afterAll(async () => {
  tokens.restore();
  await Promise.all(Object.values(emulators).map((emulator) => emulator.close()));
  await rm(root, { recursive: true, force: true });
});

describe('secret leak: the whole CLI over all four providers', () => {
  it('runs every command and format against healthy providers', async () => {
    await cli(['validate'], 0);
    await cli(['plan'], 0);
    await cli(['plan', '--format', 'json'], 0);
    await cli(['plan', '--format', 'markdown'], 0);
    await cli(['--verbose', 'plan', '--detailed-exitcode'], 2);
    await cli(['plan', '--out', 'plan.json'], 0);
    await cli(['plan', '--out', 'plan-md.json', '--format', 'markdown', '--verbose'], 0);
    await cli(['show', 'plan.json'], 0);
    await cli(['show', 'plan.json', '--format', 'json'], 0);
    await cli(['show', 'plan-md.json', '--format', 'markdown'], 0);
    await cli(['plan', '--target', 'bs/gold', '--target', 'jpm/basic'], 0);
    await cli(['-C', 'project', 'plan', '--format', 'json'], 0, { cwd: root });
    await cli(['--verbose', 'apply', 'plan.json'], 0);
    await cli(['plan', '--detailed-exitcode'], 0);
    // The plan saved before the apply no longer matches the live state.
    await cli(['apply', 'plan-md.json'], 4);

    await writeFiles(plansFiles(1));
    await cli(['apply'], 1, { expectText: '--auto-approve' });
    await cli(['apply', '--auto-approve', '--verbose'], 0);
    await writeFiles(plansFiles(2));
    await cli(['apply', '--auto-approve', '--target', 'pp/pro', '--target', 'cc/acme'], 0);
    await cli(['apply', '--auto-approve'], 0);
    await cli(['sandbox'], 0);
    await cli(['--help'], 0);
    await cli(['apply', '--help'], 0);
  });

  it('fails cleanly with wrong credentials at each provider, verbose or not', async () => {
    for (const [connection, wrongs] of Object.entries(WRONG)) {
      for (const wrong of wrongs) {
        const wrongEnv = { ...env, [wrong.env]: wrong.value };
        const plain = await cli(['plan', '--target', `${connection}/${firstKey(connection)}`], 1, {
          env: wrongEnv,
        });
        expect(plain.stderr).toMatch(/HTTP 40[13]/);
        expect(plain.stderr).toContain(wrong.env);
        await cli(['--verbose', 'apply', '--auto-approve'], 1, { env: wrongEnv });
      }
    }
  });

  it('fails cleanly when a credential variable is missing', async () => {
    for (const fixture of FIXTURES) {
      const [slot] = Object.values(fixture.credentials);
      const { [slot!.env]: _, ...partial } = env;

      await cli(['plan'], 1, { env: partial, expectText: slot!.env });
    }
  });

  it('fails cleanly when each provider answers 500, and when a write keeps failing', async () => {
    const reads: Record<string, FaultRule> = {
      bs: {
        method: 'GET',
        path: /recurring\/plans/,
        times: Infinity,
        fault: { kind: 'status', status: 500 },
      },
      pp: { method: 'GET', path: /billing\/plans/, times: Infinity, fault: { kind: 'status', status: 500 } },
      cc: { method: 'GET', path: /accounts/, times: Infinity, fault: { kind: 'status', status: 500 } },
      jpm: { method: 'GET', path: /api\/v1\/plans/, times: Infinity, fault: { kind: 'status', status: 500 } },
    };
    for (const [connection, rule] of Object.entries(reads)) {
      const emulator = emulators[connection]!;
      emulator.faults.inject(rule);
      await cli(['plan'], 1, { expectText: '500' });
      await cli(['--verbose', 'plan', '--out', 'failed.json'], 1, {
        env: { ...env, PLANSYNC_DEBUG: '1' },
      });
      emulator.faults.clear();
    }

    await writeFiles(plansFiles(3));
    emulators.jpm!.faults.inject({
      method: 'PATCH',
      times: Infinity,
      fault: { kind: 'status', status: 500 },
    });
    await cli(['--verbose', 'apply', '--auto-approve', '--continue-on-error'], 1);
    emulators.jpm!.faults.clear();
    emulators.pp!.faults.inject({ method: 'GET', path: /billing\/plans/, fault: { kind: 'reset-before' } });
    await cli(['--verbose', 'apply', '--auto-approve'], 0);
  });

  it('refuses a non-TLS base URL, from the environment or the project file', async () => {
    await cli(['--verbose', 'plan'], 1, {
      env: { ...env, PLANSYNC_BASE_URL_PP: 'http://api-m.sandbox.paypal.com' },
      expectText: 'would send credentials unencrypted',
    });
    const project = await readFile(join(dir, 'plansync.yaml'), 'utf8');
    await writeFile(
      join(dir, 'insecure.yaml'),
      project.replace(
        '    provider: jpmmps\n',
        '    provider: jpmmps\n    base_url: http://mps.example.com/api\n',
      ),
    );
    await cli(['validate', '--project', 'insecure.yaml'], 1, { expectText: 'insecure.yaml:' });
    await cli(['plan', '--project', 'insecure.yaml', '--verbose'], 1, { expectText: 'unencrypted' });
  });

  it('refuses tampered, truncated and foreign saved plans, and a held lock', async () => {
    await writeFiles(plansFiles(4));
    await cli(['plan', '--out', 'fresh.json'], 0);
    const text = await readFile(join(dir, 'fresh.json'), 'utf8');
    await writeFile(join(dir, 'tampered.json'), text.replace('Pro 2030', 'Pro 2099'));
    await writeFile(join(dir, 'truncated.json'), text.slice(0, Math.floor(text.length / 2)));
    await writeFile(join(dir, 'foreign.json'), '{"hello": "world"}\n');

    await cli(['apply', 'tampered.json'], 1, { expectText: 'checksum mismatch' });
    await cli(['--verbose', 'apply', 'tampered.json'], 1, { expectText: 'checksum mismatch' });
    await cli(['show', 'tampered.json'], 1, { expectText: 'checksum mismatch' });
    await cli(['apply', 'truncated.json'], 1, { expectText: 'not a plansync plan file' });
    await cli(['apply', 'foreign.json'], 1, { expectText: 'not a plansync plan file' });
    await cli(['apply', 'missing.json'], 1, { expectText: 'cannot read plan file' });

    const lock = join(dir, '.plansync', 'apply.lock');
    await writeFile(lock, `${JSON.stringify({ pid: process.pid, host: hostname(), since: 'now' })}\n`);
    await cli(['apply', 'fresh.json'], 1, { expectText: 'another apply is running' });
    await rm(lock);
    await cli(['apply', 'fresh.json', '--verbose'], 0);
    await cli(['plan', '--target', 'nope'], 1, { expectText: 'no plan with that key' });
  });

  it('finds no secret, Basic pair or issued token in any output or written file', async () => {
    const issued = tokens.values();
    // Named, so a failure says which secret leaked without printing any part of it.
    const secrets = [
      ...FIXTURES.flatMap((fixture) =>
        fixture.secrets.map((value, i) => ({ name: `${fixture.connection} secret #${i + 1}`, value })),
      ),
      ...Object.values(WRONG).flatMap((wrongs) =>
        wrongs.flatMap((wrong) => [
          { name: `wrong ${wrong.env}`, value: wrong.value },
          ...(wrong.pair
            ? [{ name: `Basic pair with wrong ${wrong.env}`, value: basic(...wrong.pair) }]
            : []),
        ]),
      ),
      ...issued.map((value, i) => ({ name: `issued token #${i + 1}`, value })),
    ];
    const files = await filesUnder(dir);
    const texts = [
      ...invocations.flatMap((invocation) => [
        { where: `stdout of plansync ${invocation.args.join(' ')}`, text: invocation.stdout },
        { where: `stderr of plansync ${invocation.args.join(' ')}`, text: invocation.stderr },
      ]),
      ...(await Promise.all(
        files.map(async (file) => ({ where: relative(dir, file), text: await readFile(file, 'utf8') })),
      )),
    ];

    const leaks = texts.flatMap(({ where, text }) => [
      ...secrets.filter((secret) => text.includes(secret.value)).map((secret) => `${where}: ${secret.name}`),
      // The shapes of the two providers' tokens, in case one was issued outside the spy.
      ...(/A21AA[\w-]{20,}|eyJ[\w-]{10,}\.eyJ[\w-]{10,}\./.test(text)
        ? [`${where}: a token-shaped string`]
        : []),
    ]);
    const stacks = invocations.filter((invocation) => /\n\s+at .+:\d+:\d+/.test(invocation.stderr));
    console.log(
      `secret-leak: ${invocations.length} CLI invocations, ${texts.length - files.length} captured outputs and ${files.length} written files searched for ${secrets.length} secrets (${issued.length} issued tokens); ${leaks.length} leaks`,
    );

    expect(leaks).toEqual([]);
    expect(stacks.map((invocation) => invocation.args.join(' '))).toEqual([]);
    // The run must have exercised what it claims: tokens at both OAuth providers, verbose output.
    expect(issued.some((token) => token.startsWith('A21AA'))).toBe(true);
    expect(issued.some((token) => token.startsWith('eyJ'))).toBe(true);
    expect(
      invocations.filter((invocation) => invocation.stderr.includes('http pp: →')).length,
    ).toBeGreaterThan(3);
    expect(files.map((file) => relative(dir, file))).toEqual(
      expect.arrayContaining(['plan.json', 'fresh.json']),
    );
  });
});

function firstKey(connection: string): string {
  return { bs: 'gold', pp: 'pro', cc: 'acme', jpm: 'premium' }[connection] ?? 'gold';
}
