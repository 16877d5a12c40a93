// Tests for the ASN.1 modules (spki.ts, pkcs8.ts, pq-private-key.ts, ecdsa-der.ts): OIDs, round trips, strict DER.

import { expect, test } from 'vitest';
import { decodeSignature, derToP1363, encodeSignature, p1363ToDer } from './ecdsa-der.ts';
import { OID } from './oids.ts';
import { encodeEcPrivateKey, encodePkcs8, parseEcPrivateKey, parsePkcs8 } from './pkcs8.ts';
import { encodeSeedPrivateKey, parsePqPrivateKey } from './pq-private-key.ts';
import { encodeSpki, parseSpki } from './spki.ts';
import { hex, toHex } from './test-helpers.ts';

test('OIDs encode to the DER bytes of the standards', () => {
  const oidHex = (oid: string): string =>
    toHex(encodeSpki({ algorithm: oid, publicKey: new Uint8Array(0) })).slice(8, -6);
  expect(oidHex(OID.ecPublicKey)).toBe('06072a8648ce3d0201');
  expect(oidHex(OID.secp256k1)).toBe('06052b8104000a');
  expect(oidHex(OID.sm2)).toBe('06082a811ccf5501822d');
  expect(oidHex(OID.ed25519)).toBe('06032b6570');
  expect(oidHex(OID.mlDsa44)).toBe('0609608648016503040311');
  expect(oidHex(OID.mlDsa87)).toBe('0609608648016503040313');
  expect(oidHex(OID.mlKem512)).toBe('0609608648016503040401');
  expect(oidHex(OID.mlKem1024)).toBe('0609608648016503040403');
  expect(oidHex(OID.rsaEncryption)).toBe('06092a864886f70d010101');
});

test('SPKI round trip with curve parameters, NULL parameters and absent parameters', () => {
  for (const parameters of [OID.secp256r1, 'null' as const, undefined]) {
    const spki = { algorithm: OID.ecPublicKey, parameters, publicKey: new Uint8Array([4, 1, 2]) };
    const der = encodeSpki(spki);
    expect(parseSpki(der)).toEqual(spki);
  }
});

test('parseSpki refuses trailing bytes, BER length forms, unused bits and junk', () => {
  const der = encodeSpki({ algorithm: OID.ed25519, publicKey: new Uint8Array(32).fill(7) });
  expect(parseSpki(new Uint8Array([...der, 0]))).toBeNull();
  expect(parseSpki(new Uint8Array([0x30, 0x81, ...der.subarray(1)]))).toBeNull();
  const unusedBits = new Uint8Array(der);
  unusedBits[der.length - 33] = 1;
  expect(parseSpki(unusedBits)).toBeNull();
  expect(parseSpki(new Uint8Array([1, 2, 3]))).toBeNull();
  expect(parseSpki(new Uint8Array(0))).toBeNull();
});

test('PKCS#8 and SEC 1 ECPrivateKey round trip', () => {
  const ec = encodeEcPrivateKey(new Uint8Array(32).fill(1), new Uint8Array([4, 9, 9]), OID.secp256k1);
  expect(parseEcPrivateKey(ec)).toEqual({
    scalar: new Uint8Array(32).fill(1),
    curveOid: OID.secp256k1,
    publicPoint: new Uint8Array([4, 9, 9]),
  });
  const der = encodePkcs8({ algorithm: OID.ecPublicKey, parameters: OID.secp256k1, privateKey: ec });
  expect(parsePkcs8(der)).toEqual({ algorithm: OID.ecPublicKey, parameters: OID.secp256k1, privateKey: ec });
  expect(parsePkcs8(der.subarray(0, der.length - 1))).toBeNull();
  expect(parseEcPrivateKey(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x02]))).toBeNull();
});

test('ML-DSA / ML-KEM private keys: seed form [0], expanded form and both form', () => {
  const seed = new Uint8Array(32).fill(5);
  expect(toHex(encodeSeedPrivateKey(seed))).toBe('8020' + '05'.repeat(32));
  expect(parsePqPrivateKey(encodeSeedPrivateKey(seed))).toEqual({ seed });
  expect(parsePqPrivateKey(hex('0403010203'))).toEqual({ expanded: new Uint8Array([1, 2, 3]) });
  expect(parsePqPrivateKey(hex('300a04020102040401020304'))).toEqual({
    seed: new Uint8Array([1, 2]),
    expanded: new Uint8Array([1, 2, 3, 4]),
  });
  expect(parsePqPrivateKey(hex('a0020400'))).toBeNull();
});

test('ECDSA signatures: DER SEQUENCE of two positive INTEGERs, minimal, from and to r || s', () => {
  const der = encodeSignature(0x80n, 1n);
  expect(toHex(der)).toBe('3007020200800201' + '01');
  expect(decodeSignature(der)).toEqual({ r: 0x80n, s: 1n });
  const raw = new Uint8Array(64);
  raw[0] = 0xff;
  raw[63] = 2;
  expect(toHex(derToP1363(p1363ToDer(raw), 32) ?? new Uint8Array())).toBe(toHex(raw));
  expect(decodeSignature(hex('30080203000080020101'))).toBeNull(); // non-minimal INTEGER
  expect(decodeSignature(hex('3006020180020101'))).toBeNull(); // negative r
  expect(decodeSignature(hex('300602010002010100'))).toBeNull(); // zero r, trailing byte
  expect(derToP1363(encodeSignature(1n << 256n, 1n), 32)).toBeNull(); // r does not fit
});
