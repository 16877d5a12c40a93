/**
 * Encapsulate (a fresh shared secret and its ciphertext) and Decapsulate (the ciphertext back to the secret) with
 * an ML-KEM key.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decapsulate.html
 */
import { DecapsulateCommand, EncapsulateCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { useId, useState } from 'react';
import { ActionMessages } from '../ActionMessages.tsx';
import { base64ToBytes, bytesToBase64 } from '../base64.ts';
import { useConsole } from '../console-context.ts';
import { ResultField } from '../ResultField.tsx';
import { useAction } from '../use-action.ts';

export function KemPanel({ keyMetadata }: { keyMetadata: KeyMetadata | undefined }) {
  const { client } = useConsole();
  const action = useAction();
  const [ciphertext, setCiphertext] = useState('');
  const [secret, setSecret] = useState('');
  const [decapsulated, setDecapsulated] = useState('');
  const id = useId();

  return (
    <div className="form">
      <button
        type="button"
        disabled={action.busy || !keyMetadata}
        onClick={() =>
          action.run(async () => {
            const out = await client.send(
              new EncapsulateCommand({ KeyId: keyMetadata?.KeyId, EncapsulationAlgorithm: 'ML_KEM' }),
            );
            setCiphertext(
              out.SharedSecretCiphertextBlob ? bytesToBase64(out.SharedSecretCiphertextBlob) : '',
            );
            setSecret(out.SharedSecret ? bytesToBase64(out.SharedSecret) : '');
          })
        }
      >
        Encapsulate
      </button>
      <ResultField label="Shared secret (base64)" value={secret} />
      <div className="field">
        <label htmlFor={`${id}-ct`}>Shared secret ciphertext (base64)</label>
        <textarea
          id={`${id}-ct`}
          className="mono"
          rows={3}
          value={ciphertext}
          onChange={(e) => setCiphertext(e.target.value)}
        />
      </div>
      <button
        type="button"
        className="secondary"
        disabled={action.busy || !keyMetadata || !ciphertext.trim()}
        onClick={() =>
          action.run(async () => {
            const out = await client.send(
              new DecapsulateCommand({
                KeyId: keyMetadata?.KeyId,
                EncapsulationAlgorithm: 'ML_KEM',
                SharedSecretCiphertextBlob: base64ToBytes(ciphertext),
              }),
            );
            setDecapsulated(out.SharedSecret ? bytesToBase64(out.SharedSecret) : '');
            return out.SharedSecret && bytesToBase64(out.SharedSecret) === secret
              ? 'Same shared secret.'
              : undefined;
          })
        }
      >
        Decapsulate
      </button>
      <ResultField label="Decapsulated shared secret (base64)" value={decapsulated} />
      <ActionMessages action={action} />
    </div>
  );
}
