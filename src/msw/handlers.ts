/**
 * `kmsHandlers(options)`: msw request handlers that answer KMS calls, for users who already run their own
 * `setupWorker` / `setupServer` (an app can have only one service worker). Environment-neutral.
 * https://mswjs.io/docs/api/http
 */
import { http, type HttpHandler } from 'msw';
import { createKmsEmulator, type KmsEmulator, type KmsEmulatorOptions } from './emulator.ts';

export interface KmsHandlersOptions extends KmsEmulatorOptions {
  /** Use this emulator instead of creating one from the options. */
  emulator?: KmsEmulator;
}

export function kmsHandlers(options: KmsHandlersOptions = {}): HttpHandler[] {
  const emulator = options.emulator ?? createKmsEmulator(options);
  return [
    http.post(
      ({ request }) => emulator.matches(request),
      ({ request }) => emulator.fetch(request),
    ),
  ];
}
