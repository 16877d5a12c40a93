/**
 * Key rotation: automatic rotation settings and status, on-demand rotation, and the list of a key's materials.
 * Automatic rotations happen when the injected clock passes NextRotationDate (scheduled-rotation.ts); an on-demand
 * rotation completes within the request, so GetKeyRotationStatus never shows OnDemandRotationStartDate.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKeyRotation.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_RotateKeyOnDemand.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyRotations.html
 */
import {
  KMSInvalidStateException,
  LimitExceededException,
  UnsupportedOperationException,
} from '../../api/generated/exceptions.ts';
import type {
  DisableKeyRotationRequest,
  EnableKeyRotationRequest,
  GetKeyRotationStatusRequest,
  GetKeyRotationStatusResponse,
  ListKeyRotationsRequest,
  ListKeyRotationsResponse,
  RotateKeyOnDemandRequest,
  RotateKeyOnDemandResponse,
  RotationsListEntry,
} from '../../api/generated/types.ts';
import { generateKeyMaterial } from '../../crypto/engine.ts';
import { DAY_MS } from '../clock.ts';
import { assertCustomerManaged } from '../customer-managed.ts';
import { hasKeyBytes } from '../imported-material.ts';
import { assertOrigin } from '../key-origin.ts';
import { manageKey } from '../key-resolver.ts';
import {
  DEFAULT_ROTATION_PERIOD_DAYS,
  ON_DEMAND_ROTATION_LIMIT,
  rotatesAutomatically,
  rotateTo,
} from '../key-rotation.ts';
import { assertUsable } from '../key-state.ts';
import { shareWithReplicas } from '../multi-region-sync.ts';
import type { Operation, OperationContext } from '../operation-context.ts';
import { paginate } from '../pagination.ts';
import type { KeyMaterialRecord, KeyRecord } from '../records.ts';

/** Rotation is a property a multi-Region set shares: it is managed on the primary only (recorded replica text). */
function assertNotReplica(key: KeyRecord): void {
  if (key.multiRegion?.type === 'REPLICA') {
    throw new UnsupportedOperationException(`${key.arn} is not a multi-region primary key.`);
  }
}

/**
 * The key whose automatic rotation EnableKeyRotation / DisableKeyRotation change: a customer managed, Enabled,
 * symmetric encryption key with AWS KMS key material (asymmetric and HMAC keys: UnsupportedOperationException with
 * no message, as AWS answers).
 */
async function keyForRotationSettings(
  op: OperationContext,
  keyId: string,
  operation: string,
): Promise<KeyRecord> {
  const key = await manageKey(op, keyId);
  assertCustomerManaged(op, key, operation);
  assertUsable(key, 'crypto');
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw new UnsupportedOperationException();
  assertOrigin(key, 'AWS_KMS');
  assertNotReplica(key);
  return key;
}

export const EnableKeyRotation: Operation<EnableKeyRotationRequest, Record<string, never>> = async (
  input,
  op,
) => {
  const key = await keyForRotationSettings(op, input.KeyId, 'EnableKeyRotation');
  const periodInDays = input.RotationPeriodInDays ?? DEFAULT_ROTATION_PERIOD_DAYS;
  const updated: KeyRecord = {
    ...key,
    rotation: {
      ...key.rotation,
      enabled: true,
      periodInDays,
      nextRotationAt: op.now + periodInDays * DAY_MS,
    },
  };
  op.uow.put('keys', op.scope, key.keyId, updated);
  await shareWithReplicas(op.uow, updated);
  return {};
};

export const DisableKeyRotation: Operation<DisableKeyRotationRequest, Record<string, never>> = async (
  input,
  op,
) => {
  const key = await keyForRotationSettings(op, input.KeyId, 'DisableKeyRotation');
  const updated: KeyRecord = {
    ...key,
    rotation: { enabled: false, onDemandCount: key.rotation.onDemandCount },
  };
  op.uow.put('keys', op.scope, key.keyId, updated);
  await shareWithReplicas(op.uow, updated);
  return {};
};

/**
 * KeyRotationEnabled is false, with no period and no date, for keys without automatic rotation (asymmetric, HMAC,
 * imported material) and while a key is pending deletion.
 */
export const GetKeyRotationStatus: Operation<
  GetKeyRotationStatusRequest,
  GetKeyRotationStatusResponse
