/**
 * The Node paths of the bench, each with its floor on the same path: the same SDK call answered by a canned
 * response (the bodies kmsw itself gave for that call, recorded, so the SDK parses the same bytes), cycling
 * through several recorded answers as a real service's vary (see RECORDED_ANSWERS in recording.ts), and running the
 * call's raw primitive before it answers (`runFirst`): the cost of an emulator that does the crypto and nothing else.
 * - in-process: `kmsRequestHandler()` beside a canned in-process request handler;
 * - msw/node: kmsw's handlers beside a canned msw handler (one interceptor, switched per call);
 * - kmsw serve: `startKmsHttpServer` beside a canned `node:http` server, sequential and 16 in flight.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KMSClient } from '@aws-sdk/client-kms';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createKmsEmulator, kmsHandlers, kmsRequestHandler, type KmsEmulator } from '../src/index.ts';
import { startKmsHttpServer } from '../src/msw/http-server.ts';
import { timePerCall } from './measure.ts';
import type { BenchOperation } from './operations.ts';
import type { Recording } from './recording.ts';

const credentials = { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' };
export const RESPONSE_HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amzn-requestid': '00000000-0000-0000-0000-000000000000',
};

export interface BenchPath {
  name: string;
  /** The emulator behind `kmsw`. */
  emulator: KmsEmulator;
  kmsw: KMSClient;
  canned: KMSClient;
  /** The bodies the canned floor answers with from now on, one after the other, round and round. */
  setCanned(bodies: string[]): void;
  /** From now on each canned answer first runs `primitive` (the floor), or nothing (the canned answer alone). */
  runFirst(primitive: (() => Promise<unknown>) | undefined): void;
  /** Before each kmsw call (the msw path switches its interceptor). */
  useKmsw?(): void;
  concurrency?: number;
  close(): Promise<void>;
}

/**
 * Steady state: every operation of the path runs on kmsw and on its floor for `ms` before any is measured, so the
 * first measured does not pay for compiling the code all of them share (Encrypt, first, measured twice its steady
 * cost without this).
 */
export async function warmUpPath(
  path: BenchPath,
  ops: BenchOperation[],
  exchanges: Map<string, Recording>,
  ms: number,
): Promise<void> {
  for (const op of ops) {
    path.setCanned(exchanges.get(op.name)!.responses);
    path.runFirst(op.raw);
    path.useKmsw?.();
    await timePerCall(() => op.send(path.kmsw), ms, path.concurrency);
    await timePerCall(() => op.send(path.canned), ms, path.concurrency);
  }
}

/** The next of the recorded bodies at each call, after the primitive when there is one. */
function cannedAnswers<T>(encode: (body: string) => T) {
  let bodies: T[] = [];
  let next = 0;
  let primitive: (() => Promise<unknown>) | undefined;
  return {
    set: (recorded: string[]) => ((bodies = recorded.map(encode)), (next = 0)),
    runFirst: (fn: (() => Promise<unknown>) | undefined) => (primitive = fn),
    answer: async (): Promise<T> => {
      if (primitive) await primitive();
      return bodies[next++ % bodies.length]!;
    },
  };
}

/** A Smithy request handler answering every call with the next canned body. */
function cannedRequestHandler(answer: () => Promise<Uint8Array>) {
  return {
    handle: async () => ({ response: { statusCode: 200, headers: RESPONSE_HEADERS, body: await answer() } }),
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  } as never;
}

export function inProcessPath(emulator: KmsEmulator = createKmsEmulator({ store: 'memory' })): BenchPath {
  const canned = cannedAnswers((body) => new TextEncoder().encode(body));
  return {
    name: 'in-process kmsRequestHandler()',
    emulator,
    kmsw: new KMSClient({
      region: 'us-east-1',
      credentials,
      requestHandler: kmsRequestHandler({ emulator }),
    }),
    canned: new KMSClient({
      region: 'us-east-1',
      credentials,
      requestHandler: cannedRequestHandler(canned.answer),
    }),
    setCanned: canned.set,
    runFirst: canned.runFirst,
    close: () => emulator.close(),
  };
}

export function mswNodePath(): BenchPath {
  const emulator = createKmsEmulator({ store: 'memory' });
  const canned = cannedAnswers((body) => body);
  let mode: 'canned' | 'kmsw' = 'kmsw';
  const server = setupServer(
    http.post(/kms\./, async ({ request }) => {
      if (mode !== 'canned') return undefined;
      // Any emulator reads what it is asked.
      await request.text();
      return new HttpResponse(await canned.answer(), { headers: RESPONSE_HEADERS });
    }),
    ...kmsHandlers({ emulator }),
  );
  server.listen();
  const client = new KMSClient({ region: 'us-east-1', credentials });
  return {
    name: 'msw/node',
    emulator,
    kmsw: client,
    canned: new Proxy(client, {
      get: (target, prop) =>
        prop === 'send'
          ? (command: never) => {
              mode = 'canned';
              return target.send(command).finally(() => (mode = 'kmsw'));
            }
          : Reflect.get(target, prop),
    }),
    setCanned: canned.set,
    runFirst: canned.runFirst,
    useKmsw: () => (mode = 'kmsw'),
    close: async () => {
      server.close();
      await emulator.close();
    },
  };
}

export async function servePath(concurrency = 1): Promise<BenchPath> {
  const canned = cannedAnswers((body) => Buffer.from(body));
  const floor = createServer((req, res) => {
    req.resume();
    req.on('end', () => void canned.answer().then((body) => res.writeHead(200, RESPONSE_HEADERS).end(body)));
  });
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
  const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}`;
  const served = await startKmsHttpServer({ port: 0 });
  return {
    name:
      concurrency === 1
        ? 'kmsw serve (loopback HTTP, sequential)'
        : `kmsw serve (loopback HTTP, ${concurrency} in flight)`,
    emulator: served.emulator,
    kmsw: new KMSClient({ region: 'us-east-1', credentials, endpoint: served.url }),
    canned: new KMSClient({ region: 'us-east-1', credentials, endpoint: floorUrl }),
    setCanned: canned.set,
    runFirst: canned.runFirst,
    concurrency,
    close: async () => {
      floor.close();
      await served.close();
    },
  };
}
