/**
 * The `kmsw` command. `kmsw serve [--port 4599] [--host 127.0.0.1] [--state FILE] [--seed FILE] [--account ID]
 * [--region R]`. `--seed FILE` takes a seed (`{ "keys": [...] }`) or a state document, as JSON.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KmsSeedError } from './kms/seed.ts';
import { startKmsHttpServer } from './msw/http-server.ts';
import { StateDocumentError } from './store/state-document.ts';

const USAGE = `usage: kmsw serve [--port 4599] [--host 127.0.0.1] [--state FILE] [--seed FILE] [--account 000000000000] [--region us-east-1]`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'serve') {
    console.error(USAGE);
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string', default: '4599' },
      host: { type: 'string', default: '127.0.0.1' },
      state: { type: 'string' },
      seed: { type: 'string' },
      account: { type: 'string' },
      region: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`[kmsw] --port must be an integer from 0 to 65535, got ${values.port}`);
    return 2;
  }
  let seed: string | undefined;
  if (values.seed !== undefined) {
    try {
      seed = readFileSync(values.seed, 'utf8');
    } catch (error) {
      console.error(`[kmsw] cannot read --seed ${values.seed}: ${(error as Error).message}`);
      return 2;
    }
  }
  let server;
  try {
    server = await startKmsHttpServer({
      port,
      host: values.host,
      stateFile: values.state,
      seed,
      defaultAccount: values.account,
      defaultRegion: values.region,
    });
  } catch (error) {
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
