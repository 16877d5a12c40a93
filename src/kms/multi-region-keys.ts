/**
 * Sets of related multi-Region keys: one primary and its replicas, each a key record with the same key id in its
 * own Region (scope) of the same account. Every member carries the whole set as its MultiRegionConfiguration (the
 * primary, and all replicas, itself included when it is one), so a change of the set writes every member, across
 * Regions, in one unit of work.
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
 */
import { UnsupportedOperationException } from '../api/generated/exceptions.ts';
import { loadLiveKey } from './key-resolver.ts';
import { stateError } from './key-state.ts';
import type { KeyRecord } from './records.ts';
import type { UnitOfWork } from './unit-of-work.ts';

/** The recorded answer to replicating (or moving the primary Region of) a key that is no multi-Region primary. */
export function assertPrimaryKey(key: KeyRecord): asserts key is KeyRecord & {
  multiRegion: NonNullable<KeyRecord['multiRegion']>;
} {
  if (key.multiRegion?.type !== 'PRIMARY') {
    throw new UnsupportedOperationException(`${key.arn} is not a multi-region primary key.`);
  }
}

/**
 * Keys that a change of the set may touch must have settled: not Creating (a replica being made), nor pending
 * deletion, nor in a transient multi-Region state.
 */
export function assertSettled(key: KeyRecord): void {
  if (key.state !== 'Enabled' && key.state !== 'Disabled' && key.state !== 'PendingImport') {
    throw stateError(key);
  }
}

/** The live members of the set `primary` heads: the primary first, then its replicas that still exist. */
export async function keySet(uow: UnitOfWork, primary: KeyRecord, now: number): Promise<KeyRecord[]> {
  const members = [primary];
  for (const replica of primary.multiRegion?.replicas ?? []) {
    const key = await loadLiveKey(
      uow,
      { account: primary.account, region: replica.region },
      primary.keyId,
      now,
    );
    if (key) members.push(key);
  }
  return members;
}

/** Stages every member of the set with `primary` as its primary and `replicas` as its replicas; returns them. */
export function saveKeySet(uow: UnitOfWork, primary: KeyRecord, replicas: readonly KeyRecord[]): KeyRecord[] {
  const replicaRefs = replicas.map((k) => ({ arn: k.arn, region: k.region }));
  return [primary, ...replicas].map((key) => {
    const saved: KeyRecord = {
      ...key,
      multiRegion: {
        type: key === primary ? 'PRIMARY' : 'REPLICA',
        primaryArn: primary.arn,
        primaryRegion: primary.region,
        replicas: replicaRefs,
      },
    };
    uow.put('keys', { account: key.account, region: key.region }, key.keyId, saved);
    return saved;
  });
}
