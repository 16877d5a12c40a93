/**
 * Imported key material (keys created with Origin EXTERNAL): wrapping parameters, import, deletion. Symmetric
 * encryption keys can hold several imported materials: ImportType NEW_KEY_MATERIAL adds one PENDING_ROTATION that
 * RotateKeyOnDemand makes current. Expiry (ValidTo) is applied by the clock (scheduled-rotation.ts).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteImportedKeyMaterial.html
 */
import {
  IncorrectKeyMaterialException,
  InvalidCiphertextException,
  KMSInvalidStateException,
  NotFoundException,
} from '../../api/generated/exceptions.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type {
  DeleteImportedKeyMaterialRequest,
  DeleteImportedKeyMaterialResponse,
  ExpirationModelType,
  GetParametersForImportRequest,
  GetParametersForImportResponse,
  ImportKeyMaterialRequest,
  ImportKeyMaterialResponse,
} from '../../api/generated/types.ts';
import { generateWrappingKeyPair, unwrapKeyMaterial } from '../../crypto/import-wrapping.ts';
import { DAY_MS } from '../clock.ts';
import {
  checkWrappingChoice,
  encodeImportToken,
  IMPORT_PARAMETERS_TTL_MS,
  importParametersFor,
  withImportParameters,
} from '../import-parameters.ts';
import { allMaterialPresent, checkImportedMaterial, withoutMaterial } from '../imported-material.ts';
import { assertOrigin } from '../key-origin.ts';
import { manageKey } from '../key-resolver.ts';
import { assertUsable, transition } from '../key-state.ts';
import type { Operation } from '../operation-context.ts';
import type { KeyMaterialRecord, KeyRecord } from '../records.ts';
import { currentMaterial } from '../symmetric-envelope.ts';

export const GetParametersForImport: Operation<
  GetParametersForImportRequest,
  GetParametersForImportResponse
> = async (input, op) => {
  const key = await manageKey(op, input.KeyId);
  assertOrigin(key, 'EXTERNAL');
  assertUsable(key, 'configure');
  checkWrappingChoice(key.keySpec, input.WrappingAlgorithm, input.WrappingKeySpec, op.scope.region);
  const pair = await generateWrappingKeyPair(input.WrappingKeySpec);
  const tokenId = op.env.ids.hex(16);
  const validTo = op.now + IMPORT_PARAMETERS_TTL_MS;
  const parameters = {
    tokenId,
    wrappingAlgorithm: input.WrappingAlgorithm,
    wrappingKeySpec: input.WrappingKeySpec,
    privateKey: pair.privateKey,
    validTo,
  };
  op.uow.put('keys', op.scope, key.keyId, {
    ...key,
    importParameters: withImportParameters(key, parameters, op.now),
  });
  return {
    KeyId: key.arn,
    ImportToken: encodeImportToken(key.keyId, tokenId, validTo),
    PublicKey: pair.publicKey,
    ParametersValidTo: new Date(validTo),
  };
};

/** ExpirationModel (default KEY_MATERIAL_EXPIRES) and ValidTo: a future date within 365 days, only when expiring. */
function expiration(
  input: ImportKeyMaterialRequest,
  now: number,
): NonNullable<KeyMaterialRecord['imported']> {
  const expirationModel: ExpirationModelType = input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES';
  const validTo = input.ValidTo?.getTime();
  if (expirationModel === 'KEY_MATERIAL_DOES_NOT_EXPIRE') {
    if (validTo !== undefined) {
      throw new ValidationException(
        'A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE',
      );
    }
    return { importedAt: now, expirationModel };
  }
  if (validTo === undefined) {
    throw new ValidationException(
      'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES',
    );
  }
  if (validTo <= now || validTo > now + 365 * DAY_MS) {
    throw new ValidationException('The validTo date must be in the future and at most 365 days from now.');
  }
  return { importedAt: now, expirationModel, validTo };
}

const notThisKeysMaterial = (key: KeyRecord) =>
  new IncorrectKeyMaterialException(
    `The key material does not match the key material previously imported into KMS key ${key.arn}.`,
  );

/**
 * Imports (or reimports) material. ImportType defaults to NEW_KEY_MATERIAL for a key that never had material and to
 * EXISTING_KEY_MATERIAL after that. New material is CURRENT on a key's first import and PENDING_ROTATION after
 * (symmetric keys only: asymmetric and HMAC keys keep their first material). Existing material must be one the key
 * had (its id is derived from key id and material). The key becomes Enabled once all of its current and earlier
 * materials are present.
 */
