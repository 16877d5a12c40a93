/**
 * Tags through the real SDK on msw/node: TagResource, UntagResource, ListResourceTags and tags given at CreateKey,
 * with the recorded AWS ordering (new tags appended, updated ones in place) and TagException texts.
 */
import {
  CreateKeyCommand,
  DisableKeyCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type Tag,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { keyArnOf, useKmsServer } from './support/kms-fixture.ts';

const { client } = useKmsServer();

const tags = (...n: number[]): Tag[] => n.map((i) => ({ TagKey: `tag${i}`, TagValue: `value${i}` }));
const newKey = async (Tags?: Tag[]) =>
  (await client.send(new CreateKeyCommand({ Tags }))).KeyMetadata!.KeyId!;
const listTags = async (KeyId: string) => (await client.send(new ListResourceTagsCommand({ KeyId }))).Tags;

test('TagResource then ListResourceTags lists the tags in order; untagging both leaves [] (recorded)', async () => {
  const keyId = await newKey();
  await client.send(new TagResourceCommand({ KeyId: keyId, Tags: tags(1, 2) }));
  const listed = await client.send(new ListResourceTagsCommand({ KeyId: keyId }));
  expect(listed).toMatchObject({ Tags: tags(1, 2), Truncated: false });
  expect(listed.NextMarker).toBeUndefined();
  await client.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['tag1', 'tag2'] }));
  expect(await listTags(keyId)).toEqual([]);
});

test('tags given at CreateKey are listed and can be untagged (recorded)', async () => {
  const keyId = await newKey(tags(1, 2));
  expect(await listTags(keyArnOf(keyId))).toEqual(tags(1, 2));
  await client.send(new UntagResourceCommand({ KeyId: keyArnOf(keyId), TagKeys: ['tag1', 'tag2'] }));
  expect(await listTags(keyId)).toEqual([]);
});

test('untagging tag2 of tag1..tag3 leaves tag1, tag3 in order; unknown tag keys are ignored (recorded)', async () => {
  const keyId = await newKey(tags(1, 2, 3));
  await client.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['tag2', 'no-such-tag'] }));
  expect(await listTags(keyId)).toEqual(tags(1, 3));
});

test('tagging existing and new keys updates in place and appends (recorded)', async () => {
  const keyId = await newKey(tags(1, 2, 3));
  await client.send(
    new TagResourceCommand({
      KeyId: keyId,
      Tags: [...tags(4), { TagKey: 'tag2', TagValue: 'updated_value2' }, ...tags(5)],
    }),
  );
  expect(await listTags(keyId)).toEqual([
    ...tags(1),
    { TagKey: 'tag2', TagValue: 'updated_value2' },
    ...tags(3, 4, 5),
  ]);
});

test('the same TagKey twice in one TagResource is TagException Duplicate tag keys (recorded)', async () => {
  const keyId = await newKey();
  await expect(
    client.send(new TagResourceCommand({ KeyId: keyId, Tags: [...tags(1), ...tags(1)] })),
  ).rejects.toMatchObject({
    name: 'TagException',
    message: 'Duplicate tag keys',
    $metadata: { httpStatusCode: 400 },
  });
  expect(await listTags(keyId)).toEqual([]);
});

test('more than 50 tags is TagException Too many tags, at CreateKey (recorded) and TagResource', async () => {
  const fifty = Array.from({ length: 50 }, (_, i) => i + 1);
  await expect(client.send(new CreateKeyCommand({ Tags: tags(...fifty, 51) }))).rejects.toMatchObject({
    name: 'TagException',
    message: 'Too many tags',
  });
  const keyId = await newKey(tags(...fifty));
  await expect(client.send(new TagResourceCommand({ KeyId: keyId, Tags: tags(51) }))).rejects.toMatchObject({
    name: 'TagException',
    message: 'Too many tags',
  });
  await client.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'tag50', TagValue: 'new' }] }));
  expect((await listTags(keyId))!.length).toBe(50);
});

test.each(['aws:key1', 'AWS:key1', 'Aws:key1'])(
  'tag key %s is TagException Tags beginning with aws: are reserved (recorded)',
  async (TagKey) => {
    const reserved = { name: 'TagException', message: 'Tags beginning with aws: are reserved' };
    await expect(
      client.send(new CreateKeyCommand({ Tags: [{ TagKey, TagValue: 'v' }] })),
    ).rejects.toMatchObject(reserved);
    const keyId = await newKey();
    await expect(
      client.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey, TagValue: 'v' }] })),
    ).rejects.toMatchObject(reserved);
  },
);

test('tag keys over 128 and values over 256 characters are the recorded ValidationExceptions', async () => {
  const keyId = await newKey();
  const longKey = 'a'.repeat(129);
  await expect(
    client.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: longKey, TagValue: 'v' }] })),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message: `1 validation error detected: Value '${longKey}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`,
  });
  const longValue = 'v'.repeat(257);
  await expect(
    client.send(new CreateKeyCommand({ Tags: [{ TagKey: 'k', TagValue: longValue }] })),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message: `1 validation error detected: Value '${longValue}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`,
  });
});

test('ListResourceTags pages in tag order with Limit and Marker', async () => {
  const keyId = await newKey(tags(1, 2, 3, 4, 5));
  const seen: Tag[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await client.send(new ListResourceTagsCommand({ KeyId: keyId, Limit: 2, Marker: marker }));
    expect(page.Tags!.length).toBeLessThanOrEqual(2);
    seen.push(...page.Tags!);
    if (!page.Truncated) break;
    marker = page.NextMarker;
  }
  expect(seen).toEqual(tags(1, 2, 3, 4, 5));
  await expect(
    client.send(new ListResourceTagsCommand({ KeyId: keyId, Marker: 'bm90LWEtbWFya2Vy' })),
  ).rejects.toMatchObject({ name: 'InvalidMarkerException' });
});

test('tags can change on a disabled key but not on one pending deletion, which still lists them', async () => {
  const disabled = await newKey();
  await client.send(new DisableKeyCommand({ KeyId: disabled }));
  await client.send(new TagResourceCommand({ KeyId: disabled, Tags: tags(1) }));
  expect(await listTags(disabled)).toEqual(tags(1));

  const pending = await newKey(tags(1));
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: pending, PendingWindowInDays: 7 }));
  const pendingError = {
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(pending)} is pending deletion.`,
  };
  await expect(client.send(new TagResourceCommand({ KeyId: pending, Tags: tags(2) }))).rejects.toMatchObject(
    pendingError,
  );
  await expect(
    client.send(new UntagResourceCommand({ KeyId: pending, TagKeys: ['tag1'] })),
  ).rejects.toMatchObject(pendingError);
  expect(await listTags(pending)).toEqual(tags(1));
});

test('tag operations take a key id or ARN only, with the key-resolver NotFound texts', async () => {
  const unknown = '00000000-0000-4000-8000-000000000000';
  await expect(client.send(new ListResourceTagsCommand({ KeyId: unknown }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${keyArnOf(unknown)}' does not exist`,
  });
  await expect(
    client.send(new TagResourceCommand({ KeyId: 'alias/anything', Tags: tags(1) })),
  ).rejects.toMatchObject({ name: 'NotFoundException', message: "Invalid keyId 'alias/anything'" });
});
