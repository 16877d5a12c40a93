/**
 * `npm run bench:profile [-- --path in-process|msw|serve] [--op NAME] [--seconds S] [--json FILE]`: where the
 * time of one operation's calls goes, kmsw beside its floor (bench/run.ts) on the same path, from V8 CPU profiles
 * of both taken in the same process. The bench says how far kmsw is from its floor; this says why.
 *
 * Each sample is charged to the code responsible for it: the nearest function on its stack that belongs to kmsw
 * (by folder of src/), the AWS SDK, msw, or the bench (its canned answer and call loop), so Node's and V8's
 * built-ins count for the code that called them (a JSON.parse in kmsw's protocol layer is kmsw's); samples with
 * none of these on the stack are garbage collection, Node's own work (event loop, sockets, HTTP parsing) or other
 * native code. The raw primitive is src/crypto's in both columns. Alongside: kmsw's engine on the main thread
 * inside the calls (`emulator.answer` or `fetch`), beside the same request answered alone in a tight loop, which
 * shows how much slower the same code runs among the SDK's work than on its own. Profiling slows everything a
 * little; the proportions are what to read.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { createKmsEmulator, type KmsEmulator } from '../src/index.ts';
import type { KmsHttpRequest } from '../src/protocol/kms-fetch-handler.ts';
import { charge, compareCharges, printComparison, type CpuProfile } from './cpu-profile.ts';
import { timePerCall } from './measure.ts';
import { prepareOperations } from './operations.ts';
import { inProcessPath, mswNodePath, servePath, warmUpPath, type BenchPath } from './paths.ts';
import { recordExchanges, recordingClient, type Exchange } from './recording.ts';

const { values: args } = parseArgs({
  options: {
    path: { type: 'string', default: 'in-process' },
    op: { type: 'string', default: 'Encrypt' },
    seconds: { type: 'string', default: '4' },
    json: { type: 'string' },
  },
});
const PATHS: Record<string, () => BenchPath | Promise<BenchPath>> = {
  'in-process': () => inProcessPath(),
  msw: mswNodePath,
  serve: () => servePath(1),
};
const pathName = args.path;
const opName = args.op;
const seconds = Number(args.seconds);
const jsonFile = args.json;
/** Each contender's profiled time comes in this many alternating windows, so drift in the host's load is shared. */
const WINDOWS = 4;
const SAMPLING_INTERVAL_US = 100;

