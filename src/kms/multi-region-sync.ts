/**
 * What the members of a multi-Region key set share and how deleting them interacts.
 *
 * - Key material and automatic rotation follow the primary: "KMS automatically synchronizes these shared
 *   properties among related multi-Region keys" (ReplicateKey). Imported material is not shared: each member of an
 *   EXTERNAL set imports its own.
 * - A primary with replicas cannot be deleted first: ScheduleKeyDeletion puts it in PendingReplicaDeletion, and its
 *   waiting period starts when its last replica is gone (UpdatePrimaryRegion, ScheduleKeyDeletion).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 */
import { DAY_MS } from './clock.ts';
import type { KeyRecord, Scope } from './records.ts';
import type { UnitOfWork } from './unit-of-work.ts';

const scopeOf = (key: KeyRecord, region: string): Scope => ({ account: key.account, region });

/** Stages `primary`'s key material and rotation settings on each of its replicas (AWS_KMS material only). */
export async function shareWithReplicas(uow: UnitOfWork, primary: KeyRecord): Promise<void> {
  if (primary.multiRegion?.type !== 'PRIMARY' || primary.origin !== 'AWS_KMS') return;
  for (const ref of primary.multiRegion.replicas) {
    const scope = scopeOf(primary, ref.region);
    const replica = await uow.get('keys', scope, primary.keyId);
    if (replica)
      uow.put('keys', scope, primary.keyId, {
        ...replica,
        materials: primary.materials,
        rotation: primary.rotation,
      });
  }
}

/**
 * Stages the removal of a deleted member from the other members' MultiRegionConfiguration; a primary waiting in
 * PendingReplicaDeletion starts its own waiting period once no replica is left.
 */
export async function leaveKeySet(uow: UnitOfWork, gone: KeyRecord, now: number): Promise<void> {
  const set = gone.multiRegion;
  if (!set) return;
  const replicas = set.replicas.filter((r) => r.region !== gone.region);
  const regions = [set.primaryRegion, ...replicas.map((r) => r.region)].filter((r) => r !== gone.region);
  for (const region of regions) {
    const scope = scopeOf(gone, region);
    const member = await uow.get('keys', scope, gone.keyId);
    if (!member?.multiRegion) continue;
    const next: KeyRecord = { ...member, multiRegion: { ...member.multiRegion, replicas } };
    if (member.state === 'PendingReplicaDeletion' && replicas.length === 0) {
      next.state = 'PendingDeletion';
      next.deletionDate = now + (member.pendingWindowInDays ?? 30) * DAY_MS;
    }
    uow.put('keys', scope, gone.keyId, next);
  }
}

/** Whether ScheduleKeyDeletion must wait for replicas: the key is a primary that still has some. */
export const hasReplicas = (key: KeyRecord): boolean =>
  key.multiRegion?.type === 'PRIMARY' && key.multiRegion.replicas.length > 0;
