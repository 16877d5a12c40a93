/**
 * The "create key" form: a description, a key spec with only the usages AWS allows for it (`KEY_SPEC_OPTIONS`)
 * and, optionally, a multi-Region primary → CreateKey.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 */
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { useId, useState, type FormEvent } from 'react';
import { ActionMessages } from './ActionMessages.tsx';
import { useConsole } from './console-context.ts';
import { KEY_SPEC_OPTIONS } from './key-specs.ts';
import { useAction } from './use-action.ts';

interface CreateKeyFormProps {
  onCreated(keyId: string): void;
}

export function CreateKeyForm({ onCreated }: CreateKeyFormProps) {
  const { client } = useConsole();
  const action = useAction();
  const [description, setDescription] = useState('');
  const [specIndex, setSpecIndex] = useState(0);
  const [multiRegion, setMultiRegion] = useState(false);
  const id = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const option = KEY_SPEC_OPTIONS[specIndex];
    if (!option) return;
    void action.run(async () => {
      const out = await client.send(
        new CreateKeyCommand({
          Description: description,
          KeySpec: option.spec,
          KeyUsage: option.usage,
          MultiRegion: multiRegion || undefined,
        }),
      );
      setDescription('');
      if (out.KeyMetadata?.KeyId) onCreated(out.KeyMetadata.KeyId);
    });
  }

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Create key</h2>
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
        <label className="check">
          <input type="checkbox" checked={multiRegion} onChange={(e) => setMultiRegion(e.target.checked)} />
          Multi-Region primary key
        </label>
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Creating…' : 'Create key'}
        </button>
      </form>
      <ActionMessages action={action} />
    </section>
  );
}
