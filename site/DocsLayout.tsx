/**
 * The layout of every docs page: the site header (home, Console, theme), the navigation of every page by section,
 * the page's content with its runnable snippets, a "Run all" button when it has any, and what to read next.
 */
import type { ComponentType } from 'react';
import { useEffect, useState } from 'react';
import { ThemeToggle } from '../src/console/ThemeToggle.tsx';
import { PAGES, pagePath, type SitePage } from './pages.ts';
import { PlaygroundContext } from './snippet/playground-context.ts';
import type { Playground } from './snippet/playground.ts';
import { Snippet } from './snippet/Snippet.tsx';

const BASE = import.meta.env.BASE_URL;
export const href = (page: Pick<SitePage, 'slug'>) => `${BASE}${pagePath(page)}`;

interface DocsLayoutProps {
  page: SitePage;
  playground: Playground;
  Content: ComponentType<{ components?: Record<string, ComponentType<never>> }>;
}

function RunAll({ playground }: { playground: Playground }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="run-all"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void playground.runAll().finally(() => setBusy(false));
      }}
    >
      Run all
    </button>
  );
}

export function DocsLayout({ page, playground, Content }: DocsLayoutProps) {
  const index = PAGES.indexOf(page);
  const next = PAGES[index + 1];
  const previous = index > 0 ? PAGES[index - 1] : undefined;
  const [hasSnippets, setHasSnippets] = useState(false);
  useEffect(() => setHasSnippets(document.querySelector('[data-snippet]') !== null), []);
  const sections = [...new Set(PAGES.map((p) => p.section))];

  return (
    <PlaygroundContext.Provider value={playground}>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="site-header">
        <a className="site-name" href={BASE}>
          kmsw
        </a>
        <nav aria-label="Site">
          <a href={href({ slug: 'browser' })}>Docs</a>
          <a href={`${BASE}console/`}>Console</a>
        </nav>
        <ThemeToggle />
      </header>
      <div className="site-body">
        <nav className="site-nav" aria-label="Docs">
          {sections.map((section) => (
            <section key={section}>
              <h2>{section}</h2>
              <ul>
                {PAGES.filter((p) => p.section === section).map((p) => (
                  <li key={p.slug}>
                    <a href={href(p)} aria-current={p === page ? 'page' : undefined}>
                      {p.slug === '' ? 'Overview' : p.title}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </nav>
        <main id="content" className="docs">
          {hasSnippets && (
            <p className="playground-note">
              Every example on this page runs here, against kmsw in this tab: edit it, press{' '}
              <strong>Run</strong> (or Ctrl-Enter), or <RunAll playground={playground} />. Keys it creates
              show up in the <a href={`${BASE}console/`}>console</a>.
            </p>
          )}
          <article>
            <Content components={{ Snippet: Snippet as ComponentType<never> }} />
          </article>
          <footer className="read-next" aria-label="Read next">
            {previous && (
              <a href={href(previous)} rel="prev">
                ← {previous.slug === '' ? 'Overview' : previous.title}
              </a>
            )}
            {next ? (
              <a href={href(next)} rel="next">
                Read next: {next.title} →<span className="muted"> {next.summary}</span>
              </a>
            ) : (
              <a href={`${BASE}console/`} rel="next">
                Read next: open the console →
              </a>
            )}
          </footer>
        </main>
      </div>
    </PlaygroundContext.Provider>
  );
}
