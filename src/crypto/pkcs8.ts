// PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958) and the SEC 1 ECPrivateKey inside it
// (RFC 5915), with asn1js. Used for secp256k1, SM2, ML-DSA and ML-KEM key material. Loaded lazily.

import * as asn1js from 'asn1js';
import { algorithmIdentifier, parseAlgorithmIdentifier, type AlgorithmIdentifier } from './spki.ts';

export type Pkcs8 = AlgorithmIdentifier & {
  /** Contents of the privateKey OCTET STRING (an algorithm-specific encoding). */
  privateKey: Uint8Array;
};

/** Encodes PrivateKeyInfo version 0 without attributes. */
export function encodePkcs8(key: Pkcs8): Uint8Array<ArrayBuffer> {
  const node = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      algorithmIdentifier(key),
      new asn1js.OctetString({ valueHex: key.privateKey }),
    ],
  });
  return new Uint8Array(node.toBER(false));
}

/** Parses PrivateKeyInfo (v0) or OneAsymmetricKey (v1, optional attributes and public key are ignored). */
export function parsePkcs8(der: Uint8Array): Pkcs8 | null {
  const root = parseDer(der);
  if (!(root instanceof asn1js.Sequence)) return null;
  const [version, algorithm, privateKey] = root.valueBlock.value;
  if (!(version instanceof asn1js.Integer)) return null;
  const v = version.toBigInt();
  if (v !== 0n && v !== 1n) return null;
  const id = parseAlgorithmIdentifier(algorithm);
  if (id === null || !(privateKey instanceof asn1js.OctetString)) return null;
  return { ...id, privateKey: octets(privateKey) };
}

/** SEC 1 ECPrivateKey: version 1, the scalar as a fixed-length OCTET STRING, optional [0] curve, [1] point. */
export function encodeEcPrivateKey(
  scalar: Uint8Array,
  publicPoint: Uint8Array,
  curveOid?: string,
): Uint8Array<ArrayBuffer> {
  const value: asn1js.AsnType[] = [
    new asn1js.Integer({ value: 1 }),
    new asn1js.OctetString({ valueHex: scalar }),
  ];
  if (curveOid !== undefined) {
    value.push(
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.ObjectIdentifier({ value: curveOid })],
      }),
    );
  }
  value.push(
    new asn1js.Constructed({
      idBlock: { tagClass: 3, tagNumber: 1 },
      value: [new asn1js.BitString({ valueHex: publicPoint, unusedBits: 0 })],
    }),
  );
  return new Uint8Array(new asn1js.Sequence({ value }).toBER(false));
}

export type EcPrivateKey = { scalar: Uint8Array; curveOid?: string; publicPoint?: Uint8Array };

export function parseEcPrivateKey(der: Uint8Array): EcPrivateKey | null {
  const root = parseDer(der);
  if (!(root instanceof asn1js.Sequence)) return null;
  const [version, scalar, ...optional] = root.valueBlock.value;
  if (!(version instanceof asn1js.Integer) || version.toBigInt() !== 1n) return null;
  if (!(scalar instanceof asn1js.OctetString)) return null;
  const out: EcPrivateKey = { scalar: octets(scalar) };
  for (const field of optional) {
    if (
      field.idBlock.tagClass !== 3 ||
      !field.idBlock.isConstructed ||
      !(field instanceof asn1js.Constructed)
    ) {
      return null;
    }
    const [inner] = field.valueBlock.value;
    if (field.idBlock.tagNumber === 0 && inner instanceof asn1js.ObjectIdentifier) {
      out.curveOid = inner.getValue();
    } else if (field.idBlock.tagNumber === 1 && inner instanceof asn1js.BitString) {
      if (inner.valueBlock.unusedBits !== 0) return null;
      out.publicPoint = new Uint8Array(inner.valueBlock.valueHexView);
    } else {
      return null;
    }
  }
  return out;
}

/** Parses one DER/BER element that must span the whole input. */
export function parseDer(der: Uint8Array): asn1js.AsnType | null {
  try {
    const parsed = asn1js.fromBER(der);
    return parsed.offset === der.length && parsed.result.error === '' ? parsed.result : null;
  } catch {
    return null;
  }
}

/** Contents of an OCTET STRING, primitive or (BER) constructed. */
export function octets(node: asn1js.OctetString): Uint8Array<ArrayBuffer> {
  return new Uint8Array(node.getValue());
}
