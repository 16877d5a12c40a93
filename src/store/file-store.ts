/**
 * A Node-only store for `kmsw serve --state FILE`: the memory store, made durable by an append-only journal.
 *
 * - FILE is always a whole state document (state-document.ts): written to a temporary file, fsynced and renamed
 *   over FILE, so a crash (even SIGKILL) leaves the old or the new one, never a torn one.
 * - `FILE.journal` holds what was committed since FILE was last written: one JSON line per committed batch, with
 *   each record's final value (or null for a delete). A commit resolves — and its response is sent — only once its
 *   line is fsynced. Commits that arrive while an append is in flight share the next append (group commit). So a
 *   change costs one small append, not a rewrite of the whole state (12.9 MB at 10,000 keys).
 * - Compaction writes the current state to FILE (in chunks, so the event loop keeps answering) and empties the
 *   journal, once the journal outgrows FILE (at least COMPACT_MIN_BYTES), on `flush()` (the admin API calls it when
 *   the clock moves), on `restore` and on `close`. Commits wait while it runs.
 * - Opening reads FILE, replays the journal over it and compacts. A journal line is the final value of each record
 *   it names, so replaying lines that FILE already holds (a crash between the rename and emptying the journal)
 *   changes nothing; a torn last line (a crash mid-append, never acknowledged) is ignored.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KmsStore, StoreSnapshot } from '../kms/store.ts';
import { createMemoryStore } from './memory-store.ts';
import {
  bytesReplacer,
  checkStateDocument,
  StateDocumentError,
  STATE_FORMAT,
  STATE_VERSION,
  type StateDocument,
} from './state-document.ts';
import { ID_FIELD, TABLES, recordKey, type AnyRecord, type PlannedWrite } from './tables.ts';

export interface FileStoreOptions {
  path: string;
  /** Read when FILE is written, so the clock travels with the state. */
  clockOffsetMs?: () => number;
}

/** The journal is compacted into FILE once it is larger than FILE and than this. */
export const COMPACT_MIN_BYTES = 1 << 20;
/** Records per chunk when FILE is written: the event loop runs between chunks. */
const RECORDS_PER_CHUNK = 500;

const journalPath = (path: string) => `${path}.journal`;

/** One journal line: the records a batch wrote, each `[table, account, region, id, value or null]`. */
type JournalLine = { writes: [string, string, string, string, unknown][] };

function journalLine(plan: readonly PlannedWrite[]): string {
  const writes = plan.map((w) => [w.table, w.scope.account, w.scope.region, w.id, w.value ?? null]);
  return `${JSON.stringify({ writes }, bytesReplacer)}\n`;
}

async function syncDirectory(path: string): Promise<void> {
  // Makes a rename or a new file durable (power loss, not just a crash); directories cannot be opened on Windows.
  const dir = await open(dirname(path), 'r').catch(() => undefined);
  if (dir)
    await dir
      .sync()
      .catch(() => undefined)
      .finally(() => dir.close());
}

/** Writes a state document to `path` atomically, a chunk of records at a time. Returns its size in bytes. */
async function writeStateFile(path: string, clockOffsetMs: number, data: StoreSnapshot): Promise<number> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    await handle.write(text);
  };
  try {
    await write(
      `{"format":"${STATE_FORMAT}","version":${STATE_VERSION},"clockOffsetMs":${clockOffsetMs},"data":{`,
    );
    for (const [t, table] of TABLES.entries()) {
      const rows = data[table] as AnyRecord[];
      await write(`${t ? ',' : ''}"${table}":[`);
      for (let i = 0; i < rows.length; i += RECORDS_PER_CHUNK) {
        const chunk = rows.slice(i, i + RECORDS_PER_CHUNK).map((row) => JSON.stringify(row, bytesReplacer));
        await write(`${i ? ',' : ''}${chunk.join(',')}`);
      }
      await write(']');
    }
    await write('}}');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncDirectory(path);
  return bytes;
}

/**
 * The state FILE and its journal hold together: FILE's document with the journal replayed over it, checked like
 * any state document. Throws StateDocumentError. Also for tests and tools that read a live server's state.
 */
