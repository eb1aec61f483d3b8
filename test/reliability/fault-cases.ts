// What the fault matrix runs: each provider's conformance case with the few extras a fault needs
// (its token request, how to read a created id; test/providers/<id>/index.ts), the mixed project built
// from that case, and the faults, each armed on the requests it names.

import type { Fault, FaultRule } from '../../src/sandbox/kit/index.js';
import type { ConformanceCase, Spec } from '../conformance/case.js';

/** What a provider adds to its conformance case for the fault matrix. */
export interface FaultSupport {
  /** The request that fetches an access token; absent where credentials are static. */
  token?: { method: string; path: string };
  /** Lines appended to the connection in plansync.yaml (indented four spaces). */
  connectionYaml: string[];
  /** The id a create's answer names, to tell a replayed create from a second one. */
  createdId(body: unknown): string | undefined;
  /**
   * What a create's request creates, to group the answers of its replays: where the body is not JSON
   * naming the plan (`name`), as Stripe's forms are, and an entry creates several objects. Absent: `name`.
   */
  createdKey?(body: unknown): string | undefined;
}

export interface MatrixCase extends FaultSupport {
  c: ConformanceCase;
}

/** Reads a created id from a top-level field of the create's answer. */
export const idField = (name: string) => (body: unknown) => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return value === undefined ? undefined : String(value);
};

export type Action = 'create' | 'update' | 'retire';

/** A mixed project: seeds, the YAML plans, and the operation apply must report for each key. */
export interface MixedProject {
  seeds: unknown[];
  plans: Record<string, Spec>;
  operations: Record<string, Action>;
  /** Names of the plans the project creates: each must exist exactly once in the end. */
  created: string[];
  /** Live id the project retires (prunes), if the provider retires. */
  retired?: string;
}

// Plans are numbered apart, so each role's plan is easy to spot in a request log.
const N = { updated: 10, kept: 20, pruned: 30, created: [40, 50] } as const;

/**
 * Where the provider creates: an in-place update, an unchanged plan, a pruned one and two creates.
 * Constant Contact (no create, no cancel): two in-place updates and an unchanged account.
 */
export function mixedProject(c: ConformanceCase): MixedProject {
  const updated = c.existing(N.updated);
  const kept = c.existing(N.kept);
  const third = c.existing(N.pruned);
  if (c.fresh === undefined) {
    return {
      seeds: [updated.seed, kept.seed, third.seed],
      plans: { updated: c.inPlace(updated.spec).spec, kept: kept.spec, also: c.inPlace(third.spec).spec },
      operations: { updated: 'update', also: 'update' },
      created: [],
    };
  }
  const [first, second] = N.created.map((n) => c.fresh!(n));
  const ops = (key: string, spec: Spec, action: Action) =>
    c.operationsOf?.(key, spec, action) ?? { [key]: action };
  return {
    seeds: [updated.seed, kept.seed, third.seed],
    plans: { updated: c.inPlace(updated.spec).spec, kept: kept.spec, new1: first!, new2: second! },
    operations: {
      ...ops('updated', updated.spec, 'update'),
      ...ops('new1', first!, 'create'),
      ...ops('new2', second!, 'create'),
      ...ops(`unmanaged:${third.id}`, third.spec, 'retire'),
    },
    created: [String(first!.name), String(second!.name)],
    retired: third.id,
  };
}

/** Which requests a fault is armed on: the token request, every GET, or one kind of write. */
export type Target = 'token' | 'reads' | 'creates' | 'updates' | 'retires';

const WRITES = ['creates', 'updates', 'retires'] as const;

export interface FaultRow {
  /** The row's label in the matrix. */
  label: string;
  fault: Fault;
  on: readonly Target[];
  /** Per armed rule; Infinity keeps the fault up for the whole run. */
  times: number;
  /** Matching requests the rule on these targets lets through first (to place a fault mid-run). */
  skip?: Partial<Record<Target, number>>;
  /**
   * `finishes`: retries absorb the fault, every operation is done, exit 0. `stops`: some write cannot
   * finish, exit 1 with a per-operation report. `unreadable`: the live plans cannot be read, so
   * nothing is written and the exit is 1.
   */
  expect: 'finishes' | 'stops' | 'unreadable';
  /**
   * The fault must not make plansync send anything again: in the apply, no request (method and path)
   * meets it twice. For answers that are final however often asked (a redirect, a body over the cap, a
   * wait longer than the connection allows) and for writes the server answered.
   */
  sentOnce?: boolean;
}

