/**
 * Encrypt bytes with a key (symmetric, or RSA with OAEP) into a ciphertext blob shown as base64, and decrypt a
 * base64 blob back. For symmetric keys Decrypt sends no KeyId, as the blob names its key; RSA needs key and
 * algorithm. An optional encryption context (JSON object) is bound to the ciphertext.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
 */
import {
  DecryptCommand,
  EncryptCommand,
  type EncryptionAlgorithmSpec,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { useId, useState } from 'react';
import { ActionMessages } from '../ActionMessages.tsx';
import { base64ToBytes, bytesToBase64 } from '../base64.ts';
import { BytesField, parseField, type BytesValue } from '../BytesField.tsx';
import { useConsole } from '../console-context.ts';
import { useAction } from '../use-action.ts';

function parseContext(text: string): Record<string, string> | undefined {
  if (!text.trim()) return undefined;
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('The encryption context is a JSON object of strings, e.g. {"tenant":"acme"}.');
  }
  return value as Record<string, string>;
}

export function EncryptPanel({ keyMetadata }: { keyMetadata: KeyMetadata | undefined }) {
  const { client } = useConsole();
  const action = useAction();
  const [plaintext, setPlaintext] = useState<BytesValue>(parseField('', 'text'));
  const [ciphertext, setCiphertext] = useState('');
  const [decrypted, setDecrypted] = useState<Uint8Array | null>(null);
  const [context, setContext] = useState('');
  const [algorithm, setAlgorithm] = useState<EncryptionAlgorithmSpec | ''>('');
  const id = useId();
  const algorithms = keyMetadata?.EncryptionAlgorithms ?? [];
  const chosen = algorithms.includes(algorithm as EncryptionAlgorithmSpec)
    ? (algorithm as EncryptionAlgorithmSpec)
    : algorithms[0];
  const symmetric = keyMetadata?.KeySpec === 'SYMMETRIC_DEFAULT';

  const encrypt = () =>
    action.run(async () => {
      const out = await client.send(
        new EncryptCommand({
          KeyId: keyMetadata?.KeyId,
          Plaintext: plaintext.bytes ?? new Uint8Array(),
          EncryptionAlgorithm: chosen,
          EncryptionContext: parseContext(context),
        }),
      );
      setCiphertext(out.CiphertextBlob ? bytesToBase64(out.CiphertextBlob) : '');
      setDecrypted(null);
    });

  const decrypt = () =>
    action.run(async () => {
      const out = await client.send(
        new DecryptCommand({
          CiphertextBlob: base64ToBytes(ciphertext),
          KeyId: symmetric ? undefined : keyMetadata?.KeyId,
          EncryptionAlgorithm: symmetric ? undefined : chosen,
          EncryptionContext: parseContext(context),
        }),
      );
      setDecrypted(out.Plaintext ?? new Uint8Array());
    });

  return (
    <div className="form">
      {algorithms.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-alg`}>Encryption algorithm</label>
          <select
            id={`${id}-alg`}
            value={chosen}
            onChange={(e) => setAlgorithm(e.target.value as EncryptionAlgorithmSpec)}
          >
            {algorithms.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
      )}
      <BytesField label="Plaintext" onChange={setPlaintext} />
      {symmetric && (
        <div className="field">
          <label htmlFor={`${id}-context`}>Encryption context (JSON, optional)</label>
          <input
            id={`${id}-context`}
            className="mono"
            value={context}
            placeholder='{"tenant":"acme"}'
            onChange={(e) => setContext(e.target.value)}
          />
        </div>
      )}
      <button type="button" onClick={encrypt} disabled={action.busy || !keyMetadata || !plaintext.bytes}>
        Encrypt
      </button>
      <div className="field">
        <label htmlFor={`${id}-ciphertext`}>Ciphertext (base64)</label>
        <textarea
          id={`${id}-ciphertext`}
          className="mono"
          rows={4}
          value={ciphertext}
          onChange={(e) => setCiphertext(e.target.value)}
        />
      </div>
      <div className="row-actions">
        <button type="button" onClick={decrypt} disabled={action.busy || !ciphertext.trim()}>
          Decrypt
        </button>
        <button
          type="button"
          className="secondary small"
          disabled={!ciphertext}
          onClick={() => void navigator.clipboard.writeText(ciphertext).catch(() => undefined)}
        >
          Copy ciphertext
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${id}-decrypted`}>Decrypted text</label>
        <output id={`${id}-decrypted`} className="result">
          {decrypted && new TextDecoder().decode(decrypted)}
        </output>
      </div>
      {decrypted && (
        <div className="field">
          <label htmlFor={`${id}-decrypted64`}>Decrypted (base64)</label>
          <output id={`${id}-decrypted64`} className="result mono">
            {bytesToBase64(decrypted)}
          </output>
        </div>
      )}
      <ActionMessages action={action} />
    </div>
  );
}
