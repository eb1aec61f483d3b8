// Property: no malformed project makes `plansync validate` crash, succeed, or point nowhere. Each run
// builds a valid BlueSnap project (plansync.yaml + one plans file), breaks it in one way, writes it to
// a temporary directory (one per property, rewritten every run) and runs the real CLI in-process.
// Every case must exit 1, print no stack trace and no "internal error", and report the specific
// refusal: an issue at the file and line of the thing it planted (whole-file problems may name the
// file alone) whose message says what is wrong, so a case passes only if the check it aims at works,
// not because something else in the file is also wrong.
//
// Random draws come from the suite's seed (PLANSYNC_TEST_SEED, or its alias PLANSYNC_SEED;
// test/support/seed.ts), printed at the start of every run; a failure replays with the same seed.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { MAX_CONFIG_BYTES } from '../../src/config/read-config-file.js';
import { isCurrency } from '../../src/core/currencies.js';

// ---------------------------------------------------------------------------------------------------
// A tiny YAML model: scalars are raw YAML text, so numbers keep exactly the digits we write.

interface Raw {
  raw: string;
}
type YNode = Raw | YNode[] | { [key: string]: YNode };

const raw = (text: string): Raw => ({ raw: text });
const isRaw = (node: YNode): node is Raw => !Array.isArray(node) && typeof node.raw === 'string';

function emit(node: { [key: string]: YNode }, indent = 0): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const [key, value] of Object.entries(node)) {
    if (isRaw(value)) out += `${pad}${key}: ${value.raw}\n`;
    else if (Array.isArray(value)) {
      out += `${pad}${key}:\n`;
      for (const item of value) out += `${pad}  - ${isRaw(item) ? item.raw : JSON.stringify(item)}\n`;
    } else out += `${pad}${key}:\n${emit(value, indent + 2)}`;
  }
  return out;
}

type Path = string[];

function getAt(root: { [key: string]: YNode }, path: Path): YNode | undefined {
  let node: YNode | undefined = root;
  for (const segment of path) {
    if (node === undefined || isRaw(node) || Array.isArray(node)) return undefined;
    node = node[segment];
  }
  return node;
}

function setAt(root: { [key: string]: YNode }, path: Path, value: YNode): void {
  let node = root;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === undefined || isRaw(next) || Array.isArray(next)) throw new Error(`no mapping at ${segment}`);
    node = next;
  }
  // defineProperty, so a key like `__proto__` becomes an own key rather than a prototype change.
  Object.defineProperty(node, path[path.length - 1] as string, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const MARK = ' #@mark@';

/** Set `path` to `value` and emit; also the 1-based line where that key now stands. */
function emitMarked(
  root: { [key: string]: YNode },
  path: Path,
  value: string,
): { text: string; line: number } {
  setAt(root, path, raw(`${value}${MARK}`));
  const marked = emit(root);
  setAt(root, path, raw(value));
  const line = marked.split('\n').findIndex((text) => text.endsWith(MARK)) + 1;
  if (line === 0) throw new Error('marker not found');
  return { text: emit(root), line };
}

// ---------------------------------------------------------------------------------------------------
// Valid base projects.

const FREQUENCIES = ['DAILY', 'WEEKLY', 'EVERY 2 WEEKS', 'MONTHLY', 'QUARTERLY', 'ANNUALLY', 'ONCE'];

interface Base {
  connection: string;
  plansFile: string;
  project: { [key: string]: YNode };
  plans: { [key: string]: YNode };
  planKeys: string[];
}

const idArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const planKeyArb = fc.stringMatching(/^[a-z][a-z0-9._-]{0,12}$/);
const fileNameArb = fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/).map((name) => `plans/${name}.yaml`);

