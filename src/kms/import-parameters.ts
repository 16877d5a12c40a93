/**
 * Import parameters (GetParametersForImport → ImportKeyMaterial): the wrapping key pair and the import token that
 * names it. The wrapping private key stays on the key record (`importParameters`, pruned when expired and capped at
 * 10), so the parameters survive an export/import of the state; the token carries only references:
 *   0      u8   token format version (1)
 *   1      u8   key id length n
 *   2      n    key id, ASCII
 *   2+n    16   token id (the record's `tokenId`)
 *   18+n   8    ParametersValidTo, epoch ms as a big-endian float64
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-get-public-key-and-token.html
 */
import { ExpiredImportTokenException, InvalidImportTokenException } from '../api/generated/exceptions.ts';
import { ValidationException } from '../api/protocol-errors.ts';
import type { AlgorithmSpec, KeySpec, WrappingKeySpec } from '../api/generated/types.ts';
import { wrappingFits } from '../crypto/import-wrapping.ts';
import type { ImportParametersRecord, KeyRecord } from './records.ts';

const TOKEN_VERSION = 1;
const TOKEN_ID_BYTES = 16;
const MAX_OUTSTANDING = 10;

/** ParametersValidTo is 24 hours after GetParametersForImport. */
export const IMPORT_PARAMETERS_TTL_MS = 24 * 60 * 60 * 1000;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function encodeImportToken(keyId: string, tokenId: string, validTo: number): Uint8Array {
  const id = new TextEncoder().encode(keyId);
  const out = new Uint8Array(2 + id.length + TOKEN_ID_BYTES + 8);
  out[0] = TOKEN_VERSION;
  out[1] = id.length;
  out.set(id, 2);
  for (let i = 0; i < TOKEN_ID_BYTES; i++)
    out[2 + id.length + i] = parseInt(tokenId.slice(2 * i, 2 * i + 2), 16);
  new DataView(out.buffer).setFloat64(2 + id.length + TOKEN_ID_BYTES, validTo);
  return out;
}

function parseImportToken(
  token: Uint8Array,
): { keyId: string; tokenId: string; validTo: number } | undefined {
  if (token.length < 2 || token[0] !== TOKEN_VERSION || token.length !== 2 + token[1]! + TOKEN_ID_BYTES + 8) {
    return undefined;
  }
  const n = token[1]!;
  const validTo = new DataView(token.buffer, token.byteOffset, token.length).getFloat64(
    2 + n + TOKEN_ID_BYTES,
  );
  if (!Number.isFinite(validTo)) return undefined;
  return {
    keyId: new TextDecoder().decode(token.subarray(2, 2 + n)),
    tokenId: hex(token.subarray(2 + n, 2 + n + TOKEN_ID_BYTES)),
    validTo,
  };
}

/**
 * The import parameters an import token names, with AWS's exceptions: InvalidImportTokenException for a token that
 * is not one, or was issued for another key (or replaced by 10 newer ones); ExpiredImportTokenException after its
 * ParametersValidTo.
 */
export function importParametersFor(key: KeyRecord, token: Uint8Array, now: number): ImportParametersRecord {
  const parsed = parseImportToken(token);
  if (!parsed || parsed.keyId !== key.keyId) {
    throw new InvalidImportTokenException(`The import token is not valid for KMS key ${key.arn}.`);
  }
  if (parsed.validTo <= now) {
    throw new ExpiredImportTokenException(
      'The import token has expired. Use GetParametersForImport to get a new import token and public key.',
    );
  }
  const parameters = key.importParameters?.find((p) => p.tokenId === parsed.tokenId);
  if (!parameters)
    throw new InvalidImportTokenException(`The import token is not valid for KMS key ${key.arn}.`);
  return parameters;
}

/** The key's outstanding import parameters with `added`: expired ones dropped, at most the 10 newest kept. */
export function withImportParameters(
  key: KeyRecord,
  added: ImportParametersRecord,
  now: number,
): ImportParametersRecord[] {
  const live = (key.importParameters ?? []).filter((p) => p.validTo > now);
  return [...live, added].slice(-MAX_OUTSTANDING);
}

/**
 * Refuses wrapping choices KMS does not offer: the retired RSAES_PKCS1_V1_5, SM2 (SM2PKE) outside the China Regions
 * and RSA_AES_KEY_WRAP inside them, an algorithm that does not fit the wrapping key spec, and the combinations the
 * import guide rules out (RSA private keys need RSA_AES_KEY_WRAP; RSAES_OAEP with RSA_2048 cannot wrap ECC_NIST_P521).
 */
export function checkWrappingChoice(
  keySpec: KeySpec,
  algorithm: AlgorithmSpec,
  wrappingKeySpec: WrappingKeySpec,
  region: string,
): void {
  const china = region.startsWith('cn-');
  if (algorithm === 'RSAES_PKCS1_V1_5') {
    throw new ValidationException('WrappingAlgorithm RSAES_PKCS1_V1_5 is no longer supported.');
  }
  if (wrappingKeySpec === 'SM2' && !china) {
    throw new ValidationException('WrappingKeySpec SM2 is not supported in this region.');
  }
  if ((algorithm === 'SM2PKE' && !china) || (algorithm.startsWith('RSA_AES_KEY_WRAP') && china)) {
    throw new ValidationException(`WrappingAlgorithm ${algorithm} is not supported in this region.`);
  }
  if (!wrappingFits(wrappingKeySpec, algorithm)) {
    throw new ValidationException(
      `WrappingAlgorithm ${algorithm} is incompatible with WrappingKeySpec ${wrappingKeySpec}.`,
    );
  }
  const direct = algorithm.startsWith('RSAES_OAEP');
  if (
    direct &&
    (keySpec.startsWith('RSA_') || (keySpec === 'ECC_NIST_P521' && wrappingKeySpec === 'RSA_2048'))
  ) {
    throw new ValidationException(
      `WrappingAlgorithm ${algorithm} with WrappingKeySpec ${wrappingKeySpec} cannot wrap ${keySpec} key material.`,
    );
  }
}
