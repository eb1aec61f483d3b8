// The fault matrix: every fault the emulators can inject × every provider, each cell its own test.
// A cell runs `plan` and then `apply --auto-approve` over a mixed project (creates, an in-place
// update, a prune, where the provider has them) with the fault armed, and holds plansync to its
// promises: the right plan, a report line per operation and a summary, exit 0 only when everything
// was done, no duplicate create, no create applied twice, no write reported done that did not land;
// then, without the fault, one more apply converges and a final plan is empty. The table of outcomes
// is printed at the end (and written as JSON to $PLANSYNC_RELIABILITY_OUT when set).

import { writeFile } from 'node:fs/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PlanItem } from '../../src/core/model.js';
import type { FaultRule, RequestLogEntry } from '../../src/sandbox/kit/index.js';
import {
  fixtureProjectYaml,
  plansFileYaml,
  startProviderHarness,
  type CliResult,
  type FixtureEmulator,
  type ProviderHarness,
} from '../support/provider-harness.js';
import {
  FAULT_ROWS,
  MATRIX_MAX_RESPONSE_BYTES,
  mixedProject,
  rulesFor,
  type Action,
  type FaultRow,
  type MatrixCase,
  type MixedProject,
} from './fault-cases.js';
import { PROVIDER_TESTS } from '../providers/registry.js';

const MATRIX_CASES: MatrixCase[] = PROVIDER_TESTS.map((p) => ({ c: p.conformance, ...p.faults }));

type Outcome = 'survived' | 'failed' | 'n/a (static credentials)';

const PROVIDERS = MATRIX_CASES.map((m) => m.c.fixture.provider);
const outcomes = new Map<string, Map<string, Outcome>>(FAULT_ROWS.map((row) => [row.label, new Map()]));
const record = (row: FaultRow, provider: string, outcome: Outcome) =>
  outcomes.get(row.label)?.set(provider, outcome);

// Short client timeouts keep hang and stall cells quick; the harness already shortens backoff. A small
// response cap keeps the 1 GiB cells cheap: each oversized answer costs 1 MiB, not the default 32.
const TIMEOUT_MS = 400;

let h: ProviderHarness<FixtureEmulator> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

afterAll(async () => {
  const table = matrixTable();
  console.log(`\nFault matrix (fault × provider):\n\n${table}`);
  const out = process.env.PLANSYNC_RELIABILITY_OUT;
  if (out) {
    const matrix = FAULT_ROWS.map((row) => ({
      fault: row.label,
      expect: row.expect,
      results: Object.fromEntries(PROVIDERS.map((p) => [p, outcomes.get(row.label)?.get(p) ?? 'not run'])),
    }));
    await writeFile(out, `${JSON.stringify({ providers: PROVIDERS, matrix }, null, 2)}\n`);
  }
});

describe.each(FAULT_ROWS.map((row) => [row.label, row] as const))('%s', (_label, row) => {
  it.each(MATRIX_CASES.map((m) => [m.c.fixture.provider, m] as const))('%s', async (provider, m) => {
    record(row, provider, 'failed');
    if (row.fault.kind === 'expire-credentials' && m.token === undefined) {
      h = await startProviderHarness(m.c.fixture);

      expect(h.emulator.faults.supports('expire-credentials')).toBe(false);
      record(row, provider, 'n/a (static credentials)');
      return;
    }
    const project = mixedProject(m.c);
    const harness = await startProviderHarness(m.c.fixture, {
      seed: project.seeds,
      plans: plansFileYaml(m.c.fixture.connection, project.plans),
      project: fixtureProjectYaml(m.c.fixture, m.connectionYaml.join('\n')).replace(
        'timeout_ms: 2000',
        `timeout_ms: ${TIMEOUT_MS}\n      max_response_bytes: ${MATRIX_MAX_RESPONSE_BYTES}`,
      ),
    });
    h = harness;
    const arm = () => {
      harness.emulator.faults.clear();
      for (const rule of rulesFor(row, m, project)) harness.emulator.faults.inject(rule);
    };

    arm();
    const plan = await harness.cli(['plan', '--format', 'json', '--detailed-exitcode']);
    arm();
    harness.emulator.clearLog();
    const apply = await harness.cli(['apply', '--auto-approve']);
    const applyLog = [...harness.emulator.log];
    const writes = [...harness.emulator.writes()];
    harness.emulator.faults.clear();
    const afterFault = await harness.cli(['plan', '--format', 'json']);
    const converge = await harness.cli(['apply', '--auto-approve']);
    const final = await harness.cli(['plan', '--detailed-exitcode']);

    checkPlanUnderFault(row, project, plan);
    const report = checkReport(row, project, apply, writes, provider);
    checkFaultsMet(row, rulesFor(row, m, project), applyLog);
    checkSentOnce(row, applyLog);
    checkNoDuplicates(m, project, writes);
    checkNoLostWrite(report, afterFault);
    expect(converge.code, `fault-free apply\n${converge.stdout}${converge.stderr}`).toBe(0);
    expect(final.code, `final plan\n${final.stdout}${final.stderr}`).toBe(0);
    for (const name of project.created) expect(m.c.count(harness.emulator, name), name).toBe(1);
    record(row, provider, 'survived');
  });
});

