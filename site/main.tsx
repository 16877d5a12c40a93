/**
 * The docs shell every site page loads: finds the page named by `<body data-page>` in site/pages.ts, loads its MDX
 * (one lazy chunk per page) and renders it inside the site layout with the page's Playground, which runs its
 * snippets against the in-page emulator. `?db=<name>` picks the emulator's IndexedDB database (tests use one each);
 * by default it is the console's, `kmsw`.
 */
import type { ComponentType } from 'react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DocsLayout } from './DocsLayout.tsx';
import { PAGES } from './pages.ts';
import { Playground } from './snippet/playground.ts';
import './site.css';

type MdxModule = { default: ComponentType<{ components?: Record<string, ComponentType<never>> }> };
const modules = import.meta.glob<MdxModule>('./pages/*.mdx');

const slug = document.body.dataset.page ?? '';
const page = PAGES.find((p) => p.slug === slug);
const load = modules[`./pages/${slug || 'index'}.mdx`];
const container = document.getElementById('root');
if (!container || !page || !load) throw new Error(`kmsw site: no page "${slug}"`);

const databaseName = new URLSearchParams(location.search).get('db') ?? 'kmsw';
const playground = new Playground({ databaseName });

load().then(({ default: Content }) => {
  createRoot(container).render(
    <StrictMode>
      <DocsLayout page={page} playground={playground} Content={Content} />
    </StrictMode>,
  );
});
