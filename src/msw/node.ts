/**
 * `kmsw/node`: `setupKmsServer(options)` for Vitest and Jest — msw/node intercepting KMS calls, memory store by
 * default. Other requests pass through untouched.
 * https://mswjs.io/docs/api/setup-server
 */
import { setupServer, type SetupServer } from 'msw/node';
import { createKmsEmulator, type KmsEmulator, type KmsEmulatorOptions } from './emulator.ts';
import { kmsHandlers } from './handlers.ts';

export interface KmsServer extends SetupServer {
  emulator: KmsEmulator;
}

export function setupKmsServer(options: KmsEmulatorOptions = {}): KmsServer {
  const emulator = createKmsEmulator({ store: 'memory', ...options });
  return Object.assign(setupServer(...kmsHandlers({ emulator })), { emulator });
}

export { kmsRequestHandler } from './request-handler.ts';