/**
 * The fault really met the run: each armed rule hit at least one request of the apply (a rule on
 * writes may go unmet when apply stopped before that kind of write, but one write rule must hit).
 */
function checkFaultsMet(row: FaultRow, rules: FaultRule[], log: RequestLogEntry[]): void {
  const met = (rule: FaultRule) =>
    log.some(
      (entry) =>
        entry.fault === rule.fault.kind &&
        (rule.method === undefined || rule.method === entry.method) &&
        (rule.path === undefined ||
          (typeof rule.path === 'string' ? rule.path === entry.path : rule.path.test(entry.path))),
    );
  const unmet = rules.filter((rule) => !met(rule)).map((r) => `${r.method ?? '*'} ${String(r.path ?? '*')}`);
  if (row.expect === 'finishes') expect(unmet, 'armed rules no request met').toEqual([]);
  else expect(unmet.length, `armed rules no request met: ${unmet.join(', ')}`).toBeLessThan(rules.length);
}

/**
 * A fault that must not make plansync send anything again met each request once; a huge body was
 * dropped near the cap, never read whole.
 */
function checkSentOnce(row: FaultRow, log: RequestLogEntry[]): void {
  const met = log.filter((entry) => entry.fault === row.fault.kind);
  for (const entry of met) {
    if (entry.sentBytes !== undefined)
      expect(entry.sentBytes, `bytes sent to ${entry.method} ${entry.path}`).toBeLessThan(64 * 1024 * 1024);
  }
  if (!row.sentOnce) return;
  // A request is its method, path and query: two listings of one path (Stripe's active and archived
  // prices, read side by side) are two requests, each met once.
  const sent = met.map(
    (entry) => `${entry.method} ${entry.path}?${new URLSearchParams(entry.query).toString()}`,
  );
  expect(sent, 'requests the fault met more than once').toEqual([...new Set(sent)]);
}

/** Under the fault, plan shows exactly the mixed project's changes, or fails to read at all. */
function checkPlanUnderFault(row: FaultRow, project: MixedProject, plan: CliResult): void {
  if (row.expect === 'unreadable') {
    expect(plan.code, plan.stdout + plan.stderr).toBe(1);
    return;
  }
  expect(plan.code, plan.stdout + plan.stderr).toBe(2);
  expect(changes(plan)).toEqual(new Map(Object.entries(project.operations)));
}

interface ReportLine {
  status: 'done' | 'failed' | 'skipped';
  action: string;
}

