/**
 * The console page of the site (`<base>console/`): the site header (docs link, theme) around `<KmswConsole>`. `mode`
 * only labels how the page's KMS fetches are answered (service worker or in-page fetch).
 */
import type { KmsAdmin } from '../msw/browser.ts';
import { KmswConsole } from './KmswConsole.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

interface AppProps {
  mode: string;
  admin: KmsAdmin;
}

export function App({ mode, admin }: AppProps) {
  const base = import.meta.env.BASE_URL;
  return (
    <main className="console-page">
      <header className="console-header">
        <div>
          <h1>kmsw console</h1>
          <p className="muted">
            AWS KMS emulated in this browser · answered by <strong>{mode}</strong> · shared with every tab of
            this site
          </p>
        </div>
        <nav aria-label="Site">
          <a href={base}>Home</a> <a href={`${base}docs/browser/`}>Docs</a>
        </nav>
        <ThemeToggle />
      </header>
      <KmswConsole admin={admin} />
    </main>
  );
}