export const ImportKeyMaterial: Operation<ImportKeyMaterialRequest, ImportKeyMaterialResponse> = async (
  input,
  op,
) => {
  const imported = expiration(input, op.now);
  const key = await manageKey(op, input.KeyId);
  assertOrigin(key, 'EXTERNAL');
  assertUsable(key, 'configure');
  const stateWhenComplete = transition(key, 'importMaterial');
  if (input.ImportType === 'NEW_KEY_MATERIAL' && input.KeyMaterialId !== undefined) {
    throw new ValidationException('A KeyMaterialId cannot be set if the ImportType is NEW_KEY_MATERIAL');
  }
  const parameters = importParametersFor(key, input.ImportToken, op.now);
  const bytes = await unwrapKeyMaterial(
    parameters.wrappingKeySpec,
    parameters.privateKey,
    parameters.wrappingAlgorithm,
    input.EncryptedKeyMaterial,
  );
  if (!bytes) throw new InvalidCiphertextException();
  const checked = await checkImportedMaterial(key, bytes);

  const importType =
    input.ImportType ?? (key.materials.length === 0 ? 'NEW_KEY_MATERIAL' : 'EXISTING_KEY_MATERIAL');
  if (input.KeyMaterialId !== undefined && input.KeyMaterialId !== checked.id) throw notThisKeysMaterial(key);
  const existing = key.materials.find((m) => m.id === checked.id);
  const present = { ...checked.material, imported, description: input.KeyMaterialDescription };
  let materials: KeyMaterialRecord[];
  if (existing) {
    const description = input.KeyMaterialDescription ?? existing.description;
    materials = key.materials.map((m) => (m === existing ? { ...m, ...present, description } : m));
  } else if (key.materials.length === 0) {
    // A multi-Region replica's first import is of the primary's existing material.
    if (importType === 'EXISTING_KEY_MATERIAL' && key.multiRegion?.type !== 'REPLICA')
      throw notThisKeysMaterial(key);
    materials = [{ id: checked.id, createdAt: op.now, state: 'CURRENT', ...present }];
  } else {
    if (importType === 'EXISTING_KEY_MATERIAL' || key.keySpec !== 'SYMMETRIC_DEFAULT')
      throw notThisKeysMaterial(key);
    const pending = key.materials.find((m) => m.state === 'PENDING_ROTATION');
    if (pending) {
      throw new KMSInvalidStateException(
        `New key material (id: ${checked.id}) cannot be imported into KMS key ${key.arn}, because another key material (id: ${pending.id}) is pending rotation.`,
      );
    }
    materials = [
      ...key.materials,
      { id: checked.id, createdAt: op.now, state: 'PENDING_ROTATION', ...present },
    ];
  }
  const updated = { ...key, materials };
  op.uow.put('keys', op.scope, key.keyId, {
    ...updated,
    state: allMaterialPresent(updated) ? stateWhenComplete : key.state,
  });
  return { KeyId: key.arn, KeyMaterialId: checked.id };
};

/**
 * Deletes the current material (or the one named by KeyMaterialId): the key becomes PendingImport (a key pending
 * deletion stays so) and keeps the material's id, so the same material can be imported again. Material pending
 * rotation is simply dropped.
 */
export const DeleteImportedKeyMaterial: Operation<
  DeleteImportedKeyMaterialRequest,
  DeleteImportedKeyMaterialResponse
> = async (input, op) => {
  const key = await manageKey(op, input.KeyId);
  assertOrigin(key, 'EXTERNAL');
  const state = transition(key, 'deleteImportedMaterial');
  const target =
    input.KeyMaterialId === undefined
      ? currentMaterial(key)
      : key.materials.find((m) => m.id === input.KeyMaterialId);
  if (input.KeyMaterialId !== undefined && !target) {
    throw new NotFoundException(
      `Key material ${input.KeyMaterialId} is not associated with KMS key ${key.arn}.`,
    );
  }
  if (target) op.uow.put('keys', op.scope, key.keyId, withoutMaterial(key, target.id, state));
  return { KeyId: key.arn, KeyMaterialId: target?.id };
};
