/**
 * Rotation of a symmetric key: automatic rotation on or off (with its period, 90–2560 days), rotate now, and every
 * rotation so far (the key's materials). Other keys cannot rotate; the section says so.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_RotateKeyOnDemand.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyRotations.html
 */
import {
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  type GetKeyRotationStatusCommandOutput,
  type KeyMetadata,
  type RotationsListEntry,
} from '@aws-sdk/client-kms';
import { useEffect, useId, useState } from 'react';
import { ActionButton } from './ActionButton.tsx';
import { ActionMessages } from './ActionMessages.tsx';
import { useConsole } from './console-context.ts';
import { useAction } from './use-action.ts';

export function KeyRotation({ metadata }: { metadata: KeyMetadata }) {
  const { client } = useConsole();
  const action = useAction();
  const [status, setStatus] = useState<GetKeyRotationStatusCommandOutput | null>(null);
  const [rotations, setRotations] = useState<RotationsListEntry[]>([]);
  const [period, setPeriod] = useState(365);
  const [version, setVersion] = useState(0);
  const id = useId();
  const KeyId = metadata.KeyId!;
  const rotatable = metadata.KeySpec === 'SYMMETRIC_DEFAULT' && metadata.Origin !== 'EXTERNAL_KEY_STORE';

  useEffect(() => {
    if (!rotatable) return;
    let live = true;
    Promise.all([
      client.send(new GetKeyRotationStatusCommand({ KeyId })),
      client.send(new ListKeyRotationsCommand({ KeyId })),
    ]).then(
      ([s, r]) => {
        if (!live) return;
        setStatus(s);
        setRotations(r.Rotations ?? []);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, KeyId, rotatable, version]);

  if (!rotatable) {
    return (
      <section aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`}>Rotation</h3>
        <p className="muted">Only symmetric encryption keys rotate.</p>
      </section>
    );
  }
  const reload = () => setVersion((v) => v + 1);

  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Rotation</h3>
      <p>
        Automatic rotation: <strong>{status?.KeyRotationEnabled ? 'on' : 'off'}</strong>
        {status?.KeyRotationEnabled &&
          ` — every ${status.RotationPeriodInDays} days, next ${status.NextRotationDate?.toISOString().slice(0, 10)}`}
      </p>
      <div className="row-actions">
        {status?.KeyRotationEnabled ? (
          <ActionButton
            action={action}
            className="secondary"
            then={reload}
            run={async () => {
              await client.send(new DisableKeyRotationCommand({ KeyId }));
              return 'Automatic rotation disabled.';
            }}
          >
            Disable automatic rotation
          </ActionButton>
        ) : (
          <>
            <label className="inline" htmlFor={`${id}-period`}>
              Period (days)
            </label>
            <input
              id={`${id}-period`}
              type="number"
              className="narrow"
              min={90}
              max={2560}
              value={period}
              onChange={(e) => setPeriod(Number(e.target.value))}
            />
            <ActionButton
              action={action}
              className="secondary"
              then={reload}
              run={async () => {
                await client.send(new EnableKeyRotationCommand({ KeyId, RotationPeriodInDays: period }));
                return 'Automatic rotation enabled.';
              }}
            >
              Enable automatic rotation
            </ActionButton>
          </>
        )}
        <ActionButton
          action={action}
          then={reload}
          run={async () => {
            await client.send(new RotateKeyOnDemandCommand({ KeyId }));
            return 'Key rotated: new encryptions use the new key material.';
          }}
        >
          Rotate now
        </ActionButton>
      </div>
      {rotations.length > 0 && (
        <table className="compact" aria-label="Rotations">
          <thead>
            <tr>
              <th scope="col">Rotated</th>
              <th scope="col">Type</th>
              <th scope="col">Key material</th>
            </tr>
          </thead>
          <tbody>
            {rotations.map((r) => (
              <tr key={`${r.KeyMaterialId ?? ''}${r.RotationDate?.toISOString()}`}>
                <td>{r.RotationDate?.toLocaleString()}</td>
                <td>{r.RotationType}</td>
                <td className="mono">{r.KeyMaterialId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionMessages action={action} />
    </section>
  );
}