const usdAmount = fc
  .tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 99 }), fc.boolean())
  .map(([whole, cents, quoted]) => {
    const text = cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`;
    return raw(quoted ? `"${text}"` : text);
  });

const planArb = fc.record(
  {
    planId: fc.integer({ min: 1, max: 99_999_999 }).map((id) => raw(String(id))),
    name: fc.stringMatching(/^[A-Z][A-Za-z0-9 ]{0,20}[a-z0-9]$/).map(raw),
    recurringChargeAmount: usdAmount,
    currency: fc.constant(raw('USD')),
    chargeFrequency: fc.constantFrom(...FREQUENCIES).map(raw),
    trialPeriodDays: fc.integer({ min: 1, max: 365 }).map((n) => raw(String(n))),
    gracePeriodDays: fc.integer({ min: 1, max: 365 }).map((n) => raw(String(n))),
    maxNumberOfCharges: fc.integer({ min: 1, max: 9999 }).map((n) => raw(String(n))),
    initialChargeAmount: usdAmount,
    chargeOnPlanSwitch: fc.boolean().map((b) => raw(String(b))),
    lifecycle: fc.record(
      {
        replace: fc.boolean().map((b) => raw(String(b))),
        prevent_destroy: fc.boolean().map((b) => raw(String(b))),
      },
      { requiredKeys: ['replace'] },
    ),
  },
  { requiredKeys: ['name', 'recurringChargeAmount', 'currency', 'chargeFrequency'] },
);

/**
 * A base fast-check clones before each use: every property plants its breakage in the base, and a
 * value fast-check reuses (shrinking, replay) must not carry the previous run's breakage into the next.
 */
function cloneable(base: Base): Base {
  return Object.defineProperty(base, fc.cloneMethod, { value: () => cloneable(structuredClone(base)) });
}

const baseArb: fc.Arbitrary<Base> = fc
  .record({
    connection: fc.oneof(fc.constant('bluesnap-sandbox'), idArb),
    plansFile: fc.oneof(fc.constant('plans/bluesnap.yaml'), fileNameArb),
    plans: fc.uniqueArray(fc.tuple(planKeyArb, planArb), {
      minLength: 1,
      maxLength: 4,
      selector: ([key]) => key,
    }),
    environment: fc.option(fc.constantFrom('sandbox', 'production')),
    limits: fc.option(
      fc.record({
        concurrency: fc.integer({ min: 1, max: 32 }).map((n) => raw(String(n))),
        requests_per_second: fc.integer({ min: 1, max: 1000 }).map((n) => raw(String(n))),
        retries: fc.integer({ min: 0, max: 10 }).map((n) => raw(String(n))),
        timeout_ms: fc.integer({ min: 100, max: 600_000 }).map((n) => raw(String(n))),
      }),
    ),
    safety: fc.option(
      fc.record({
        max_change_share: fc.constantFrom('0', '0.3', '1').map(raw),
        max_retire_share: fc.constantFrom('0', '0.1', '0.5').map(raw),
      }),
    ),
    prune: fc.option(fc.boolean()),
  })
  .map(({ connection, plansFile, plans, environment, limits, safety, prune }) => {
    const conn: { [key: string]: YNode } = { provider: raw('bluesnap') };
    if (environment !== null) conn.environment = raw(environment);
    conn.credentials = { username: raw('BLUESNAP_USERNAME'), password: raw('BLUESNAP_PASSWORD') };
    if (limits !== null) conn.limits = limits;
    if (safety !== null) conn.safety = safety;
    if (prune !== null) conn.prune = raw(String(prune));
    const planMap: { [key: string]: YNode } = {};
    const pinned = new Set<string>();
    plans.forEach(([key, plan], index) => {
      const fields: { [key: string]: YNode } = { ...plan, name: raw(`${(plan.name as Raw).raw} ${index}`) };
      // Two plans pinned to one live id is an error of its own: a valid base pins each id once.
      const planId = (plan.planId as Raw | undefined)?.raw;
      if (planId !== undefined && pinned.has(planId)) delete fields.planId;
      if (planId !== undefined) pinned.add(planId);
      if ((plan.chargeFrequency as Raw).raw === 'ONCE') {
        delete fields.trialPeriodDays;
        delete fields.maxNumberOfCharges;
      }
      planMap[key] = fields;
    });
    return {
      connection,
      plansFile,
      project: { version: raw('1'), plans: raw('plans'), connections: { [connection]: conn } },
      plans: { connection: raw(connection), plans: planMap },
      planKeys: plans.map(([key]) => key),
    };
  })
  .map(cloneable);

// ---------------------------------------------------------------------------------------------------
// Running the CLI against one reusable directory.

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function workspace(): Promise<(files: Record<string, string | Uint8Array>) => Promise<Outcome>> {
  const root = await mkdtemp(join(tmpdir(), 'plansync-malformed-'));
  roots.push(root);
  return async (files) => {
    await rm(join(root, 'plans'), { recursive: true, force: true });
    await rm(join(root, 'plansync.yaml'), { force: true });
    for (const [name, content] of Object.entries(files)) {
      await mkdir(dirname(join(root, name)), { recursive: true });
      await writeFile(join(root, name), content);
    }
    return runCli(['validate'], { env: {}, cwd: root });
  };
}

const STACK = /\n\s+at .+:\d+:\d+/;
const LOCATED = /plans\/[\w.-]+\.yaml:\d+:\d+|plansync\.yaml:\d+:\d+/;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The checks every malformed case shares. */
function expectRefused(outcome: Outcome, context: string): void {
  const shown = `${context}\n--- exit ${outcome.code}\n--- stdout\n${outcome.stdout}\n--- stderr\n${outcome.stderr}`;
  expect(outcome.code, shown).toBe(1);
  expect(outcome.stderr, shown).not.toMatch(STACK);
  expect(outcome.stderr, shown).not.toMatch(/internal error/i);
}

/** Refused, with an issue located in `file` (at `line` when given). */
function expectLocated(outcome: Outcome, file: string, context: string, line?: number): void {
  expectRefused(outcome, context);
  const at = new RegExp(`(^|\\n)${escape(file)}:${line ?? '\\d+'}:\\d+: `);
  expect(outcome.stderr, `${context}\n--- stderr\n${outcome.stderr}`).toMatch(at);
  expect(outcome.stderr).toMatch(LOCATED);
}

/**
 * Refused, with an issue at `file:line` whose message matches `message`: the refusal the case aims
 * at, where it planted it.
 */
function expectRefusal(outcome: Outcome, file: string, line: number, message: RegExp, context: string): void {
  expectLocated(outcome, file, context, line);
  const issue = new RegExp(`(^|\\n)${escape(file)}:${line}:\\d+: [^\\n]*(${message.source})`, message.flags);
  expect(outcome.stderr, `${context}\n--- stderr\n${outcome.stderr}`).toMatch(issue);
}

/** Refused, with an issue that names `file` (a whole-file problem needs no position). */
function expectNamesFile(outcome: Outcome, file: string, context: string): void {
  expectRefused(outcome, context);
  const named = new RegExp(`(^|\\n)${escape(file)}(:\\d+:\\d+)?: `);
  expect(outcome.stderr, `${context}\n--- stderr\n${outcome.stderr}`).toMatch(named);
}

function filesOf(base: Base, project?: string | Uint8Array, plans?: string | Uint8Array) {
  return {
    'plansync.yaml': project ?? emit(base.project),
    [base.plansFile]: plans ?? emit(base.plans),
  };
}

const RUNS = { control: 50, syntax: 200, types: 150, keys: 150, numbers: 200, bombs: 100, whole: 150 };

// ---------------------------------------------------------------------------------------------------

describe('malformed projects: exit 1, no stack trace, located errors', () => {
  it('control: the generated base projects are valid (exit 0)', async () => {
    const check = await workspace();
    await fc.assert(
      fc.asyncProperty(baseArb, async (base) => {
        const outcome = await check(filesOf(base));
        expect(outcome.code, `${outcome.stderr}\n${emit(base.project)}\n${emit(base.plans)}`).toBe(0);
      }),
      { numRuns: RUNS.control },
    );
  });

  it('broken YAML syntax: unclosed quotes and brackets, bad indentation, tabs', async () => {
    const check = await workspace();
    const breakage = fc.record({
      kind: fc.constantFrom('quote', 'bracket', 'indent', 'tab'),
      inProject: fc.boolean(),
      pick: fc.nat(),
      quote: fc.constantFrom('"', "'"),
      bracket: fc.constantFrom('[', '{', '[a, ', '{a: '),
      shift: fc.constantFrom(-1, 1),
    });
    await fc.assert(
      fc.asyncProperty(baseArb, breakage, async (base, b) => {
        const file = b.inProject ? 'plansync.yaml' : base.plansFile;
        const lines = emit(b.inProject ? base.project : base.plans).split('\n');
        let target: number;
        if (b.kind === 'quote' || b.kind === 'bracket') {
          // A `key: value` line; the quote/bracket opens before the value and is never closed.
          const candidates = lines.flatMap((line, index) => (/^\s*[\w-]+: \S/.test(line) ? [index] : []));
          target = candidates[b.pick % candidates.length] as number;
          const line = lines[target] as string;
          const colon = line.indexOf(': ') + 2;
          const rest = lines.slice(target).join('\n');
          const quote = rest.includes(b.quote) ? (b.quote === '"' ? "'" : '"') : b.quote;
          const opener = b.kind === 'quote' ? quote : b.bracket;
          if (b.kind === 'quote' && rest.includes(quote)) {
            // Both quote kinds appear later: break the last value line instead.
            target = candidates[candidates.length - 1] as number;
            const last = lines[target] as string;
            const at = last.indexOf(': ') + 2;
            lines[target] = `${last.slice(0, at)}${b.quote}${last.slice(at).replaceAll(b.quote, '')}`;
          } else lines[target] = `${line.slice(0, colon)}${opener}${line.slice(colon)}`;
        } else {
          // An indented key line right after a sibling `key: value` line at the same indentation.
          const indentOf = (line: string) => /^ */.exec(line)?.[0].length ?? 0;
          const candidates = lines.flatMap((line, index) => {
            const previous = lines[index - 1];
            return index > 0 &&
              previous !== undefined &&
              indentOf(line) > 0 &&
              /^\s*[\w-]+:/.test(line) &&
              indentOf(previous) === indentOf(line) &&
              /^\s*[\w-]+: \S/.test(previous)
              ? [index]
              : [];
          });
          fc.pre(candidates.length > 0);
          target = candidates[b.pick % candidates.length] as number;
          const line = lines[target] as string;
          lines[target] =
            b.kind === 'tab'
              ? `\t${line.trimStart()}`
              : `${' '.repeat(indentOf(line) + b.shift)}${line.trimStart()}`;
        }
        const text = lines.join('\n');
        const outcome = await check(b.inProject ? filesOf(base, text) : filesOf(base, undefined, text));
        const context = `${b.kind} in ${file}, line ${target + 1}:\n${text}`;
        expectLocated(outcome, file, context);
        // A syntax error at the broken line or after it (an unclosed quote is noticed where the text
        // ends), never one before: the break, not something else in the file, is what was found.
        const reported = [
          ...outcome.stderr.matchAll(new RegExp(`(?:^|\\n)${escape(file)}:(\\d+):\\d+: ([^\\n]*)`, 'g')),
        ];
        const syntax = reported.filter(([, , message]: RegExpMatchArray) =>
          /^YAML syntax error|^keys must be plain text|more than one YAML document/.test(message ?? ''),
        );
        expect(syntax.length, context + '\n' + outcome.stderr).toBeGreaterThan(0);
        expect(
          Math.min(...syntax.map(([, line]: RegExpMatchArray) => Number(line))),
          context + '\n' + outcome.stderr,
        ).toBeGreaterThanOrEqual(b.kind === 'tab' || b.kind === 'indent' ? target : target + 1);
      }),
      { numRuns: RUNS.syntax },
    );
  });

  it('wrong types in the project file and the plans file', async () => {
    const check = await workspace();
    const scalar = { n: '42', f: '3.5', t: 'true', z: '~', s: '"some text"', l: '[1, 2]', m: '{a: 1}' };
    type Kind = keyof typeof scalar;
    // Each target, with the wrong-typed values that cannot satisfy it.
    const targets: { where: 'project' | 'plans'; path: (b: Base) => Path; wrong: Kind[] }[] = [
      { where: 'plans', path: () => ['connection'], wrong: ['n', 'f', 't', 'z', 'l', 'm'] },
      { where: 'plans', path: () => ['plans'], wrong: ['n', 't', 'z', 's', 'l'] },
      { where: 'plans', path: (b) => ['plans', b.planKeys[0] as string], wrong: ['n', 't', 's', 'l'] },
      {
        where: 'plans',
        path: (b) => ['plans', b.planKeys[0] as string, 'name'],
        wrong: ['n', 'f', 't', 'z', 'l', 'm'],
      },
      {
        where: 'plans',
        path: (b) => ['plans', b.planKeys[0] as string, 'recurringChargeAmount'],
        wrong: ['t', 'z', 's', 'l', 'm'],
      },
      {
        where: 'plans',
        path: (b) => ['plans', b.planKeys[0] as string, 'currency'],
        wrong: ['n', 'f', 't', 'z', 'l', 'm'],
      },
      {
        where: 'plans',
        path: (b) => ['plans', b.planKeys[0] as string, 'chargeFrequency'],
        wrong: ['n', 't', 'z', 's', 'l', 'm'],
      },
      {
        where: 'plans',
        path: (b) => ['plans', b.planKeys[0] as string, 'trialPeriodDays'],
        wrong: ['f', 't', 's', 'l', 'm'],
      },
      {
        where: 'plans',
        path: (b) => ['plans', b.planKeys[0] as string, 'planId'],
        wrong: ['f', 't', 's', 'l', 'm'],
      },
      {
        where: 'plans',
        path: (b) => ['plans', b.planKeys[0] as string, 'chargeOnPlanSwitch'],
        wrong: ['n', 's', 'l', 'm'],
      },
      {
        where: 'plans',
        path: (b) => ['plans', b.planKeys[0] as string, 'lifecycle'],
        wrong: ['n', 't', 's', 'l'],
      },
      { where: 'project', path: () => ['version'], wrong: ['f', 't', 'z', 's', 'l', 'm'] },
      { where: 'project', path: () => ['plans'], wrong: ['n', 't', 'l', 'm'] },
      { where: 'project', path: () => ['connections'], wrong: ['n', 't', 'z', 's', 'l'] },
      { where: 'project', path: (b) => ['connections', b.connection], wrong: ['n', 't', 's', 'l'] },
      {
        where: 'project',
        path: (b) => ['connections', b.connection, 'provider'],
        wrong: ['n', 't', 'z', 'l', 'm'],
      },
      {
        where: 'project',
        path: (b) => ['connections', b.connection, 'environment'],
        wrong: ['n', 't', 's', 'l', 'm'],
      },
      {
        where: 'project',
        path: (b) => ['connections', b.connection, 'credentials'],
        wrong: ['n', 't', 's', 'l'],
      },
      {
        where: 'project',
        path: (b) => ['connections', b.connection, 'credentials', 'username'],
        wrong: ['n', 't', 'z', 'l', 'm'],
      },
      { where: 'project', path: (b) => ['connections', b.connection, 'limits'], wrong: ['n', 't', 's', 'l'] },
      {
        where: 'project',
        path: (b) => ['connections', b.connection, 'limits', 'concurrency'],
        wrong: ['f', 't', 's', 'l', 'm'],
      },
      {
        where: 'project',
        path: (b) => ['connections', b.connection, 'safety', 'max_change_share'],
        wrong: ['t', 's', 'l', 'm'],
      },
      { where: 'project', path: (b) => ['connections', b.connection, 'prune'], wrong: ['n', 's', 'l', 'm'] },
    ];
    const choice = fc
      .integer({ min: 0, max: targets.length - 1 })
      .chain((index) =>
        fc.record({ index: fc.constant(index), kind: fc.constantFrom(...(targets[index]?.wrong ?? [])) }),
      );
    await fc.assert(
      fc.asyncProperty(baseArb, choice, async (base, { index, kind }) => {
        const target = targets[index];
        if (!target) throw new Error('no target');
        const path = target.path(base);
        const root = target.where === 'project' ? base.project : base.plans;
        // Parents are created where absent (`safety`, `limits` are optional in the base).
        for (let depth = 1; depth < path.length; depth++) {
          if (getAt(root, path.slice(0, depth)) === undefined) setAt(root, path.slice(0, depth), {});
        }
        const { text, line } = emitMarked(root, path, scalar[kind]);
        const file = target.where === 'project' ? 'plansync.yaml' : base.plansFile;
        const outcome = await check(filesOf(base));
        // `{a: 1}` where a mapping of other keys belongs: an unknown key `a` on the same line.
        expectRefusal(
          outcome,
          file,
          line,
          /expected|unknown key `a`/,
          `${path.join('.')} = ${scalar[kind]} in ${file}:\n${text}`,
        );
      }),
      { numRuns: RUNS.types },
    );
  });

  it('unknown keys (random identifiers) at every level', async () => {
    const check = await workspace();
    const known = new Set([
      'version',
      'plans',
      'connections',
      'provider',
      'environment',
      'base_url',
      'credentials',
      'limits',
      'options',
      'prune',
      'safety',
      'concurrency',
      'requests_per_second',
      'timeout_ms',
      'retries',
      'daily_budget',
      'max_change_share',
      'max_retire_share',
      'max_price_change_percent',
      'min_existing',
      'connection',
      'planId',
      'name',
      'recurringChargeAmount',
      'currency',
      'chargeFrequency',
      'trialPeriodDays',
      'initialChargeAmount',
      'gracePeriodDays',
      'maxNumberOfCharges',
      'chargeOnPlanSwitch',
      'status',
      'lifecycle',
      'replace',
      'prevent_destroy',
    ]);
    const keyArb = fc
      .oneof(
        { weight: 5, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
        },
        // Near-misses of real keys, which earn a "did you mean".
        {
          weight: 1,
          arbitrary: fc.constantFrom('curency', 'nmae', 'Version', 'plan', 'limit', 'saftey', 'replce'),
        },
      )
      .filter((key) => !known.has(key));
    const valueArb = fc.constantFrom('1', 'x', 'true', '"text"', '[1]', '{a: 1}');
    const levels: { where: 'project' | 'plans'; parent: (b: Base) => Path }[] = [
      { where: 'project', parent: () => [] },
      { where: 'project', parent: (b) => ['connections', b.connection] },
      { where: 'project', parent: (b) => ['connections', b.connection, 'limits'] },
      { where: 'project', parent: (b) => ['connections', b.connection, 'safety'] },
      { where: 'plans', parent: () => [] },
      { where: 'plans', parent: (b) => ['plans', b.planKeys[0] as string] },
      { where: 'plans', parent: (b) => ['plans', b.planKeys[b.planKeys.length - 1] as string, 'lifecycle'] },
    ];
    await fc.assert(
      fc.asyncProperty(
        baseArb,
        fc.integer({ min: 0, max: levels.length - 1 }),
        keyArb,
        valueArb,
        async (base, level, key, value) => {
          const { where, parent: parentOf } = levels[level] as (typeof levels)[number];
          const root = where === 'project' ? base.project : base.plans;
          const parent = parentOf(base);
          for (let depth = 1; depth <= parent.length; depth++) {
            if (getAt(root, parent.slice(0, depth)) === undefined) setAt(root, parent.slice(0, depth), {});
          }
          const { text, line } = emitMarked(root, [...parent, key], value);
          const file = where === 'project' ? 'plansync.yaml' : base.plansFile;
          const outcome = await check(filesOf(base));
          expectRefusal(
            outcome,
            file,
            line,
            new RegExp(`unknown key \`${escape(key)}\``),
            `unknown key ${key} under ${parent.join('.')}:\n${text}`,
          );
        },
      ),
      { numRuns: RUNS.keys },
    );
  });

  it('huge numbers, bad currency codes, more than two decimals on USD amounts', async () => {
    const check = await workspace();
    const digits = (length: number) =>
      fc
        .tuple(
          fc.integer({ min: 1, max: 9 }),
          fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 2, maxLength: length - 2 }),
          fc.integer({ min: 1, max: 9 }),
        )
        .map(([first, middle, last]) => `${first}${middle.join('')}${last}`);
    // Numbers no bounded field accepts: past every maximum, non-finite, or not readable exactly.
    const hugeArb = fc.oneof(
      fc.constantFrom(
        '1e308',
        '-1e308',
        '1e309',
        '-1e400',
        '.inf',
        '-.inf',
        '.nan',
        `1${'0'.repeat(30)}`,
        '1.7976931348623157e308',
      ),
      digits(30),
      fc.integer({ min: 20, max: 400 }).map((exponent) => `9e${exponent}`),
    );
    // Numbers an amount cannot take: non-finite, or more digits than a double holds exactly.
    const badAmountArb = fc.oneof(
      fc.constantFrom('1e309', '.inf', '.nan', '-1e308'),
      digits(30),
      digits(25).map((d) => `0.${d}`),
    );
    const badCurrencyArb = fc.oneof(
      fc.stringMatching(/^[A-Z]{3}$/).filter((code) => !isCurrency(code)),
      fc.constantFrom('usd', 'Usd', 'US', 'USDD', 'U$D', '"123"', '""', '" USD"', 'EURO', 'XXXX'),
    );
    const decimalsArb = fc
      .tuple(
        fc.integer({ min: 0, max: 99_999 }),
        digits(3).chain((d) => fc.constantFrom(d, `${d}1`, `${d}${d}5`)),
        fc.boolean(),
      )
      .map(([whole, fraction, quoted]) => (quoted ? `"${whole}.${fraction}"` : `${whole}.${fraction}`));
    const bounded: { where: 'project' | 'plans'; path: (b: Base) => Path }[] = [
      { where: 'project', path: () => ['version'] },
      { where: 'project', path: (b) => ['connections', b.connection, 'limits', 'concurrency'] },
      { where: 'project', path: (b) => ['connections', b.connection, 'limits', 'requests_per_second'] },
      { where: 'project', path: (b) => ['connections', b.connection, 'limits', 'timeout_ms'] },
      { where: 'project', path: (b) => ['connections', b.connection, 'limits', 'retries'] },
      { where: 'project', path: (b) => ['connections', b.connection, 'safety', 'max_change_share'] },
      { where: 'project', path: (b) => ['connections', b.connection, 'safety', 'max_retire_share'] },
      { where: 'plans', path: (b) => ['plans', b.planKeys[0] as string, 'gracePeriodDays'] },
      { where: 'plans', path: (b) => ['plans', b.planKeys[0] as string, 'trialPeriodDays'] },
      { where: 'plans', path: (b) => ['plans', b.planKeys[0] as string, 'maxNumberOfCharges'] },
    ];
    const amountField = fc.constantFrom('recurringChargeAmount', 'initialChargeAmount');
    const caseArb = fc.oneof(
      fc.record({
        kind: fc.constant('huge' as const),
        target: fc.integer({ min: 0, max: bounded.length - 1 }),
        value: hugeArb,
      }),
      fc.record({ kind: fc.constant('amount' as const), field: amountField, value: badAmountArb }),
      fc.record({ kind: fc.constant('currency' as const), value: badCurrencyArb }),
      fc.record({ kind: fc.constant('decimals' as const), field: amountField, value: decimalsArb }),
    );
    await fc.assert(
      fc.asyncProperty(baseArb, fc.nat(), caseArb, async (base, pick, c) => {
        const key = base.planKeys[pick % base.planKeys.length] as string;
        let where: 'project' | 'plans' = 'plans';
        let path: Path;
        if (c.kind === 'huge') {
          const target = bounded[c.target] as (typeof bounded)[number];
          where = target.where;
          path = target.path(base);
          const plan = getAt(base.plans, ['plans', base.planKeys[0] as string]) as { [key: string]: YNode };
          // trialPeriodDays and maxNumberOfCharges are refused with ONCE anyway; keep the frequency recurring.
          plan.chargeFrequency = raw('MONTHLY');
        } else if (c.kind === 'currency') path = ['plans', key, 'currency'];
        else path = ['plans', key, c.field];
        const root = where === 'project' ? base.project : base.plans;
        for (let depth = 1; depth < path.length; depth++) {
          if (getAt(root, path.slice(0, depth)) === undefined) setAt(root, path.slice(0, depth), {});
        }
        const { text, line } = emitMarked(root, path, c.value);
        const file = where === 'project' ? 'plansync.yaml' : base.plansFile;
        const outcome = await check(filesOf(base));
        const said = {
          // Past a maximum, non-finite, or more digits than a float holds.
          huge: /expected|out of range|not a finite number|more digits than can be read exactly/,
          amount:
            /expected an amount|expected a number greater than 0|out of range|not a finite number|more digits than can be read exactly/,
          currency: /expected an uppercase ISO 4217 currency code|not a currency|unknown currency|currency/i,
          decimals: /decimal/,
        }[c.kind];
        expectRefusal(
          outcome,
          file,
          line,
          said,
          `${c.kind}: ${path.join('.')} = ${c.value} in ${file}:\n${text}`,
        );
      }),
      { numRuns: RUNS.numbers },
    );
  });

  it('YAML alias bombs (nested anchors and aliases)', async () => {
    const check = await workspace();
    // A bomb: at least 10,000 nodes once expanded (a few anchors expanding to a few dozen nodes are
    // ordinary YAML, and plansync reads them).
    const bombArb = fc
      .record({
        width: fc.integer({ min: 4, max: 12 }),
        depth: fc.integer({ min: 3, max: 9 }),
        flow: fc.boolean(),
        place: fc.constantFrom('plans-top', 'plans-field', 'project-top', 'project-connection'),
      })
      .filter(({ width, depth }) => width ** depth >= 10_000);
    await fc.assert(
      fc.asyncProperty(baseArb, bombArb, async (base, { width, depth, flow, place }) => {
        // l0 holds `width` scalars; each level lists the previous one `width` times: width^depth nodes.
        const levels: string[] = [];
        const item = (level: number) => (level === 0 ? 'lol' : `*l${level - 1}`);
        for (let level = 0; level < depth; level++) {
          const items = Array.from({ length: width }, () => item(level));
          levels.push(
            flow
              ? `l${level}: &l${level} [${items.join(', ')}]`
              : `l${level}: &l${level}\n${items.map((i) => `  - ${i}`).join('\n')}`,
          );
        }
        const indentBy = (text: string, n: number) =>
          text
            .split('\n')
            .map((line) => ' '.repeat(n) + line)
            .join('\n');
        const bomb = levels.join('\n');
        const project = emit(base.project);
        const plans = emit(base.plans);
        let files: Record<string, string | Uint8Array>;
        let file: string;
        if (place === 'plans-top') {
          file = base.plansFile;
          files = filesOf(base, undefined, `${bomb}\n${plans}`);
        } else if (place === 'plans-field') {
          file = base.plansFile;
          // The bomb as the value of an extra field of the last plan (the last lines of the file).
          files = filesOf(base, undefined, `${plans}    bomb:\n${indentBy(bomb, 6)}\n`);
        } else if (place === 'project-top') {
          file = 'plansync.yaml';
          files = filesOf(base, `${project}${bomb}\n`);
        } else {
          file = 'plansync.yaml';
          files = filesOf(
            base,
            project.replace('    provider:', `    bomb:\n${indentBy(bomb, 6)}\n    provider:`),
          );
        }
        const outcome = await check(files);
        const context = `bomb ${width}^${depth} at ${place}`;
        // Located on one of the bomb's lines (its first alias, or the first alias beyond the limit).
        const lines = (files[file] as string).split('\n');
        const first = lines.findIndex((line) => line.includes('l0: &l0')) + 1;
        const last =
          lines.findIndex((line) => line.includes(`l${depth - 1}: &l${depth - 1}`)) + 1 + (flow ? 0 : width);
        expectRefused(outcome, context);
        const at = new RegExp(
          `(^|\\n)${escape(file)}:(\\d+):\\d+: (aliases expand too much|more than 100 alias references)`,
        );
        const match = at.exec(outcome.stderr);
        expect(match, `${context}\n${outcome.stderr}`).not.toBeNull();
        const line = Number(match?.[2]);
        expect(line, `${context}: bomb on lines ${first}-${last}\n${outcome.stderr}`).toBeGreaterThanOrEqual(
          first,
        );
        expect(line, `${context}: bomb on lines ${first}-${last}\n${outcome.stderr}`).toBeLessThanOrEqual(
          last,
        );
        // The file is refused as YAML, before any key is checked: the extra `bomb`/`l0` keys go unmentioned.
        expect(outcome.stderr, context).not.toMatch(/unknown key/);
      }),
      { numRuns: RUNS.bombs },
    );
  });

  it('refusals of issue 15: hex and octal numbers, control and bidi characters, absurd limits, undefined aliases, version "1", 1e400', async () => {
    const check = await workspace();
    const planField = (field: string) => (b: Base) => ['plans', b.planKeys[0] as string, field];
    const rate = (b: Base) => ['connections', b.connection, 'limits', 'requests_per_second'];
    // A character as YAML writes it in double quotes, and as the message shows it.
    const bad = fc.constantFrom(
      ['\\0', '\\u0000'],
      ['\\x01', '\\u0001'],
      ['\\e', '\\u001B'],
      ['\\x7f', '\\u007F'],
      ['\\x85', '\\u0085'],
      ['\\u202E', '\\u202E'],
      ['\\u202A', '\\u202A'],
      ['\\u2066', '\\u2066'],
      ['\\u2069', '\\u2069'],
      ['\\u200F', '\\u200F'],
      ['\\u061C', '\\u061C'],
      ['\\u2028', '\\u2028'],
      ['\\t', '\\u0009'],
      ['\\n', '\\u000A'],
    );
    const caseArb = fc.oneof(
      fc.record({
        kind: fc.constant('radix' as const),
        field: fc.constantFrom('recurringChargeAmount', 'initialChargeAmount', 'planId', 'trialPeriodDays'),
        value: fc.constantFrom('0x10', '0o17', '0xFF', '0o7', '0x1F4'),
      }),
      fc.record({
        kind: fc.constant('character' as const),
        // A name, or the `credentials` variable name: every text field is checked.
        inName: fc.boolean(),
        char: bad,
        before: fc.stringMatching(/^[A-Za-z ]{0,8}$/),
        after: fc.stringMatching(/^[A-Za-z ]{0,8}$/),
      }),
      fc.record({
        kind: fc.constant('rate' as const),
        value: fc.constantFrom('0.00001', '0', '0.05', '1e-9', '-1', '1001', '0.099'),
      }),
      fc.record({ kind: fc.constant('alias' as const), name: fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/) }),
      fc.record({ kind: fc.constant('version' as const), value: fc.constantFrom('"1"', "'1'") }),
      fc.record({
        kind: fc.constant('range' as const),
        field: fc.constantFrom('recurringChargeAmount', 'initialChargeAmount', 'gracePeriodDays'),
        value: fc.constantFrom('1e400', '-1e400', '9e999', '1.5e309'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(baseArb, caseArb, async (base, c) => {
        let where: 'project' | 'plans' = 'plans';
        let path: Path;
        let value: string;
        let said: RegExp;
        if (c.kind === 'radix') {
          path = planField(c.field)(base);
          value = c.value;
          const decimal = Number(c.value);
          said = new RegExp(
            `\`${escape(c.value)}\` is an? (hexadecimal|octal) number; plansync reads numbers in decimal only \\(write it as a decimal: ${decimal}\\)`,
          );
        } else if (c.kind === 'character') {
          const [written, shown] = c.char as [string, string];
          value = `"${c.before}${written}${c.after}"`;
          if (c.inName) path = planField('name')(base);
          else {
            where = 'project';
            path = ['connections', base.connection, 'credentials', 'username'];
          }
          said = new RegExp(`the text contains \`${escape(shown)}\``);
        } else if (c.kind === 'rate') {
          where = 'project';
          path = rate(base);
          value = c.value;
          said = /expected a number from 0\.1 to 1000/;
        } else if (c.kind === 'alias') {
          path = planField('name')(base);
          value = `*${c.name}`;
          said = new RegExp(
            `alias \`\\*${c.name}\` is not defined: no anchor \`&${c.name}\` comes before it`,
          );
        } else if (c.kind === 'version') {
          where = 'project';
          path = ['version'];
          value = c.value;
          said = /version: expected the number 1, not the text "1" \(write it without quotes: 1\)/;
        } else {
          path = planField(c.field)(base);
          value = c.value;
          const plan = getAt(base.plans, ['plans', base.planKeys[0] as string]) as { [key: string]: YNode };
          plan.chargeFrequency = raw('MONTHLY');
          said = new RegExp(`\`${escape(c.value)}\` is out of range: too large to be a number`);
        }
        const root = where === 'project' ? base.project : base.plans;
        for (let depth = 1; depth < path.length; depth++) {
          if (getAt(root, path.slice(0, depth)) === undefined) setAt(root, path.slice(0, depth), {});
        }
        const { text, line } = emitMarked(root, path, value);
        const file = where === 'project' ? 'plansync.yaml' : base.plansFile;
        const outcome = await check(filesOf(base));
        const context = `${c.kind}: ${path.join('.')} = ${value} in ${file}:\n${text}`;
        expectRefusal(outcome, file, line, said, context);
        // No character the check refuses reaches the terminal raw, and no number reads as "null".
        expect(outcome.stderr, context).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028]/);
        expect(outcome.stderr, context).not.toContain('got `null`');
      }),
      { numRuns: 150 },
    );
  });

  it('size limits, each under the 5 MiB file limit: 200,000 aliases, a 200,000-key flow mapping, deep nesting', async () => {
    const check = await workspace();
    const HUGE = 200_000;
    const caseArb = fc.record({
      kind: fc.constantFrom('aliases', 'keys', 'items', 'depth'),
      inProject: fc.boolean(),
      style: fc.constantFrom('flow', 'block'),
    });
    await fc.assert(
      fc.asyncProperty(baseArb, caseArb, async (base, c) => {
        const text = emit(c.inProject ? base.project : base.plans);
        const file = c.inProject ? 'plansync.yaml' : base.plansFile;
        const start = text.split('\n').length; // the first line after the base
        let extra: string;
        let line: number;
        let said: RegExp;
        if (c.kind === 'aliases') {
          extra =
            c.style === 'flow'
              ? `anchor: &a x\nrefs: [${Array.from({ length: HUGE }, () => '*a').join(', ')}]\n`
              : `anchor: &a x\nrefs:\n${'  - *a\n'.repeat(HUGE)}`;
          line = c.style === 'flow' ? start + 1 : start + 2 + 100;
          said = /more than 100 alias references \(`\*name`\) in one file; refusing to read it/;
        } else if (c.kind === 'keys') {
          extra =
            c.style === 'flow'
              ? `extra: {${Array.from({ length: HUGE }, (_, i) => `k${i}: 1`).join(', ')}}\n`
              : `extra:\n${Array.from({ length: HUGE }, (_, i) => `  k${i}: 1\n`).join('')}`;
          line = c.style === 'flow' ? start : start + 1 + 20_000;
          said = /more than 20,000 keys in one mapping; refusing to read the file/;
        } else if (c.kind === 'items') {
          extra =
            c.style === 'flow' ? `extra: [${'1, '.repeat(HUGE)}1]\n` : `extra:\n${'  - 1\n'.repeat(HUGE)}`;
          line = c.style === 'flow' ? start : start + 1 + 20_000;
          said = /more than 20,000 items in one list; refusing to read the file/;
        } else {
          const depth = c.style === 'flow' ? HUGE : 300;
          extra =
            c.style === 'flow'
              ? `extra: ${'['.repeat(depth)}\n`
              : Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n') +
                ' 1\n';
          // Flow: on the one line; block: a line about the 256th level (js-yaml counts a level or two apart).
          line = start;
          said = /the document is nested more than 256 levels deep; refusing to read it/;
        }
        const content = `${text}${extra}`;
        expect(Buffer.byteLength(content)).toBeLessThan(MAX_CONFIG_BYTES);
        const outcome = await check(c.inProject ? filesOf(base, content) : filesOf(base, undefined, content));
        const context = `${c.kind} (${c.style}) in ${file}`;
        if (c.kind === 'depth' && c.style === 'block') {
          expectRefused(outcome, context);
          const match = new RegExp(`(^|\\n)${escape(file)}:(\\d+):\\d+: ${said.source}`).exec(outcome.stderr);
          expect(match, `${context}\n${outcome.stderr}`).not.toBeNull();
          expect(
            Math.abs(Number(match?.[2]) - (start + 256)),
            `${context}\n${outcome.stderr}`,
          ).toBeLessThanOrEqual(3);
        } else expectRefusal(outcome, file, line, said, context);
        // Refused as YAML, before any key is checked.
        expect(outcome.stderr, context).not.toMatch(/unknown key/);
      }),
      { numRuns: 12 },
    );
  });

  it('whole-file problems: oversize, non-UTF-8 bytes, empty files', async () => {
    const check = await workspace();
    const badBytes = fc.constantFrom(
      [0xff],
      [0xfe],
      [0xc0, 0x80], // overlong
      [0xed, 0xa0, 0x80], // surrogate
      [0x80], // lone continuation byte
      [0xe2, 0x82], // truncated sequence
      [0xf5, 0x80, 0x80, 0x80], // beyond U+10FFFF
      [0xc3], // truncated two-byte sequence
    );
    const caseArb = fc.oneof(
      fc.record({
        kind: fc.constant('oversize' as const),
        inProject: fc.boolean(),
        extra: fc.integer({ min: 1, max: 64 * 1024 }),
        padding: fc.constantFrom('comment', 'string', 'plans'),
      }),
      fc.record({
        kind: fc.constant('utf8' as const),
        inProject: fc.boolean(),
        bytes: badBytes,
        at: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      fc.record({
        kind: fc.constant('empty' as const),
        inProject: fc.boolean(),
        content: fc.constantFrom(
          '',
          '\n',
          '   \n\n',
          '# only a comment\n',
          '---\n',
          '~\n',
          'null\n',
          '\uFEFF',
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(baseArb, caseArb, async (base, c) => {
        const file = c.inProject ? 'plansync.yaml' : base.plansFile;
        const text = emit(c.inProject ? base.project : base.plans);
        let content: string | Uint8Array;
        let line: number | undefined;
        let column: number | undefined;
        if (c.kind === 'oversize') {
          const missing = MAX_CONFIG_BYTES - Buffer.byteLength(text) + c.extra;
          if (c.padding === 'comment') content = `${text}#${'x'.repeat(missing)}\n`;
          else if (c.padding === 'string')
            content = `${text.replace(/\n$/, '')}\n${c.inProject ? 'note' : 'note'}: "${'y'.repeat(missing)}"\n`;
          else {
            const entry =
              '  p%: {name: P%, recurringChargeAmount: 1, currency: USD, chargeFrequency: MONTHLY}\n';
            const count = Math.ceil(missing / entry.length) + 1;
            let extra = '';
            for (let i = 0; i < count; i++) extra += entry.replaceAll('%', String(i));
            content = c.inProject ? `${text}${extra.replace(/^ {2}p/gm, '#p')}` : `${text}${extra}`;
          }
          expect(Buffer.byteLength(content)).toBeGreaterThan(MAX_CONFIG_BYTES);
        } else if (c.kind === 'utf8') {
          const bytes = Buffer.from(text, 'utf8');
          const offset = Math.floor(c.at * bytes.length);
          content = Buffer.concat([bytes.subarray(0, offset), Buffer.from(c.bytes), bytes.subarray(offset)]);
          const before = text.slice(0, offset); // the base is ASCII: bytes and characters agree
          line = before.split('\n').length;
          column = offset - (before.lastIndexOf('\n') + 1) + 1;
        } else content = c.content;
        const outcome = await check(c.inProject ? filesOf(base, content) : filesOf(base, undefined, content));
        const context = `${c.kind} ${file}${c.kind === 'utf8' ? ` bytes ${c.bytes.join(',')} at ${line}:${column}` : ''}`;
        if (c.kind === 'utf8') {
          expectLocated(outcome, file, context, line);
          expect(outcome.stderr, context).toContain(`${file}:${line}:${column}: file is not valid UTF-8`);
        } else expectNamesFile(outcome, file, context);
        if (c.kind === 'oversize') expect(outcome.stderr).toMatch(/too large/);
      }),
      { numRuns: RUNS.whole },
    );
  });

  it('a plans file naming an unknown connection', async () => {
    const check = await workspace();
    const nameArb = fc.oneof(
      idArb,
      fc.constantFrom(
        'BlueSnap-Sandbox',
        'bluesnap_sandbox',
        '"bluesnap-sandbox "',
        'paypal-sandbox',
        '"1"',
        '"__proto__"',
        '"constructor"',
      ),
    );
    await fc.assert(
      fc.asyncProperty(baseArb, nameArb, fc.boolean(), async (base, name, second) => {
        fc.pre(name !== base.connection);
        let files = filesOf(base);
        let file = base.plansFile;
        if (second) {
          // A second, otherwise valid plans file beside the good one.
          file = base.plansFile === 'plans/other.yaml' ? 'plans/other2.yaml' : 'plans/other.yaml';
          files = { ...files, [file]: emit({ ...base.plans, connection: raw(name) }) };
        } else setAt(base.plans, ['connection'], raw(name));
        const outcome = await check(second ? files : filesOf(base));
        expectLocated(outcome, file, `connection ${name} in ${file}`, 1);
        expect(outcome.stderr).toMatch(/unknown connection/);
      }),
      { numRuns: 100 },
    );
  });

  it('planId: a huge whole number that is no BlueSnap id (1e308, 10^30)', async () => {
    const check = await workspace();
    const idArb2 = fc.constantFrom(
      '1e308',
      '1e30',
      `1${'0'.repeat(30)}`,
      '1152921504606846976',
      '9e20',
      '1.5e300',
    );
    await fc.assert(
      fc.asyncProperty(baseArb, idArb2, async (base, id) => {
        const key = base.planKeys[0] as string;
        const { text, line } = emitMarked(base.plans, ['plans', key, 'planId'], id);
        const outcome = await check(filesOf(base));
        expectRefusal(
          outcome,
          base.plansFile,
          line,
          /expected|out of range|more digits than can be read exactly/,
          `planId ${id}:\n${text}`,
        );
      }),
      { numRuns: 50 },
    );
  });
});
