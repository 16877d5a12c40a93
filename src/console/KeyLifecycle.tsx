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
  const act = (work: () => Promise<string>) =>
    action.run(async () => {
      const text = await work();
      onChanged();
      return text;
    });

  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>State</h3>
      <div className="row-actions">
        {state === 'Disabled' && (
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              act(async () => {
                await client.send(new EnableKeyCommand({ KeyId }));
                return 'Key enabled.';
              })
            }
          >
            Enable key
          </button>
        )}
        {state === 'Enabled' && (
          <button
            type="button"
            className="secondary"
            disabled={action.busy}
            onClick={() =>
              act(async () => {
                await client.send(new DisableKeyCommand({ KeyId }));
                return 'Key disabled.';
              })
            }
          >
            Disable key
          </button>
        )}
        {state === 'PendingDeletion' || state === 'PendingReplicaDeletion' ? (
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              act(async () => {
                await client.send(new CancelKeyDeletionCommand({ KeyId }));
                return 'Deletion cancelled: the key is Disabled.';
              })
            }
          >
            Cancel deletion
          </button>
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
            <button
              type="button"
              className="danger"
              disabled={action.busy}
              onClick={() =>
                act(async () => {
                  const out = await client.send(
                    new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: days }),
                  );
                  return `Deletion scheduled for ${out.DeletionDate?.toISOString() ?? '?'}.`;
                })
              }
            >
              Schedule deletion
            </button>
          </>
        )}
      </div>
      <ActionMessages action={action} />
    </section>
  );
}
