/**
 * `npm run test:package`: kmsw as its users get it. Builds dist/ and packs the repository (`npm pack`), checks the tarball (publint; @arethetypeswrong/cli with the `esm-only` profile, since kmsw ships ESM
 * only and so CommonJS `require` and node10 resolution are out of scope; no tests, e2e, bench, model or sources
 * inside; under 5 MB unpacked), installs it into the example projects under examples/ (one npm workspace, so
 * they share one install), and runs each example's `npm test`. Prints one line per example and the tarball's size.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const EXAMPLES_DIR = join(ROOT, 'examples');
const TARBALL = join(EXAMPLES_DIR, 'kmsw.tgz');
const MAX_UNPACKED = 5 * 1024 * 1024;
const EXAMPLES = ['playwright', 'vitest', 'vite-app', 'vite-msw-app', 'cli', 'jest', 'node-script'];
interface Task {
  label: string;
  args: string[];
}
/**
 * Longest first, two at a time (this machine has two cores). The TypeScript examples are type-checked together,
 * once per moduleResolution (examples/tsconfig*.json: strict, no skipLibCheck), so the SDK's types are checked
 * twice instead of twice per example; each example's own `npm run typecheck` is the same check for one folder.
 */
const TASKS: Task[] = [
  { label: 'example playwright', args: ['test', '--workspace', 'playwright'] },
  {
    label: 'type-check examples (moduleResolution bundler)',
    args: ['exec', '--', 'tsc', '-p', 'tsconfig.json'],
  },
  {
    label: 'type-check examples (moduleResolution nodenext)',
    args: ['exec', '--', 'tsc', '-p', 'tsconfig.nodenext.json'],
  },
  ...EXAMPLES.slice(1).map((name) => ({ label: `example ${name}`, args: ['test', '--workspace', name] })),
];
const CONCURRENCY = 2;
/** Only these may be in the package: the build, the bin, the package's own documents. */
const ALLOWED =
  /^package\/(dist\/[^/]+\.(js|js\.map|d\.ts)|dist\/style\.css|bin\/kmsw\.js|package\.json|README\.md|FIDELITY\.md)$/;

function step(title: string, command: string, args: string[], cwd = ROOT): string {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    throw new Error(`${title} failed (exit ${result.status}) after ${seconds} s`);
  }
  console.log(`ok  ${title} (${seconds} s)`);
  return result.stdout;
}

/** Runs one npm task in examples/; resolves to whether it passed, printing its output only when it failed. */
function runTask({ label, args }: Task): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', args, {
      cwd: EXAMPLES_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code === 0) console.log(`ok  ${label} (${seconds} s)`);
      else console.log(`${output}\nFAIL ${label} (exit ${code}, ${seconds} s)`);
      resolve(code === 0);
    });
  });
}

async function runExamples(): Promise<string[]> {
  const queue = [...TASKS];
  const failures: string[] = [];
  const worker = async () => {
    for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
      if (!(await runTask(task))) failures.push(task.label);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
}

async function main(): Promise<void> {
  const packDir = mkdtempSync(join(tmpdir(), 'kmsw-pack-'));
  step('npm run build:lib', 'npm', ['run', 'build:lib']);
  console.log(
    step('entry size (scripts/entry-size.ts)', process.execPath, ['scripts/entry-size.ts']).trimEnd(),
  );
  // prepack would build again: the build just ran.
  const packed = JSON.parse(
    step('npm pack', 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir]),
  ) as {
    filename: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
    files: { path: string }[];
  }[];
  const info = packed[0]!;
  copyFileSync(join(packDir, info.filename), TARBALL);
  rmSync(packDir, { recursive: true, force: true });

  const stray = info.files.map((f) => `package/${f.path}`).filter((path) => !ALLOWED.test(path));
  if (stray.length > 0) throw new Error(`files that do not belong in the package:\n  ${stray.join('\n  ')}`);
  if (info.unpackedSize > MAX_UNPACKED)
    throw new Error(`the package unpacks to ${info.unpackedSize} bytes (> 5 MB)`);
  console.log(
    `ok  tarball: ${(info.size / 1024).toFixed(0)} KiB packed, ${(info.unpackedSize / 1024).toFixed(0)} KiB ` +
      `unpacked, ${info.entryCount} files`,
  );
  step('publint', 'npx', ['publint', '--strict', TARBALL]);
  // kmsw/console.css is a stylesheet: no JavaScript or types to resolve.
  step('attw --profile esm-only', 'npx', [
    'attw',
    TARBALL,
    '--profile',
    'esm-only',
    '--exclude-entrypoints',
    './console.css',
  ]);

  // A fresh kmsw each run: npm would otherwise keep an installed copy of the same version.
  rmSync(join(EXAMPLES_DIR, 'node_modules', 'kmsw'), { recursive: true, force: true });
  step(
    'npm install in examples/',
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund'],
    EXAMPLES_DIR,
  );

  const failures = await runExamples();
  const passed = TASKS.length - failures.length;
  console.log(`examples: ${passed} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`examples failed: ${failures.join(', ')}`);
}

try {
  await main();
} catch (error) {
  console.error(`test:package: ${(error as Error).message}`);
  process.exit(1);
}
