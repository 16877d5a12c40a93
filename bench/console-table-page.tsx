/**
 * The page of `npm run bench:console`: the console's keys table (src/console/KeysTable.tsx) with 10,000 keys of
 * mixed specs, aliases and tags. Measures, in this page, the first render (React commit plus layout) and the time
 * from typing a filter to the filtered rows on screen, then clearing it, and a sort; each several times (median,
 * max). Results go to `window.consoleTableBench` for bench/console-table.ts.
 */
import type { KeyMetadata } from '@aws-sdk/client-kms';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { toKeyRow, type KeyRow } from '../src/console/key-row.ts';
import { KeysTable } from '../src/console/KeysTable.tsx';
import '../src/console/console.css';

const KEYS = 10_000;
const SPECS = [
  ['SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'],
  ['RSA_2048', 'SIGN_VERIFY'],
  ['ECC_NIST_P256', 'SIGN_VERIFY'],
  ['HMAC_256', 'GENERATE_VERIFY_MAC'],
  ['ML_KEM_768', 'ENCAPSULATE_DECAPSULATE'],
] as const;

function makeRows(): KeyRow[] {
  return Array.from({ length: KEYS }, (_, i) => {
    const [spec, usage] = SPECS[i % SPECS.length]!;
    const id = `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${(i * 7919).toString(16).padStart(12, '0')}`;
    const metadata: KeyMetadata = {
      KeyId: id,
      Arn: `arn:aws:kms:us-east-1:000000000000:key/${id}`,
      Description: `key number ${i} for service-${i % 97}`,
      KeySpec: spec,
      KeyUsage: usage,
      KeyState: i % 13 === 0 ? 'Disabled' : 'Enabled',
      CreationDate: new Date(1_700_000_000_000 + i * 60_000),
      KeyManager: 'CUSTOMER',
    };
    return toKeyRow(metadata, i % 3 === 0 ? [`alias/service-${i}`] : [], { team: `team-${i % 17}` });
  });
}

/** Resolves on the next frame after the DOM shows `done()`, polling each frame. */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (done() ? resolve() : requestAnimationFrame(check));
    check();
  });
}

function setInput(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)!, runs: samples.length };
};

async function run() {
  const rows = makeRows();
  const container = document.getElementById('root')!;
  const firstRender: number[] = [];
  const filter: number[] = [];
  const clear: number[] = [];
  const sort: number[] = [];
  const noop = () => undefined;
  for (let round = 0; round < 7; round++) {
    const root = createRoot(container);
    const start = performance.now();
    flushSync(() =>
      root.render(
        <div className="kmsw-console">
          <KeysTable
            rows={rows}
            loading={false}
            error={null}
            selectedKeyId=""
            onSelect={noop}
            onRefresh={noop}
          />
        </div>,
      ),
    );
    void container.offsetHeight; // layout
    firstRender.push(performance.now() - start);
    await until(() => container.querySelectorAll('tbody tr').length > 5);

    const input = container.querySelector<HTMLInputElement>('input[type="search"]')!;
    const count = () => container.querySelector('.panel-header .muted')?.textContent ?? '';
    const term = `service-${round + 11} team-${round + 2}`;
    let t = performance.now();
    setInput(input, term);
    await until(() => count().includes(' of 10000 keys'));
    filter.push(performance.now() - t);

    t = performance.now();
    setInput(input, '');
    await until(() => count() === '10000 keys');
    clear.push(performance.now() - t);

    const specHeader = [...container.querySelectorAll<HTMLButtonElement>('th button')].find((b) =>
      b.textContent?.startsWith('Spec'),
    )!;
    const firstCell = () => container.querySelector('tbody tr:not(.spacer) td:nth-child(4)')?.textContent;
    t = performance.now();
    specHeader.click();
    await until(() => firstCell() === 'ECC_NIST_P256');
    sort.push(performance.now() - t);
    root.unmount();
  }
  window.consoleTableBench = {
    keys: KEYS,
    firstRender: summary(firstRender),
    filter: summary(filter),
    clearFilter: summary(clear),
    sort: summary(sort),
  };
}

declare global {
  interface Window {
    consoleTableBench?: Record<string, unknown>;
    consoleTableBenchError?: string;
  }
}

run().catch((error: unknown) => {
  window.consoleTableBenchError = error instanceof Error ? (error.stack ?? error.message) : String(error);
});
