/**
 * Console entry point (`<base>console/`). Starts kmsw — by default Mock Service Worker's service worker (`startKmsWorker`), or
 * with `?mode=inpage` the in-page fetch wrapper (`installKmsFetch`) — then renders the console, whose
 * unmodified AWS SDK calls the emulator answers, and hands it the emulator's admin facade. `?db=<name>` picks
 * the IndexedDB database (one per test).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './console/App.tsx';
import { StartupError } from './console/StartupError.tsx';
import { installKmsFetch, startKmsWorker, type KmsAdmin } from './msw/browser.ts';

const params = new URLSearchParams(location.search);
const inPage = params.get('mode') === 'inpage';
const databaseName = params.get('db') ?? 'kmsw';

async function startEmulator(): Promise<{ mode: string; admin: KmsAdmin }> {
  if (inPage) return { mode: 'in-page fetch', admin: installKmsFetch({ databaseName }).emulator.admin };
  // The worker script sits at the site's base, so its scope covers the docs and the console under any base path.
  const serviceWorkerUrl = `${import.meta.env.BASE_URL}mockServiceWorker.js`;
  return {
    mode: 'service worker',
    admin: (await startKmsWorker({ databaseName, serviceWorkerUrl })).emulator.admin,
  };
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

startEmulator().then(
  ({ mode, admin }) =>
    root.render(
      <StrictMode>
        <App mode={mode} admin={admin} />
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(<StartupError message={error instanceof Error ? error.message : String(error)} />),
);
