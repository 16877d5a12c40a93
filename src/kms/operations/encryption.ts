/**
 * Encryption: Encrypt, Decrypt and ReEncrypt, with symmetric keys (AES-256-GCM blobs) and asymmetric keys
 * (RSAES-OAEP, SM2PKE).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html
 */
import {
  IncorrectKeyException,
  InvalidCiphertextException,
  InvalidKeyUsageException,
  NotFoundException,
} from '../../api/generated/exceptions.ts';
import { authorizeKey } from '../access/authorize.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type {
  DecryptRequest,
  DecryptResponse,
  EncryptionAlgorithmSpec,
  EncryptRequest,
  EncryptResponse,
  ReEncryptRequest,
  ReEncryptResponse,
} from '../../api/generated/types.ts';
import { asymmetricDecrypt, asymmetricEncrypt, maxPlaintextLength } from '../../crypto/engine.ts';
import { keyArn } from '../arn.ts';
import { parseBlob } from '../ciphertext-blob.ts';
import { endDryRun, keyForCrypto } from '../crypto-key-use.ts';
import { assertKeyStoreServes } from '../custom-key-stores/key-availability.ts';
import { chargeKeyUse } from '../quotas/rate-quotas.ts';
import { KEY_SPECS } from '../key-spec-catalog.ts';
import { loadLiveKey, useKey } from '../key-resolver.ts';
import { assertUsable } from '../key-state.ts';
import { assertKeyUsage } from '../crypto-key-use.ts';
import type { Operation, OperationContext } from '../operation-context.ts';
import type { KeyRecord } from '../records.ts';
import {
  currentMaterial,
  openSymmetric,
  sealSymmetric,
  type EncryptionContext,
} from '../symmetric-envelope.ts';

const incorrectKey = () =>
  new IncorrectKeyException(
    'The key ID in the request does not identify a CMK that can perform this operation.',
  );

function algorithmFor(
  key: KeyRecord,
  requested: EncryptionAlgorithmSpec | undefined,
): EncryptionAlgorithmSpec {
  const allowed = KEY_SPECS[key.keySpec].encryption ?? [];
  const algorithm = requested ?? 'SYMMETRIC_DEFAULT';
  if (!allowed.includes(algorithm)) {
    throw new InvalidKeyUsageException(
      `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`,
    );
  }
  return algorithm;
}

interface Sealed {
  CiphertextBlob: Uint8Array;
  EncryptionAlgorithm: EncryptionAlgorithmSpec;
  KeyMaterialId?: string;
}

/** Encrypt `plaintext` under an Enabled ENCRYPT_DECRYPT key. */
export async function encryptUnder(
  key: KeyRecord,
  requested: EncryptionAlgorithmSpec | undefined,
  plaintext: Uint8Array,
  context: EncryptionContext,
): Promise<Sealed> {
  const algorithm = algorithmFor(key, requested);
  const material = currentMaterial(key)!;
  if (algorithm === 'SYMMETRIC_DEFAULT') {
    return {
      CiphertextBlob: await sealSymmetric(key, material, plaintext, context),
      EncryptionAlgorithm: algorithm,
      KeyMaterialId: material.id,
    };
  }
  const limit = maxPlaintextLength(key.keySpec, algorithm);
  if (plaintext.length > limit) {
    throw new ValidationException(
      `Algorithm ${algorithm} and key spec ${key.keySpec} cannot encrypt data larger than ${limit} bytes.`,
    );
  }
  return {
    CiphertextBlob: await asymmetricEncrypt(key.keySpec, material.publicKey!, algorithm, plaintext),
    EncryptionAlgorithm: algorithm,
  };
}

interface Opened {
  key: KeyRecord;
  Plaintext: Uint8Array;
  EncryptionAlgorithm: EncryptionAlgorithmSpec;
  KeyMaterialId?: string;
}