/** The recorded request as the protocol handler receives it. */
function httpRequest(x: Exchange): KmsHttpRequest {
  const headers = new Map(Object.entries(x.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: 'POST',
    url: x.url,
    header: (name) => headers.get(name) ?? null,
    text: () => x.body,
    toRequest: () => new Request(x.url, { method: 'POST', headers: x.headers, body: x.body }),
  };
}

/** Adds the main thread's CPU time spent inside the emulator's answers to `total.us`. */
function meterEngine(emulator: KmsEmulator, total: { us: number }) {
  const thread = () => {
    const { user, system } = process.threadCpuUsage();
    return user + system;
  };
  for (const method of ['answer', 'fetch'] as const) {
    const inner = emulator[method].bind(emulator) as (request: never) => Promise<unknown>;
    Object.assign(emulator, {
      [method]: async (request: never) => {
        const start = thread();
        try {
          return await inner(request);
        } finally {
          total.us += thread() - start;
        }
      },
    });
  }
}

async function main() {
  const make = PATHS[pathName];
  if (!make) throw new Error(`--path must be one of ${Object.keys(PATHS).join(', ')}`);
  if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got ${args.seconds}`);
  const recorder = recordingClient(createKmsEmulator({ store: 'memory' }));
  const exchanges = await recordExchanges(recorder, await prepareOperations(recorder.client));
  const path = await make();
  const ops = await prepareOperations(path.kmsw);
  const op = ops.find((o) => o.name === opName);
  if (!op) throw new Error(`--op must be one of ${ops.map((o) => o.name).join(', ')}`);
  const recording = exchanges.get(op.name)!;
  // Every operation first, as the bench does: the code they share is compiled for all of them.
  await warmUpPath(path, ops, exchanges, 300);
  path.setCanned(recording.responses);
  path.runFirst(op.raw);

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  const contenders = {
    kmsw: () => {
      path.useKmsw?.();
      return op.send(path.kmsw);
    },
    floor: () => op.send(path.canned),
  };
  const results = Object.fromEntries(
    Object.keys(contenders).map((name) => [
      name,
      { calls: 0, cpuUs: 0, byCategory: new Map<string, number>(), byFunction: new Map<string, number>() },
    ]),
  );
  for (let w = 0; w < WINDOWS; w++) {
    for (const [name, send] of Object.entries(contenders)) {
      const r = results[name]!;
      await session.post('Profiler.start');
      const cpu = process.cpuUsage();
      const end = performance.now() + (seconds * 1000) / WINDOWS;
      while (performance.now() < end) {
        await send();
        r.calls++;
      }
      const used = process.cpuUsage(cpu);
      r.cpuUs += used.user + used.system;
      const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
      charge(profile, r.byCategory, r.byFunction);
    }
  }
  session.disconnect();

  // The engine's own time, unprofiled: inside the calls, then answering the recorded request alone.
  const engine = { us: 0 };
  meterEngine(path.emulator, engine);
  const alone = httpRequest(recording);
  let engineCalls = 0;
  await timePerCall(async () => {
    await contenders.kmsw();
    engineCalls++;
  }, 1000);
  const inTheCallsMs = engine.us / 1000 / engineCalls;
  engine.us = 0;
  let aloneCalls = 0;
  await timePerCall(async () => {
    await path.emulator.answer(alone);
    aloneCalls++;
  }, 1000);
  const aloneMs = engine.us / 1000 / aloneCalls;
  await path.close();

  const kmsw = results.kmsw!;
  const floor = results.floor!;
  const perCall = (r: typeof kmsw, us: number) => us / 1000 / r.calls;
  const categories = compareCharges(kmsw.byCategory, kmsw.calls, floor.byCategory, floor.calls);
  const functions = compareCharges(kmsw.byFunction, kmsw.calls, floor.byFunction, floor.calls).slice(0, 25);
  const report = {
    path: path.name,
    operation: op.name,
    node: process.version,
    calls: { kmsw: kmsw.calls, floor: floor.calls },
    cpuMsPerCall: { kmsw: perCall(kmsw, kmsw.cpuUs), floor: perCall(floor, floor.cpuUs) },
    engineMsPerCall: { inTheCalls: inTheCallsMs, alone: aloneMs },
    categories,
    functions,
  };

  console.log(
    `[kmsw] profile of ${op.name} on ${path.name}, Node ${process.version}: ${kmsw.calls} kmsw calls, ` +
      `${floor.calls} floor calls, ${WINDOWS} alternating windows, sampled every ${SAMPLING_INTERVAL_US} µs`,
  );
  const { cpuMsPerCall: cpu, engineMsPerCall: engineMs } = report;
  console.log(
    `CPU ms per call while profiled: kmsw ${cpu.kmsw.toFixed(3)}, floor ${cpu.floor.toFixed(3)} ` +
      `(ratio ${(cpu.floor / cpu.kmsw).toFixed(3)})`,
  );
  console.log(
    `kmsw's engine (emulator.answer/fetch), main thread: ${engineMs.inTheCalls.toFixed(3)} ms in the calls, ` +
      `${engineMs.alone.toFixed(3)} ms answering the same request alone in a loop`,
  );
  printComparison('', categories, functions);
  if (jsonFile) {
    writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`[kmsw] wrote ${jsonFile}`);
  }
}

main().catch((error: unknown) => {
  console.error(`[kmsw] bench:profile: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
