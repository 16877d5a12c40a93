/**
 * `kmsw serve`: the emulator behind a node:http server, for the AWS CLI, boto3, Terraform and browser apps that
 * call it directly (CORS preflights are answered). Same handler as every other way in. With `stateFile` the state
 * (and the clock offset) is written to FILE before each response that changed it; `seed` is applied before the
 * server listens. The admin HTTP API (admin-http.ts) answers under `/_kmsw/` unless `adminApi` is false; then those
 * paths answer like any other path that is not a KMS operation, whatever `X-Amz-Target` they carry.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openFileStore } from '../store/file-store.ts';
import {
  ADMIN_PATH_PREFIX,
  createAdminHttpHandler,
  type AdminHttpHandler,
  type AdminHttpOptions,
} from './admin-http.ts';
import { createKmsEmulator, type KmsEmulator, type KmsEmulatorOptions } from './emulator.ts';

export interface KmsHttpServerOptions extends Omit<KmsEmulatorOptions, 'store'> {
  port?: number;
  host?: string;
  /** Persist the state to this JSON file (written atomically before each response that changed state). */
  stateFile?: string;
  /** Answer the admin HTTP API under `/_kmsw/`. Default true. */
  adminApi?: boolean;
  /** More admin routes (see AdminHttpOptions). */
  adminRoutes?: AdminHttpOptions['routes'];
}

export interface KmsHttpServer {
  server: Server;
  emulator: KmsEmulator;
  url: string;
  close(): Promise<void>;
}

/** On every answer: any origin may read it, request id and error type included. */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype',
};
/** On a preflight only, the one answer browsers read them from (Fetch standard, CORS protocol). */
const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-max-age': '86400',
};

/** Where the server listens (known once it does): its origin, and the URL of its '/'. */
interface ServerBase {
  origin: string;
  root: string;
}

/** The request body, read with 'data' events (a stream's async iterator costs more, on every call). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function fetchHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  return headers;
}

async function answer(
  emulator: KmsEmulator,
  admin: AdminHttpHandler | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  base: ServerBase,
) {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, PREFLIGHT_HEADERS).end();
    return;
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  // The SDKs and the CLI post every KMS call to '/': that one needs no URL parsed.
  const url = req.url === '/' ? undefined : new URL(req.url ?? '/', base.origin);
  if (url?.pathname.startsWith(ADMIN_PATH_PREFIX)) {
    const headers = fetchHeaders(req);
    // With the admin API off, its paths are still never KMS operations.
    if (!admin) headers.delete('x-amz-target');
    const request = new Request(url, { method, headers, body: body && new Uint8Array(body) });
    const response = (await admin?.(request)) || (await emulator.fetch(request));
    const out: Record<string, string> = { ...CORS_HEADERS };
    response.headers.forEach((value, name) => (out[name] = value));
    res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  // KMS calls go straight to the emulator's protocol handler, without Fetch Request and Response objects.
  const header = (name: string) => {
    const value = req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  const href = url?.href ?? base.root;
  const response = await emulator.answer({
    method,
    url: href,
    header,
    text: () => (body ? body.toString('utf8') : ''),
    toRequest: () =>
      new Request(href, { method, headers: fetchHeaders(req), body: body && new Uint8Array(body) }),
  });
  // With its length, as AWS answers, rather than chunked.
  const bytes = Buffer.from(response.body, 'utf8');
  res
    .writeHead(response.status, { ...CORS_HEADERS, ...response.headers, 'content-length': bytes.length })
    .end(bytes);
}

export async function startKmsHttpServer(options: KmsHttpServerOptions = {}): Promise<KmsHttpServer> {
  let emulator: KmsEmulator;
  if (options.stateFile) {
    const opened = await openFileStore({
      path: options.stateFile,
      clockOffsetMs: () => emulator.clock.offsetMs(),
    });
    emulator = createKmsEmulator({ ...options, store: opened.store });
    // The clock travels with the state: a FILE that exists sets it (the clockOffsetMs option is for a new FILE).
    if (opened.existed) emulator.clock.setOffset(opened.clockOffsetMs);
  } else {
    emulator = createKmsEmulator({ ...options, store: 'memory' });
  }
  // Seed before listening: the first request already sees the seeded keys, and a bad seed fails startup.
  try {
    await emulator.ready();
  } catch (error) {
    await emulator.close().catch(() => undefined);
    throw error;
  }
  const host = options.host ?? '127.0.0.1';
  const base: ServerBase = { origin: '', root: '' };
  const admin =
    options.adminApi === false
      ? undefined
      : createAdminHttpHandler(emulator.admin, { routes: options.adminRoutes ?? {} });
  const server = createServer((req, res) => {
    answer(emulator, admin, req, res, base).catch((error: unknown) => {
      // A client that hung up mid-upload (or before the answer) is nobody's failure: there is no one to answer.
      if (req.readableAborted || res.destroyed) return;
      console.error('[kmsw] failed to answer a request:', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4599, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base.origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  base.root = new URL('/', base.origin).href;
  return {
    server,
    emulator,
    url: base.origin,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
    },
  };
}
