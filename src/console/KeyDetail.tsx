/**
 * The detail of one key: its full metadata, then its state (enable/disable, deletion), aliases, tags, key policy,
 * grants, rotation, public key (asymmetric keys) and replicas (multi-Region keys).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
 */
import { lazy, Suspense, useId } from 'react';
import { KeyAliases } from './KeyAliases.tsx';
import { KeyGrants } from './KeyGrants.tsx';
import { KeyLifecycle } from './KeyLifecycle.tsx';
import { KeyPublicKey } from './KeyPublicKey.tsx';
import { KeyReplicas } from './KeyReplicas.tsx';
import { KeyRotation } from './KeyRotation.tsx';
import type { KeyRow } from './key-row.ts';
import { KeyTags } from './KeyTags.tsx';

// The policy editor (CodeMirror) loads when a key is first opened, not with the console.
const KeyPolicy = lazy(() => import('./KeyPolicy.tsx').then((m) => ({ default: m.KeyPolicy })));

function metadataText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

export function KeyDetail({ row, onChanged, onClose }: { row: KeyRow; onChanged(): void; onClose(): void }) {
  const id = useId();
  const metadata = row.metadata;
  const keyId = row.keyId;
  const deleted = metadata.KeyState === 'PendingDeletion';
  const asymmetric = metadata.KeySpec !== 'SYMMETRIC_DEFAULT' && !metadata.KeySpec?.startsWith('HMAC');

  return (
    <section className="panel key-detail" aria-labelledby={`${id}-h`}>
      <div className="panel-header">
        <h2 id={`${id}-h`}>
          Key <span className="mono">{keyId}</span>
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close detail
        </button>
      </div>
      <details>
        <summary>Metadata</summary>
        <dl className="metadata">
          {Object.entries(metadata).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd className="mono">{metadataText(value)}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="detail-grid">
        <KeyLifecycle key={`${keyId}-life`} metadata={metadata} onChanged={onChanged} />
        <KeyAliases key={`${keyId}-aliases`} keyId={keyId} aliases={row.aliases} onChanged={onChanged} />
        {!deleted && <KeyTags key={`${keyId}-tags`} keyId={keyId} onChanged={onChanged} />}
        {!deleted && (
          <Suspense fallback={<p className="muted">Loading the key policy…</p>}>
            <KeyPolicy key={`${keyId}-policy`} keyId={keyId} />
          </Suspense>
        )}
        {!deleted && <KeyGrants key={`${keyId}-grants`} keyId={keyId} />}
        {!deleted && <KeyRotation key={`${keyId}-rotation`} metadata={metadata} />}
        {!deleted && asymmetric && <KeyPublicKey key={`${keyId}-public`} keyId={keyId} />}
        <KeyReplicas key={`${keyId}-replicas`} metadata={metadata} onChanged={onChanged} />
      </div>
    </section>
  );
}
