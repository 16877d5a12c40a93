/**
 * Reading V8 CPU profiles (the DevTools protocol's `Profiler.stop` result, from node:inspector or from Chromium) for
 * `npm run bench:profile` and `bench:profile:browser`: each sample is charged to the code responsible for it, the
 * nearest function on its stack that belongs to kmsw (by folder of src/), the AWS SDK, msw or the bench (its canned
 * answer and call loop). Built-ins, Node's own modules and the libraries kmsw calls (idb, @noble) count for the code
 * that called them, so a JSON.parse in kmsw's protocol layer is kmsw's; samples with none of these on the stack are
 * garbage collection, Node's own work (event loop, sockets, HTTP parsing) or other native code.
 * In Chromium the scripts are Vite's: kmsw's under /src/, the dependencies prebundled under /node_modules/.vite/deps/.
 */
import { printTable } from './measure.ts';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** What a sample of no one's code waiting for work is filed under: `charge` leaves it out of the categories. */
const IDLE = '(idle)';

/** Who a script belongs to; undefined for code that counts for its caller. */
function owner(url: string): string | undefined {
  const src = /\/src\/(msw\/request-log|[^/]+)\//.exec(url);
  if (src && !url.includes('/node_modules/')) return `kmsw src/${src[1]}`;
  if (url.includes('/bench/')) return 'bench: canned answer, call loop';
  if (/node_modules\/(\.vite\/deps\/)?(@aws-sdk|@smithy|@aws\/)/.test(url)) return 'AWS SDK';
  if (
    /node_modules\/(msw|@mswjs)\/|\.vite\/deps\/(msw|is-common-asset-request)|mockServiceWorker\.js/.test(url)
  ) {
    return 'msw interception';
  }
  if (url.startsWith('node:') || url === '' || /node_modules\/(\.vite\/deps\/)?(idb|@noble)/.test(url)) {
    return undefined;
  }
  return 'other JavaScript';
}

const shortUrl = (url: string) =>
  url.includes('/node_modules/')
    ? url.slice(url.lastIndexOf('/node_modules/') + '/node_modules/'.length).replace(/\?v=\w+$/, '')
    : url.includes('/src/')
      ? url.slice(url.lastIndexOf('/src/') + 1)
      : url.slice(url.lastIndexOf('/') + 1);

/** The category of a sample (see the header), and the function responsible for it, if any. */
function classify(node: ProfileNode, parentOf: Map<number, ProfileNode>): [string, string?] {
  for (let n: ProfileNode | undefined = node; n; n = parentOf.get(n.id)) {
    // Stopping the profiler (serializing the profile) is the tool's own work, in nobody's calls.
    if (n.callFrame.url === 'node:inspector') return [IDLE];
    const who = owner(n.callFrame.url);
    if (!who) continue;
    return [who, `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}`];
  }
  const top = node.callFrame;
  if (top.functionName === '(garbage collector)') return ['garbage collection'];
  if (top.functionName === '(idle)') return [IDLE];
  if (top.url.startsWith('node:')) return ['Node (event loop, sockets, HTTP)'];
  return ['V8 and native code'];
}

/**
 * Adds the profile's microseconds of samples to `byCategory` and `byFunction` (idle left out) and returns its idle
 * microseconds (the thread waiting: on the network, the other thread, IndexedDB).
 */
export function charge(
  profile: CpuProfile,
  byCategory: Map<string, number>,
  byFunction: Map<string, number>,
): number {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n);
  let idleUs = 0;
  profile.samples.forEach((id, i) => {
    const [category, fn] = classify(nodes.get(id)!, parentOf);
    const us = profile.timeDeltas[i] ?? 0;
    if (category === IDLE) {
      idleUs += us;
      return;
    }
    byCategory.set(category, (byCategory.get(category) ?? 0) + us);
    if (fn) byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  });
  return idleUs;
}

/** One category or function, in ms per call of kmsw and of its floor. */
export interface ComparedRow {
  name: string;
  kmswMs: number;
  floorMs: number;
}

/** Every name charged to either side, per call, sorted by what kmsw spends over the floor. */
export function compareCharges(
  kmsw: Map<string, number>,
  kmswCalls: number,
  floor: Map<string, number>,
  floorCalls: number,
): ComparedRow[] {
  return [...new Set([...kmsw.keys(), ...floor.keys()])]
    .map((name) => ({
      name,
      kmswMs: (kmsw.get(name) ?? 0) / 1000 / kmswCalls,
      floorMs: (floor.get(name) ?? 0) / 1000 / floorCalls,
    }))
    .sort((a, b) => b.kmswMs - b.floorMs - (a.kmswMs - a.floorMs));
}

/** The two tables both profile tools print: where the samples went, and the functions that cost kmsw most. */
export function printComparison(prefix: string, categories: ComparedRow[], functions: ComparedRow[]): void {
  const row = (r: ComparedRow) => [r.name, r.kmswMs, r.floorMs, r.kmswMs - r.floorMs];
  printTable(
    `${prefix}where the samples went  (ms per call; sorted by kmsw − floor)`,
    ['category', 'kmsw', 'floor', 'kmsw − floor'],
    categories.map(row),
  );
  printTable(
    `${prefix}the functions that cost kmsw most over the floor  (ms per call, with the built-ins they call)`,
    ['function', 'kmsw', 'floor', 'kmsw − floor'],
    functions.map(row),
  );
}
