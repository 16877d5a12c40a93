/**
 * The bench's timing and tables. The machine is shared and noisy, so nothing is measured alone: the contenders of
 * one comparison (kmsw, its canned floor, the raw primitive) run in interleaved rounds, each for a short budget,
 * and each gets the median of its per-round means. A comparison of two contenders is the median of their per-round
 * ratios (or differences): the two ran a few hundred milliseconds apart in each round, so a slow phase of the host
 * slows both, where the ratio of their medians could pair one's fast round with the other's slow one.
 *
 * In Node the cost of a call is the CPU time this process spends on it (`process.cpuUsage`: user + system, all
 * threads), not wall time: on a 2-core machine shared with other jobs, wall time mostly measures how long the
 * process waited for a core. Everything a Node path does (SDK, interception, kmsw, the loopback server) runs in
 * this process, so its CPU time is the work. In the browser, where there is no such clock, it is wall time.
 */

export interface BenchOptions {
  rounds: number;
  /** Milliseconds each contender runs per round (after a short warm-up in the first round). */
  budgetMs: number;
}

/** A full collection (the Node bench runs with --expose-gc); nothing where there is none. */
export const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

const cpuUsage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process
  ?.cpuUsage;
/** Milliseconds of this process's CPU time (Node), or of wall time (browsers). */
const clock = cpuUsage
  ? () => {
      const { user, system } = cpuUsage();
      return (user + system) / 1000;
    }
  : () => performance.now();

/** Mean milliseconds per call of `fn` (CPU time in Node), run back to back (or `concurrency` at a time). */
export async function timePerCall(
  fn: () => Promise<unknown>,
  budgetMs: number,
  concurrency = 1,
): Promise<number> {
  let calls = 0;
  const start = clock();
  const end = performance.now() + budgetMs;
  const loop = async () => {
    while (performance.now() < end) {
      await fn();
      calls++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return (clock() - start) / Math.max(1, calls);
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Median over the rounds of `a[round] / b[round]`: two contenders' samples of the same rounds compared. */
export const ratioByRound = (a: number[], b: number[]) => median(a.map((x, round) => x / b[round]!));

export interface Interleaved<K extends string> {
  /** Median ms per call of each contender. */
  ms: Record<K, number>;
  /** Median over the rounds of `a`'s time / `b`'s. */
  ratio(a: K, b: K): number;
  /** Median over the rounds of `a`'s time − `b`'s. */
  difference(a: K, b: K): number;
}

/** Each contender's ms per call in interleaved rounds (the order rotates every round), and comparisons by round. */
export async function interleaved<K extends string>(
  contenders: Record<
    K,
    {
      fn: () => Promise<unknown>;
      concurrency?: number;
      /** Runs, untimed, before each of the contender's rounds (awaited). */
      before?: () => void | Promise<unknown>;
    }
  >,
  options: BenchOptions,
): Promise<Interleaved<K>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (const name of names) await timePerCall(contenders[name].fn, Math.min(100, options.budgetMs));
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      const { fn, concurrency, before } = contenders[name];
      await before?.();
      samples[name].push(await timePerCall(fn, options.budgetMs, concurrency));
    }
  }
  return {
    ms: Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<K, number>,
    ratio: (a, b) => ratioByRound(samples[a], samples[b]),
    difference: (a, b) => median(samples[a].map((x, round) => x - samples[b][round]!)),
  };
}

export type Cell = string | number | undefined;

/** Prints an aligned table; numbers get `digits` decimals. */
export function printTable(title: string, header: string[], rows: Cell[][], digits = 3): void {
  const text = rows.map((row) =>
    row.map((cell) => (typeof cell === 'number' ? cell.toFixed(digits) : (cell ?? '—'))),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => r[i]!.length)));
  console.log(`\n${title}`);
  console.log(
    '  ' + header.map((h, i) => (i === 0 ? h.padEnd(widths[i]!) : h.padStart(widths[i]!))).join('  '),
  );
  for (const row of text) {
    console.log(
      '  ' + row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
    );
  }
}
