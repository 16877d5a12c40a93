// The privateKey contents of ML-DSA (RFC 9881) and ML-KEM (RFC 9935) PKCS#8 keys, a CHOICE of
//   seed        [0] IMPLICIT OCTET STRING   (ML-DSA: 32-byte ξ; ML-KEM: 64-byte d || z)
//   expandedKey OCTET STRING                (the FIPS 204 / FIPS 203 expanded private key)
//   both        SEQUENCE { seed OCTET STRING, expandedKey OCTET STRING }
// kmsw always writes the seed form (smallest, and the expanded key is derived deterministically from it);
// all three forms are read. Loaded lazily.

import * as asn1js from 'asn1js';
import { octets, parseDer } from './pkcs8.ts';

export type PqPrivateKey = { seed?: Uint8Array; expanded?: Uint8Array };

export function encodeSeedPrivateKey(seed: Uint8Array): Uint8Array<ArrayBuffer> {
  const node = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: seed });
  return new Uint8Array(node.toBER(false));
}

export function parsePqPrivateKey(der: Uint8Array): PqPrivateKey | null {
  const node = parseDer(der);
  if (node === null) return null;
  if (node.idBlock.tagClass === 3 && node.idBlock.tagNumber === 0 && !node.idBlock.isConstructed) {
    return { seed: new Uint8Array((node as asn1js.Primitive).valueBlock.valueHexView) };
  }
  if (node instanceof asn1js.OctetString) return { expanded: octets(node) };
  if (node instanceof asn1js.Sequence) {
    const [seed, expanded, extra] = node.valueBlock.value;
    if (seed instanceof asn1js.OctetString && expanded instanceof asn1js.OctetString && extra === undefined) {
      return { seed: octets(seed), expanded: octets(expanded) };
    }
  }
  return null;
}
