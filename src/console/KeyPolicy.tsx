/**
 * A key's policy (`default`, the only name KMS has) in a JSON editor: JSON syntax errors show as you type, and
 * PutKeyPolicy's own refusals (MalformedPolicyDocumentException and the rest) show with AWS's name and message.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 */
import { GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { useEffect, useId, useState } from 'react';
import { ActionMessages } from './ActionMessages.tsx';
import { useConsole } from './console-context.ts';
import { JsonEditor } from './JsonEditor.tsx';
import { useAction } from './use-action.ts';

function syntaxError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export function KeyPolicy({ keyId }: { keyId: string }) {
  const { client } = useConsole();
  const action = useAction();
  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState('');
  const id = useId();

  useEffect(() => {
    let live = true;
    client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })).then(
      (out) => {
        if (!live) return;
        const pretty = JSON.stringify(JSON.parse(out.Policy ?? '{}'), null, 2);
        setText(pretty);
        setLoaded(pretty);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, keyId]);

  const invalid = text ? syntaxError(text) : null;

  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Key policy</h3>
      <JsonEditor value={text} label="Key policy JSON" onChange={setText} />
      {invalid && (
        <p className="error" role="alert">
          Not valid JSON: {invalid}
        </p>
      )}
      <div className="row-actions">
        <button
          type="button"
          disabled={action.busy || !!invalid || text === loaded}
          onClick={() =>
            action.run(async () => {
              await client.send(
                new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: text }),
              );
              setLoaded(text);
              return 'Key policy saved.';
            })
          }
        >
          Save policy
        </button>
        <button
          type="button"
          className="secondary"
          disabled={text === loaded}
          onClick={() => setText(loaded)}
        >
          Revert
        </button>
      </div>
      <ActionMessages action={action} />
    </section>
  );
}
