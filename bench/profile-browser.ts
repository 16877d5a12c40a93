/**
 * `npm run bench:profile:browser [-- --path worker|inpage] [--op NAME] [--seconds S] [--json FILE]`: bench:profile
 * for the browser paths. The same two pages as `bench:browser` — kmsw, and its floor (kmsw's recorded answers given
 * after reading the request and running the raw primitive) — in Chromium, profiled through the DevTools protocol in
 * alternating windows: the page (where kmsw runs; on the service worker path msw's handlers run there too) and, on
 * the service worker path, the worker (msw's mockServiceWorker.js), which hands each request to the page and its
 * answer back to the fetch. Samples are charged as bench:profile charges them (bench/cpu-profile.ts). Idle time is
 * reported beside the busy time, because a browser call also waits: on the other thread, on IndexedDB. Times are
 * wall time per call (a page has no CPU clock); profiling slows everything a little, so read the proportions.
 * The dev server listens on KMSW_BENCH_PORT (default 5175), Chromium's DevTools endpoint on
 * KMSW_BENCH_DEVTOOLS_PORT (default 9333; the worker is reached through it).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { startBrowserBench } from './browser-session.ts';
import { charge, compareCharges, printComparison, type CpuProfile } from './cpu-profile.ts';

const { values: args } = parseArgs({
  options: {
    path: { type: 'string', default: 'worker' },
    op: { type: 'string', default: 'Encrypt' },
    seconds: { type: 'string', default: '4' },
    json: { type: 'string' },
  },
});
const PATHS = ['worker', 'inpage'];
const seconds = Number(args.seconds);
if (!PATHS.includes(args.path)) throw new Error(`--path must be one of ${PATHS.join(', ')}`);
if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got ${args.seconds}`);
const port = Number(process.env.KMSW_BENCH_PORT ?? 5175);
const devtoolsPort = Number(process.env.KMSW_BENCH_DEVTOOLS_PORT ?? 9333);
/** Each contender's profiled time comes in this many alternating windows, so drift in the host's load is shared. */
const WINDOWS = 4;
const SAMPLING_INTERVAL_US = 100;

interface Profiler {
  start(): Promise<void>;
  stop(): Promise<CpuProfile>;
}

/**
 * A profiler on a DevTools target reached by its WebSocket URL (Playwright gives sessions for pages only). Its socket
 * closes with the browser.
 */
async function targetProfiler(url: string): Promise<Profiler> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error(`could not connect to ${url}`));
  });
  let lastId = 0;
  const pending = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message);
    pending.delete(message.id!);
  };
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, (m) =>
        m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result),
      );
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  return {
    start: async () => void (await send('Profiler.start')),
    stop: async () => ((await send('Profiler.stop')) as { profile: CpuProfile }).profile,
  };
}

async function pageProfiler(page: Page): Promise<Profiler> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  return {
    start: async () => void (await session.send('Profiler.start')),
    stop: async () => (await session.send('Profiler.stop')).profile as CpuProfile,
  };
}

/** The DevTools URL of the one service worker not in `known` (the page just opened registered it). */
async function newServiceWorker(known: Set<string>): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const targets = (await (await fetch(`http://127.0.0.1:${devtoolsPort}/json/list`)).json()) as {
      id: string;
      type: string;
      webSocketDebuggerUrl: string;
    }[];
    const fresh = targets.filter((t) => t.type === 'service_worker' && !known.has(t.id));
    if (fresh.length > 1) throw new Error('more than one new service worker');
    if (fresh[0]) {
      known.add(fresh[0].id);
      return fresh[0].webSocketDebuggerUrl;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the page registered no service worker');
}

interface Side {
  byCategory: Map<string, number>;
  byFunction: Map<string, number>;
  idleUs: number;
}
const newSide = (): Side => ({ byCategory: new Map(), byFunction: new Map(), idleUs: 0 });

