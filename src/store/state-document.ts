/**
 * The portable state document: a whole store as versioned JSON (bytes as `{"$bytes": "<base64>"}`), used by
 * `kmsw serve --state FILE`, export/import and seeding. A document from a newer kmsw is refused, never guessed at.
 */
import { decodeBase64, encodeBase64 } from '../api/base64.ts';
import type { StoreSnapshot } from '../kms/store.ts';

export const STATE_FORMAT = 'kmsw-state';
export const STATE_VERSION = 1;

export interface StateDocument {
  format: typeof STATE_FORMAT;
  version: number;
  /** Milliseconds the emulator clock is ahead of real time. */
  clockOffsetMs: number;
  data: StoreSnapshot;
}

export class StateDocumentError extends Error {
  override readonly name = 'StateDocumentError';
}

export function stringifyState(doc: StateDocument): string {
  return JSON.stringify(doc, (_key, value: unknown) =>
    value instanceof Uint8Array ? { $bytes: encodeBase64(value) } : value,
  );
}

export function parseState(text: string): StateDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text, (_key, value: unknown) => {
      if (value && typeof value === 'object' && '$bytes' in value && typeof value.$bytes === 'string') {
        return decodeBase64(value.$bytes);
      }
      return value;
    });
  } catch (error) {
    throw new StateDocumentError(`not a kmsw state document: ${(error as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || (doc as StateDocument).format !== STATE_FORMAT) {
    throw new StateDocumentError(`not a kmsw state document (format must be "${STATE_FORMAT}")`);
  }
  const { version, data, clockOffsetMs } = doc as StateDocument;
  if (typeof version !== 'number' || version > STATE_VERSION || version < 1) {
    throw new StateDocumentError(
      `state document version ${String(version)} is not supported (this kmsw reads up to ${STATE_VERSION})`,
    );
  }
  if (!data || !Array.isArray(data.keys) || !Array.isArray(data.aliases) || !Array.isArray(data.grants)) {
    throw new StateDocumentError('state document has no data.keys, data.aliases and data.grants arrays');
  }
  return {
    format: STATE_FORMAT,
    version,
    clockOffsetMs: typeof clockOffsetMs === 'number' ? clockOffsetMs : 0,
    data,
  };
}
