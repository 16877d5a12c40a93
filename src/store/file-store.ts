/**
 * A Node-only store for `kmsw serve --state FILE`: the memory store, plus the whole state written to FILE after
 * every commit and before the commit resolves — so a response is sent only once its state is on disk. Writes go to
 * a temporary file that is fsynced and renamed over FILE, so a crash (even SIGKILL) leaves the old or the new state,
 * never a torn one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import type { KmsStore } from '../kms/store.ts';
import { createMemoryStore } from './memory-store.ts';
import { parseState, stringifyState, STATE_FORMAT, STATE_VERSION } from './state-document.ts';

export interface FileStoreOptions {
  path: string;
  /** Read when the file is written, so the clock travels with the state. */
  clockOffsetMs?: () => number;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/** Opens FILE (or starts empty when it does not exist). Returns the store and the clock offset FILE recorded. */
export async function openFileStore(
  options: FileStoreOptions,
): Promise<{ store: KmsStore; clockOffsetMs: number }> {
  const inner = createMemoryStore();
  let clockOffsetMs = 0;
  if (existsSync(options.path)) {
    const doc = parseState(readFileSync(options.path, 'utf8'));
    await inner.restore(doc.data);
    clockOffsetMs = doc.clockOffsetMs;
  }
  // Serialise file writes: each commit's write starts after the previous one finished, in commit order.
  let writing: Promise<void> = Promise.resolve();
  const persist = () => {
    writing = writing.then(async () =>
      writeAtomically(
        options.path,
        stringifyState({
          format: STATE_FORMAT,
          version: STATE_VERSION,
          clockOffsetMs: options.clockOffsetMs?.() ?? clockOffsetMs,
          data: await inner.snapshot(),
        }),
      ),
    );
    return writing;
  };
  const store: KmsStore = {
    get: (table, scope, id) => inner.get(table, scope, id),
    list: (table, scope) => inner.list(table, scope),
    scopes: () => inner.scopes(),
    snapshot: () => inner.snapshot(),
    subscribe: (listener) => inner.subscribe(listener),
    async commit(writes) {
      await inner.commit(writes);
      await persist();
    },
    async restore(snapshot) {
      await inner.restore(snapshot);
      await persist();
    },
    async close() {
      await writing;
      await inner.close();
    },
  };
  return { store, clockOffsetMs };
}
