/**
 * Console entry point. Starts kmsw — by default Mock Service Worker's service worker (`startKmsWorker`), or
 * with `?mode=inpage` the in-page fetch wrapper (`installKmsFetch`) — then renders the console, whose
 * unmodified AWS SDK calls the emulator answers. `?db=<name>` picks the IndexedDB database (one per test).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './console/App.tsx';
import { StartupError } from './console/StartupError.tsx';
import { installKmsFetch, startKmsWorker } from './msw/browser.ts';

const params = new URLSearchParams(location.search);
const inPage = params.get('mode') === 'inpage';
const databaseName = params.get('db') ?? 'kmsw';

async function startEmulator(): Promise<string> {
  if (inPage) {
    installKmsFetch({ databaseName });
    return 'in-page fetch';
  }
  await startKmsWorker({ databaseName });
  return 'service worker';
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

startEmulator().then(
  (mode) =>
    root.render(
      <StrictMode>
        <App mode={mode} />
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(<StartupError message={error instanceof Error ? error.message : String(error)} />),
);
