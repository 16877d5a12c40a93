/**
 * `<KmswConsole admin={emulator.admin} />` — the kmsw console as one React component (`kmsw/console`): keys table
 * and key detail, create-key form, crypto workbench, live request log, custom key stores and the Emulator panel
 * (clock, export/import, reset, seed). It talks to KMS only through `@aws-sdk/client-kms` and to the emulator only
 * through its admin facade, so an app under development can mount it next to its own msw setup. With `dock`, it
 * sits behind a small button in the page's bottom-right corner and opens as a panel.
 */
import { useCallback, useMemo, useState } from 'react';
import type { KmsAdmin } from '../msw/browser.ts';
import { ConsoleContext } from './console-context.ts';
import { ConsoleSettings } from './ConsoleSettings.tsx';
import { CreateKeyForm } from './CreateKeyForm.tsx';
import { CustomKeyStores } from './CustomKeyStores.tsx';
import { EmulatorPanel } from './EmulatorPanel.tsx';
import { KeyDetail } from './KeyDetail.tsx';
import { KeysTable } from './KeysTable.tsx';
import { createConsoleClient, DEFAULT_ACCESS_KEY_ID } from './kms-client.ts';
import { RequestLog } from './RequestLog.tsx';
import { useKeys } from './use-keys.ts';
import { Workbench } from './Workbench.tsx';
import './console.css';

export interface KmswConsoleProps {
  /** The emulator's admin facade: `startKmsWorker()` / `installKmsFetch()` → `.emulator.admin`. */
  admin: KmsAdmin;
  /** The Region the console starts in. Default `us-east-1`. */
  region?: string;
  /** Show the console behind a corner button instead of in place. Default false. */
  dock?: boolean;
}

function ConsoleBody() {
  const { rows, loading, error, refresh } = useKeys();
  const [selectedKeyId, setSelectedKeyId] = useState('');
  const [detailKeyId, setDetailKeyId] = useState('');
  const detailRow = rows.find((row) => row.keyId === detailKeyId);
  const keys = useMemo(() => rows.map((row) => row.metadata), [rows]);
  const select = useCallback((keyId: string) => {
    setSelectedKeyId(keyId);
    setDetailKeyId(keyId);
  }, []);

  return (
    <div className="console-grid">
      <div className="console-main">
        <KeysTable
          rows={rows}
          loading={loading}
          error={error}
          selectedKeyId={detailKeyId}
          onSelect={select}
          onRefresh={refresh}
        />
        {detailRow && <KeyDetail row={detailRow} onChanged={refresh} onClose={() => setDetailKeyId('')} />}
        <RequestLog />
      </div>
      <div className="console-side">
        <CreateKeyForm onCreated={setSelectedKeyId} />
        <Workbench keys={keys} selectedKeyId={selectedKeyId} onSelectKey={setSelectedKeyId} />
        <EmulatorPanel onClockMoved={refresh} />
        <CustomKeyStores />
      </div>
    </div>
  );
}

export function KmswConsole({ admin, region: initialRegion = 'us-east-1', dock = false }: KmswConsoleProps) {
  const [region, setRegion] = useState(initialRegion);
  const [accessKeyId, setAccessKeyId] = useState(DEFAULT_ACCESS_KEY_ID);
  const [open, setOpen] = useState(!dock);
  const identities = useMemo(() => admin.identities?.() ?? [], [admin]);
  const client = useMemo(() => createConsoleClient(region, accessKeyId), [region, accessKeyId]);
  const context = useMemo(() => ({ client, admin, region }), [client, admin, region]);

  const body = (
    <ConsoleContext.Provider value={context}>
      <div className="kmsw-console">
        <ConsoleSettings
          region={region}
          onRegion={setRegion}
          identities={identities}
          accessKeyId={accessKeyId}
          onAccessKeyId={setAccessKeyId}
        />
        {/* A new client (Region, identity) is a new view: reload everything for it. */}
        <ConsoleBody key={`${region}/${accessKeyId}`} />
      </div>
    </ConsoleContext.Provider>
  );
  if (!dock) return body;
  return (
    <div className="kmsw-dock">
      <button type="button" className="kmsw-dock-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Close kmsw' : 'kmsw'}
      </button>
      {open && (
        <div className="kmsw-dock-panel" role="dialog" aria-label="kmsw console">
          {body}
        </div>
      )}
    </div>
  );
}