/** Decrypt a ciphertext blob, symmetric or asymmetric, as Decrypt and ReEncrypt's source side do. */
export async function decryptBlob(
  op: OperationContext,
  blob: Uint8Array,
  keyIdInput: string | undefined,
  requested: EncryptionAlgorithmSpec | undefined,
  context: EncryptionContext,
  operation: string,
): Promise<Opened> {
  const named = keyIdInput === undefined ? undefined : await useKey(op, keyIdInput, operation);
  if ((requested ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT') {
    // Asymmetric ciphertext carries no key id: the caller must name the key.
    if (!named)
      throw new ValidationException('KeyId is required when decrypting with an asymmetric KMS key.');
    chargeKeyUse(op, named);
    assertUsable(named, 'crypto');
    assertKeyUsage(named, 'ENCRYPT_DECRYPT', operation);
    const algorithm = algorithmFor(named, requested);
    for (const material of named.materials) {
      if (!material.privateKey) continue;
      const plaintext = await asymmetricDecrypt(named.keySpec, material.privateKey, algorithm, blob);
      if (plaintext) return { key: named, Plaintext: plaintext, EncryptionAlgorithm: algorithm };
    }
    throw new InvalidCiphertextException();
  }
  const parsed = parseBlob(blob);
  // Bytes that are no kmsw blob, even with an asymmetric KeyId but no asymmetric algorithm, are invalid ciphertext.
  if (!parsed) throw new InvalidCiphertextException();
  if (named && named.keyId !== parsed.keyId) throw incorrectKey();
  const key = named ?? (await loadLiveKey(op.uow, op.scope, parsed.keyId, op.now));
  if (!key) throw new NotFoundException(`Key '${keyArn(op.scope, parsed.keyId)}' does not exist`);
  if (!named) await authorizeKey(op, key, { action: operation });
  chargeKeyUse(op, key);
  assertUsable(key, 'crypto');
  await assertKeyStoreServes(op, key);
  assertKeyUsage(key, 'ENCRYPT_DECRYPT', operation);
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw incorrectKey();
  const opened = await openSymmetric(key, parsed, context);
  if (!opened) throw new InvalidCiphertextException();
  return {
    key,
    Plaintext: opened.plaintext,
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    KeyMaterialId: opened.material.id,
  };
}

const ciphertextRequired = () =>
  new ValidationException(
    "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null",
  );

export const Encrypt: Operation<EncryptRequest, EncryptResponse> = async (input, op) => {
  const key = await keyForCrypto(op, input.KeyId, 'ENCRYPT_DECRYPT', 'Encrypt');
  algorithmFor(key, input.EncryptionAlgorithm);
  endDryRun(input.DryRun);
  const sealed = await encryptUnder(key, input.EncryptionAlgorithm, input.Plaintext, input.EncryptionContext);
  return {
    CiphertextBlob: sealed.CiphertextBlob,
    KeyId: key.arn,
    EncryptionAlgorithm: sealed.EncryptionAlgorithm,
  };
};

/**
 * A dry run with the IGNORE_CIPHERTEXT modifier checks the named key (and the caller's permission on it) without
 * looking at the ciphertext, which may then be left out; it needs the key named: KeyId for Decrypt, SourceKeyId for
 * ReEncrypt.
 */
async function ignoringCiphertext(
  op: OperationContext,
  dryRun: boolean | undefined,
  modifiers: readonly string[] | undefined,
  keyId: string | undefined,
  member: 'KeyId' | 'SourceKeyId',
  operation: string,
): Promise<boolean> {
  if (!dryRun || !modifiers?.includes('IGNORE_CIPHERTEXT')) return false;
  if (keyId === undefined) {
    throw new ValidationException(`${member} is required when DryRunModifiers contains IGNORE_CIPHERTEXT.`);
  }
  await keyForCrypto(op, keyId, 'ENCRYPT_DECRYPT', operation);
  return true;
}

export const Decrypt: Operation<DecryptRequest, DecryptResponse> = async (input, op) => {
  if (await ignoringCiphertext(op, input.DryRun, input.DryRunModifiers, input.KeyId, 'KeyId', 'Decrypt')) {
    endDryRun(true);
  }
  if (input.CiphertextBlob === undefined) throw ciphertextRequired();
  const opened = await decryptBlob(
    op,
    input.CiphertextBlob,
    input.KeyId,
    input.EncryptionAlgorithm,
    input.EncryptionContext,
    'Decrypt',
  );
  endDryRun(input.DryRun);
  return {
    KeyId: opened.key.arn,
    Plaintext: opened.Plaintext,
    EncryptionAlgorithm: opened.EncryptionAlgorithm,
    KeyMaterialId: opened.KeyMaterialId,
  };
};

export const ReEncrypt: Operation<ReEncryptRequest, ReEncryptResponse> = async (input, op) => {
  const skipSource = await ignoringCiphertext(
    op,
    input.DryRun,
    input.DryRunModifiers,
    input.SourceKeyId,
    'SourceKeyId',
    'ReEncryptFrom',
  );
  if (skipSource) {
    const destination = await keyForCrypto(op, input.DestinationKeyId, 'ENCRYPT_DECRYPT', 'ReEncryptTo');
    algorithmFor(destination, input.DestinationEncryptionAlgorithm);
    endDryRun(true);
  }
  if (input.CiphertextBlob === undefined) throw ciphertextRequired();
  const source = await decryptBlob(
    op,
    input.CiphertextBlob,
    input.SourceKeyId,
    input.SourceEncryptionAlgorithm,
    input.SourceEncryptionContext,
    'ReEncryptFrom',
  );
  const destination = await keyForCrypto(op, input.DestinationKeyId, 'ENCRYPT_DECRYPT', 'ReEncryptTo');
  algorithmFor(destination, input.DestinationEncryptionAlgorithm);
  endDryRun(input.DryRun);
  const sealed = await encryptUnder(
    destination,
    input.DestinationEncryptionAlgorithm,
    source.Plaintext,
    input.DestinationEncryptionContext,
  );
  return {
    CiphertextBlob: sealed.CiphertextBlob,
    SourceKeyId: source.key.arn,
    KeyId: destination.arn,
    SourceEncryptionAlgorithm: source.EncryptionAlgorithm,
    DestinationEncryptionAlgorithm: sealed.EncryptionAlgorithm,
    SourceKeyMaterialId: source.KeyMaterialId,
    DestinationKeyMaterialId: sealed.KeyMaterialId,
  };
};
