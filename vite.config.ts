/**
 * Vite config for the kmsw site: the docs pages (one generated HTML file each, see site/vite-plugin-pages.ts,
 * written in MDX under site/pages/ with runnable snippets), the console (`console/index.html` → src/main.tsx), and,
 * on the dev server only, the Playwright harness (`e2e/harness.html`) and the browser bench (`bench/browser.html`).
 * `public/mockServiceWorker.js` is served at the base, so the service worker's scope covers every page; a build
 * with `--base /some/path/` (`npm run build:site -- --base /some/path/`) works under that path, worker included.
 * https://vite.dev/config/
 * https://mdxjs.com/packages/rollup/
 */
import mdx from '@mdx-js/rollup';
import rehypeShiki from '@shikijs/rehype';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { remarkSnippets } from './site/remark-snippets.ts';
import { sitePages } from './site/vite-plugin-pages.ts';

export default defineConfig({
  plugins: [
    sitePages(),
    {
      enforce: 'pre',
      ...mdx({
        remarkPlugins: [remarkSnippets],
        // Static code (shell commands, Node setup) is highlighted at build time; runnable snippets use CodeMirror.
        rehypePlugins: [
          [
            rehypeShiki,
            {
              themes: { light: 'github-light', dark: 'github-dark' },
              langs: ['ts', 'js', 'sh', 'json', 'python', 'hcl', 'tsx'],
              defaultLanguage: 'text',
              fallbackLanguage: 'text',
            },
          ],
        ],
      }),
    },
    react({ include: /\.(mdx|md|js|jsx|ts|tsx)$/ }),
  ],
  publicDir: 'public',
  // Every page is a real HTML file: no fallback to index.html, in dev, preview and on a static host alike.
  appType: 'mpa',
  // Scan every page up front so a first run does not re-optimize dependencies (and reload) mid-test.
  optimizeDeps: {
    entries: [
      'console/index.html',
      'site/main.tsx',
      'site/pages/*.mdx',
      'e2e/harness.html',
      'bench/browser.html',
    ],
  },
  // Under Playwright (KMSW_E2E=1) a source edit must not reload pages mid-test; edits still apply on next load.
  server: { hmr: process.env.KMSW_E2E ? false : undefined },
  // The manifest (dist-site/.vite/manifest.json) feeds scripts/bundle-report.ts (`npm run bundle:report`).
  build: {
    // `dist/` is the library build (tsdown.config.ts).
    outDir: 'dist-site',
    target: 'es2023',
    manifest: true,
    rollupOptions: { input: { console: 'console/index.html' } },
  },
});
