/**
 * Bundle report for `vite build` (run it as `npm run bundle:report`, or `node scripts/bundle-report.ts` after a
 * build): one row per JavaScript chunk of dist-site/ with its raw and gzip size, whether the page loads it up front
 * (the entry chunk and every chunk it imports statically) or lazily (dynamic import()), and which of the heavy
 * crypto packages it holds. Exits 1 when @noble/curves, @noble/post-quantum or asn1js lands in a chunk loaded up
 * front: they must stay behind the dynamic imports of src/crypto/engine.ts.
 *
 * The chunk graph comes from Vite's manifest (dist-site/.vite/manifest.json, `build.manifest: true`). The manifest
 * does not list the modules inside a chunk, so a package is recognised by its string literals: every literal of
 * 20+ characters in the package's published JavaScript that no other package compared here contains. The
 * report fails too when a forbidden package is found in no chunk at all (its fingerprints went stale).
 * https://vite.dev/guide/backend-integration.html
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist-site');
const MANIFEST = join(DIST, '.vite', 'manifest.json');
/** Must only be loaded on first use of a key spec that needs them. */
const FORBIDDEN_UP_FRONT = ['@noble/curves', '@noble/post-quantum', 'asn1js'];
/** Reported, allowed anywhere. */
const INFORMATIONAL = ['@noble/hashes', '@noble/ciphers'];
/** A chunk holds a package when at least this many of the package's fingerprints occur in it. */
const MIN_HITS = 2;

function fail(message: string): never {
  console.error(`bundle-report: ${message}`);
  process.exit(1);
}

/** Every `.js` file of a package directory, its nested node_modules and TypeScript sources left out. */
function packageFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'src') files.push(...packageFiles(path));
    } else if (/\.(m?js)$/.test(entry.name)) files.push(path);
  }
  return files;
}

/** Plain string literals (no escapes, no interpolation) of 20+ characters in a package's JavaScript. */
function literalsOf(pkg: string): Set<string> {
  const dir = join(ROOT, 'node_modules', pkg);
  if (!existsSync(dir)) fail(`${pkg} is not installed (node_modules/${pkg})`);
  const literals = new Set<string>();
  const pattern = /(['"`])([^'"`\\\n$]{20,200})\1/g;
  for (const file of packageFiles(dir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      const text = match[2]!;
      // Skip what minifiers may rewrite and what many libraries share: module paths, URLs, code-like text.
      if (/^[\s./@]|https?:|\.js$|^use strict$/.test(text) || !/[a-z]{3}/i.test(text)) continue;
      literals.add(text);
    }
  }
  return literals;
}

/** Per package, the literals found in no other compared package. */
function fingerprints(packages: string[]): Map<string, string[]> {
  const all = new Map(packages.map((pkg) => [pkg, literalsOf(pkg)]));
  const result = new Map<string, string[]>();
  for (const [pkg, literals] of all) {
    const others = [...all].filter(([other]) => other !== pkg).map(([, set]) => set);
    result.set(
      pkg,
      [...literals].filter((text) => others.every((set) => ![...set].some((o) => o.includes(text)))),
    );
  }
  return result;
}

/** The manifest keys loaded with the entry: the entry and, transitively, what it imports statically. */
function upFront(manifest: Manifest, entryKey: string): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entryKey);
  return seen;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

function main(): void {
  if (!existsSync(MANIFEST)) fail(`${relative(ROOT, MANIFEST)} is missing: run \`npx vite build\` first`);
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry && chunk.file.endsWith('.js'));
  if (entries.length === 0) fail('the manifest has no JavaScript entry chunk');
  const eager = new Set(entries.flatMap(([key]) => [...upFront(manifest, key)]));

  const packages = [...FORBIDDEN_UP_FRONT, ...INFORMATIONAL];
  const prints = fingerprints(packages);
  for (const pkg of FORBIDDEN_UP_FRONT) {
    if ((prints.get(pkg) ?? []).length < MIN_HITS) fail(`too few fingerprints for ${pkg}`);
  }

  const rows = Object.entries(manifest)
    .filter(([, chunk]) => chunk.file.endsWith('.js'))
    .map(([key, chunk]) => {
      const code = readFileSync(join(DIST, chunk.file));
      const text = code.toString('utf8');
      const held = packages.filter(
        (pkg) => (prints.get(pkg) ?? []).filter((literal) => text.includes(literal)).length >= MIN_HITS,
      );
      const load = chunk.isEntry ? 'entry' : eager.has(key) ? 'up front' : 'lazy';
      return {
        key,
        chunk,
        load,
        raw: statSync(join(DIST, chunk.file)).size,
        gzip: gzipSync(code).length,
        held,
      };
    })
    .sort((a, b) => (a.load === b.load ? b.raw - a.raw : a.load === 'lazy' ? 1 : b.load === 'lazy' ? -1 : 0));

  const table = [
    ['chunk', 'load', 'raw', 'gzip', 'packages'],
    ...rows.map((r) => [r.chunk.file, r.load, kB(r.raw), kB(r.gzip), r.held.join(', ')]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) {
    console.log(
      row
        .map((cell, i) => (i === 2 || i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    );
  }
  const sum = (load: (r: (typeof rows)[number]) => boolean, size: 'raw' | 'gzip') =>
    rows.filter(load).reduce((total, r) => total + r[size], 0);
  const isEager = (r: (typeof rows)[number]) => r.load !== 'lazy';
  console.log(
    `\nup front: ${kB(sum(isEager, 'raw'))} (gzip ${kB(sum(isEager, 'gzip'))}); ` +
      `lazy: ${kB(sum((r) => !isEager(r), 'raw'))} (gzip ${kB(sum((r) => !isEager(r), 'gzip'))})`,
  );

  const problems: string[] = [];
  for (const pkg of FORBIDDEN_UP_FRONT) {
    const holders = rows.filter((r) => r.held.includes(pkg));
    if (holders.length === 0) problems.push(`${pkg} was found in no chunk: its fingerprints are stale`);
    for (const r of holders.filter(isEager)) {
      problems.push(
        `${pkg} is in ${r.chunk.file} (${r.load}): a static import reaches it from the entry; ` +
          'load it with import() as src/crypto/engine.ts does',
      );
    }
  }
  if (problems.length > 0) fail(problems.join('\n  '));
  console.log(`ok: ${FORBIDDEN_UP_FRONT.join(', ')} are only in lazy chunks`);
}

main();
