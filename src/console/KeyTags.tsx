/**
 * A key's tags: listed, added or changed (TagResource replaces the value of an existing tag key) and removed.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_UntagResource.html
 */
import {
  ListResourceTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type Tag,
} from '@aws-sdk/client-kms';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ActionMessages } from './ActionMessages.tsx';
import { useConsole } from './console-context.ts';
import { useAction } from './use-action.ts';

export function KeyTags({ keyId, onChanged }: { keyId: string; onChanged(): void }) {
  const { client } = useConsole();
  const action = useAction();
  const [tags, setTags] = useState<Tag[]>([]);
  const [version, setVersion] = useState(0);
  const [tagKey, setTagKey] = useState('');
  const [tagValue, setTagValue] = useState('');
  const id = useId();

  useEffect(() => {
    let live = true;
    client.send(new ListResourceTagsCommand({ KeyId: keyId, Limit: 50 })).then(
      (out) => live && setTags(out.Tags ?? []),
      () => live && setTags([]),
    );
    return () => {
      live = false;
    };
  }, [client, keyId, version]);

  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };

  function add(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      await client.send(
        new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: tagKey, TagValue: tagValue }] }),
      );
      setTagKey('');
      setTagValue('');
      changed();
      return `Tag ${tagKey} saved.`;
    });
  }

  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Tags</h3>
      {tags.length === 0 ? (
        <p className="muted">No tags.</p>
      ) : (
        <table className="compact" aria-labelledby={`${id}-h`}>
          <thead>
            <tr>
              <th scope="col">Tag key</th>
              <th scope="col">Value</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tags.map((tag) => (
              <tr key={tag.TagKey}>
                <td className="mono">{tag.TagKey}</td>
                <td className="mono">{tag.TagValue}</td>
                <td>
                  <button
                    type="button"
                    className="secondary small"
                    aria-label={`Remove tag ${tag.TagKey}`}
                    disabled={action.busy}
                    onClick={() =>
                      action.run(async () => {
                        await client.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: [tag.TagKey!] }));
                        changed();
                        return `Tag ${tag.TagKey} removed.`;
                      })
                    }
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={add}>
        <label htmlFor={`${id}-key`}>Tag key</label>
        <input id={`${id}-key`} value={tagKey} onChange={(e) => setTagKey(e.target.value)} required />
        <label htmlFor={`${id}-value`}>Tag value</label>
        <input id={`${id}-value`} value={tagValue} onChange={(e) => setTagValue(e.target.value)} />
        <button type="submit" disabled={action.busy}>
          Save tag
        </button>
      </form>
      <ActionMessages action={action} />
    </section>
  );
}
