/**
 * `useRequestLog()`: the emulator's request log (`admin.requests()`), newest first, followed live through
 * `admin.onRequest` — which reports calls from every tab of the origin (the app's, the docs', this console's).
 * Keeps the newest `limit` entries.
 */
import { useCallback, useEffect, useState } from 'react';
import type { KmsRequestLogEntry } from '../msw/browser.ts';
import { useConsole } from './console-context.ts';

export function useRequestLog(limit = 2000): {
  entries: KmsRequestLogEntry[];
  clear(): Promise<void>;
} {
  const { admin } = useConsole();
  const [entries, setEntries] = useState<KmsRequestLogEntry[]>([]);

  useEffect(() => {
    let live = true;
    const seen = new Set<string>();
    const pending: KmsRequestLogEntry[] = [];
    let scheduled = false;
    const add = (list: KmsRequestLogEntry[]) => {
      const fresh = list.filter((e) => !seen.has(e.id));
      for (const e of fresh) seen.add(e.id);
      if (fresh.length === 0) return;
      setEntries((current) =>
        [...current, ...fresh].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, limit),
      );
    };
    // Entries arriving in a burst are added in one render.
    const unsubscribe = admin.onRequest((entry) => {
      pending.push(entry);
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        if (live) add(pending.splice(0));
      });
    });
    admin.requests().then(
      (all) => live && add(all),
      () => undefined,
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [admin, limit]);

  const clear = useCallback(async () => {
    await admin.clearRequests();
    setEntries([]);
  }, [admin]);
  return { entries, clear };
}
