/**
 * The kmsw console: keys table, create-key form and encrypt/decrypt panel, all talking to KMS through the AWS
 * SDK. `mode` only labels how the page's KMS fetches are answered (service worker or in-page fetch).
 */
import { useState } from 'react';
import { CreateKeyForm } from './CreateKeyForm.tsx';
import { CryptoPanel } from './CryptoPanel.tsx';
import { KeysTable } from './KeysTable.tsx';
import { useKeys } from './use-keys.ts';
import './console.css';

interface AppProps {
  mode: string;
}

export function App({ mode }: AppProps) {
  const { keys, loading, error, refresh } = useKeys();
  const [selectedKeyId, setSelectedKeyId] = useState('');

  function handleCreated(keyId: string) {
    setSelectedKeyId(keyId);
    refresh();
  }

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
        <CreateKeyForm onCreated={handleCreated} />
        <CryptoPanel keys={keys} selectedKeyId={selectedKeyId} onSelectKey={setSelectedKeyId} />
      </div>
    </main>
  );
}
