// What a provider brings to the provider-generic test suites, as one object per provider
// (test/providers/<id>/index.ts) listed once in test/providers/registry.ts. The fixture it starts
// emulators with is its conformance case's.

import type { ConformanceCase } from '../conformance/case.js';
import type { CrashScenario } from '../reliability/crash-scenarios.js';
import type { FaultSupport } from '../reliability/fault-cases.js';

export interface ProviderTests {
  /** The shared conformance suite's promises, and the fixture every generic suite starts from. */
  conformance: ConformanceCase;
  /** The fault matrix's extras. */
  faults: FaultSupport;
  /** The crash loop's long, mixed apply. */
  crash: CrashScenario;
}
