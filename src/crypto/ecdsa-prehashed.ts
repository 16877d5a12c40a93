// ECDSA over a caller-supplied digest (MessageType DIGEST) on the NIST curves with @noble/curves
// (prehash: false), since WebCrypto always hashes. Randomised nonces (hedged RFC 6979), no low-S
// normalisation (AWS does not normalise). Signatures are r || s here; ecc.ts converts to DER. Lazy.

import { p256, p384, p521 } from '@noble/curves/nist.js';
import type { NistCurveKeySpec } from './specs.ts';

function curve(spec: NistCurveKeySpec): typeof p256 {
  switch (spec) {
    case 'ECC_NIST_P256':
      return p256;
    case 'ECC_NIST_P384':
      return p384;
    case 'ECC_NIST_P521':
      return p521;
  }
}

export function signPrehashed(spec: NistCurveKeySpec, scalar: Uint8Array, digest: Uint8Array): Uint8Array {
  return curve(spec).sign(digest, scalar, {
    prehash: false,
    lowS: false,
    extraEntropy: true,
    format: 'compact',
  });
}

export function verifyPrehashed(
  spec: NistCurveKeySpec,
  point: Uint8Array,
  digest: Uint8Array,
  rawSignature: Uint8Array,
): boolean {
  try {
    return curve(spec).verify(rawSignature, digest, point, {
      prehash: false,
      lowS: false,
      format: 'compact',
    });
  } catch {
    return false;
  }
}