/** One report line per operation, a summary that adds up, and an exit code that matches them. */
function checkReport(
  row: FaultRow,
  project: MixedProject,
  apply: CliResult,
  writes: RequestLogEntry[],
  provider: string,
): Map<string, ReportLine> {
  const output = `apply under the fault\n${apply.stdout}${apply.stderr}`;
  const lines = [...apply.stdout.matchAll(/^(done|failed|skipped)\s+([^/\s]+)\/(\S+) \((\w+)\)$/gm)];
  const report = new Map(lines.map(([, status, , key, action]) => [key!, { status, action } as ReportLine]));
  if (row.expect === 'unreadable') {
    expect(apply.code, output).toBe(1);
    expect(lines, output).toEqual([]);
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([]);
    expect(apply.stderr).toContain(`${provider}: GET `);
    return report;
  }
  expect(lines.length, output).toBe(report.size);
  expect(new Map([...report].map(([key, line]) => [key, line.action])), output).toEqual(
    new Map(Object.entries(project.operations)),
  );
  const count = (status: ReportLine['status']) =>
    [...report.values()].filter((l) => l.status === status).length;
  expect(apply.stdout, output).toContain(
    `Apply: ${count('done')} done, ${count('failed')} failed, ${count('skipped')} skipped.`,
  );
  // A failed operation says why; a skipped one says why it did not start.
  for (const [key, line] of report) {
    const block = operationBlock(apply.stdout, key);
    if (line.status === 'failed') expect(block, output).toMatch(/^\s+error: \S/m);
    if (line.status === 'skipped') expect(block, output).toMatch(/^\s+not started: /m);
  }
  const finished = count('done') === report.size;
  expect(apply.code, output).toBe(finished ? 0 : 1);
  expect(finished, output).toBe(row.expect === 'finishes');
  return report;
}

/** The report line of one operation and the indented lines under it. */
function operationBlock(stdout: string, key: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex(
    (line) => line.includes(`/${key} (`) && /^(done|failed|skipped)\s/.test(line),
  );
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => !line.startsWith('         '));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

/**
 * Never two plans of one name, and never a create applied twice: every create that reached the
 * provider and succeeded for one plan (one object of it, where an entry is several) answered the same
 * id (a replay, not a second plan).
 */
function checkNoDuplicates(m: MatrixCase, project: MixedProject, writes: RequestLogEntry[]): void {
  for (const name of project.created)
    expect(m.c.count(h!.emulator, name), `plans named ${name}`).toBeLessThanOrEqual(1);
  const createdKey =
    m.createdKey ?? ((body: unknown) => (body as { name?: unknown } | undefined)?.name as string | undefined);
  const answered = new Map<string | undefined, Array<string | undefined>>();
  for (const w of writes) {
    if (w.method !== m.c.create.method || !m.c.create.path.test(w.path)) continue;
    if (w.status === null || w.status >= 300) continue;
    const key = createdKey(w.body);
    answered.set(key, [...(answered.get(key) ?? []), m.createdId(w.response?.body)]);
  }
  for (const [key, ids] of answered)
    expect(new Set(ids).size, `ids answered to creates of ${key}: ${ids.join(', ')}`).toBeLessThanOrEqual(1);
}

/** Whatever the report calls done really landed: a fresh plan no longer wants to change it. */
function checkNoLostWrite(report: Map<string, ReportLine>, afterFault: CliResult): void {
  expect(afterFault.code, afterFault.stdout + afterFault.stderr).toBe(0);
  const pending = changes(afterFault);
  for (const [key, line] of report) {
    if (line.status === 'done')
      expect(pending.get(key), `${key} reported done but still planned`).toBeUndefined();
  }
}

/** key → action of every item of a `plan --format json` output that is not a no-op. */
function changes(result: CliResult): Map<string, Action> {
  const document = JSON.parse(result.stdout) as { plan: { connections: Array<{ items: PlanItem[] }> } };
  const items = document.plan.connections.flatMap((connection) => connection.items);
  return new Map(
    items.filter((item) => item.action !== 'no-op').map((item) => [item.key, item.action as Action]),
  );
}

const PROMISE: Record<FaultRow['expect'], string> = {
  finishes: 'all done, exit 0',
  stops: 'report, exit 1',
  unreadable: 'nothing written, exit 1',
};

function matrixTable(): string {
  const header = `| fault | survived means | ${PROVIDERS.join(' | ')} |`;
  const rule = `| --- | --- | ${PROVIDERS.map(() => '---').join(' | ')} |`;
  const rows = FAULT_ROWS.map((row) => {
    const cells = PROVIDERS.map((p) => outcomes.get(row.label)?.get(p) ?? 'not run');
    return `| ${row.label} | ${PROMISE[row.expect]} | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