const EVERYWHERE = ['token', 'reads', ...WRITES] as const;
const READS = ['token', 'reads'] as const;
/** The matrix project's `limits.max_response_bytes`: an oversized answer costs 1 MiB per request. */
export const MATRIX_MAX_RESPONSE_BYTES = 1024 * 1024;
const ONE_GIB = 2 ** 30;
const ELSEWHERE = 'https://elsewhere.invalid/collect?token=abc';
const GATEWAY_PAGE = '<html><body><h1>502 Bad Gateway</h1></body></html>';

export const FAULT_ROWS: FaultRow[] = [
  {
    label: '429 burst (×3), no Retry-After',
    fault: { kind: 'status', status: 429 },
    on: EVERYWHERE,
    times: 3,
    expect: 'finishes',
  },
  {
    label: '429 burst (×3), Retry-After: 0',
    fault: { kind: 'status', status: 429, headers: { 'Retry-After': '0' } },
    on: EVERYWHERE,
    times: 3,
    expect: 'finishes',
  },
  { label: '500 (×2)', fault: { kind: 'status', status: 500 }, on: EVERYWHERE, times: 2, expect: 'finishes' },
  {
    label: '502 with an HTML gateway page (×2)',
    fault: { kind: 'status', status: 502, headers: { 'content-type': 'text/html' }, body: GATEWAY_PAGE },
    on: EVERYWHERE,
    times: 2,
    expect: 'finishes',
  },
  { label: '503 (×2)', fault: { kind: 'status', status: 503 }, on: EVERYWHERE, times: 2, expect: 'finishes' },
  {
    label: 'no response: timeout (×1)',
    fault: { kind: 'hang' },
    on: EVERYWHERE,
    times: 1,
    expect: 'finishes',
  },
  {
    label: 'write committed, answer after the timeout (×1)',
    fault: { kind: 'delay', ms: 1_500 },
    on: WRITES,
    times: 1,
    expect: 'finishes',
  },
  {
    label: 'connection reset before the server read it (×2)',
    fault: { kind: 'reset-before' },
    on: EVERYWHERE,
    times: 2,
    expect: 'finishes',
  },
  {
    label: 'connection reset after the server committed (×1)',
    fault: { kind: 'reset-after' },
    on: EVERYWHERE,
    times: 1,
    expect: 'finishes',
  },
  // A read whose answer was cut or garbled is read again; a write the server answered is not sent
  // again (its outcome is unknown and reported so), and the next apply converges.
  {
    label: 'truncated body on reads (×2)',
    fault: { kind: 'truncate' },
    on: READS,
    times: 2,
    expect: 'finishes',
  },
  {
    label: 'truncated body on writes (×1)',
    fault: { kind: 'truncate' },
    on: WRITES,
    times: 1,
    expect: 'stops',
    sentOnce: true,
  },
  {
    label: 'non-JSON 200 (proxy page) on reads (×2)',
    fault: { kind: 'non-json' },
    on: READS,
    times: 2,
    expect: 'finishes',
  },
  {
    label: 'non-JSON 200 (proxy page) on writes (×1)',
    fault: { kind: 'non-json' },
    on: WRITES,
    times: 1,
    expect: 'stops',
    sentOnce: true,
  },
  {
    label: 'slow body within the timeout (every request)',
    fault: { kind: 'slow-body', intervalMs: 20, chunks: 4 },
    on: EVERYWHERE,
    times: Infinity,
    expect: 'finishes',
  },
  {
    label: 'slow body stalled past the timeout on reads (×1)',
    fault: { kind: 'slow-body', intervalMs: 60_000, chunks: 2 },
    on: READS,
    times: 1,
    expect: 'finishes',
  },
  {
    label: 'slow body stalled past the timeout on writes (×1)',
    fault: { kind: 'slow-body', intervalMs: 60_000, chunks: 2 },
    on: WRITES,
    times: 1,
    expect: 'stops',
    sentOnce: true,
  },
  // One expiry per run: every request in flight meets a 401 and each gets one fresh token.
  {
    label: 'credentials expire mid-run, while reading',
    fault: { kind: 'expire-credentials' },
    on: ['reads'],
    times: 1,
    skip: { reads: 1 },
    expect: 'finishes',
  },
  {
    label: 'credentials expire mid-run, at the first update',
    fault: { kind: 'expire-credentials' },
    on: ['updates'],
    times: 1,
    expect: 'finishes',
  },
  {
    label: 'persistent 503 on writes',
    fault: { kind: 'status', status: 503 },
    on: WRITES,
    times: Infinity,
    expect: 'stops',
  },
  {
    label: 'persistent reset after commit on writes',
    fault: { kind: 'reset-after' },
    on: WRITES,
    times: Infinity,
    expect: 'stops',
  },
  // Hostile answers: final however often asked, so each request meets them once and fails at once.
  {
    label: '429 with Retry-After: 86400 on reads',
    fault: { kind: 'status', status: 429, headers: { 'Retry-After': '86400' } },
    on: ['reads'],
    times: Infinity,
    expect: 'unreadable',
    sentOnce: true,
  },
  {
    label: '429 with Retry-After: 86400 on writes',
    fault: { kind: 'status', status: 429, headers: { 'Retry-After': '86400' } },
    on: WRITES,
    times: Infinity,
    expect: 'stops',
    sentOnce: true,
  },
  {
    label: '1 GiB answer (over limits.max_response_bytes) on reads',
    fault: { kind: 'huge-body', bytes: ONE_GIB },
    on: ['reads'],
    times: Infinity,
    expect: 'unreadable',
    sentOnce: true,
  },
  {
    label: '1 GiB answer (over limits.max_response_bytes) on writes',
    fault: { kind: 'huge-body', bytes: ONE_GIB, status: 201 },
    on: WRITES,
    times: Infinity,
    expect: 'stops',
    sentOnce: true,
  },
  {
    label: '302 redirect to another host on reads',
    fault: { kind: 'status', status: 302, headers: { location: ELSEWHERE }, body: '' },
    on: ['reads'],
    times: Infinity,
    expect: 'unreadable',
    sentOnce: true,
  },
  {
    label: '302 redirect to another host on writes',
    fault: { kind: 'status', status: 302, headers: { location: ELSEWHERE }, body: '' },
    on: WRITES,
    times: Infinity,
    expect: 'stops',
    sentOnce: true,
  },
  {
    label: 'persistent 502 on reads',
    fault: { kind: 'status', status: 502 },
    on: ['reads'],
    times: Infinity,
    expect: 'unreadable',
  },
];

