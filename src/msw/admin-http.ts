/**
 * The admin HTTP API of `kmsw serve` under `/_kmsw/`, for users of the AWS CLI, boto3 and Terraform who cannot
 * reach the TypeScript admin facade (as moto's `/moto-api/reset` and LocalStack's `/_localstack/*`):
 *
 * | route | answer |
 * | --- | --- |
 * | `GET /_kmsw/health` | `{"status":"ok","version":"<package version>"}` |
 * | `POST /_kmsw/reset` | state back to the seed, clock offset back to its start |
 * | `GET /_kmsw/state` / `PUT /_kmsw/state[?mode=merge]` | the state document / replace (or merge) the state with one |
 * | `GET /_kmsw/clock` / `POST /_kmsw/clock` `{"advanceMs":n}` or `{"offsetMs":n}` | `{"now":"<ISO 8601>","offsetMs":n}` |
 * | `GET /_kmsw/requests` / `DELETE /_kmsw/requests` | the request log, oldest first / empty it |
 * | `GET /_kmsw/custom-key-store-backends` | the simulated CloudHSM clusters and XKS proxies with their faults |
 * | `POST /_kmsw/custom-key-store-backends` `{"cloudHsmClusterId"\|"xksProxyUriEndpoint", ["xksKeyId",] "fault"}` | make a backend misbehave (`fault: null`: behave again); answers the status |
 * | `DELETE /_kmsw/custom-key-store-backends` | clear every fault |
 *
 * Every answer is JSON; a refused request is 400 (bad input, nothing changed), 404 (unknown route) or 405 (wrong
 * method, with `Allow`), with `{"message": "..."}`. The API is never reachable through the AWS protocol: a request
 * carrying `X-Amz-Target` is refused with 400, so an SDK pointed at `/_kmsw/...` by mistake changes nothing.
 * Extra routes (e.g. fault injection) are added with `routes`.
 */
import { CustomKeyStoreBackendsError, type BackendFault } from '../kms/custom-key-stores/backends.ts';
import { StateDocumentError } from '../store/state-document.ts';
import { VERSION } from '../version.ts';
import type { KmsAdmin } from './admin.ts';

export const ADMIN_PATH_PREFIX = '/_kmsw/';

/** A refusal with its status; the router answers `{"message"}`. */
export class AdminHttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** One route: handlers by HTTP method, each answering a JSON value (or a Response). */
export type AdminRoute = Partial<
  Record<'GET' | 'POST' | 'PUT' | 'DELETE', (request: Request, admin: KmsAdmin) => Promise<unknown>>
>;

export interface AdminHttpOptions {
  /** More routes, by path after `/_kmsw/` (e.g. `faults`). */
  routes?: Record<string, AdminRoute>;
}

/** The admin HTTP API: `undefined` for a path outside `/_kmsw/`, otherwise the answer. */
export type AdminHttpHandler = (request: Request) => Promise<Response | undefined>;

function json(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return new Response(value === undefined ? '{}' : JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** The request body as JSON; 400 when it is not. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AdminHttpError(400, `the request body is not JSON: ${(error as Error).message}`);
  }
}

function clockView(admin: KmsAdmin) {
  return { now: new Date(admin.clock.now()).toISOString(), offsetMs: admin.clock.offsetMs() };
}

async function moveClock(request: Request, admin: KmsAdmin) {
  const body = await readJson(request);
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
  const value = (body as Record<string, unknown> | null)?.[fields[0] ?? ''];
  if (fields.length !== 1 || (fields[0] !== 'advanceMs' && fields[0] !== 'offsetMs')) {
    throw new AdminHttpError(400, 'the body must be {"advanceMs": n} or {"offsetMs": n}');
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AdminHttpError(
      400,
      `${fields[0]} must be a finite number of milliseconds, got ${JSON.stringify(value)}`,
    );
  }
  if (fields[0] === 'advanceMs') {
    if (value < 0) throw new AdminHttpError(400, `advanceMs must not be negative, got ${value}`);
    await admin.clock.advance(value);
  } else {
    await admin.clock.setOffset(value);
  }
  return clockView(admin);
}

async function importState(request: Request, admin: KmsAdmin) {
  const mode = new URL(request.url).searchParams.get('mode') ?? 'replace';
  if (mode !== 'replace' && mode !== 'merge') {
    throw new AdminHttpError(400, `mode must be "replace" or "merge", got "${mode}"`);
  }
  try {
    await admin.importState(await request.text(), { mode });
  } catch (error) {
    if (error instanceof StateDocumentError) throw new AdminHttpError(400, error.message);
    throw error;
  }
  return { status: 'ok' };
}

async function setBackendFault(request: Request, admin: KmsAdmin) {
  const body = await readJson(request);
  try {
    admin.customKeyStoreBackends.setFault(body as BackendFault);
  } catch (error) {
    if (error instanceof CustomKeyStoreBackendsError) throw new AdminHttpError(400, error.message);
    throw error;
  }
  return admin.customKeyStoreBackends.status();
}

const ROUTES: Record<string, AdminRoute> = {
  health: { GET: async () => ({ status: 'ok', version: VERSION }) },
  reset: {
    POST: async (_request, admin) => {
      await admin.reset();
      return { status: 'ok' };
    },
  },
  state: {
    GET: async (_request, admin) =>
      new Response(await admin.exportJson(), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    PUT: importState,
  },
  clock: {
    GET: async (_request, admin) => clockView(admin),
    POST: moveClock,
  },
  'custom-key-store-backends': {
    GET: async (_request, admin) => admin.customKeyStoreBackends.status(),
    POST: setBackendFault,
    DELETE: async (_request, admin) => {
      admin.customKeyStoreBackends.clearFaults();
      return admin.customKeyStoreBackends.status();
    },
  },
  requests: {
    GET: async (_request, admin) => admin.requests(),
    DELETE: async (_request, admin) => {
      await admin.clearRequests();
      return { status: 'ok' };
    },
  },
};

export function createAdminHttpHandler(admin: KmsAdmin, options: AdminHttpOptions = {}): AdminHttpHandler {
  const routes = { ...ROUTES, ...options.routes };
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith(ADMIN_PATH_PREFIX)) return undefined;
    try {
      if (request.headers.has('x-amz-target')) {
        throw new AdminHttpError(
          400,
          'the kmsw admin API does not answer AWS requests (X-Amz-Target is set)',
        );
      }
      const name = pathname.slice(ADMIN_PATH_PREFIX.length).replace(/\/$/, '');
      const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
      if (!route) throw new AdminHttpError(404, `no kmsw admin route ${pathname}`);
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      const handle = route[method as keyof AdminRoute];
      if (!handle) {
        const allow = Object.keys(route).join(', ');
        return json(
          405,
          { message: `${request.method} is not allowed on ${pathname}; use ${allow}` },
          { allow },
        );
      }
      const result = await handle(request, admin);
      return result instanceof Response ? result : json(200, result);
    } catch (error) {
      if (error instanceof AdminHttpError) return json(error.status, { message: error.message });
      throw error;
    }
  };
}
