/**
 * The library build (`npm run build:lib`, run by `prepack`): every package entry point as ESM JavaScript with
 * `.d.ts` types and source maps in dist/. Dependencies and peer dependencies stay imports (msw, idb, @noble/*,
 * asn1js, @playwright/test); kmsw's own modules behind `import()` (the noble, post-quantum and ASN.1 engines of
 * src/crypto/engine.ts) stay separate chunks, loaded on first use. The repository's own tests run on src/.
 * https://tsdown.dev/options/entry
 */
import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    node: 'src/msw/node.ts',
    browser: 'src/msw/browser.ts',
    playwright: 'src/playwright/index.ts',
    console: 'src/console/index.ts',
    cli: 'src/cli.ts',
  },
  format: 'esm',
  platform: 'neutral',
  target: 'es2023',
  outDir: 'dist',
  clean: true,
  dts: true,
  sourcemap: true,
  hash: false,
  tsconfig: 'tsconfig.build.json',
  // node: built-ins (the file store of kmsw serve, the CLI) stay imports; the browser entries never reach them.
  deps: { neverBundle: [/^node:/, /^@playwright\//, /^playwright(-core)?(\/|$)/] },
});
