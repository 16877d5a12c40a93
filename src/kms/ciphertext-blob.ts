/**
 * The ciphertext blob of symmetric encryption (Encrypt, GenerateDataKey*, ReEncrypt, data-key-pair private keys).
 *
 * Layout (format version 1), all of the header authenticated as AES-GCM additional data together with the
 * canonical encryption context:
 *   0        u8   format version (1)
 *   1        u8   key id length n (36: a UUID or `mrk-` + 32 hex)
 *   2        n    key id, ASCII
 *   2+n      32   key material id (the 64-hex KeyMaterialId as bytes)
 *   34+n     12   AES-GCM nonce, fresh for every encryption
 *   46+n     ..   AES-256-GCM ciphertext followed by its 16-byte tag
 * The key's region and account are not in the blob: as in AWS, a blob decrypts only where its key is found.
 */
import { isKeyId } from './arn.ts';

const FORMAT_VERSION = 1;
const MATERIAL_ID_BYTES = 32;
export const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ascii = new TextEncoder();
const asciiDecoder = new TextDecoder();

export interface BlobHeader {
  keyId: string;
  /** 64 lower-case hex characters. */
  materialId: string;
  nonce: Uint8Array;
}

export interface ParsedBlob extends BlobHeader {
  /** The header bytes, authenticated as additional data. */
  header: Uint8Array;
  sealed: Uint8Array;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * The header before the nonce (version, key id, material id) is the same for every ciphertext of one key material:
 * it is built and checked once per material, then copied. At most MAX_HEADER_PREFIXES are kept (then it starts over).
 */
const headerPrefixes = new Map<string, Uint8Array>();
const MAX_HEADER_PREFIXES = 1000;

function headerPrefix(keyId: string, materialId: string): Uint8Array {
  const cacheKey = `${keyId} ${materialId}`;
  let prefix = headerPrefixes.get(cacheKey);
  if (prefix) return prefix;
  if (!isKeyId(keyId)) throw new RangeError(`not a key id: ${keyId}`);
  if (!/^[0-9a-f]{64}$/.test(materialId)) throw new RangeError(`not a key material id: ${materialId}`);
  const id = ascii.encode(keyId);
  prefix = new Uint8Array(2 + id.length + MATERIAL_ID_BYTES);
  prefix[0] = FORMAT_VERSION;
  prefix[1] = id.length;
  prefix.set(id, 2);
  prefix.set(hexToBytes(materialId), 2 + id.length);
  if (headerPrefixes.size >= MAX_HEADER_PREFIXES) headerPrefixes.clear();
  headerPrefixes.set(cacheKey, prefix);
  return prefix;
}

/** The header, followed in the same buffer by `trailing` (the additional data is the header and the context). */
export function encodeBlobHeader(
  { keyId, materialId, nonce }: BlobHeader,
  trailing: Uint8Array = new Uint8Array(0),
): Uint8Array {
  if (nonce.length !== NONCE_BYTES) throw new RangeError(`the nonce must be ${NONCE_BYTES} bytes`);
  const prefix = headerPrefix(keyId, materialId);
  const out = new Uint8Array(prefix.length + NONCE_BYTES + trailing.length);
  out.set(prefix);
  out.set(nonce, prefix.length);
  out.set(trailing, prefix.length + NONCE_BYTES);
  return out;
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The parsed blob, or undefined when the bytes cannot be a kmsw ciphertext (→ InvalidCiphertextException). */
export function parseBlob(blob: Uint8Array): ParsedBlob | undefined {
  if (blob.length < 2 || blob[0] !== FORMAT_VERSION) return undefined;
  const n = blob[1]!;
  const headerLength = 2 + n + MATERIAL_ID_BYTES + NONCE_BYTES;
  if (n === 0 || blob.length < headerLength + TAG_BYTES) return undefined;
  const keyId = asciiDecoder.decode(blob.subarray(2, 2 + n));
  // Damaged or foreign bytes must read as an invalid ciphertext, not as a lookup of a nonsense key id.
  if (!isKeyId(keyId)) return undefined;
  return {
    keyId,
    materialId: bytesToHex(blob.subarray(2 + n, 2 + n + MATERIAL_ID_BYTES)),
    nonce: blob.slice(2 + n + MATERIAL_ID_BYTES, headerLength),
    header: blob.subarray(0, headerLength),
    sealed: blob.subarray(headerLength),
  };
}
