/**
 * Who the console calls KMS as, and where: the Region, and — when the emulator has identities (its `identities`
 * option, listed by `admin.identities()`, never with secrets) — the identity whose access key id the console's
 * client sends, so its calls are authorised (and logged) as that principal.
 */
import { useId } from 'react';
import type { KmsIdentitySummary } from '../msw/browser.ts';
import { DEFAULT_ACCESS_KEY_ID } from './kms-client.ts';

export const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-1',
  'ap-northeast-1',
  'cn-north-1',
];

interface ConsoleSettingsProps {
  region: string;
  onRegion(region: string): void;
  identities: KmsIdentitySummary[];
  accessKeyId: string;
  onAccessKeyId(accessKeyId: string): void;
}

export function ConsoleSettings({
  region,
  onRegion,
  identities,
  accessKeyId,
  onAccessKeyId,
}: ConsoleSettingsProps) {
  const id = useId();
  return (
    <div className="settings">
      <label htmlFor={`${id}-region`}>Region</label>
      <select id={`${id}-region`} value={region} onChange={(e) => onRegion(e.target.value)}>
        {REGIONS.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      {identities.length > 0 && (
        <>
          <label htmlFor={`${id}-identity`}>Identity</label>
          <select id={`${id}-identity`} value={accessKeyId} onChange={(e) => onAccessKeyId(e.target.value)}>
            <option value={DEFAULT_ACCESS_KEY_ID}>Default account (no identity)</option>
            {identities.map((identity) => (
              <option key={identity.accessKeyId} value={identity.accessKeyId}>
                {identity.arn} ({identity.accessKeyId})
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
