/**
 * The crypto workbench: pick an operation family and a key that can do it (only those are offered), then run it
 * with text, hex, base64 or file input; results are copyable. Errors show as AWS's name and message.
 */
import type { KeyMetadata } from '@aws-sdk/client-kms';
import { useId, useState } from 'react';
import { DataKeyPanel } from './workbench/DataKeyPanel.tsx';
import { DerivePanel } from './workbench/DerivePanel.tsx';
import { EncryptPanel } from './workbench/EncryptPanel.tsx';
import { FAMILIES, usableFor, type Family } from './workbench/families.ts';
import { KemPanel } from './workbench/KemPanel.tsx';
import { MacPanel } from './workbench/MacPanel.tsx';
import { SignPanel } from './workbench/SignPanel.tsx';

interface WorkbenchProps {
  keys: KeyMetadata[];
  selectedKeyId: string;
  onSelectKey(keyId: string): void;
}

export function Workbench({ keys, selectedKeyId, onSelectKey }: WorkbenchProps) {
  const [family, setFamily] = useState<Family>('encrypt');
  const id = useId();
  const usable = keys.filter((k) => usableFor(family, k));
  const key = usable.find((k) => k.KeyId === selectedKeyId) ?? usable[0];

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Crypto workbench</h2>
      <div className="form">
        <div className="field">
          <label htmlFor={`${id}-family`}>Operation</label>
          <select id={`${id}-family`} value={family} onChange={(e) => setFamily(e.target.value as Family)}>
            {FAMILIES.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-key`}>Key</label>
          <select
            id={`${id}-key`}
            value={key?.KeyId ?? ''}
            onChange={(e) => onSelectKey(e.target.value)}
            disabled={usable.length === 0}
          >
            {usable.length === 0 && <option value="">No enabled key can do this</option>}
            {usable.map((k) => (
              <option key={k.KeyId} value={k.KeyId}>
                {`${k.Description ? `${k.Description} ` : ''}(${k.KeySpec}) ${k.KeyId}`}
              </option>
            ))}
          </select>
        </div>
        {family === 'encrypt' && <EncryptPanel keyMetadata={key} />}
        {family === 'data-key' && <DataKeyPanel keyMetadata={key} pair={false} />}
        {family === 'data-key-pair' && <DataKeyPanel keyMetadata={key} pair />}
        {family === 'sign' && <SignPanel key={key?.KeyId} keyMetadata={key} />}
        {family === 'mac' && <MacPanel key={key?.KeyId} keyMetadata={key} />}
        {family === 'derive' && <DerivePanel key={key?.KeyId} keyMetadata={key} peers={usable} />}
        {family === 'kem' && <KemPanel key={key?.KeyId} keyMetadata={key} />}
      </div>
    </section>
  );
}
