/**
 * `npm run bench [-- --json FILE] [--quick] [--only paths,scaling,memory]`: kmsw's cost per call on every Node
 * path beside floors measured in the same run, the emulator's own time per call, a size-scaling table (empty,
 * 1,000 and 10,000 keys; memory, file and IndexedDB stores), memory per key, request-log growth and a long run of
 * 100,000 Encrypt calls. The browser paths are `npm run bench:browser`. Not part of `npm test`.
 *
 * Per path and operation: `kmsw` is the SDK call answered by kmsw; `canned` the same call answered by a canned
 * response on the same path; `raw` the raw primitive the operation runs (bench/operations.ts), alone; `floor` the
 * canned answer that runs the raw primitive inside the call before it answers, as an emulator that did the crypto
 * and nothing else would; `ratio` floor/kmsw (kmsw's throughput as a fraction of the floor's; the target is ≥ 0.8);
 * and `own` the emulator's own time per call with the crypto excluded: `emulator.fetch` of the recorded request
 * minus the same Request/Response handling with a canned answer after the raw primitive. All in milliseconds of
 * this process's CPU time per call (the machine is shared: wall time would mostly measure waiting for a core),
 * medians of interleaved rounds (bench/measure.ts).
 *
 * Why the floor runs the primitive in the call rather than adding `canned + raw`: costs measured apart do not add.
 * Inside an SDK call the same work costs more than alone in a tight loop (caches and branch predictors shared with
 * the SDK, garbage collected in the call's time, the event loop turning): an ECDSA P-256 signature through Node's
 * WebCrypto took 0.073 ms alone and added 0.14 ms to a canned SDK call, a synchronous node:crypto one 0.025 and
 * 0.065, one `setImmediate` 0.0035 and 0.03. The sum was a floor no emulator, however cheap, could reach.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createKmsEmulator, type KmsEmulator } from '../src/index.ts';
import { collectGarbage, interleaved, printTable, timePerCall, type BenchOptions } from './measure.ts';
import { benchMemory } from './memory.ts';
import { prepareOperations, type BenchOperation } from './operations.ts';
import { inProcessPath, mswNodePath, servePath, warmUpPath, type BenchPath } from './paths.ts';
import { recordExchanges, recordingClient, type Exchange, type Recording } from './recording.ts';
import { benchScaling } from './scaling.ts';

const { values: args } = parseArgs({
  options: { json: { type: 'string' }, quick: { type: 'boolean' }, only: { type: 'string' } },
});
const quick = args.quick === true;
const jsonFile = args.json;
const only = new Set((args.only ?? 'paths,scaling,memory').split(','));
const options: BenchOptions = quick ? { rounds: 3, budgetMs: 80 } : { rounds: 7, budgetMs: 150 };
const WARM_UP_MS = quick ? 100 : 300;

interface OperationRow {
  operation: string;
  kmswMs: number;
  cannedMs: number;
  rawMs: number;
  floorMs: number;
  ratio: number;
  ownMs: number;
}

/** The emulator's own time per operation: fetch minus the bare Request/Response handling around the primitive. */
async function ownTimes(emulator: KmsEmulator, ops: BenchOperation[], exchanges: Map<string, Recording>) {
  const own = new Map<string, number>();
  const requestOf = (x: Exchange) => () =>
    new Request(x.url, { method: 'POST', headers: x.headers, body: x.body });
  for (const op of ops) {
    const request = requestOf(exchanges.get(op.name)!);
    await timePerCall(async () => (await emulator.fetch(request())).text(), WARM_UP_MS);
  }
  for (const op of ops) {
    const x = exchanges.get(op.name)!;
    const request = requestOf(x);
    const t = await interleaved(
      {
        fetch: { fn: async () => (await emulator.fetch(request())).text() },
        envelope: {
          fn: async () => {
            await request().text();
            await op.raw();
            return new Response(x.response, {
              headers: { 'content-type': 'application/x-amz-json-1.1' },
            }).text();
          },
        },
      },
      options,
    );
    own.set(op.name, Math.max(0, t.difference('fetch', 'envelope')));
  }
  return own;
}

async function benchPath(
  path: BenchPath,
  exchanges: Map<string, Recording>,
  own: Map<string, number>,
): Promise<OperationRow[]> {
  const ops = await prepareOperations(path.kmsw);
  await warmUpPath(path, ops, exchanges, WARM_UP_MS);
  const rows: OperationRow[] = [];
  for (const op of ops) {
    path.setCanned(exchanges.get(op.name)!.responses);
    const t = await interleaved(
      {
        kmsw: {
          fn: () => {
            path.useKmsw?.();
            return op.send(path.kmsw);
          },
          concurrency: path.concurrency,
        },
        canned: {
          fn: () => {
            path.runFirst(undefined);
            return op.send(path.canned);
          },
          concurrency: path.concurrency,
        },
        floor: {
          fn: () => {
            path.runFirst(op.raw);
            return op.send(path.canned);
          },
          concurrency: path.concurrency,
        },
      },
      options,
    );
    // The primitive alone, for the table: in rounds of its own, each on a collected heap, so it pays for nobody's
    // garbage and nobody for its (interleaved, the native cipher contexts it leaves were collected in the next
    // contender's time).
    const raw = (await interleaved({ raw: { fn: op.raw, before: collectGarbage } }, options)).ms.raw;
    rows.push({
      operation: op.name,
      kmswMs: t.ms.kmsw,
      cannedMs: t.ms.canned,
      rawMs: raw,
      floorMs: t.ms.floor,
      ratio: t.ratio('floor', 'kmsw'),
      ownMs: own.get(op.name)!,
    });
  }
  printTable(
    `${path.name}  (CPU ms per call; ratio = floor / kmsw, target ≥ 0.8; own = emulator's own time, crypto excluded)`,
    ['operation', 'kmsw', 'canned', 'raw', 'floor', 'ratio', 'own'],
    rows.map((r) => [r.operation, r.kmswMs, r.cannedMs, r.rawMs, r.floorMs, r.ratio, r.ownMs]),
  );
  return rows;
}

async function main() {
  const startedAt = new Date().toISOString();
  console.log(
    `[kmsw] bench on Node ${process.version}, ${startedAt}, ${options.rounds} interleaved rounds of ${options.budgetMs} ms`,
  );
  const report: Record<string, unknown> = {
    node: process.version,
    startedAt,
    rounds: options.rounds,
    budgetMs: options.budgetMs,
  };
  if (only.has('paths')) {
    // Record each operation's exchange on an in-process emulator (request log on, as by default).
    const emulator = createKmsEmulator({ store: 'memory' });
    const recorder = recordingClient(emulator);
    const ops = await prepareOperations(recorder.client);
    const exchanges = await recordExchanges(recorder, ops);
    const own = await ownTimes(emulator, ops, exchanges);
    const paths: Record<string, OperationRow[]> = {};
    for (const make of [
      () => inProcessPath(emulator),
      mswNodePath,
      () => servePath(1),
      () => servePath(16),
    ]) {
      const path = await make();
      paths[path.name] = await benchPath(path, exchanges, own);
      await path.close();
    }
    report.paths = paths;
  }
  if (only.has('scaling')) report.scaling = await benchScaling(options);
  if (only.has('memory')) report.memory = await benchMemory();
  if (jsonFile) {
    writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\n[kmsw] wrote ${jsonFile}`);
  }
}

await main();
