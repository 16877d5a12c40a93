/**
 * Encrypt a text with a chosen key (ciphertext blob shown as base64), then decrypt that base64 back to the
 * text. Decrypt sends no KeyId: for symmetric keys the ciphertext blob names its key, as on AWS.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
 */
import { DecryptCommand, EncryptCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { useId, useState } from 'react';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { errorText } from './error-text.ts';
import { kmsClient } from './kms-client.ts';

interface CryptoPanelProps {
  keys: KeyMetadata[];
  selectedKeyId: string;
  onSelectKey(keyId: string): void;
}

export function CryptoPanel({ keys, selectedKeyId, onSelectKey }: CryptoPanelProps) {
  const [plaintext, setPlaintext] = useState('');
  const [ciphertext, setCiphertext] = useState('');
  const [decrypted, setDecrypted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  // The panel encrypts with SYMMETRIC_DEFAULT: symmetric encryption keys only.
  const usable = keys.filter(
    (k) => k.KeySpec === 'SYMMETRIC_DEFAULT' && k.KeyUsage === 'ENCRYPT_DECRYPT' && k.KeyState === 'Enabled',
  );
  const keyId = usable.some((k) => k.KeyId === selectedKeyId) ? selectedKeyId : (usable[0]?.KeyId ?? '');

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  const encrypt = () =>
    run(async () => {
      const out = await kmsClient.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode(plaintext) }),
      );
      setCiphertext(out.CiphertextBlob ? bytesToBase64(out.CiphertextBlob) : '');
      setDecrypted(null);
    });

  const decrypt = () =>
    run(async () => {
      const out = await kmsClient.send(new DecryptCommand({ CiphertextBlob: base64ToBytes(ciphertext) }));
      setDecrypted(out.Plaintext ? new TextDecoder().decode(out.Plaintext) : '');
    });

  return (
    <section className="panel" aria-labelledby="crypto-heading">
      <h2 id="crypto-heading">Encrypt / decrypt</h2>
      <div className="form">
        <div className="field">
          <label htmlFor={`${id}-key`}>Key</label>
          <select
            id={`${id}-key`}
            value={keyId}
            onChange={(e) => onSelectKey(e.target.value)}
            disabled={usable.length === 0}
          >
            {usable.length === 0 && <option value="">No enabled symmetric encryption key</option>}
            {usable.map((k) => (
              <option key={k.KeyId} value={k.KeyId}>
                {k.Description ? `${k.Description} (${k.KeyId})` : k.KeyId}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-plaintext`}>Plaintext</label>
          <textarea
            id={`${id}-plaintext`}
            rows={3}
            value={plaintext}
            onChange={(e) => setPlaintext(e.target.value)}
          />
        </div>
        <button type="button" onClick={encrypt} disabled={busy || !keyId}>
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
        <button type="button" onClick={decrypt} disabled={busy || !ciphertext.trim()}>
          Decrypt
        </button>
        <div className="field">
          <label htmlFor={`${id}-decrypted`}>Decrypted text</label>
          <output id={`${id}-decrypted`} className="result">
            {decrypted}
          </output>
        </div>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
