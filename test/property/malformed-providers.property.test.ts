// Property: a malformed plan for PayPal, J.P. Morgan MPS, Constant Contact or Stripe is refused like a
// BlueSnap one (see malformed-input.property.test.ts): exit 1, no stack trace, and an error located at
// the line of the broken field. Each run takes a valid plan from the conformance cases, breaks one
// field (a wrong type, an unknown key, a bad currency code, too many decimals for the currency), and
// runs the real CLI's `validate` in-process.

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { constantContactCase } from '../providers/constantcontact/conformance.js';
import { jpmCase } from '../providers/jpmmps/conformance.js';
import { paypalCase } from '../providers/paypal/conformance.js';
import { stripeCase } from '../providers/stripe/conformance.js';
import type { ConformanceCase } from '../conformance/case.js';
import { fixtureProjectYaml } from '../support/provider-harness.js';

type Spec = Record<string, unknown>;

interface Provider {
  case: ConformanceCase;
  /** Where the plan states its currency, and its amount with the decimals the currency allows. */
  money?: {
    currency: (spec: Spec, code: string) => Spec;
    amount: (spec: Spec, text: string) => Spec;
    /** Field (top-level) whose line holds the money. */
    field: string;
  };
}

const PROVIDERS: Provider[] = [
  {
    case: paypalCase as unknown as ConformanceCase,
    money: {
      field: 'billing_cycles',
      currency: (spec, code) => withFixedPrice(spec, { currency_code: code }),
      amount: (spec, text) => withFixedPrice(spec, { value: text }),
    },
  },
  {
    case: jpmCase as unknown as ConformanceCase,
    money: {
      field: 'recurrentAmount',
      currency: (spec, code) => ({ ...spec, currencyIsoCode: code }),
      amount: (spec, text) => ({ ...spec, recurrentAmount: Number(text) }),
    },
  },
  { case: constantContactCase as unknown as ConformanceCase },
  // Stripe's currencies are lowercase and its amounts take 12 decimals past the minor unit, so the
  // money cases here do not apply; test/config/stripe-load.test.ts refuses its own, located.
  { case: stripeCase as unknown as ConformanceCase },
];

function withFixedPrice(spec: Spec, change: Record<string, string>): Spec {
  const cycles = structuredClone(spec.billing_cycles) as Array<{
    pricing_scheme: { fixed_price: Record<string, string> };
  }>;
  Object.assign(cycles[0]!.pricing_scheme.fixed_price, change);
  return { ...spec, billing_cycles: cycles };
}

/** A plans file with one plan, `one`; each field on its own line (nested values as flow JSON). */
function plansYaml(connection: string, fields: Array<[string, string]>): { text: string; lines: string[] } {
  const lines = [
    `connection: ${connection}`,
    'plans:',
    '  one:',
    ...fields.map(([k, v]) => `    ${k}: ${v}`),
  ];
  return { text: `${lines.join('\n')}\n`, lines };
}

const lineOf = (lines: string[], field: string) => lines.findIndex((l) => l.startsWith(`    ${field}:`)) + 1;

