/**
 * A multi-Region key's set: the primary and its replicas (MultiRegionConfiguration), and a new replica in
 * another Region (ReplicateKey, from the primary).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html
 */
import { ReplicateKeyCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { useId, useState, type FormEvent } from 'react';
import { ActionMessages } from './ActionMessages.tsx';
import { useConsole } from './console-context.ts';
import { useAction } from './use-action.ts';

export function KeyReplicas({ metadata, onChanged }: { metadata: KeyMetadata; onChanged(): void }) {
  const { client } = useConsole();
  const action = useAction();
  const [region, setRegion] = useState('eu-west-1');
  const id = useId();
  const config = metadata.MultiRegionConfiguration;
  if (!metadata.MultiRegion || !config) return null;
  const isPrimary = config.MultiRegionKeyType === 'PRIMARY';

  function replicate(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      const out = await client.send(
        new ReplicateKeyCommand({ KeyId: metadata.KeyId, ReplicaRegion: region }),
      );
      onChanged();
      return `Replica ${out.ReplicaKeyMetadata?.Arn} is ${out.ReplicaKeyMetadata?.KeyState}.`;
    });
  }

  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Replicas</h3>
      <ul className="plain">
        <li>
          Primary: <span className="mono">{config.PrimaryKey?.Region}</span>
        </li>
        {config.ReplicaKeys?.map((replica) => (
          <li key={replica.Arn}>
            Replica: <span className="mono">{replica.Region}</span>
          </li>
        ))}
      </ul>
      {isPrimary && (
        <form className="inline-form" onSubmit={replicate}>
          <label htmlFor={`${id}-region`}>Replica Region</label>
          <input id={`${id}-region`} value={region} onChange={(e) => setRegion(e.target.value)} required />
          <button type="submit" disabled={action.busy}>
            Replicate
          </button>
        </form>
      )}
      <ActionMessages action={action} />
    </section>
  );
}
