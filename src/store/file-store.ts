/**
 * A Node-only store for `kmsw serve --state FILE`: the memory store, plus the whole state written to FILE after
 * every commit and before the commit resolves — so a response is sent only once its state is on disk. Writes go to
 * a temporary file that is fsynced and renamed over FILE, so a crash (even SIGKILL) leaves the old or the new state,
 * never a torn one. Commits that arrive while a write is in flight share the next write (group commit), so a burst of
 * requests costs a few fsyncs, not one each. `flush()` writes now (the admin API calls it when the clock moves).
 */
import { existsSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KmsStore } from '../kms/store.ts';
import { createMemoryStore } from './memory-store.ts';
import {
  parseState,
  stringifyState,
  StateDocumentError,
  STATE_FORMAT,
  STATE_VERSION,
} from './state-document.ts';

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
  // Make the rename itself durable (power loss, not just a crash); directories cannot be opened on Windows.
  const dir = await open(dirname(path), 'r').catch(() => undefined);
  if (dir)
    await dir
      .sync()
      .catch(() => undefined)
      .finally(() => dir.close());
}

/** The file store: a KmsStore that can also be told to write FILE now (after the clock moved). */
export interface FileKmsStore extends KmsStore {
  /** Write the current state and clock offset to FILE; resolves once it is on disk. */
  flush(): Promise<void>;
}

/** Opens FILE (or starts empty when it does not exist). Returns the store and the clock offset FILE recorded. */
export async function openFileStore(
  options: FileStoreOptions,
): Promise<{ store: FileKmsStore; clockOffsetMs: number; existed: boolean }> {
  const inner = createMemoryStore();
  let clockOffsetMs = 0;
  const existed = existsSync(options.path);
  if (existed) {
    let doc;
    try {
      doc = parseState(readFileSync(options.path, 'utf8'));
    } catch (error) {
      if (error instanceof StateDocumentError) {
        throw new StateDocumentError(`${options.path}: ${error.message}`, { cause: error });
      }
      throw error;
    }
    await inner.restore(doc.data);
    clockOffsetMs = doc.clockOffsetMs;
  }
  // One write at a time, in commit order. Commits that arrive while a write is running share the next write
  // (group commit): it snapshots the state when it starts, so it holds every commit that came before it.
  let writing: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  const persist = (): Promise<void> => {
    if (queued) return queued;
    const next = writing
      .catch(() => undefined)
      .then(async () => {
        queued = undefined;
        await writeAtomically(
          options.path,
          stringifyState({
            format: STATE_FORMAT,
            version: STATE_VERSION,
            clockOffsetMs: options.clockOffsetMs?.() ?? clockOffsetMs,
            data: await inner.snapshot(),
          }),
        );
      });
    queued = next;
    writing = next;
    return next;
  };
  const store: FileKmsStore = {
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
    flush: persist,
    async close() {
      await writing.catch(() => undefined);
      await inner.close();
    },
  };
  return { store, clockOffsetMs, existed };
}
