/**
 * Vite plugin: one real HTML file per docs page (site/pages.ts). In a build each page is an extra input whose HTML
 * this plugin supplies (`<base>docs/<slug>/index.html`, and `<base>index.html` for the home page), so a static host
 * serves every deep link as a file — no server-side fallback. The dev server answers the same URLs from the same
 * template. Every page loads one shell, site/main.tsx, which renders the page named by `<body data-page>`.
 * https://vite.dev/guide/build.html#multi-page-app
 * https://vite.dev/guide/api-plugin.html
 */
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { PAGES, pagePath, type SitePage } from './pages.ts';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function pageHtml(page: SitePage): string {
  const title = page.slug === '' ? 'kmsw — AWS KMS in the browser' : `${page.title} · kmsw`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="description" content="${escapeHtml(page.summary)}" />
    <meta name="color-scheme" content="light dark" />
    <link rel="icon" href="data:," />
    <title>${escapeHtml(title)}</title>
  </head>
  <body data-page="${escapeHtml(page.slug)}">
    <div id="root"><noscript>The kmsw docs run their examples in the page: enable JavaScript.</noscript></div>
    <script type="module" src="/site/main.tsx"></script>
  </body>
</html>
`;
}

/** `docs/keys/index.html` (or `index.html`) relative to the root, for a page. */
const htmlFile = (page: SitePage) => `${pagePath(page)}index.html`;

export function sitePages(): Plugin {
  let config: ResolvedConfig;
  const byFile = new Map<string, SitePage>();
  return {
    name: 'kmsw:site-pages',
    enforce: 'pre',
    config(user) {
      const root = path.resolve(user.root ?? process.cwd());
      const input: Record<string, string> = {};
      for (const page of PAGES) {
        const file = path.join(root, htmlFile(page));
        byFile.set(file, page);
        input[page.slug === '' ? 'index' : `docs/${page.slug}`] = file;
      }
      return { build: { rollupOptions: { input } } };
    },
    configResolved(resolved) {
      config = resolved;
    },
    resolveId(id) {
      const file = path.isAbsolute(id) && id.startsWith(config.root) ? id : path.join(config.root, id);
      return byFile.has(file) ? file : null;
    },
    load(id) {
      const page = byFile.get(id);
      return page ? pageHtml(page) : null;
    },
    configureServer(server) {
      // Before Vite's own middlewares: answer page URLs (with or without the trailing slash) from the template.
      server.middlewares.use((req, res, next) => {
        const base = server.config.base;
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (!url.pathname.startsWith(base)) return next();
        const below = url.pathname.slice(base.length).replace(/index\.html$/, '');
        const page = PAGES.find((p) => pagePath(p) === below || pagePath(p) === `${below}/`);
        if (!page) return next();
        if (pagePath(page) !== below) {
          res.statusCode = 301;
          res.setHeader('Location', `${base}${pagePath(page)}${url.search}`);
          return res.end();
        }
        server
          .transformIndexHtml(url.pathname, pageHtml(page), req.originalUrl)
          .then((html) => {
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            res.end(html);
          })
          .catch(next);
      });
    },
  };
}
