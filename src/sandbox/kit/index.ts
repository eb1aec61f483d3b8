// The emulator kit's public surface: what a provider emulator imports to run on the shared pipeline.

export { startEmulator } from './emulator.js';
export type { ProviderDefinition } from './emulator.js';
export { FaultInjector } from './fault-injector.js';
export { parseJson, parseTarget } from './request-body.js';
export { REDACTED, RequestLog } from './request-log.js';
export { Router } from './router.js';
export { TokenBucket } from './token-bucket.js';
export type * from './types.js';
export { requestFingerprint } from './request-fingerprint.js';
export { extendEmulator } from './extend-emulator.js';
export { ExpiringTokens } from './expiring-tokens.js';
export { credentialSlots } from './module.js';
export type { EmulatorModule } from './module.js';
