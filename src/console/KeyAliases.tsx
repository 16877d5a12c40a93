/**
 * The aliases of a key: created (`alias/<name>`) and deleted.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteAlias.html
 */
import { CreateAliasCommand, DeleteAliasCommand } from '@aws-sdk/client-kms';
import { useId, useState, type FormEvent } from 'react';
import { ActionMessages } from './ActionMessages.tsx';
import { useConsole } from './console-context.ts';
import { useAction } from './use-action.ts';

export function KeyAliases({
  keyId,
  aliases,
  onChanged,
}: {
  keyId: string;
  aliases: string[];
  onChanged(): void;
}) {
  const { client } = useConsole();
  const action = useAction();
  const [name, setName] = useState('alias/');
  const id = useId();

  function create(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      await client.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: keyId }));
      setName('alias/');
      onChanged();
      return `Alias ${name} created.`;
    });
  }

  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Aliases</h3>
      {aliases.length === 0 ? (
        <p className="muted">No aliases.</p>
      ) : (
        <ul className="plain">
          {aliases.map((alias) => (
            <li key={alias}>
              <span className="mono">{alias}</span>{' '}
              <button
                type="button"
                className="secondary small"
                aria-label={`Delete alias ${alias}`}
                onClick={() =>
                  action.run(async () => {
                    await client.send(new DeleteAliasCommand({ AliasName: alias }));
                    onChanged();
                    return `Alias ${alias} deleted.`;
                  })
                }
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={create}>
        <label htmlFor={`${id}-name`}>Alias name</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit" disabled={action.busy}>
          Create alias
        </button>
      </form>
      <ActionMessages action={action} />
    </section>
  );
}
