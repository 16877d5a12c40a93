/**
 * Sign a message (raw, or a digest you computed) with an asymmetric signing key, and verify a signature. A bad
 * signature is KMSInvalidSignatureException, shown as AWS gives it.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Verify.html
 */
import {
  SignCommand,
  VerifyCommand,
  type KeyMetadata,
  type MessageType,
  type SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { useId, useState } from 'react';
import { ActionMessages } from '../ActionMessages.tsx';
import { base64ToBytes, bytesToBase64 } from '../base64.ts';
import { BytesField, parseField, type BytesValue } from '../BytesField.tsx';
import { useConsole } from '../console-context.ts';
import { useAction } from '../use-action.ts';

export function SignPanel({ keyMetadata }: { keyMetadata: KeyMetadata | undefined }) {
  const { client } = useConsole();
  const action = useAction();
  const [message, setMessage] = useState<BytesValue>(parseField('', 'text'));
  const [messageType, setMessageType] = useState<MessageType>('RAW');
  const [algorithm, setAlgorithm] = useState('');
  const [signature, setSignature] = useState('');
  const id = useId();
  const algorithms = keyMetadata?.SigningAlgorithms ?? [];
  const chosen = (algorithms.includes(algorithm as SigningAlgorithmSpec) ? algorithm : algorithms[0]) as
    SigningAlgorithmSpec | undefined;
  const common = () => ({
    KeyId: keyMetadata?.KeyId,
    Message: message.bytes ?? new Uint8Array(),
    MessageType: messageType,
    SigningAlgorithm: chosen,
  });

  return (
    <div className="form">
      <div className="field">
        <label htmlFor={`${id}-alg`}>Signing algorithm</label>
        <select id={`${id}-alg`} value={chosen ?? ''} onChange={(e) => setAlgorithm(e.target.value)}>
          {algorithms.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </div>
      <BytesField label="Message" onChange={setMessage} />
      <div className="field">
        <label htmlFor={`${id}-type`}>Message type</label>
        <select
          id={`${id}-type`}
          value={messageType}
          onChange={(e) => setMessageType(e.target.value as MessageType)}
        >
          <option value="RAW">RAW (KMS hashes it)</option>
          <option value="DIGEST">DIGEST (already hashed)</option>
          <option value="EXTERNAL_MU">EXTERNAL_MU (ML-DSA)</option>
        </select>
      </div>
      <div className="row-actions">
        <button
          type="button"
          disabled={action.busy || !keyMetadata || !message.bytes}
          onClick={() =>
            action.run(async () => {
              const out = await client.send(new SignCommand(common()));
              setSignature(out.Signature ? bytesToBase64(out.Signature) : '');
              return `Signed with ${out.SigningAlgorithm}.`;
            })
          }
        >
          Sign
        </button>
        <button
          type="button"
          className="secondary"
          disabled={action.busy || !keyMetadata || !signature.trim()}
          onClick={() =>
            action.run(async () => {
              const out = await client.send(
                new VerifyCommand({ ...common(), Signature: base64ToBytes(signature) }),
              );
              return out.SignatureValid ? 'Signature valid.' : 'Signature not valid.';
            })
          }
        >
          Verify
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sig`}>Signature (base64)</label>
        <textarea
          id={`${id}-sig`}
          className="mono"
          rows={3}
          value={signature}
          onChange={(e) => setSignature(e.target.value)}
        />
      </div>
      <ActionMessages action={action} />
    </div>
  );
}
