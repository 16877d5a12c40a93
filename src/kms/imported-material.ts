/**
 * Imported key material (keys with Origin EXTERNAL): what a key spec accepts, the material's id, and what deleting
 * or expiring it leaves. Deleted material keeps its record (id, state, rotation history) without its bytes, so the
 * key still shows its CurrentKeyMaterialId and reimporting the same material restores it.
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-conceptual.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html
 */
import { IncorrectKeyMaterialException } from '../api/generated/exceptions.ts';
import type { KeyState } from '../api/generated/types.ts';
import { concatBytes } from '../crypto/bytes.ts';
import { sha } from '../crypto/digest.ts';
import { familyOf, publicKeyFromPrivate, SECRET_LENGTH, type KeyMaterial } from '../crypto/engine.ts';
import type { KeyMaterialRecord, KeyRecord } from './records.ts';

/** Largest HMAC key AWS accepts for import: the block size of the hash. */
const HMAC_MAX_LENGTH = { HMAC_224: 64, HMAC_256: 64, HMAC_384: 128, HMAC_512: 128 } as const;

export const hasKeyBytes = (m: KeyMaterialRecord): boolean =>
  m.secret !== undefined || m.privateKey !== undefined;

/** Whether every CURRENT and NON_CURRENT material is present (a key is usable only then). */
export const allMaterialPresent = (key: KeyRecord): boolean =>
  key.materials.every((m) => m.state === 'PENDING_ROTATION' || hasKeyBytes(m));

export interface CheckedMaterial {
  material: KeyMaterial;
  /** 64 hex digits, derived from the key id and the material (so the same material always gets the same id). */
  id: string;
}

const invalidMaterial = (key: KeyRecord) =>
  new IncorrectKeyMaterialException(`The key material is not valid for key spec ${key.keySpec}.`);

/**
 * Checks unwrapped material against the key's spec: 32 bytes for SYMMETRIC_DEFAULT, between the digest length and
 * the block size for HMAC keys, a PKCS#8 private key of the spec (curve, size) for key pairs.
 */
export async function checkImportedMaterial(key: KeyRecord, bytes: Uint8Array): Promise<CheckedMaterial> {
  const family = familyOf(key.keySpec);
  let material: KeyMaterial;
  let identity: Uint8Array;
  if (family.family === 'symmetric' || family.family === 'hmac') {
    const min = SECRET_LENGTH[family.spec];
    const max = family.family === 'hmac' ? HMAC_MAX_LENGTH[family.spec] : min;
    if (bytes.length < min || bytes.length > max) throw invalidMaterial(key);
    material = { secret: bytes };
    identity = bytes;
  } else {
    let publicKey: Uint8Array;
    try {
      publicKey = await publicKeyFromPrivate(key.keySpec, bytes);
    } catch {
      throw invalidMaterial(key);
    }
    material = { privateKey: bytes, publicKey };
    identity = publicKey;
  }
  return { material, id: await materialId(key.keyId, identity) };
}

async function materialId(keyId: string, identity: Uint8Array): Promise<string> {
  const label = new TextEncoder().encode(`kmsw imported key material\u0000${keyId}\u0000`);
  const digest = await sha('SHA-256', concatBytes(label, identity));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The material without its bytes and import details (what DeleteImportedKeyMaterial leaves). */
function stripped(m: KeyMaterialRecord): KeyMaterialRecord {
  const { secret: _secret, privateKey: _private, publicKey: _public, imported: _imported, ...rest } = m;
  return rest;
}

/**
 * The key after its imported material `materialId` is deleted, in state `state` (the caller's transition): material
 * pending rotation is dropped (it is not bound to the key yet), any other keeps its record without bytes.
 */
export function withoutMaterial(key: KeyRecord, materialId: string, state: KeyState): KeyRecord {
  const target = key.materials.find((m) => m.id === materialId);
  if (!target) return key;
  if (target.state === 'PENDING_ROTATION') {
    return { ...key, materials: key.materials.filter((m) => m !== target) };
  }
  return { ...key, state, materials: key.materials.map((m) => (m === target ? stripped(m) : m)) };
}

/**
 * The key after the imported material whose ValidTo has passed is deleted, as KMS does at that time: the key becomes
 * PendingImport (a key pending deletion stays so). The same key object when nothing expired.
 */
export function expireImportedMaterial(key: KeyRecord, now: number): KeyRecord {
  let result = key;
  for (const m of key.materials) {
    const validTo = m.imported?.validTo;
    if (validTo === undefined || validTo > now) continue;
    const state = result.state === 'Enabled' || result.state === 'Disabled' ? 'PendingImport' : result.state;
    result = withoutMaterial(result, m.id, state);
  }
  return result;
}
