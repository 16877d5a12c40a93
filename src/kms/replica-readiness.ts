/**
 * A replica key made by ReplicateKey is Creating at first and, "after a few seconds", Enabled — or PendingImport
 * when the primary's key material is imported, because the replica then gets none. kmsw makes that change lazily:
 * the first load of the key (key-resolver.ts `loadLiveKey`) once the injected clock has passed the end of its
 * creation stages the new state, so tests move the clock instead of waiting.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */
import { transition } from './key-state.ts';
import type { Scope } from './records.ts';
import type { UnitOfWork } from './unit-of-work.ts';

/** How long a new replica stays Creating, in ms. */
export const REPLICA_CREATION_MS = 1_000;

/** Stages the end of a replica's creation when it is due; a no-op for every other key. */
export async function completeReplicaCreation(
  uow: UnitOfWork,
  scope: Scope,
  keyId: string,
  now: number,
): Promise<void> {
  const key = await uow.get('keys', scope, keyId);
  if (key?.state !== 'Creating' || now < key.createdAt + REPLICA_CREATION_MS) return;
  const state = key.materials.length > 0 ? transition(key, 'replicaReady') : 'PendingImport';
  uow.put('keys', scope, keyId, { ...key, state });
}
