// Tests for ciphertext-blob.ts: the version-1 header, written by encodeBlobHeader and read back by parseBlob.
import { expect, test } from 'vitest';
import { concatBytes, encodeBlobHeader, NONCE_BYTES, parseBlob } from './ciphertext-blob.ts';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK_ID = 'mrk-1234abcd12ab34cd56ef1234567890ab';
const MATERIAL_ID = '00112233445566778899aabbccddeeff' + 'ffeeddccbbaa99887766554433221100';
const nonce = () => Uint8Array.from({ length: NONCE_BYTES }, (_, i) => 0xa0 + i);
/** Ciphertext and tag: at least the 16-byte AES-GCM tag. */
const SEALED = Uint8Array.from({ length: 21 }, (_, i) => i);

const blobFor = (keyId: string) =>
  concatBytes(encodeBlobHeader({ keyId, materialId: MATERIAL_ID, nonce: nonce() }), SEALED);

test('writes version, key id length, key id, material id and nonce at their documented offsets', () => {
  const header = encodeBlobHeader({ keyId: KEY_ID, materialId: MATERIAL_ID, nonce: nonce() });
  expect(header.length).toBe(2 + 36 + 32 + 12);
  expect(header[0]).toBe(1);
  expect(header[1]).toBe(36);
  expect(new TextDecoder().decode(header.subarray(2, 38))).toBe(KEY_ID);
  expect(header.subarray(38, 70)).toEqual(Uint8Array.from(MATERIAL_ID.match(/../g)!, (h) => parseInt(h, 16)));
  expect(header.subarray(70)).toEqual(nonce());
});

test('reads back what it wrote, with the header bytes and the sealed part split apart', () => {
  const blob = blobFor(KEY_ID);
  const parsed = parseBlob(blob);
  expect(parsed).toEqual({
    keyId: KEY_ID,
    materialId: MATERIAL_ID,
    nonce: nonce(),
    header: blob.subarray(0, 82),
    sealed: SEALED,
  });
});

test('round-trips a multi-Region key id', () => {
  const parsed = parseBlob(blobFor(MRK_ID));
  expect(parsed?.keyId).toBe(MRK_ID);
  expect(parsed?.materialId).toBe(MATERIAL_ID);
  expect(parsed?.sealed).toEqual(SEALED);
});

test('returns a nonce that does not alias the blob', () => {
  const blob = blobFor(KEY_ID);
  const parsed = parseBlob(blob)!;
  blob[2 + 36 + 32] = 0;
  expect(parsed.nonce).toEqual(nonce());
});

test('rejects an unknown format version', () => {
  const blob = blobFor(KEY_ID);
  blob[0] = 2;
  expect(parseBlob(blob)).toBeUndefined();
  blob[0] = 0;
  expect(parseBlob(blob)).toBeUndefined();
});

test('rejects blobs too short to hold the header and a tag', () => {
  expect(parseBlob(new Uint8Array())).toBeUndefined();
  expect(parseBlob(Uint8Array.of(1))).toBeUndefined();
  const blob = blobFor(KEY_ID);
  const shortest = blob.subarray(0, 82 + 16);
  expect(parseBlob(shortest)?.sealed.length).toBe(16);
  expect(parseBlob(blob.subarray(0, 82 + 15))).toBeUndefined();
});

test('rejects a zero-length key id', () => {
  const blob = new Uint8Array(2 + 32 + 12 + 32);
  blob[0] = 1;
  blob[1] = 0;
  expect(parseBlob(blob)).toBeUndefined();
});

test('rejects a key id length that runs past the end of the blob', () => {
  const blob = blobFor(KEY_ID);
  blob[1] = 255;
  expect(parseBlob(blob)).toBeUndefined();
});

test('rejects bytes whose key id is not a key id, so damage reads as an invalid ciphertext', () => {
  const blob = blobFor(KEY_ID);
  blob[2] = 0xff;
  expect(parseBlob(blob)).toBeUndefined();
  const random = Uint8Array.from({ length: 120 }, (_, i) => (i * 73 + 1) % 256);
  random[0] = 1;
  random[1] = 36;
  expect(parseBlob(random)).toBeUndefined();
});

test('refuses to write a header it could not read back', () => {
  const ok = { keyId: KEY_ID, materialId: MATERIAL_ID, nonce: nonce() };
  expect(() => encodeBlobHeader({ ...ok, keyId: 'alias/x' })).toThrow(RangeError);
  expect(() => encodeBlobHeader({ ...ok, keyId: 'x'.repeat(300) })).toThrow(RangeError);
  expect(() => encodeBlobHeader({ ...ok, materialId: 'abc' })).toThrow(RangeError);
  expect(() => encodeBlobHeader({ ...ok, materialId: MATERIAL_ID.toUpperCase() })).toThrow(RangeError);
  expect(() => encodeBlobHeader({ ...ok, nonce: new Uint8Array(11) })).toThrow(RangeError);
});

test('concatenates two byte arrays', () => {
  expect(concatBytes(Uint8Array.of(1, 2), Uint8Array.of(3))).toEqual(Uint8Array.of(1, 2, 3));
  expect(concatBytes(new Uint8Array(), new Uint8Array())).toEqual(new Uint8Array());
});
