/**
 * The `kmsw` command: `kmsw serve [options]`, `kmsw --help`, `kmsw --version`. `--seed FILE` takes a seed
 * (`{ "keys": [...] }`) or a state document, as JSON. The admin HTTP API answers under `/_kmsw/` unless
 * `--no-admin-api`.
 * `--identities FILE` takes the `identities` option as JSON; `--enforce-policies` and `--verify-signatures` turn on
 * access control. `--custom-key-store-backends FILE` takes the simulated CloudHSM clusters and XKS proxies (the
 * `customKeyStoreBackends` option), as JSON.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KmsIdentitiesError } from './kms/access/identities.ts';
import { CustomKeyStoreBackendsError } from './kms/custom-key-stores/backends.ts';
import { QuotaOptionsError } from './kms/quotas/quota-settings.ts';
import { KmsSeedError } from './kms/seed.ts';
import { startKmsHttpServer } from './msw/http-server.ts';
import { StateDocumentError } from './store/state-document.ts';
import { VERSION } from './version.ts';

export const HELP = `kmsw ${VERSION} — AWS KMS emulated over HTTP, for the AWS CLI, boto3, Terraform and SDKs

usage:
  kmsw serve [options]   answer AWS KMS requests (AWS JSON 1.1) on http://HOST:PORT
  kmsw --help            this text
  kmsw --version         the version

serve options:
  --port N           port to listen on (0 picks a free one)             default 4599
  --host HOST        address to listen on                               default 127.0.0.1
  --state FILE       keep the state (and the clock offset) in FILE, written before each response that changed it
  --seed FILE        keys to start with: a seed {"keys": [...]} or a state document, as JSON
  --account ID       account for access key ids that are not 12 digits  default 000000000000
  --region REGION    region when the request's signature names none     default us-east-1
  --no-admin-api     do not answer the admin HTTP API under /_kmsw/
  --identities FILE                  access key id -> principal (ARN, or {arn, secretAccessKey?, policies?}), JSON
  --enforce-policies                 authorise every request by key policies, IAM policies and grants, as AWS does
  --verify-signatures                check SigV4 signatures; only the identities' access keys are accepted
  --grant-propagation-ms MS          with --enforce-policies: a new grant is in effect MS ms (emulator time) after
                                     CreateGrant, at once for requests with its grant token      default 0
  --custom-key-store-backends FILE   simulated CloudHSM clusters and XKS proxies for custom key stores, as JSON
  --custom-key-store-connect-ms MS   emulator time ConnectCustomKeyStore takes   default 2000
  --quotas           enforce AWS's adjustable quotas with their default numbers (LimitExceeded, Throttling)
  --quota NAME=N     set one quota (turns quotas on), e.g. --quota keysPerRegion=10 --quota CreateKey=1

admin HTTP API (on by default):
  GET    /_kmsw/health     {"status":"ok","version":"${VERSION}"}
  POST   /_kmsw/reset      state back to the seed
  GET    /_kmsw/state      the state document;  PUT /_kmsw/state replaces the state with one
  POST   /_kmsw/clock      {"advanceMs": n} or {"offsetMs": n}  ->  {"now": "...", "offsetMs": n}
  GET    /_kmsw/requests   the request log, oldest first;  DELETE /_kmsw/requests empties it
  GET    /_kmsw/custom-key-store-backends   simulated CloudHSM clusters / XKS proxies and their faults
  POST   /_kmsw/custom-key-store-backends   {"xksProxyUriEndpoint": "https://...", "fault": "unreachable"} (null: heal)
  DELETE /_kmsw/custom-key-store-backends   clear every fault

example:
  npx kmsw serve --port 4599 &
  aws --endpoint-url http://127.0.0.1:4599 --region us-east-1 kms create-key
`;

function readOptionFile(flag: string, file: string | undefined): string | undefined | Error {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return new Error(`[kmsw] cannot read --${flag} ${file}: ${(error as Error).message}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    console.log(VERSION);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP);
    return 0;
  }
  if (command !== 'serve') {
    console.error(`[kmsw] unknown command "${command}"; run kmsw --help`);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string', default: '4599' },
        host: { type: 'string', default: '127.0.0.1' },
        state: { type: 'string' },
        seed: { type: 'string' },
        account: { type: 'string' },
        region: { type: 'string' },
        'no-admin-api': { type: 'boolean', default: false },
        identities: { type: 'string' },
        'enforce-policies': { type: 'boolean' },
        'verify-signatures': { type: 'boolean' },
        'grant-propagation-ms': { type: 'string' },
        'custom-key-store-backends': { type: 'string' },
        'custom-key-store-connect-ms': { type: 'string' },
        quotas: { type: 'boolean', default: false },
        quota: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`[kmsw] ${(error as Error).message}; run kmsw --help`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`[kmsw] --port must be an integer from 0 to 65535, got ${values.port}`);
    return 2;
  }
  const propagation = values['grant-propagation-ms'];
  const grantPropagationMs = propagation === undefined ? undefined : Number(propagation);
  if (grantPropagationMs !== undefined && (!Number.isFinite(grantPropagationMs) || grantPropagationMs < 0)) {
    console.error(`[kmsw] --grant-propagation-ms must be milliseconds ≥ 0, got ${propagation}`);
    return 2;
  }
  if (grantPropagationMs !== undefined && !values['enforce-policies']) {
    console.error('[kmsw] --grant-propagation-ms needs --enforce-policies');
    return 2;
  }
  const seed = readOptionFile('seed', values.seed);
  const identities = readOptionFile('identities', values.identities);
  const backends = readOptionFile('custom-key-store-backends', values['custom-key-store-backends']);
  for (const read of [seed, identities, backends]) {
    if (read instanceof Error) {
      console.error(read.message);
      return 2;
    }
  }
  const connectMs =
    values['custom-key-store-connect-ms'] === undefined
      ? undefined
      : Number(values['custom-key-store-connect-ms']);
  if (connectMs !== undefined && !(Number.isFinite(connectMs) && connectMs >= 0)) {
    console.error(
      `[kmsw] --custom-key-store-connect-ms must be a number of milliseconds, got ${values['custom-key-store-connect-ms']}`,
    );
    return 2;
  }
  let quotas: boolean | Record<string, number> = values.quotas;
  for (const setting of values.quota ?? []) {
    const match = /^([A-Za-z][A-Za-z0-9 ()_]*)=([0-9.]+)$/.exec(setting);
    if (!match) {
      console.error(`[kmsw] --quota must be NAME=NUMBER, got ${setting}`);
      return 2;
    }
    quotas = { ...(typeof quotas === 'object' ? quotas : {}), [match[1]!]: Number(match[2]) };
  }
  let server;
  try {
    server = await startKmsHttpServer({
      port,
      host: values.host,
      stateFile: values.state,
      seed: seed as string | undefined,
      defaultAccount: values.account,
      defaultRegion: values.region,
      adminApi: !values['no-admin-api'],
      identities: identities as string | undefined,
      enforcePolicies: grantPropagationMs === undefined ? values['enforce-policies'] : { grantPropagationMs },
      verifySignatures: values['verify-signatures'],
      customKeyStoreBackends: backends as string | undefined,
      customKeyStoreConnectMs: connectMs,
      quotas,
    });
  } catch (error) {
    if (error instanceof KmsIdentitiesError) {
      console.error(`[kmsw] --identities ${values.identities}: ${error.message}`);
      return 2;
    }
    if (error instanceof CustomKeyStoreBackendsError) {
      console.error(`[kmsw] --custom-key-store-backends: ${error.message}`);
      return 2;
    }
    if (error instanceof QuotaOptionsError) {
      console.error(`[kmsw] --quota: ${error.message}`);
      return 2;
    }
    if (error instanceof KmsSeedError || error instanceof StateDocumentError) {
      const what = error instanceof KmsSeedError ? `--seed ${values.seed}` : '--state';
      console.error(`[kmsw] ${what}: ${error.message}`);
      return 2;
    }
    throw error;
  }
  console.log(
    `[kmsw] KMS emulator listening on ${server.url}${values.state ? ` (state: ${values.state})` : ''}`,
  );
  if (!values['no-admin-api']) console.log(`[kmsw] admin HTTP API: ${server.url}/_kmsw/ (kmsw --help)`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`[kmsw] ${signal}: shutting down`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await server.close();
  return 0;
}
