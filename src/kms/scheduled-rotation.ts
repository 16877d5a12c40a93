/**
 * What the clock does to a key by itself: automatic rotation of its key material every RotationPeriodInDays (AWS
 * managed keys every 365 days), and the deletion of imported material whose ValidTo has passed. kmsw applies both
 * lazily, on the first load of the key (key-resolver.ts `loadLiveKey`) after the injected clock passed the date, so
 * tests move the clock instead of waiting. Rotations are dated when they were due; a key that is not Enabled at that
 * load is not rotated (AWS does not rotate disabled keys) and is rotated at a later load once it is Enabled again.
 * A multi-Region set rotates with its primary, and the new material reaches every replica in the same unit of work.
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotating-keys-enable.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-conceptual.html#importing-keys-expiration
 */
import { generateKeyMaterial } from '../crypto/engine.ts';
import { DAY_MS } from './clock.ts';
import { randomIds } from './ids.ts';
import { expireImportedMaterial } from './imported-material.ts';
import { rotatesAutomatically, rotateTo } from './key-rotation.ts';
import { shareWithReplicas } from './multi-region-sync.ts';
import type { KeyRecord, Scope } from './records.ts';
import type { UnitOfWork } from './unit-of-work.ts';

/** Missed automatic rotations recorded at one load at most (a clock moved by decades skips the older ones). */
const MAX_ROTATIONS_PER_LOAD = 100;

/** Stages the key's due automatic rotations and material expiry; a no-op when nothing is due. */
export async function applyScheduledChanges(
  uow: UnitOfWork,
  scope: Scope,
  keyId: string,
  now: number,
): Promise<void> {
  const key = await uow.get('keys', scope, keyId);
  if (!key) return;
  const expired = expireImportedMaterial(key, now);
  if (expired !== key) uow.put('keys', scope, keyId, expired);
  // A multi-Region set rotates with its primary, whichever member is loaded first.
  const primaryScope =
    key.multiRegion?.type === 'REPLICA'
      ? { account: scope.account, region: key.multiRegion.primaryRegion }
      : scope;
  const primary = primaryScope === scope ? expired : await uow.get('keys', primaryScope, keyId);
  if (!primary) return;
  const rotated = await rotateWhenDue(primary, now);
  if (rotated === primary) return;
  uow.put('keys', primaryScope, keyId, rotated);
  await shareWithReplicas(uow, rotated);
}

async function rotateWhenDue(key: KeyRecord, now: number): Promise<KeyRecord> {
  const { enabled, periodInDays, nextRotationAt } = key.rotation;
  if (!enabled || periodInDays === undefined || nextRotationAt === undefined || nextRotationAt > now)
    return key;
  if (key.state !== 'Enabled' || !rotatesAutomatically(key)) return key;
  const period = periodInDays * DAY_MS;
  const due = Math.floor((now - nextRotationAt) / period) + 1;
  const skipped = Math.max(0, due - MAX_ROTATIONS_PER_LOAD);
  let materials = key.materials;
  for (let i = skipped; i < due; i++) {
    const at = nextRotationAt + i * period;
    const generated = await generateKeyMaterial(key.keySpec);
    materials = rotateTo(materials, {
      id: randomIds.hex(32),
      createdAt: at,
      state: 'CURRENT',
      rotationType: 'AUTOMATIC',
      rotatedAt: at,
      ...generated,
    });
  }
  return { ...key, materials, rotation: { ...key.rotation, nextRotationAt: nextRotationAt + due * period } };
}
