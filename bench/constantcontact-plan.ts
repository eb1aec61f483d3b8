// Benchmark: `plansync plan` over N declared Constant Contact accounts against the partner emulator
// at the standard quota (4 requests/s, 10,000/day). Reports wall time against N ÷ 4 seconds, the
// requests sent (expected: N plan reads + 1 token), and any 429. Rerun: npm run bench:cc [-- N]

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/cli/run.js';
import { baseUrlEnvName } from '../src/engine/session.js';
import { generateAccounts, startConstantContactEmulator } from '../src/sandbox/constantcontact/index.js';

const count = Number(process.argv[2] ?? 2000);
const credentials = {
  apiKey: 'bench-api-key',
  clientId: 'bench-partner',
  clientSecret: 'bench-partner-secret',
};
const accounts = generateAccounts(count, { seed: 42 });
const emulator = await startConstantContactEmulator({
  credentials,
  accounts,
  requestsPerSecond: 4,
  requestsPerDay: 10_000,
});
const dir = await mkdtemp(join(tmpdir(), 'plansync-bench-'));
await mkdir(join(dir, 'plans'));
await writeFile(
  join(dir, 'plansync.yaml'),
  [
    'version: 1',
    'connections:',
    '  cc:',
    '    provider: constantcontact',
    '    credentials: { api_key: CC_API_KEY, client_id: CC_CLIENT_ID, client_secret: CC_CLIENT_SECRET }',
    '    options: { plan_types: [TRIAL, BRONZE, SILVER, GOLD] }',
    '    limits: { requests_per_second: 4, concurrency: 4 }',
  ].join('\n'),
);
const plans = accounts.map(
  (a) =>
    `  a${a.encoded_account_id}:\n    encoded_account_id: ${a.encoded_account_id}\n    plan_type: ${a.plan_type ?? 'TRIAL'}`,
);
await writeFile(join(dir, 'plans', 'cc.yaml'), `connection: cc\nplans:\n${plans.join('\n')}\n`);

const env = {
  PATH: process.env.PATH,
  CC_API_KEY: credentials.apiKey,
  CC_CLIENT_ID: credentials.clientId,
  CC_CLIENT_SECRET: credentials.clientSecret,
  [baseUrlEnvName('cc')]: emulator.baseUrl,
};
let stderr = '';
const started = performance.now();
const code = await run(['plan', '--format', 'json'], {
  stdout: () => {},
  stderr: (text) => (stderr += text),
  env,
  cwd: dir,
  isTTY: false,
  confirm: async () => false,
});
const seconds = (performance.now() - started) / 1000;
const apiRequests = emulator.log.filter((e) => e.path.startsWith('/v3/')).length;
const tokenRequests = emulator.log.filter((e) => e.path === '/partner-token').length;
const throttled = emulator.log.filter((e) => e.status === 429).length;
const ideal = count / 4;

console.log(`accounts declared      ${count}`);
console.log(`exit code              ${code}`);
console.log(
  `wall time              ${seconds.toFixed(1)} s (ideal ${ideal} s; ${(((seconds - ideal) / ideal) * 100).toFixed(1)}% over)`,
);
console.log(`plan reads (GET /v3)   ${apiRequests}`);
console.log(`token requests         ${tokenRequests}`);
console.log(`429 answers            ${throttled}`);
console.log(`stated up front        ${stderr.split('\n').find((l) => l.startsWith('Reading')) ?? '(none)'}`);
await emulator.close();
await rm(dir, { recursive: true, force: true });
process.exitCode = code === 1 || throttled > 0 || apiRequests !== count ? 1 : 0;
