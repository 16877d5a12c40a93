/**
 * `kmsw`: the environment-neutral entry point. `kmsHandlers()` for your own msw setup, `createKmsEmulator()` for
 * direct use, `kmsRequestHandler()` for the in-process fast path.
 */
export { kmsHandlers, type KmsHandlersOptions } from './msw/handlers.ts';
export { createKmsEmulator, type KmsEmulator, type KmsEmulatorOptions } from './msw/emulator.ts';
export { kmsRequestHandler, type KmsRequestHandler } from './msw/request-handler.ts';
