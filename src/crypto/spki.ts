// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) encoding and strict DER parsing with asn1js.
// Used for the key specs that WebCrypto does not handle (secp256k1, SM2, ML-DSA, ML-KEM) and for checking
// algorithm identifiers of peer keys. Loaded lazily: only asymmetric non-WebCrypto paths need it.

import * as asn1js from 'asn1js';
import { equalBytes } from './bytes.ts';

export type AlgorithmIdentifier = {
  algorithm: string;
  /** Named-curve OID for id-ecPublicKey, 'null' for an explicit ASN.1 NULL, undefined when absent. */
  parameters?: string | 'null';
};

export type Spki = AlgorithmIdentifier & { publicKey: Uint8Array };

export function algorithmIdentifier(id: AlgorithmIdentifier): asn1js.Sequence {
  const value: asn1js.AsnType[] = [new asn1js.ObjectIdentifier({ value: id.algorithm })];
  if (id.parameters === 'null') value.push(new asn1js.Null());
  else if (id.parameters !== undefined) value.push(new asn1js.ObjectIdentifier({ value: id.parameters }));
  return new asn1js.Sequence({ value });
}

export function parseAlgorithmIdentifier(node: asn1js.AsnType | undefined): AlgorithmIdentifier | null {
  if (!(node instanceof asn1js.Sequence)) return null;
  const [algorithm, parameters, extra] = node.valueBlock.value;
  if (!(algorithm instanceof asn1js.ObjectIdentifier) || extra !== undefined) return null;
  if (parameters === undefined) return { algorithm: algorithm.getValue() };
  if (parameters instanceof asn1js.Null) return { algorithm: algorithm.getValue(), parameters: 'null' };
  if (parameters instanceof asn1js.ObjectIdentifier) {
    return { algorithm: algorithm.getValue(), parameters: parameters.getValue() };
  }
  return null;
}

export function encodeSpki(spki: Spki): Uint8Array<ArrayBuffer> {
  const node = new asn1js.Sequence({
    value: [algorithmIdentifier(spki), new asn1js.BitString({ valueHex: spki.publicKey, unusedBits: 0 })],
  });
  return new Uint8Array(node.toBER(false));
}

/** Parses a DER SPKI; returns null unless the input is exactly the canonical DER encoding. */
export function parseSpki(der: Uint8Array): Spki | null {
  let parsed: asn1js.FromBerResult;
  try {
    parsed = asn1js.fromBER(der);
  } catch {
    return null;
  }
  if (parsed.offset !== der.length || !(parsed.result instanceof asn1js.Sequence)) return null;
  const [algorithm, key, extra] = parsed.result.valueBlock.value;
  const id = parseAlgorithmIdentifier(algorithm);
  if (id === null || extra !== undefined) return null;
  if (!(key instanceof asn1js.BitString) || key.valueBlock.unusedBits !== 0 || key.idBlock.isConstructed) {
    return null;
  }
  const spki: Spki = { ...id, publicKey: new Uint8Array(key.valueBlock.valueHexView) };
  // Re-encode and compare: rejects BER variants, trailing data and other non-canonical forms.
  return equalBytes(encodeSpki(spki), der) ? spki : null;
}