/** A "METHOD /path" pattern from a conformance case as a fault rule's method and path. */
export function requestRule(pattern: RegExp): Pick<FaultRule, 'method' | 'path'> {
  const match = /^\^([A-Z]+) (.+)$/.exec(pattern.source);
  if (match === null) throw new Error(`not a "METHOD /path" pattern: ${pattern.source}`);
  return { method: match[1], path: new RegExp(`^${match[2]}`, pattern.flags) };
}

/** The rules that arm a row's fault on a case's requests: one per distinct request kind. */
export function rulesFor(row: FaultRow, matrixCase: MatrixCase, project: MixedProject): FaultRule[] {
  const { c } = matrixCase;
  const targets: Array<{ on: Target; request: Pick<FaultRule, 'method' | 'path'> }> = [];
  if (row.on.includes('token') && matrixCase.token) targets.push({ on: 'token', request: matrixCase.token });
  if (row.on.includes('reads')) targets.push({ on: 'reads', request: { method: 'GET' } });
  const actions = new Set(Object.values(project.operations));
  if (row.on.includes('creates') && actions.has('create')) targets.push({ on: 'creates', request: c.create });
  if (row.on.includes('updates') && actions.has('update'))
    targets.push({ on: 'updates', request: requestRule(c.inPlace({}).request) });
  if (row.on.includes('retires') && actions.has('retire'))
    targets.push({ on: 'retires', request: requestRule(c.retire) });
  // BlueSnap updates and retires with the same PUT: one rule, not two that would double the fault.
  const seen = new Set<string>();
  const rules: FaultRule[] = [];
  for (const { on, request } of targets) {
    const id = `${request.method ?? '*'} ${String(request.path ?? '*')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const skip = row.skip?.[on];
    rules.push({ ...request, times: row.times, ...(skip ? { skip } : {}), fault: row.fault });
  }
  return rules;
}