const WRONG: Record<string, string[]> = {
  string: ['42', 'true', '[1, 2]', '{a: 1}'],
  number: ['"some text"', 'true', '[1, 2]', '{a: 1}'],
  boolean: ['42', '"text"', '[1]', '{a: 1}'],
  array: ['42', '"text"', '{a: 1}', 'true'],
  object: ['42', '"text"', '[1, 2]', 'true'],
};
const typeOf = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value);

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function validate(provider: Provider, plans: string) {
  const fixture = provider.case.fixture;
  const root = await mkdtemp(join(tmpdir(), `plansync-malformed-${fixture.provider}-`));
  roots.push(root);
  await mkdir(join(root, 'plans'));
  await writeFile(join(root, 'plansync.yaml'), fixtureProjectYaml(fixture as never));
  await writeFile(join(root, 'plans', 'plans.yaml'), plans);
  // A host for every provider (J.P. Morgan MPS publishes none, and validate asks for one); no request is sent.
  const baseUrl = `PLANSYNC_BASE_URL_${fixture.connection.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const outcome = await runCli(['validate'], { env: { [baseUrl]: 'https://plans.example.test' }, cwd: root });
  await rm(root, { recursive: true, force: true });
  return outcome;
}

/**
 * Refused, with an issue at `line` whose message matches `message`: the refusal the case aims at, not
 * any problem elsewhere in the file.
 */
function expectLocatedAt(
  outcome: { code: number; stderr: string },
  line: number,
  message: RegExp,
  context: string,
) {
  const shown = `${context}\n--- exit ${outcome.code}\n--- stderr\n${outcome.stderr}`;
  expect(outcome.code, shown).toBe(1);
  expect(outcome.stderr, shown).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(outcome.stderr, shown).not.toMatch(/internal error/i);
  expect(outcome.stderr, shown).toMatch(
    new RegExp(`(^|\\n)plans/plans\\.yaml:${line}:\\d+: [^\\n]*(${message.source})`),
  );
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A counterexample names the provider rather than dumping its fixture.
for (const provider of PROVIDERS) {
  Object.defineProperty(provider, fc.toStringMethod, { value: () => provider.case.fixture.provider });
}
const providerArb = fc.constantFrom(...PROVIDERS);
const fieldsOf = (spec: Spec): Array<[string, string]> =>
  Object.entries(spec).map(([k, v]) => [k, JSON.stringify(v)]);

describe.each(PROVIDERS.map((p) => [p.case.fixture.provider, p] as const))(
  '%s plans files',
  (_name, provider) => {
    it('control: the base plan is valid (exit 0)', async () => {
      const spec = provider.case.existing(1).spec;
      const outcome = await validate(
        provider,
        plansYaml(provider.case.fixture.connection, fieldsOf(spec)).text,
      );
      expect(outcome.code, outcome.stderr).toBe(0);
    });
  },
);

describe('malformed plans for PayPal, J.P. Morgan MPS, Constant Contact and Stripe: exit 1, located, no stack', () => {
  it('a field of the wrong type, or an unknown key', async () => {
    const caseArb = fc.oneof(
      fc.record({ kind: fc.constant('type' as const), pick: fc.nat(), wrong: fc.nat() }),
      fc.record({
        kind: fc.constant('unknown' as const),
        key: fc
          .oneof(
            fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/),
            fc.constantFrom('__proto__', 'constructor', 'nmae', 'plan_typ', 'curency'),
          )
          .filter((key) => !['lifecycle', 'id'].includes(key)),
        value: fc.constantFrom('1', 'x', 'true', '[1]', '{a: 1}'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(providerArb, caseArb, async (provider, c) => {
        const spec = provider.case.existing(1).spec;
        const fields = fieldsOf(spec);
        let field: string;
        if (c.kind === 'type') {
          const [name, value] = Object.entries(spec)[c.pick % fields.length] as [string, unknown];
          const options = WRONG[typeOf(value)] as string[];
          field = name;
          fields[c.pick % fields.length] = [name, options[c.wrong % options.length] as string];
        } else {
          fc.pre(!(c.key in spec));
          field = c.key;
          fields.push([c.key, c.value]);
        }
        const { text, lines } = plansYaml(provider.case.fixture.connection, fields);
        const said = c.kind === 'type' ? /expected/ : new RegExp(`unknown key \`${escapeRegExp(field)}\``);
        expectLocatedAt(
          await validate(provider, text),
          lineOf(lines, field),
          said,
          `${c.kind} ${field}:\n${text}`,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('bad currency codes, and more decimals than the currency has', async () => {
    const withMoney = PROVIDERS.filter((p) => p.money);
    const caseArb = fc.oneof(
      fc.record({
        kind: fc.constant('currency' as const),
        code: fc.constantFrom('usd', 'US', 'USDD', 'XXX1', 'EURO', 'ABC', 'QQQ', ''),
      }),
      fc.record({
        kind: fc.constant('decimals' as const),
        amount: fc
          .tuple(fc.integer({ min: 1, max: 9_999 }), fc.integer({ min: 1, max: 9 }), fc.nat({ max: 99 }))
          .map(([whole, last, cents]) => `${whole}.${String(cents).padStart(2, '0')}${last}`),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withMoney), caseArb, async (provider, c) => {
        const money = provider.money!;
        const base = provider.case.existing(1).spec;
        const spec = c.kind === 'currency' ? money.currency(base, c.code) : money.amount(base, c.amount);
        const { text, lines } = plansYaml(provider.case.fixture.connection, fieldsOf(spec));
        const field =
          c.kind === 'currency' && money.field === 'recurrentAmount' ? 'currencyIsoCode' : money.field;
        const said = c.kind === 'currency' ? /currency|expected/i : /decimal/;
        expectLocatedAt(await validate(provider, text), lineOf(lines, field), said, `${c.kind}:\n${text}`);
      }),
      { numRuns: 50 },
    );
  });
});
