/**
 * One row of the keys table: a key's metadata with its aliases and tags, flattened for sorting and filtering, and
 * the filter the table applies (every word must appear in the row's id, aliases, description, spec, usage, state
 * or tags — case-insensitive).
 */
import type { KeyMetadata } from '@aws-sdk/client-kms';

export interface KeyRow {
  keyId: string;
  arn: string;
  aliases: string[];
  description: string;
  spec: string;
  usage: string;
  state: string;
  created: number;
  tags: Record<string, string>;
  metadata: KeyMetadata;
  /** Lower-cased text the filter searches. */
  haystack: string;
}

export function toKeyRow(
  metadata: KeyMetadata,
  aliases: string[] = [],
  tags: Record<string, string> = {},
): KeyRow {
  const row = {
    keyId: metadata.KeyId ?? '',
    arn: metadata.Arn ?? '',
    aliases,
    description: metadata.Description ?? '',
    spec: metadata.KeySpec ?? '',
    usage: metadata.KeyUsage ?? '',
    state: metadata.KeyState ?? '',
    created: metadata.CreationDate?.getTime() ?? 0,
    tags,
    metadata,
  };
  const text = [
    row.keyId,
    ...aliases,
    row.description,
    row.spec,
    row.usage,
    row.state,
    ...Object.entries(tags).map(([k, v]) => `${k}=${v}`),
  ];
  return { ...row, haystack: text.join(' ').toLowerCase() };
}

export function rowMatches(row: KeyRow, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((word) => row.haystack.includes(word));
}