> = async (input, op) => {
  const key = await manageKey(op, input.KeyId);
  const { enabled, periodInDays, nextRotationAt } = key.rotation;
  if (!enabled || !rotatesAutomatically(key) || key.state === 'PendingDeletion') {
    return { KeyId: key.arn, KeyRotationEnabled: false };
  }
  return {
    KeyId: key.arn,
    KeyRotationEnabled: true,
    RotationPeriodInDays: periodInDays,
    NextRotationDate: nextRotationAt === undefined ? undefined : new Date(nextRotationAt),
  };
};

/**
 * A new CURRENT material; the previous one stays to decrypt. Keys with imported material rotate to the material
 * imported with ImportType NEW_KEY_MATERIAL (PENDING_ROTATION). The key state is checked before the key spec
 * (recorded: a disabled RSA key answers DisabledException).
 */
export const RotateKeyOnDemand: Operation<RotateKeyOnDemandRequest, RotateKeyOnDemandResponse> = async (
  input,
  op,
) => {
  const key = await manageKey(op, input.KeyId);
  assertCustomerManaged(op, key, 'RotateKeyOnDemand');
  assertUsable(key, 'crypto');
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw new UnsupportedOperationException();
  const pending = key.materials.find((m) => m.state === 'PENDING_ROTATION' && hasKeyBytes(m));
  if (key.origin === 'EXTERNAL' && !pending) {
    throw new KMSInvalidStateException(`No available key material pending rotation for the key: ${key.arn}.`);
  }
  if (key.origin !== 'EXTERNAL') assertOrigin(key, 'AWS_KMS');
  assertNotReplica(key);
  if (key.rotation.onDemandCount >= ON_DEMAND_ROTATION_LIMIT) {
    throw new LimitExceededException(
      `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.arn}`,
    );
  }
  const next: KeyMaterialRecord = pending ?? {
    id: op.env.ids.hex(32),
    createdAt: op.now,
    state: 'CURRENT',
    ...(await generateKeyMaterial(key.keySpec)),
  };
  const rotated: KeyRecord = {
    ...key,
    materials: rotateTo(key.materials, { ...next, rotationType: 'ON_DEMAND', rotatedAt: op.now }),
    rotation: { ...key.rotation, onDemandCount: key.rotation.onDemandCount + 1 },
  };
  op.uow.put('keys', op.scope, key.keyId, rotated);
  await shareWithReplicas(op.uow, rotated);
  return { KeyId: key.arn };
};

function rotationsEntry(key: KeyRecord, m: KeyMaterialRecord): RotationsListEntry {
  // The import fields are only present for symmetric encryption keys with imported material.
  const external = key.origin === 'EXTERNAL';
  const validTo = external ? m.imported?.validTo : undefined;
  return {
    KeyId: key.keyId,
    KeyMaterialId: m.id,
    KeyMaterialDescription: external ? m.description : undefined,
    ImportState: external ? (hasKeyBytes(m) ? 'IMPORTED' : 'PENDING_IMPORT') : undefined,
    KeyMaterialState: m.state,
    ExpirationModel: external ? m.imported?.expirationModel : undefined,
    ValidTo: validTo === undefined ? undefined : new Date(validTo),
    RotationDate: m.rotatedAt === undefined ? undefined : new Date(m.rotatedAt),
    RotationType: m.rotationType,
  };
}

/**
 * The key's materials in the order they were added: by default (ROTATIONS_ONLY) those that rotations made current;
 * with ALL_KEY_MATERIAL also the first material and imported material pending rotation.
 */
export const ListKeyRotations: Operation<ListKeyRotationsRequest, ListKeyRotationsResponse> = async (
  input,
  op,
) => {
  const key = await manageKey(op, input.KeyId);
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw new UnsupportedOperationException(
      `${key.arn} key spec is ${key.keySpec} which is not valid for ListKeyRotations.`,
    );
  }
  const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL';
  const listed = key.materials
    .map((m, i) => ({ m, position: i.toString().padStart(8, '0') }))
    .filter(({ m }) => all || m.rotationType !== undefined);
  const page = paginate(`ListKeyRotations:${key.keyId}:${all}`, listed, (e) => e.position, input);
  return {
    Rotations: page.items.map(({ m }) => rotationsEntry(key, m)),
    NextMarker: page.NextMarker,
    Truncated: page.Truncated,
  };
};
