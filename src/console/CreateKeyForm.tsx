/**
 * The "create key" form: a description and a key spec (from `KEY_SPEC_OPTIONS`) → CreateKey.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 */
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { useId, useState, type FormEvent } from 'react';
import { errorText } from './error-text.ts';
import { KEY_SPEC_OPTIONS } from './key-specs.ts';
import { kmsClient } from './kms-client.ts';

interface CreateKeyFormProps {
  onCreated(keyId: string): void;
}

export function CreateKeyForm({ onCreated }: CreateKeyFormProps) {
  const [description, setDescription] = useState('');
  const [specIndex, setSpecIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const option = KEY_SPEC_OPTIONS[specIndex];
    if (!option) return;
    setBusy(true);
    setError(null);
    try {
      const out = await kmsClient.send(
        new CreateKeyCommand({ Description: description, KeySpec: option.spec, KeyUsage: option.usage }),
      );
      setDescription('');
      if (out.KeyMetadata?.KeyId) onCreated(out.KeyMetadata.KeyId);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">Create key</h2>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <input
            id={`${id}-description`}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder="e.g. orders table"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-spec`}>Key spec</label>
          <select id={`${id}-spec`} value={specIndex} onChange={(e) => setSpecIndex(Number(e.target.value))}>
            {KEY_SPEC_OPTIONS.map((option, index) => (
              <option key={`${option.spec}/${option.usage}`} value={index}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
