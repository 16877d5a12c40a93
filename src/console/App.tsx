/**
 * The kmsw console: keys table, create-key form and encrypt/decrypt panel, all talking to KMS through the AWS
 * SDK, and the Emulator panel (clock, export/import, reset) on the emulator's admin facade, whose change feed also
 * keeps the keys table current. `mode` only labels how the page's KMS fetches are answered (service worker or
 * in-page fetch).
 */
import { useState } from 'react';
import type { KmsAdmin } from '../msw/browser.ts';
import { CreateKeyForm } from './CreateKeyForm.tsx';
import { CryptoPanel } from './CryptoPanel.tsx';
import { EmulatorPanel } from './EmulatorPanel.tsx';
import { KeysTable } from './KeysTable.tsx';
import { useKeys } from './use-keys.ts';
import './console.css';

interface AppProps {
  mode: string;
  admin: KmsAdmin;
}

export function App({ mode, admin }: AppProps) {
  const { keys, loading, error, refresh } = useKeys(admin);
  const [selectedKeyId, setSelectedKeyId] = useState('');

  return (
    <main className="console">
      <header className="console-header">
        <h1>kmsw console</h1>
        <p className="muted">
          AWS KMS emulated in this browser · region us-east-1 · answered by <strong>{mode}</strong>
        </p>
      </header>
      <KeysTable keys={keys} loading={loading} error={error} onRefresh={refresh} />
      <div className="columns">
        <CreateKeyForm onCreated={setSelectedKeyId} />
        <CryptoPanel keys={keys} selectedKeyId={selectedKeyId} onSelectKey={setSelectedKeyId} />
      </div>
      <EmulatorPanel admin={admin} onClockMoved={refresh} />
    </main>
  );
}
