// What the engine knows of a provider's behaviour comes from named fields, never from its name or raw
// options: `capabilities.reads` decides what a shard reads, and a delete-retiring provider prunes
// only where its module says the connection opted in. Providers here are doubles that differ from
// each other in those fields alone.

import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load-project.js';
import type { ConnectionConfig, Project } from '../../src/config/types.js';
import type { Capabilities } from '../../src/core/contract.js';
import type { DesiredPlan, LiveObject } from '../../src/core/model.js';
import { inShard } from '../../src/core/shard.js';
import { makePlan } from '../../src/engine/make-plan.js';
import type { ConnectionSession, Session } from '../../src/engine/session.js';
import type { AnyProvider, ReadScope } from '../../src/providers/types.js';
import {
  fakeBluesnap,
  fakeJpmmps,
  jpmmpsProjectWithPlans,
  jpmmpsProjectYaml,
  lookupOf,
  removeProjects,
} from '../config/helpers.js';

afterAll(removeProjects);

const CONNECTION = 'jpm-test';
const KEYS = Array.from({ length: 12 }, (_, i) => `plan-${i}`);

/** A provider double whose reads are recorded; its read scope is the ids of the plans it was given. */
function recordingProvider(capabilities: Partial<Capabilities>, live: LiveObject[] = []) {
  const scopes: Array<ReadScope | undefined> = [];
  const provider: AnyProvider = {
    ...fakeJpmmps,
    contract: {
      ...fakeJpmmps.contract,
      capabilities: { ...fakeJpmmps.contract.capabilities, ...capabilities },
      identity: { idField: 'id', naturalKey: [] },
    },
    readScope: (desired) => ({ ids: desired.flatMap((plan) => (plan.id === undefined ? [] : [plan.id])) }),
    connect: () => ({
      readAll: async (scope) => {
        scopes.push(scope);
        return { objects: live };
      },
      create: () => Promise.reject(new Error('not in this test')),
      update: () => Promise.reject(new Error('not in this test')),
      retire: () => Promise.reject(new Error('not in this test')),
    }),
  };
  return { provider, scopes };
}

function desiredPlans(): DesiredPlan[] {
  return KEYS.map((key) => ({
    key,
    id: `id-${key}`,
    attrs: {},
    lifecycle: { replace: false, preventDestroy: false },
    location: { file: 'plans/jpmmps.yaml' },
  }));
}

/** A session of one connection, as `openSession` would make it, over `provider`'s adapter. */
function sessionOf(config: ConnectionConfig, provider: AnyProvider, desired: DesiredPlan[]): Session {
  const adapter = provider.connect({
    name: config.name,
    options: config.options,
    baseUrl: 'https://provider.example.test',
    credentials: {},
    http: undefined as never,
    concurrency: 1,
  });
  const connection: ConnectionSession = {
    config,
    provider,
    plansFile: { file: 'plans/jpmmps.yaml', connection: config.name, plans: [] },
    desired,
    targeted: false,
    adapter: () => adapter,
    providerConnection: () => {
      throw new Error('not in this test');
    },
    close: async () => {},
  };
  const project: Project = { root: '/', file: 'plansync.yaml', connections: [config], plansFiles: [] };
  return { project, connections: [connection], skipped: [], close: async () => {} };
}

/** The one connection of a J.P. Morgan MPS-like project with `connection` lines, loaded with `provider`. */
async function loadedConnection(connection: string, provider: AnyProvider): Promise<ConnectionConfig> {
  const root = await jpmmpsProjectWithPlans(
    `connection: ${CONNECTION}\nplans: {}\n`,
    jpmmpsProjectYaml(connection),
  );
  const project = await loadProject(root, lookupOf(provider));
  return project.connections[0]!;
}

describe('reads by id or by list, under --shard', () => {
  const shard = { index: 1, count: 3 };
  const mine = KEYS.filter((key) => inShard(shard, 'jpmmps', CONNECTION, key));

  it("reads only the shard's plans where the provider reads by id", async () => {
    const { provider, scopes } = recordingProvider({ reads: 'by-id' });
    const config = await loadedConnection('', provider);

    await makePlan(sessionOf(config, provider, desiredPlans()), { shard });

    expect(scopes).toEqual([{ ids: mine.map((key) => `id-${key}`) }]);
    expect(mine.length).toBeLessThan(KEYS.length);
  });

  it('reads every plan where the provider lists, whatever the shard', async () => {
    const { provider, scopes } = recordingProvider({ reads: 'list' });
    const config = await loadedConnection('', provider);

    await makePlan(sessionOf(config, provider, desiredPlans()), { shard });

    expect(scopes).toEqual([{ ids: KEYS.map((key) => `id-${key}`) }]);
  });
});

describe('pruning where it deletes', () => {
  const unmanaged: LiveObject = { id: 'old-plan', attrs: {}, fingerprint: 'f' };

  async function retiredBy(provider: AnyProvider, connection: string): Promise<string[]> {
    const { provider: reading } = recordingProvider({}, [unmanaged]);
    const double: AnyProvider = { ...provider, connect: reading.connect };
    const config = await loadedConnection(connection, double);
    const plan = await makePlan(sessionOf(config, double, []));
    return plan.connections[0]!.items.filter((item) => item.action === 'retire').map((item) => item.id!);
  }

  it('deletes unmanaged plans when the connection opts in', async () => {
    const retired = await retiredBy(fakeJpmmps, '    prune: true\n    options:\n      prune_delete: true\n');

    expect(retired).toEqual(['old-plan']);
  });

  it('leaves them alone with prune: true alone', async () => {
    const retired = await retiredBy(fakeJpmmps, '    prune: true\n');

    expect(retired).toEqual([]);
  });

  it('leaves them alone with the opt-in but without prune: true', async () => {
    const retired = await retiredBy(fakeJpmmps, '    options:\n      prune_delete: true\n');

    expect(retired).toEqual([]);
  });

  it('never prunes for a delete-retiring provider that declares no opt-in', async () => {
    const { pruneAllowed: _, ...noOptIn } = fakeJpmmps;

    const retired = await retiredBy(noOptIn, '    prune: true\n');

    expect(retired).toEqual([]);
  });

  it('needs no opt-in where retiring deactivates', async () => {
    const deactivating: AnyProvider = {
      ...fakeJpmmps,
      contract: {
        ...fakeJpmmps.contract,
        capabilities: { ...fakeJpmmps.contract.capabilities, retire: 'deactivate' },
      },
      options: fakeBluesnap.options,
      rules: fakeBluesnap.rules,
    };
    const { pruneAllowed: _, ...provider } = deactivating;

    const retired = await retiredBy(provider, '    prune: true\n');

    expect(retired).toEqual(['old-plan']);
  });
});
