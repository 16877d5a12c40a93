// node:crypto for RSA-OAEP and for signature verification, when running in Node.
//
// Why: Node 22's WebCrypto runs jobs on libuv's thread pool, and a job that fails (an OAEP ciphertext that does not
// decrypt, a signature that does not verify) can leave an error on that thread's OpenSSL error queue. The next
// successful job on the same thread then aborts the whole process (`CipherJob::ToResult: Assertion failed:
// errors->Empty()`), so one bad ciphertext from a test could kill a Vitest worker. node:crypto's synchronous calls
// clear the queue on return, and with every failing operation here the RSA cipher jobs move too. Browsers do not have this problem and keep WebCrypto.
//
// `process.getBuiltinModule` (Node >= 22.3) loads node:crypto without an import statement, so bundlers never see it.
import type * as NodeCrypto from 'node:crypto';
import { latin1 } from './bytes.ts';

type Platform = { process?: { getBuiltinModule?: (id: string) => unknown } };

export const nodeCrypto = (globalThis as Platform).process?.getBuiltinModule?.('node:crypto') as
  typeof NodeCrypto | undefined;

/**
 * Parse a DER key; once more if the first parse fails, because under msw/node a stale error left on the main
 * thread's OpenSSL queue by a mocked TLS session makes the first parse of a valid key fail (see subtle.ts).
 */
function parseKey<T>(parse: () => T): T {
  try {
    return parse();
  } catch {
    return parse();
  }
}

/** 'SHA-256' → 'sha256'. */
const nodeHash = (webCryptoHash: string) => webCryptoHash.replace('-', '').toLowerCase();

export function nodeOaepEncrypt(
  node: typeof NodeCrypto,
  spki: Uint8Array,
  webCryptoHash: string,
  plaintext: Uint8Array,
): Uint8Array {
  const key = parseKey(() => node.createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
  return new Uint8Array(
    node.publicEncrypt(
      { key, padding: node.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: nodeHash(webCryptoHash) },
      plaintext,
    ),
  );
}

export function nodeOaepDecrypt(
  node: typeof NodeCrypto,
  pkcs8: Uint8Array,
  webCryptoHash: string,
  ciphertext: Uint8Array,
): Uint8Array | null {
  try {
    const key = parseKey(() =>
      node.createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }),
    );
    return new Uint8Array(
      node.privateDecrypt(
        { key, padding: node.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: nodeHash(webCryptoHash) },
        ciphertext,
      ),
    );
  } catch {
    return null;
  }
}

export interface NodeVerifyOptions {
  /** WebCrypto hash name ('SHA-256'), or null for Ed25519. */
  hash: string | null;
  padding?: 'pss' | 'pkcs1';
  saltLength?: number;
  dsaEncoding?: 'der' | 'ieee-p1363';
}

/** Parsed public keys by SPKI bytes, most recently used last: parsing one costs more than the verification. */
const publicKeys = new Map<string, NodeCrypto.KeyObject>();
const MAX_PUBLIC_KEYS = 256;

function publicKey(node: typeof NodeCrypto, spki: Uint8Array): NodeCrypto.KeyObject {
  const id = latin1(spki);
  let key = publicKeys.get(id);
  if (key) publicKeys.delete(id);
  else key = parseKey(() => node.createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
  publicKeys.set(id, key);
  if (publicKeys.size > MAX_PUBLIC_KEYS) publicKeys.delete(publicKeys.keys().next().value!);
  return key;
}

export function nodeVerify(
  node: typeof NodeCrypto,
  spki: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  options: NodeVerifyOptions,
): boolean {
  try {
    const key = publicKey(node, spki);
    const padding =
      options.padding === 'pss'
        ? node.constants.RSA_PKCS1_PSS_PADDING
        : options.padding === 'pkcs1'
          ? node.constants.RSA_PKCS1_PADDING
          : undefined;
    return node.verify(
      options.hash === null ? null : nodeHash(options.hash),
      message,
      { key, padding, saltLength: options.saltLength, dsaEncoding: options.dsaEncoding },
      signature,
    );
  } catch {
    return false;
  }
}
