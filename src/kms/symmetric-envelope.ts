/**
 * Symmetric encryption under a KMS key: AES-256-GCM with a fresh nonce, the blob header and the canonical
 * encryption context as additional authenticated data (see ciphertext-blob.ts for the layout).
 *
 * Keys in an external key store are double-encrypted, as AWS does: the ciphertext made with the KMS key material is
 * encrypted again under the external key (same nonce, another key, same additional data), and decryption peels
 * the outer layer first.
 */
import { aesGcmOpen, aesGcmSeal, aesGcmSealAfter } from '../crypto/aes-gcm.ts';
import { randomBytes } from '../crypto/random.ts';
import { concatBytes, encodeBlobHeader, NONCE_BYTES, type ParsedBlob } from './ciphertext-blob.ts';
import { externalKeyBytes } from './custom-key-stores/external-key.ts';
import { encodeEncryptionContext } from './encryption-context.ts';
import type { KeyMaterialRecord, KeyRecord } from './records.ts';

export type EncryptionContext = Readonly<Record<string, string>> | undefined;

/** The material new ciphertexts are made with. */
export function currentMaterial(key: KeyRecord): KeyMaterialRecord | undefined {
  return key.materials.find((m) => m.state === 'CURRENT');
}

export async function sealSymmetric(
  key: KeyRecord,
  material: KeyMaterialRecord,
  plaintext: Uint8Array,
  context: EncryptionContext,
): Promise<Uint8Array> {
  // One buffer holds the additional data: the header, then the encoded context. The header and its nonce are views.
  const encodedContext = encodeEncryptionContext(context);
  const aad = encodeBlobHeader(
    { keyId: key.keyId, materialId: material.id, nonce: randomBytes(NONCE_BYTES) },
    encodedContext,
  );
  const header = aad.subarray(0, aad.length - encodedContext.length);
  const nonce = header.subarray(header.length - NONCE_BYTES);
  if (key.xksKeyId === undefined) return aesGcmSealAfter(header, material.secret!, nonce, plaintext, aad);
  const inner = await aesGcmSeal(material.secret!, nonce, plaintext, aad);
  return aesGcmSealAfter(header, await externalKeyBytes(key), nonce, inner, aad);
}

/** The plaintext, or undefined when the material is unknown or authentication fails. */
export async function openSymmetric(
  key: KeyRecord,
  blob: ParsedBlob,
  context: EncryptionContext,
): Promise<{ plaintext: Uint8Array; material: KeyMaterialRecord } | undefined> {
  const material = key.materials.find((m) => m.id === blob.materialId);
  if (!material?.secret) return undefined;
  const aad = concatBytes(blob.header, encodeEncryptionContext(context));
  let sealed: Uint8Array | null = blob.sealed;
  if (key.xksKeyId !== undefined)
    sealed = await aesGcmOpen(await externalKeyBytes(key), blob.nonce, sealed, aad);
  const plaintext = sealed && (await aesGcmOpen(material.secret, blob.nonce, sealed, aad));
  return plaintext ? { plaintext, material } : undefined;
}
