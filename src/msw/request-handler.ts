/**
 * `kmsRequestHandler(options)`: a Smithy HttpHandler for `new KMSClient({ requestHandler })` that calls the
 * emulator in-process — no interception at all, the fastest path (interception is most of a call's cost).
 * https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-smithy-protocol-http/
 */
import { createKmsEmulator, type KmsEmulator, type KmsEmulatorOptions } from './emulator.ts';

/** The subset of @smithy/protocol-http's HttpRequest the SDK hands to a request handler. */
interface SmithyHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface KmsRequestHandler {
  handle(
    request: SmithyHttpRequest,
  ): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
  emulator: KmsEmulator;
}

export function kmsRequestHandler(
  options: KmsEmulatorOptions & { emulator?: KmsEmulator } = {},
): KmsRequestHandler {
  const emulator = options.emulator ?? createKmsEmulator({ store: 'memory', ...options });
  return {
    emulator,
    async handle(req) {
      const port = req.port ? `:${req.port}` : '';
      const url = `${req.protocol}//${req.hostname}${port}${req.path}`;
      const response = await emulator.fetch(
        new Request(url, {
          method: req.method,
          headers: req.headers,
          body: req.body as BodyInit | undefined,
        }),
      );
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      return {
        response: {
          statusCode: response.status,
          headers,
          body: new Uint8Array(await response.arrayBuffer()),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
