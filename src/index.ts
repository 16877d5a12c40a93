/**
 * `kmsw`: the environment-neutral entry point. `kmsHandlers()` for your own msw setup, `createKmsEmulator()` for
 * direct use, `kmsRequestHandler()` for the in-process fast path, `createKmsAdmin()` and the state document for
 * reset, export/import, seeding and the clock.
 */
export { kmsHandlers, type KmsHandlersOptions } from './msw/handlers.ts';
export { createKmsEmulator, type KmsEmulator, type KmsEmulatorOptions } from './msw/emulator.ts';
export { kmsRequestHandler, type KmsRequestHandler } from './msw/request-handler.ts';
export {
  createKmsAdmin,
  type KmsAdmin,
  type KmsAdminClock,
  type ImportOptions,
  type KmsStateChange,
  type KmsIdentitySummary,
} from './msw/admin.ts';
export type { KmsRequestLogEntry } from './msw/request-log/entry.ts';
export type { RequestLogOptions } from './msw/request-log/request-log.ts';
export { KmsIdentitiesError, type KmsIdentities, type KmsIdentity } from './kms/access/identities.ts';
export { KmsSeedError, type KmsSeed, type KmsSeedKey } from './kms/seed.ts';
export {
  parseState,
  stringifyState,
  StateDocumentError,
  type StateDocument,
} from './store/state-document.ts';
