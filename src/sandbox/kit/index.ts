// The emulator kit's public surface: what a provider emulator imports to run on the shared pipeline.

export { startEmulator } from './emulator.js';
export type { EmulatorOptions, ProviderDefinition } from './emulator.js';
export { FaultInjector } from './fault-injector.js';
export { startHttpServer } from './http-server.js';
export {
  DEFAULT_LOGGED_RESPONSE_HEADERS,
  loggedResponseHeaderNames,
  toLoggedResponse,
} from './logged-response.js';
export type { StartedServer, StartServerOptions } from './http-server.js';
export { DEFAULT_BODY_LIMIT_BYTES, parseJson, parseTarget, readBody } from './request-body.js';
export type { BodyReadResult } from './request-body.js';
export { REDACTED, RequestLog } from './request-log.js';
export { proxyHtmlResponse, responseHeaders } from './responder.js';
export { Router } from './router.js';
export type { RouteMatch } from './router.js';
export { TokenBucket } from './token-bucket.js';
export type * from './types.js';
export { requestFingerprint } from './request-fingerprint.js';
export { extendEmulator } from './extend-emulator.js';
export { ExpiringTokens } from './expiring-tokens.js';
export { prng } from './prng.js';
export { credentialSlots } from './module.js';
export type { EmulatorModule, EmulatorStartOptions, StartedEmulator } from './module.js';
