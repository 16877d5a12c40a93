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

/** Sort keys per column: what the table shows, compared as numbers (created) or plain strings. */
const SORT_VALUE: Record<string, (row: KeyRow) => string | number> = {
  keyId: (r) => r.keyId,
  aliases: (r) => r.aliases.join(', '),
  description: (r) => r.description,
  spec: (r) => r.spec,
  usage: (r) => r.usage,
  state: (r) => r.state,
  created: (r) => r.created,
};

/** The rows sorted by the first sorting entry (TanStack Table's `SortingState`); the same array when none. */
export function sortRows(rows: KeyRow[], sorting: readonly { id: string; desc: boolean }[]): KeyRow[] {
  const by = sorting[0];
  const value = by && SORT_VALUE[by.id];
  if (!by || !value) return rows;
  const direction = by.desc ? -1 : 1;
  const keyed = rows.map((row) => [value(row), row] as const);
  keyed.sort(([a], [b]) => (a < b ? -direction : a > b ? direction : 0));
  return keyed.map(([, row]) => row);
}
