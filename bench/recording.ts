/**
 * The requests and answers the bench's canned floors replay: each operation sent through an in-process emulator,
 * with the request as kmsw received it and RECORDED_ANSWERS of its answers.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { kmsRequestHandler, type KmsEmulator } from '../src/index.ts';
import type { BenchOperation } from './operations.ts';

/** What the emulator received and answered for one call. */
export interface Exchange {
  url: string;
  headers: Record<string, string>;
  body: string;
  response: string;
}

/**
 * How many answers to each call the canned floor cycles through. A real KMS answers every Encrypt, GenerateDataKey,
 * CreateKey or ECDSA Sign with different bytes (a fresh IV, key id, signature), and parsing a body the CPU has
 * just seen is several times cheaper than parsing new bytes: the SDK's base64 check of a 1.5 KB ciphertext costs
 * 1.5 µs on one repeated string and 8 µs on strings that vary (branch prediction). A floor that replayed one body
 * would be faster than any real service can be; kmsw's own answers vary, so the floor's do too.
 */
export const RECORDED_ANSWERS = 64;

/** One call's request (as kmsw received it) and every answer recorded for it. */
export interface Recording extends Exchange {
  responses: string[];
}

/** A kmsRequestHandler that keeps the last exchange. */
export function recordingClient(emulator: KmsEmulator) {
  const inner = kmsRequestHandler({ emulator });
  let last: Exchange | undefined;
  const handler = {
    ...inner,
    async handle(req: Parameters<typeof inner.handle>[0]) {
      const out = await inner.handle(req);
      last = {
        url: `${req.protocol}//${req.hostname}${req.path}`,
        headers: { ...req.headers },
        body: req.body instanceof Uint8Array ? new TextDecoder().decode(req.body) : String(req.body),
        response: new TextDecoder().decode(out.response.body),
      };
      return out;
    },
  };
  const client = new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' },
    requestHandler: handler,
  });
  return { client, last: () => last! };
}

/** Each operation's recording, by name: `ops` must have been prepared on `recorder.client`. */
export async function recordExchanges(
  recorder: ReturnType<typeof recordingClient>,
  ops: BenchOperation[],
): Promise<Map<string, Recording>> {
  const exchanges = new Map<string, Recording>();
  for (const op of ops) {
    const responses: string[] = [];
    for (let i = 0; i < RECORDED_ANSWERS; i++) {
      await op.send(recorder.client);
      responses.push(recorder.last().response);
    }
    exchanges.set(op.name, { ...recorder.last(), responses });
  }
  return exchanges;
}