export function readStateFile(path: string): { doc: StateDocument; journalLines: number } | undefined {
  const journal = existsSync(journalPath(path)) ? readFileSync(journalPath(path), 'utf8') : '';
  if (!existsSync(path) && journal === '') return undefined;
  let raw: Record<string, unknown> = { format: STATE_FORMAT, version: STATE_VERSION, clockOffsetMs: 0 };
  if (existsSync(path)) {
    try {
      raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new StateDocumentError(
        `${path}: not a kmsw state document: invalid JSON (${(error as Error).message})`,
      );
    }
  }
  const data = (raw.data ?? {}) as Record<string, unknown>;
  const tables = new Map<string, Map<string, unknown>>();
  for (const table of TABLES) {
    const rows = Array.isArray(data[table]) ? (data[table] as Record<string, unknown>[]) : [];
    const byKey = new Map<string, unknown>();
    for (const row of rows) {
      byKey.set(
        recordKey(
          table,
          { account: String(row.account), region: String(row.region) },
          String(row[ID_FIELD[table]]),
        ),
        row,
      );
    }
    tables.set(table, byKey);
  }
  let lines = 0;
  for (const text of journal.split('\n')) {
    let line: JournalLine;
    try {
      line = JSON.parse(text) as JournalLine;
      if (!Array.isArray(line.writes)) continue;
    } catch {
      continue; // the empty tail, or a torn line from a crash mid-append (never acknowledged)
    }
    lines++;
    for (const [table, account, region, id, value] of line.writes) {
      const byKey = tables.get(table);
      if (!byKey) throw new StateDocumentError(`${journalPath(path)}: a write to unknown table ${table}`);
      const key = recordKey(table as (typeof TABLES)[number], { account, region }, id);
      // Delete first, so a record put again moves to the end like a new one; FILE orders records anyway.
      byKey.delete(key);
      if (value !== null) byKey.set(key, value);
    }
  }
  const merged = { ...raw, data: Object.fromEntries(TABLES.map((t) => [t, [...tables.get(t)!.values()]])) };
  try {
    return { doc: checkStateDocument(merged), journalLines: lines };
  } catch (error) {
    if (error instanceof StateDocumentError) {
      throw new StateDocumentError(`${path}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** The file store: a KmsStore that can also be told to write FILE now (after the clock moved). */
export interface FileKmsStore extends KmsStore {
  /** Write the current state and clock offset to FILE (and empty the journal); resolves once it is on disk. */
  flush(): Promise<void>;
}

/** Opens FILE (or starts empty when it does not exist). Returns the store and the clock offset FILE recorded. */
export async function openFileStore(
  options: FileStoreOptions,
): Promise<{ store: FileKmsStore; clockOffsetMs: number; existed: boolean }> {
  const path = options.path;
  let pending: string[] = [];
  const inner = createMemoryStore({ onCommit: (plan) => pending.push(journalLine(plan)) });
  const found = readStateFile(path);
  const clockOffsetMs = found?.doc.clockOffsetMs ?? 0;
  if (found) await inner.restore(found.doc.data);
  pending = [];
  // The caller's clock exists only once this returns: FILE's own offset until then.
  let opened = false;
  const clockNow = () => (opened && options.clockOffsetMs ? options.clockOffsetMs() : clockOffsetMs);

  let fileBytes = 0;
  let journalBytes = 0;
  let journal: FileHandle | undefined;
  /** After a failed append the journal may end in a torn line: the next write compacts instead of appending. */
  let journalBroken = false;

  async function compact(): Promise<void> {
    const data = inner.records();
    pending = []; // every committed batch is in `data`
    fileBytes = await writeStateFile(path, clockNow(), data);
    journal ??= await open(journalPath(path), 'a');
    await journal.truncate(0);
    await journal.sync();
    journalBytes = 0;
    journalBroken = false;
  }

  async function append(): Promise<void> {
    if (journalBroken || journalBytes > Math.max(COMPACT_MIN_BYTES, fileBytes)) return compact();
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    try {
      await journal!.write(text);
      await journal!.datasync();
    } catch (error) {
      journalBroken = true;
      throw error;
    }
    journalBytes += Buffer.byteLength(text);
  }

  // One disk write at a time, in commit order. Commits that arrive while one runs share the next (group commit):
  // it takes every line pending when it starts.
  let writing: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  const enqueue = (work: () => Promise<void>, share: boolean): Promise<void> => {
    if (share && queued) return queued;
    const next = writing
      .catch(() => undefined)
      .then(() => {
        if (share) queued = undefined;
        return work();
      });
    if (share) queued = next;
    writing = next;
    return next;
  };

  // A new FILE is written at once (so it always exists), a journal left by a crash is folded into FILE.
  if (!found || found.journalLines > 0 || !existsSync(path)) await compact();
  else fileBytes = statSync(path).size;
  journal ??= await open(journalPath(path), 'a');
  await syncDirectory(journalPath(path));
  opened = true;

  const store: FileKmsStore = {
    get: (table, scope, id) => inner.get(table, scope, id),
    list: (table, scope, page) => inner.list(table, scope, page),
    listBy: (index, scope, value, page) => inner.listBy(index, scope, value, page),
    scopes: () => inner.scopes(),
    snapshot: () => inner.snapshot(),
    subscribe: (listener) => inner.subscribe(listener),
    async commit(writes) {
      await inner.commit(writes);
      await enqueue(append, true);
    },
    async restore(snapshot) {
      await inner.restore(snapshot);
      await enqueue(compact, false);
    },
    flush: () => enqueue(compact, false),
    async close() {
      await enqueue(compact, false).catch(() => undefined);
      await journal?.close();
      journal = undefined;
      await inner.close();
    },
  };
  return { store, clockOffsetMs, existed: found !== undefined };
}
