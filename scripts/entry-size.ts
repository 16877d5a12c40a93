/**
 * `node scripts/entry-size.ts` (run by `npm run test:package` after the library build): what the built `kmsw`
 * entry costs an app. Bundles dist/index.js as a browser app's bundler would (Vite, minified, its dependencies
 * idb and @noble/* included, msw and the AWS SDK left out since the app has them anyway) and prints the gzip size
 * of each chunk (`node scripts/entry-size.ts src/index.ts` measures the sources instead). What an app loads when it
 * imports kmsw is the entry chunk and every chunk it imports statically; that sum (each chunk gzipped on its own,
 * as a browser fetches them) must stay within 41 KB, issue 8's budget. Operation groups, seeding and the crypto
 * engines are `import()`ed on first use and reported as lazy. Fails when the budget is exceeded or a heavy crypto
 * package is loaded up front.
 * https://vite.dev/guide/build.html#library-mode
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const ROOT = join(import.meta.dirname, '..');
const ENTRY_BUDGET_GZIP = 41_000;
/** Must only be loaded on first use of a key spec that needs them. */
const LAZY_ONLY = ['@noble/curves', '@noble/post-quantum', 'asn1js'];
const ORDER = ['entry', 'static', 'lazy', 'shared'];

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

const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
/** The entry and the chunks it imports statically, transitively: what loads before the first request. */
const upFront = new Set<string>();
const visit = (name: string) => {
  const chunk = byName.get(name);
  if (!chunk || upFront.has(name)) return;
  upFront.add(name);
  chunk.imports.forEach(visit);
};
chunks.filter((chunk) => chunk.isEntry).forEach((chunk) => visit(chunk.fileName));

const rows = chunks
  .map((chunk) => ({
    name: chunk.fileName,
    load: chunk.isEntry
      ? 'entry'
      : upFront.has(chunk.fileName)
        ? 'static'
        : chunk.isDynamicEntry
          ? 'lazy'
          : 'shared',
    gzip: gzipSync(chunk.code).length,
    packages: LAZY_ONLY.filter((pkg) => chunk.moduleIds.some((id) => id.includes(`/node_modules/${pkg}/`))),
  }))
  .sort((a, b) => ORDER.indexOf(a.load) - ORDER.indexOf(b.load) || b.gzip - a.gzip);

for (const row of rows) {
  const packages = row.packages.length > 0 ? `  (${row.packages.join(', ')})` : '';
  console.log(
    `${row.load.padEnd(6)}  ${(row.gzip / 1000).toFixed(2).padStart(6)} KB gzip  ${row.name}${packages}`,
  );
}

const loaded = rows.filter((row) => upFront.has(row.name));
const total = loaded.reduce((sum, row) => sum + row.gzip, 0);
console.log(
  `kmsw entry with its static imports: ${(total / 1000).toFixed(2)} KB gzip in ${loaded.length} chunks (budget ${ENTRY_BUDGET_GZIP / 1000} KB)`,
);
const problems = [
  ...loaded.flatMap((row) =>
    row.packages.map((pkg) => `${pkg} is loaded up front (${row.name}); it must load lazily`),
  ),
  ...(total > ENTRY_BUDGET_GZIP
    ? [`the kmsw entry loads ${total} bytes gzip up front, over the ${ENTRY_BUDGET_GZIP} budget`]
    : []),
];
if (problems.length > 0) {
  console.error(`entry-size: ${problems.join('\n  ')}`);
  process.exit(1);
}
