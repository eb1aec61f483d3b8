// Public surface of config loading: load a project, read a connection's credentials, and the types
// the rest of plansync works with. Everything else in this folder is an implementation detail.

export { loadProject, DEFAULT_PROJECT_FILE } from './load-project.js';
export type { LoadProjectOptions } from './load-project.js';
export { resolveCredentials } from './credentials.js';
export { CONNECTION_DEFAULTS } from './project-file.js';
export { MAX_CONFIG_BYTES } from './read-config-file.js';
export { MAX_ALIAS_COUNT, parseYamlSource, parseYamlText } from './yaml-source.js';
export type { LocateTarget, YamlSource } from './yaml-source.js';
export type {
  ConnectionConfig,
  ConnectionLimits,
  DesiredPlanSource,
  Environment,
  PlansFile,
  Project,
  ProviderLookup,
  SafetyThresholds,
} from './types.js';
