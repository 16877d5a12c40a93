/**
 * `useKeys(admin)`: every key in the account with its metadata — ListKeys (all pages) then DescribeKey for each.
 * It reloads by itself when keys change, in this tab or another tab on the same database (`admin.subscribe`); a
 * burst of changes (many keys created at once) is one reload. `refresh()` reloads on demand; a newer load wins
 * over an older one still in flight.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
 */
import { DescribeKeyCommand, ListKeysCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KmsAdmin } from '../msw/browser.ts';
import { errorText } from './error-text.ts';
import { kmsClient } from './kms-client.ts';

export interface KeysState {
  keys: KeyMetadata[];
  loading: boolean;
  error: string | null;
  refresh(): void;
}

async function loadKeys(): Promise<KeyMetadata[]> {
  const ids: string[] = [];
  let marker: string | undefined;
  do {
    const page = await kmsClient.send(new ListKeysCommand({ Marker: marker }));
    for (const entry of page.Keys ?? []) if (entry.KeyId) ids.push(entry.KeyId);
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  const described = await Promise.all(ids.map((KeyId) => kmsClient.send(new DescribeKeyCommand({ KeyId }))));
  const keys = described.flatMap((out) => (out.KeyMetadata ? [out.KeyMetadata] : []));
  return keys.sort((a, b) => (b.CreationDate?.getTime() ?? 0) - (a.CreationDate?.getTime() ?? 0));
}

/** Changes closer together than this are one reload. */
const COALESCE_MS = 100;

export function useKeys(admin: Pick<KmsAdmin, 'subscribe'>): KeysState {
  const [keys, setKeys] = useState<KeyMetadata[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const load = ++latest.current;
    setLoading(true);
    loadKeys().then(
      (loaded) => {
        if (load !== latest.current) return;
        setKeys(loaded);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (load !== latest.current) return;
        setError(errorText(failure));
        setLoading(false);
      },
    );
  }, [version]);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = admin.subscribe((change) => {
      if (!change.tables.includes('keys') || pending !== undefined) return;
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
  return { keys, loading, error, refresh };
}
