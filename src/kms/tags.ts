/**
 * Tag rules shared by CreateKey and TagResource, with AWS's TagException texts.
 * https://docs.aws.amazon.com/kms/latest/developerguide/tagging-keys.html
 */
import { TagException } from '../api/generated/exceptions.ts';
import type { Tag } from '../api/generated/types.ts';

export const MAX_TAGS_PER_KEY = 50;

/** Validate tags given in one request (reserved prefix, duplicates). */
export function checkRequestTags(tags: readonly Tag[]): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.TagKey.toLowerCase().startsWith('aws:'))
      throw new TagException('Tags beginning with aws: are reserved');
    if (seen.has(tag.TagKey)) throw new TagException('Duplicate tag keys');
    seen.add(tag.TagKey);
  }
}

/** Existing tags with `added` applied: new keys appended in order, existing keys updated in place. */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const out = existing.map((t) => ({ ...t }));
  for (const tag of added) {
    const found = out.find((t) => t.TagKey === tag.TagKey);
    if (found) found.TagValue = tag.TagValue;
    else out.push({ TagKey: tag.TagKey, TagValue: tag.TagValue });
  }
  if (out.length > MAX_TAGS_PER_KEY) throw new TagException('Too many tags');
  return out;
}
