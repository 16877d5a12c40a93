/**
 * `npm run bench:browser [-- --json FILE] [--quick]`: the browser paths in Debian's Chromium through Playwright — the
 * service worker and the in-page mode (IndexedDB store, request log on) — each beside its floor: the same SDK
 * calls in a second page answered by a canned response (kmsw's own answer, recorded) on the same path, after
 * reading the request and running the raw WebCrypto primitive (in the call, as bench/run.ts explains); `canned`
 * (which reads the request too) and `raw` are also timed alone.
 * The pages run interleaved rounds driven from here, as in bench/measure.ts. Targets: in-page ≥ 0.5× its floor,
 * service worker ≥ 0.9×. The dev server listens on KMSW_BENCH_PORT (default 5175).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startBrowserBench } from './browser-session.ts';
import { median, printTable, ratioByRound } from './measure.ts';

const { values: args } = parseArgs({ options: { json: { type: 'string' }, quick: { type: 'boolean' } } });
const jsonFile = args.json;
const quick = args.quick === true;
const rounds = quick ? 3 : 7;
/**
 * Each contender's time in a round. A service worker call takes 10–20 ms, an in-page one about 1: rounds of 250 ms
 * held about a dozen service worker calls, whose medians moved by 0.1–0.2 of the ratio between runs of the same code.
 * Rounds of ~100 calls on either path.
 */
const budgetMs = { worker: quick ? 300 : 1500, inpage: quick ? 100 : 250 };
/** How long each call runs on each page before the path's first measurement. */
const warmUpMs = quick ? 300 : 1000;
const port = Number(process.env.KMSW_BENCH_PORT ?? 5175);

const { browser, openMode, close } = await startBrowserBench(port);

try {
  const startedAt = new Date().toISOString();
  console.log(
    `[kmsw] browser bench in Chromium ${browser.version()}, ${startedAt}, ${rounds} rounds of ` +
      `${budgetMs.worker} ms (service worker) and ${budgetMs.inpage} ms (in-page)`,
  );
  const report: Record<string, unknown> = { chromium: browser.version(), startedAt, rounds, budgetMs };
  for (const [mode, title] of [
    ['worker', 'service worker (startKmsWorker, IndexedDB store)'],
    ['inpage', 'in-page fetch (installKmsFetch, IndexedDB store)'],
  ] as const) {
    const kmsw = await openMode(mode);
    const canned = await openMode(`${mode}-canned`);
    const calls = await kmsw.evaluate(() => window.bench!.calls);
    const rows = [];
    // As many answers as the Node bench's floor cycles through, for the same reason (bench/recording.ts).
    const recorded = new Map<string, string[]>();
    for (const call of calls)
      recorded.set(call, await kmsw.evaluate((c) => window.bench!.record(c, 64), call));
    // Steady state, as warmUpPath (bench/paths.ts) gives the Node paths: every call runs on both pages, the floor's
    // primitive first, before any is measured. Without it the first call measured ran in pages still compiling:
    // in-page Encrypt, rounds of 250 ms, took 1.4-1.9 ms a call in the first five rounds and mostly 0.8-0.9 from the
    // fifteenth (its floor 1.1-1.7 and 0.7-1.0).
    for (const call of calls) {
      await canned.evaluate((b) => window.bench!.setCanned(b), recorded.get(call)!);
      await canned.evaluate((c) => window.bench!.runFirst(c), call);
      await kmsw.evaluate(([c, b]) => window.bench!.time(c, b), [call, warmUpMs] as const);
      await canned.evaluate(([c, b]) => window.bench!.time(c, b), [call, warmUpMs] as const);
    }
    for (const call of calls) {
      await canned.evaluate((b) => window.bench!.setCanned(b), recorded.get(call)!);
      const samples = {
        kmsw: [] as number[],
        canned: [] as number[],
        floor: [] as number[],
        raw: [] as number[],
      };
      for (let round = 0; round < rounds; round++) {
        samples.kmsw.push(
          await kmsw.evaluate(([c, b]) => window.bench!.time(c, b), [call, budgetMs[mode]] as const),
        );
        for (const [sample, primitive] of [
          [samples.canned, null],
          [samples.floor, call],
        ] as const) {
          await canned.evaluate((c) => window.bench!.runFirst(c), primitive);
          sample.push(
            await canned.evaluate(([c, b]) => window.bench!.time(c, b), [call, budgetMs[mode]] as const),
          );
        }
        // The primitive alone takes microseconds: the short rounds hold thousands.
        samples.raw.push(
          await kmsw.evaluate(([c, b]) => window.bench!.raw(c, b), [call, budgetMs.inpage] as const),
        );
      }
      const t = {
        kmsw: median(samples.kmsw),
        canned: median(samples.canned),
        raw: median(samples.raw),
        floor: median(samples.floor),
      };
      const ratio = ratioByRound(samples.floor, samples.kmsw);
      rows.push({ call, kmswMs: t.kmsw, cannedMs: t.canned, rawMs: t.raw, floorMs: t.floor, ratio });
    }
    await kmsw.context().close();
    await canned.context().close();
    printTable(
      `${title}  (ms per call; ratio = floor / kmsw, target ${mode === 'worker' ? '≥ 0.9' : '≥ 0.5'})`,
      ['operation', 'kmsw', 'canned', 'raw', 'floor', 'ratio'],
      rows.map((r) => [r.call, r.kmswMs, r.cannedMs, r.rawMs, r.floorMs, r.ratio]),
    );
    report[mode] = rows;
  }
  if (jsonFile) {
    writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\n[kmsw] wrote ${jsonFile}`);
  }
} finally {
  await close();
}
