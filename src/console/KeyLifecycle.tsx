/**
 * Enable or disable a key, schedule its deletion (7–30 days, AWS's window) or cancel it.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html
 */
import {
  CancelKeyDeletionCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  ScheduleKeyDeletionCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { useId, useState } from 'react';
import { ActionButton } from './ActionButton.tsx';
import { ActionMessages } from './ActionMessages.tsx';
import { useConsole } from './console-context.ts';
import { useAction } from './use-action.ts';

export function KeyLifecycle({ metadata, onChanged }: { metadata: KeyMetadata; onChanged(): void }) {
  const { client } = useConsole();
  const action = useAction();
  const [days, setDays] = useState(30);
  const id = useId();
  const KeyId = metadata.KeyId!;
  const state = metadata.KeyState;
  /** Sends one request, then reloads the keys and says what happened. */
  const send = (request: () => Promise<unknown>, done: string) => async () => {
    await request();
    return done;
  };

  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>State</h3>
      <div className="row-actions">
        {state === 'Disabled' && (
          <ActionButton
            action={action}
            then={onChanged}
            run={send(() => client.send(new EnableKeyCommand({ KeyId })), 'Key enabled.')}
          >
            Enable key
          </ActionButton>
        )}
        {state === 'Enabled' && (
          <ActionButton
            action={action}
            className="secondary"
            then={onChanged}
            run={send(() => client.send(new DisableKeyCommand({ KeyId })), 'Key disabled.')}
          >
            Disable key
          </ActionButton>
        )}
        {state === 'PendingDeletion' || state === 'PendingReplicaDeletion' ? (
          <ActionButton
            action={action}
            then={onChanged}
            run={send(
              () => client.send(new CancelKeyDeletionCommand({ KeyId })),
              'Deletion cancelled: the key is Disabled.',
            )}
          >
            Cancel deletion
          </ActionButton>
        ) : (
          <>
            <label className="inline" htmlFor={`${id}-days`}>
              Waiting period (days)
            </label>
            <input
              id={`${id}-days`}
              type="number"
              min={7}
              max={30}
              value={days}
              onChange={(e) => setDays(Number(e.target.value))}
              className="narrow"
            />
            <ActionButton
              action={action}
              className="danger"
              then={onChanged}
              run={async () => {
                const out = await client.send(
                  new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: days }),
                );
                return `Deletion scheduled for ${out.DeletionDate?.toISOString() ?? '?'}.`;
              }}
            >
              Schedule deletion
            </ActionButton>
          </>
        )}
      </div>
      <ActionMessages action={action} />
    </section>
  );
}