const session = await startBrowserBench(port, [`--remote-debugging-port=${devtoolsPort}`]);
try {
  const workers = new Set<string>();
  const onWorker = args.path === 'worker';
  const open = async (mode: string) => {
    const page = await session.openMode(mode);
    const profilers = [await pageProfiler(page)];
    if (onWorker) profilers.push(await targetProfiler(await newServiceWorker(workers)));
    return { page, profilers };
  };
  const kmswPage = await open(args.path);
  const floorPage = await open(`${args.path}-canned`);
  const calls = await kmswPage.page.evaluate(() => window.bench!.calls);
  if (!calls.includes(args.op)) throw new Error(`--op must be one of ${calls.join(', ')}`);
  const op = args.op;
  const bodies = await kmswPage.page.evaluate(([c]) => window.bench!.record(c, 64), [op] as const);
  await floorPage.page.evaluate((b) => window.bench!.setCanned(b), bodies);
  await floorPage.page.evaluate((c) => window.bench!.runFirst(c), op);

  const contenders = { kmsw: kmswPage, floor: floorPage };
  const results = Object.fromEntries(
    Object.keys(contenders).map((name) => [name, { calls: 0, ms: 0, page: newSide(), worker: newSide() }]),
  );
  for (const { page } of Object.values(contenders)) {
    await page.evaluate(([c]) => window.bench!.time(c, 300), [op] as const);
  }
  const windowMs = (seconds * 1000) / WINDOWS;
  for (let w = 0; w < WINDOWS; w++) {
    for (const [name, { page, profilers }] of Object.entries(contenders)) {
      const r = results[name]!;
      for (const p of profilers) await p.start();
      const msPerCall = await page.evaluate(([c, b]) => window.bench!.time(c, b), [op, windowMs] as const);
      const [pageProfile, workerProfile] = await Promise.all(profilers.map((p) => p.stop()));
      r.calls += windowMs / msPerCall;
      r.ms += windowMs;
      r.page.idleUs += charge(pageProfile!, r.page.byCategory, r.page.byFunction);
      if (workerProfile) r.worker.idleUs += charge(workerProfile, r.worker.byCategory, r.worker.byFunction);
    }
  }

  const kmsw = results.kmsw!;
  const floor = results.floor!;
  const busyMs = (r: typeof kmsw, side: 'page' | 'worker') =>
    [...r[side].byCategory.values()].reduce((a, b) => a + b, 0) / 1000 / r.calls;
  const rows = (side: 'page' | 'worker', key: 'byCategory' | 'byFunction') =>
    compareCharges(kmsw[side][key], kmsw.calls, floor[side][key], floor.calls);
  const sides = onWorker ? (['page', 'worker'] as const) : (['page'] as const);
  const report = {
    path: args.path,
    operation: op,
    chromium: session.browser.version(),
    calls: { kmsw: Math.round(kmsw.calls), floor: Math.round(floor.calls) },
    msPerCall: { kmsw: kmsw.ms / kmsw.calls, floor: floor.ms / floor.calls },
    sides: Object.fromEntries(
      sides.map((side) => [
        side,
        {
          busyMsPerCall: { kmsw: busyMs(kmsw, side), floor: busyMs(floor, side) },
          idleMsPerCall: {
            kmsw: kmsw[side].idleUs / 1000 / kmsw.calls,
            floor: floor[side].idleUs / 1000 / floor.calls,
          },
          categories: rows(side, 'byCategory'),
          functions: rows(side, 'byFunction').slice(0, 25),
        },
      ]),
    ),
  };

  console.log(
    `[kmsw] profile of ${op} on the ${onWorker ? 'service worker' : 'in-page'} path, Chromium ` +
      `${report.chromium}: ~${report.calls.kmsw} kmsw calls, ~${report.calls.floor} floor calls, ${WINDOWS} ` +
      `alternating windows, sampled every ${SAMPLING_INTERVAL_US} µs`,
  );
  console.log(
    `wall ms per call while profiled: kmsw ${report.msPerCall.kmsw.toFixed(3)}, floor ` +
      `${report.msPerCall.floor.toFixed(3)} (ratio ${(report.msPerCall.floor / report.msPerCall.kmsw).toFixed(3)})`,
  );
  for (const side of sides) {
    const s = report.sides[side]!;
    const thread = side === 'page' ? 'the page' : 'the service worker';
    console.log(
      `${thread}, ms per call: busy kmsw ${s.busyMsPerCall.kmsw.toFixed(3)} / floor ` +
        `${s.busyMsPerCall.floor.toFixed(3)}, idle kmsw ${s.idleMsPerCall.kmsw.toFixed(3)} / floor ` +
        `${s.idleMsPerCall.floor.toFixed(3)}`,
    );
    printComparison(`${thread}: `, s.categories, s.functions);
  }
  if (args.json) {
    writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`[kmsw] wrote ${args.json}`);
  }
} finally {
  await session.close();
}
