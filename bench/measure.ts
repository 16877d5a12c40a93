/**
 * A tiny benchmark harness: run an async operation for a time budget after a warm-up, report ops/s, p50 and p99.
 */
export interface Measurement {
  name: string;
  opsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function measure(
  name: string,
  fn: () => Promise<unknown>,
  budgetMs = 1500,
): Promise<Measurement> {
  const warmUntil = performance.now() + Math.min(300, budgetMs / 4);
  while (performance.now() < warmUntil) await fn();
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  const elapsed = performance.now() - start;
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { name, opsPerSecond: samples.length / (elapsed / 1000), p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** Ratios compare mean latency (ops/s), which browser timer coarsening does not distort. */
export function printTable(title: string, rows: Measurement[], floor: Measurement): void {
  console.log(`\n${title}  (floor: ${floor.name})`);
  console.log(
    '  ' +
      [
        'operation'.padEnd(42),
        'ops/s'.padStart(10),
        'p50 ms'.padStart(9),
        'p99 ms'.padStart(9),
        'x floor'.padStart(9),
      ].join(''),
  );
  for (const r of [floor, ...rows]) {
    console.log(
      '  ' +
        [
          r.name.padEnd(42),
          r.opsPerSecond.toFixed(0).padStart(10),
          r.p50Ms.toFixed(3).padStart(9),
          r.p99Ms.toFixed(3).padStart(9),
          (floor.opsPerSecond / r.opsPerSecond).toFixed(2).padStart(9),
        ].join(''),
    );
  }
}
