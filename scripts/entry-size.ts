/**
 * `node scripts/entry-size.ts` (run by `npm run test:package` after the library build): what the built `kmsw`
 * entry costs an app. Bundles dist/index.js as a browser app's bundler would (Vite, minified, its dependencies
 * idb and @noble/* included, msw and the AWS SDK left out since the app has them anyway) and prints the gzip size
 * of the entry chunk and of each lazily loaded chunk (`node scripts/entry-size.ts src/index.ts` measures the
 * sources instead). Fails when a heavy crypto package reaches the entry chunk; warns when the entry is over the
 * 41 KB gzip the sources bundled to before the package build (issue 8's budget: the engine has grown since, see
 * the closing note of issue 8, so it is reported, not enforced).
 * https://vite.dev/guide/build.html#library-mode
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const ROOT = join(import.meta.dirname, '..');
const ENTRY_BUDGET_GZIP = 41_000;
/** Must only be loaded on first use of a key spec that needs them. */
const LAZY_ONLY = ['@noble/curves', '@noble/post-quantum', 'asn1js'];

const output = (await build({
  configFile: false,
  logLevel: 'silent',
  root: ROOT,
  build: {
    write: false,
    minify: true,
    target: 'es2023',
    lib: { entry: process.argv[2] ?? join(ROOT, 'dist/index.js'), formats: ['es'], fileName: 'kmsw' },
    rollupOptions: { external: [/^msw(\/|$)/, /^@aws-sdk\//, /^@smithy\//] },
  },
})) as Rolldown.RolldownOutput[] | Rolldown.RolldownOutput;

const chunks = (Array.isArray(output) ? output : [output])
  .flatMap((o) => o.output)
  .filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');

const rows = chunks
  .map((chunk) => ({
    name: chunk.fileName,
    load: chunk.isEntry ? 'entry' : chunk.isDynamicEntry ? 'lazy' : 'shared',
    gzip: gzipSync(chunk.code).length,
    packages: LAZY_ONLY.filter((pkg) => chunk.moduleIds.some((id) => id.includes(`/node_modules/${pkg}/`))),
  }))
  .sort((a, b) => (a.load === b.load ? b.gzip - a.gzip : a.load === 'entry' ? -1 : 1));

for (const row of rows) {
  const packages = row.packages.length > 0 ? `  (${row.packages.join(', ')})` : '';
  console.log(
    `${row.load.padEnd(6)}  ${(row.gzip / 1000).toFixed(2).padStart(6)} KB gzip  ${row.name}${packages}`,
  );
}

const entry = rows.filter((row) => row.load === 'entry');
for (const row of entry.filter((r) => r.gzip > ENTRY_BUDGET_GZIP)) {
  console.log(`warning: the kmsw entry is ${row.gzip} bytes gzip, over the ${ENTRY_BUDGET_GZIP} budget`);
}
const problems = entry.flatMap((row) =>
  row.packages.map((pkg) => `${pkg} is in the entry chunk; it must load lazily`),
);
if (problems.length > 0) {
  console.error(`entry-size: ${problems.join('\n  ')}`);
  process.exit(1);
}
