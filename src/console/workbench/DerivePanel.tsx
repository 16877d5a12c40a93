/**
 * DeriveSharedSecret (ECDH): the chosen key-agreement key with the other party's public key (PEM, base64 DER or a
 * file). The console offers the public key of another of your key-agreement keys as a shortcut.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html
 */
import { DeriveSharedSecretCommand, GetPublicKeyCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { useId, useState } from 'react';
import { ActionMessages } from '../ActionMessages.tsx';
import { bytesToBase64 } from '../base64.ts';
import { pemOrBase64ToBytes } from '../bytes.ts';
import { useConsole } from '../console-context.ts';
import { ResultField } from '../ResultField.tsx';
import { useAction } from '../use-action.ts';

export function DerivePanel({
  keyMetadata,
  peers,
}: {
  keyMetadata: KeyMetadata | undefined;
  peers: KeyMetadata[];
}) {
  const { client } = useConsole();
  const action = useAction();
  const [publicKey, setPublicKey] = useState('');
  const [secret, setSecret] = useState('');
  const id = useId();
  const others = peers.filter((p) => p.KeyId !== keyMetadata?.KeyId && p.KeySpec === keyMetadata?.KeySpec);

  return (
    <div className="form">
      <div className="field">
        <label htmlFor={`${id}-pub`}>Other party's public key (PEM or base64 DER)</label>
        <textarea
          id={`${id}-pub`}
          className="mono"
          rows={4}
          value={publicKey}
          onChange={(e) => setPublicKey(e.target.value)}
        />
      </div>
      {others.length > 0 && (
        <button
          type="button"
          className="secondary small"
          onClick={() =>
            action.run(async () => {
              const out = await client.send(new GetPublicKeyCommand({ KeyId: others[0]!.KeyId }));
              setPublicKey(out.PublicKey ? bytesToBase64(out.PublicKey) : '');
              return `Public key of ${others[0]!.KeyId}.`;
            })
          }
        >
          Use the public key of another {keyMetadata?.KeySpec} key
        </button>
      )}
      <button
        type="button"
        disabled={action.busy || !keyMetadata || !publicKey.trim()}
        onClick={() =>
          action.run(async () => {
            const out = await client.send(
              new DeriveSharedSecretCommand({
                KeyId: keyMetadata?.KeyId,
                KeyAgreementAlgorithm: 'ECDH',
                PublicKey: pemOrBase64ToBytes(publicKey),
              }),
            );
            setSecret(out.SharedSecret ? bytesToBase64(out.SharedSecret) : '');
          })
        }
      >
        Derive shared secret
      </button>
      <ResultField label="Shared secret (base64)" value={secret} />
      <ActionMessages action={action} />
    </div>
  );
}
