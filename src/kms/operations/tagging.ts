/**
 * Tags on KMS keys: add or update, remove, list. New tag keys are appended, existing ones updated in place, and
 * ListResourceTags returns them in that order (recorded AWS behaviour).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_UntagResource.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html
 */
import type {
  ListResourceTagsRequest,
  ListResourceTagsResponse,
  TagResourceRequest,
  UntagResourceRequest,
} from '../../api/generated/types.ts';
import { assertCustomerManaged } from '../customer-managed.ts';
import { manageKey } from '../key-resolver.ts';
import { assertUsable } from '../key-state.ts';
import type { Operation } from '../operation-context.ts';
import { paginate } from '../pagination.ts';
import { checkRequestTags, MAX_TAGS_PER_KEY, mergeTags } from '../tags.ts';

export const TagResource: Operation<TagResourceRequest, Record<string, never>> = async (input, op) => {
  const key = await manageKey(op, input.KeyId);
  assertCustomerManaged(op, key, 'TagResource');
  assertUsable(key, 'configure');
  checkRequestTags(input.Tags);
  op.uow.put('keys', op.scope, key.keyId, { ...key, tags: mergeTags(key.tags, input.Tags) });
  return {};
};

export const UntagResource: Operation<UntagResourceRequest, Record<string, never>> = async (input, op) => {
  const key = await manageKey(op, input.KeyId);
  assertCustomerManaged(op, key, 'UntagResource');
  assertUsable(key, 'configure');
  // Tag keys the key does not have are ignored, as AWS does.
  const removed = new Set(input.TagKeys);
  op.uow.put('keys', op.scope, key.keyId, { ...key, tags: key.tags.filter((t) => !removed.has(t.TagKey)) });
  return {};
};

export const ListResourceTags: Operation<ListResourceTagsRequest, ListResourceTagsResponse> = async (
  input,
  op,
) => {
  const key = await manageKey(op, input.KeyId);
  // Tags keep their insertion order; the page position is the index (zero-padded so positions sort as strings).
  const indexed = key.tags.map((tag, i) => ({ tag, position: String(i).padStart(4, '0') }));
  // AWS documents Limit 1–50 here (the model allows up to 1000); a key has at most 50 tags anyway.
  const limit = input.Limit === undefined ? undefined : Math.min(input.Limit, MAX_TAGS_PER_KEY);
  const page = paginate(
    'ListResourceTags',
    indexed,
    (t) => t.position,
    { Limit: limit, Marker: input.Marker },
    MAX_TAGS_PER_KEY,
  );
  return {
    Tags: page.items.map((t) => ({ TagKey: t.tag.TagKey, TagValue: t.tag.TagValue })),
    NextMarker: page.NextMarker,
    Truncated: page.Truncated,
  };
};
