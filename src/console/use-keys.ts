/**
 * `useKeys()`: every key of the console's account and Region as table rows — ListKeys (all pages), DescribeKey
 * for each, ListAliases (all pages) and ListResourceTags per customer managed key, at most 16 calls in flight. It
 * reloads by itself when keys, aliases or tags change, in this tab or another tab on the same database
 * (`admin.subscribe`); a burst of changes is one reload. `refresh()` reloads on demand; a newer load wins.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
 */
import {
  DescribeKeyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  type KMSClient,
  type ListAliasesCommandOutput,
} from '@aws-sdk/client-kms';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useConsole } from './console-context.ts';
import { errorText } from './error-text.ts';
import { toKeyRow, type KeyRow } from './key-row.ts';

export interface KeysState {
  rows: KeyRow[];
  loading: boolean;
  error: string | null;
  refresh(): void;
}

const IN_FLIGHT = 16;

async function mapLimited<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function loadRows(client: KMSClient): Promise<KeyRow[]> {
  const ids: string[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new ListKeysCommand({ Marker: marker, Limit: 1000 }));
    for (const entry of page.Keys ?? []) if (entry.KeyId) ids.push(entry.KeyId);
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  const aliases = new Map<string, string[]>();
  marker = undefined;
  do {
    const page: ListAliasesCommandOutput = await client.send(
      new ListAliasesCommand({ Marker: marker, Limit: 100 }),
    );
    for (const alias of page.Aliases ?? []) {
      if (!alias.TargetKeyId || !alias.AliasName) continue;
      aliases.set(alias.TargetKeyId, [...(aliases.get(alias.TargetKeyId) ?? []), alias.AliasName]);
    }
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  const rows = await mapLimited(ids, IN_FLIGHT, async (KeyId) => {
    const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId }));
    if (!KeyMetadata) return null;
    const tags: Record<string, string> = {};
    if (KeyMetadata.KeyManager === 'CUSTOMER' && KeyMetadata.KeyState !== 'PendingDeletion') {
      const out = await client.send(new ListResourceTagsCommand({ KeyId, Limit: 50 })).catch(() => undefined);
      for (const tag of out?.Tags ?? []) if (tag.TagKey) tags[tag.TagKey] = tag.TagValue ?? '';
    }
    return toKeyRow(KeyMetadata, aliases.get(KeyId) ?? [], tags);
  });
  return rows.filter((row): row is KeyRow => row !== null).sort((a, b) => b.created - a.created);
}

/** Changes closer together than this are one reload. */
const COALESCE_MS = 100;

export function useKeys(): KeysState {
  const { client, admin } = useConsole();
  const [rows, setRows] = useState<KeyRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const load = ++latest.current;
    setLoading(true);
    loadRows(client).then(
      (loaded) => {
        if (load !== latest.current) return;
        setRows(loaded);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (load !== latest.current) return;
        setError(errorText(failure));
        setLoading(false);
      },
    );
  }, [client, version]);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = admin.subscribe((change) => {
      if (!change.tables.some((t) => t === 'keys' || t === 'aliases') || pending !== undefined) return;
      pending = setTimeout(() => {
        pending = undefined;
        refresh();
      }, COALESCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(pending);
    };
  }, [admin, refresh]);
  return { rows, loading, error, refresh };
}
